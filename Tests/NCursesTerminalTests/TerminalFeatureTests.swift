import TerminalKit
import Testing

@testable import NCursesTerminal

/// Which terminals get OSC 8 hyperlinks and OSC 52 clipboard writes,
/// decided from the environment (pure).
@Suite struct TerminalFeatureTests {
    func links(_ env: [String: String]) -> Bool { NCursesBackend.hyperlinksLikely(environment: env) }
    func clipboard(_ env: [String: String]) -> Bool { NCursesBackend.clipboardLikely(environment: env) }

    @Test func hyperlinks() {
        #expect(links(["TERM": "xterm-kitty"]))
        #expect(links(["TERM": "xterm-256color", "TERM_PROGRAM": "WezTerm"]))
        #expect(links(["TERM": "xterm-256color", "TERM_PROGRAM": "iTerm.app"]))
        #expect(links(["TERM": "xterm-256color", "VTE_VERSION": "7200"]))
        #expect(!links(["TERM": "xterm-256color", "VTE_VERSION": "4800"]), "VTE before 0.50")
        #expect(links(["TERM": "foot"]))
        #expect(links(["TERM": "xterm-256color", "WT_SESSION": "x"]))
        #expect(links(["TERM": "xterm-256color", "KONSOLE_VERSION": "230401"]))
        #expect(!links(["TERM": "xterm-256color"]), "plain xterm: not known")
        #expect(!links(["TERM": "xterm-256color", "XTERM_VERSION": "XTerm(379)"]))
        // Multiplexers decide, whatever the terminal outside says.
        #expect(
            links([
                "TERM": "tmux-256color", "TMUX": "/tmp/t,1,0", "TERM_PROGRAM": "tmux", "TERM_PROGRAM_VERSION": "3.4",
                "KITTY_WINDOW_ID": "1",
            ]))
        #expect(
            links([
                "TERM": "tmux-256color", "TMUX": "/tmp/t,1,0", "TERM_PROGRAM": "tmux",
                "TERM_PROGRAM_VERSION": "next-3.5",
            ]))
        #expect(
            !links([
                "TERM": "screen-256color", "TMUX": "/tmp/t,1,0", "TERM_PROGRAM": "tmux", "TERM_PROGRAM_VERSION": "3.3a",
                "KITTY_WINDOW_ID": "1",
            ]))
        #expect(!links(["TERM": "screen-256color", "TMUX": "/tmp/t,1,0"]))
        #expect(!links(["TERM": "screen.xterm-256color", "KITTY_WINDOW_ID": "1"]), "GNU screen")
        #expect(!links(["TERM": "vt100", "KITTY_WINDOW_ID": "1"]))
        #expect(!links(["TERM": "linux"]))
        // The user decides over the guess.
        #expect(links(["TERM": "xterm-256color", "XPRESSIONS_HYPERLINKS": "1"]))
        #expect(!links(["TERM": "xterm-kitty", "XPRESSIONS_HYPERLINKS": "0"]))
    }

    @Test func clipboardWrites() {
        #expect(clipboard(["TERM": "xterm-kitty"]))
        #expect(clipboard(["TERM": "alacritty"]))
        #expect(clipboard(["TERM": "foot-extra"]))
        #expect(clipboard(["TERM": "xterm-256color", "WEZTERM_PANE": "0"]))
        #expect(clipboard(["TERM": "xterm-ghostty"]))
        #expect(
            !clipboard(["TERM": "xterm-256color", "TERM_PROGRAM": "iTerm.app"]), "iTerm2 asks for a preference first")
        #expect(!clipboard(["TERM": "xterm-256color", "VTE_VERSION": "7200"]), "VTE has no OSC 52")
        #expect(
            !clipboard(["TERM": "tmux-256color", "TMUX": "/tmp/t,1,0", "KITTY_WINDOW_ID": "1"]),
            "tmux ignores programs' OSC 52 by default")
        #expect(!clipboard(["TERM": "xterm-256color"]))
        #expect(clipboard(["TERM": "xterm-256color", "XPRESSIONS_CLIPBOARD": "yes"]))
        #expect(!clipboard(["TERM": "xterm-kitty", "XPRESSIONS_CLIPBOARD": "off"]))
    }

    @Test func theRenditionOfALinkIsNcursesOwn() {
        #expect(
            NCursesBackend.sgr(Style(foreground: .cyan, attributes: .underline), colors: .xterm256, defaultColors: true)
                == "\u{1B}[0;4;36m")
        #expect(
            NCursesBackend.sgr(
                Style(foreground: .indexed(12), background: .indexed(200)), colors: .xterm256, defaultColors: true)
                == "\u{1B}[0;94;48;5;200m")
        #expect(
            NCursesBackend.sgr(Style(attributes: [.bold, .reverse]), colors: .monochrome, defaultColors: false)
                == "\u{1B}[0;1;7m")
        #expect(
            NCursesBackend.sgr(Style(), colors: .xterm256, defaultColors: false) == "\u{1B}[0;37;40m",
            "the stand-ins ncurses uses without default colors")
        #expect(NCursesBackend.uri("https://a.b/é\u{1B}]") == "https://a.b/%C3%A9%1B]")
    }
}
