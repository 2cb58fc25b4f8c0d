import Testing

@testable import NCursesTerminal

/// What a user reads when the terminal cannot be used: what to do, and
/// no empty quotes for an unset TERM.
@Suite struct NCursesErrorTests {
    @Test func anUnsetTermSaysSoAndWhatToDo() {
        #expect(
            NCursesError.unknownTerminal("").description
                == "TERM is not set, so the terminal's type is not known; set it to your terminal (for example TERM=xterm-256color)"
        )
        #expect(NCursesError.unknownTerminal("vt999").description.hasPrefix("unknown terminal type \"vt999\""))
        #expect(NCursesError.unknownTerminal("vt999").description.contains("set TERM to your terminal"))
    }
}
