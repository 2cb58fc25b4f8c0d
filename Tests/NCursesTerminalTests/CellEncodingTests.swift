import Glibc
import Testing

@testable import NCursesTerminal

/// What the backend sends for each cell so that ncurses, the C library and the
/// terminal agree on its width.
@Suite struct CellEncodingTests {
    init() {
        // wcwidth needs a UTF-8 locale, as the backend sets up with setlocale(LC_CTYPE, "").
        setlocale(LC_CTYPE, "C.UTF-8")
    }

    @Test func plainAndWideCharactersPassThrough() {
        #expect(NCursesBackend.terminalScalars(for: "a", width: 1) == ([0x61], 0))
        #expect(NCursesBackend.terminalScalars(for: "日", width: 2) == ([0x65E5], 0))
        #expect(NCursesBackend.terminalScalars(for: "😀", width: 2) == ([0x1F600], 0))
        #expect(NCursesBackend.terminalScalars(for: "é", width: 1) == ([0xE9], 0))
    }

    @Test func combiningMarksAreKept() {
        #expect(NCursesBackend.terminalScalars(for: "e\u{301}", width: 1) == ([0x65, 0x301], 0))
        #expect(
            NCursesBackend.terminalScalars(for: "a\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}", width: 1).scalars.count
                == 5,
            "at most CCHARW_MAX characters")
    }

    @Test func sequencesTerminalsDisagreeOnAreReducedToTheirFirstScalar() {
        // Heart + VS16: TextWidth says 2, wcwidth says 1 for the heart: heart and a space.
        #expect(NCursesBackend.terminalScalars(for: "❤️", width: 2) == ([0x2764], 1))
        // A ZWJ family: the first person only.
        #expect(NCursesBackend.terminalScalars(for: "👨‍👩‍👧", width: 2) == ([0x1F468], 0))
        // Skin tone modifier dropped.
        #expect(NCursesBackend.terminalScalars(for: "👍🏽", width: 2) == ([0x1F44D], 0))
    }
}
