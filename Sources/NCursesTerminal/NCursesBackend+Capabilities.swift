import TerminalKit

/// Deciding locale, color and Unicode support (pure, testable without a terminal).
extension NCursesBackend {
    /// The locale to set: "" (the environment's) when the environment names one,
    /// otherwise "C.UTF-8".
    static func locale(environment: [String: String]) -> String {
        let named = ["LC_ALL", "LC_CTYPE", "LANG"].contains { !(environment[$0] ?? "").isEmpty }
        return named ? "" : "C.UTF-8"
    }

    /// Whether color may be used: not when disabled by option (`--no-color`) or by
    /// `NO_COLOR` set and non-empty (see no-color.org). ncurses itself ignores `NO_COLOR`.
    static func colorAllowed(mode: Options.ColorMode, noColor: String?) -> Bool {
        mode != .disabled && (noColor ?? "").isEmpty
    }

    /// Whether box drawing and other non-ASCII glyphs can be shown: a UTF-8 locale and
    /// a terminal that is not a vt-series one (or "dumb").
    static func unicodeLikely(codeset: String, terminalType: String) -> Bool {
        // (`filter`, not Foundation's `replacingOccurrences`: that one bridges to
        // NSString, a measurable part of the start before the first frame.)
        let normalized = codeset.uppercased().filter { $0 != "-" }
        guard normalized == "UTF8" else { return false }
        let type = terminalType.lowercased()
        return !(type.hasPrefix("vt") || type == "dumb" || type.isEmpty)
    }

    /// Whether the terminal shows OSC 8 hyperlinks, from what the environment
    /// says it is (terminals that do not know OSC 8 mostly ignore it, but some
    /// print it, and a multiplexer may drop it): `XPRESSIONS_HYPERLINKS=1` or
    /// `0` decides; inside tmux only tmux 3.4 and later (`TERM_PROGRAM_VERSION`)
    /// pass them on, GNU screen never; otherwise kitty, WezTerm, iTerm2,
    /// VS Code, Ghostty, Rio, foot, Alacritty, Windows Terminal, Konsole
    /// 20.12 and later, and VTE 0.50 and later (GNOME Terminal, Tilix…).
    static func hyperlinksLikely(environment env: [String: String]) -> Bool {
        if let forced = flag(env["XPRESSIONS_HYPERLINKS"]) { return forced }
        let term = env["TERM"] ?? ""
        if term.isEmpty || term == "dumb" || term == "linux" || term.hasPrefix("vt") { return false }
        if let tmux = env["TMUX"], !tmux.isEmpty {
            guard env["TERM_PROGRAM"] == "tmux", let version = version(env["TERM_PROGRAM_VERSION"]) else {
                return false
            }
            return version >= (3, 4)
        }
        if term.hasPrefix("screen") { return false }
        if knownTerminal(env, ["iTerm.app", "vscode", "ghostty", "rio"]) { return true }
        if let vte = Int(env["VTE_VERSION"] ?? ""), vte >= 5000 { return true }
        if let konsole = Int(env["KONSOLE_VERSION"] ?? ""), konsole >= 201_200 { return true }
        return false
    }

    /// Whether the terminal lets a program set the clipboard with OSC 52:
    /// `XPRESSIONS_CLIPBOARD=1` or `0` decides; never inside tmux (its
    /// default `set-clipboard external` ignores programs) or GNU screen; yes
    /// in kitty, WezTerm, Ghostty, Rio, foot, Alacritty and Windows Terminal,
    /// which allow it by default. iTerm2, xterm and VTE terminals do not by
    /// default (or cannot), so the app says so instead.
    static func clipboardLikely(environment env: [String: String]) -> Bool {
        if let forced = flag(env["XPRESSIONS_CLIPBOARD"]) { return forced }
        let term = env["TERM"] ?? ""
        if term.isEmpty || term == "dumb" || term == "linux" || term.hasPrefix("vt") { return false }
        if let tmux = env["TMUX"], !tmux.isEmpty { return false }
        if term.hasPrefix("screen") { return false }
        return knownTerminal(env, ["ghostty", "rio"])
    }

    /// kitty, WezTerm, foot, Alacritty and Windows Terminal (which both
    /// features share), or a `TERM_PROGRAM` among `programs`.
    private static func knownTerminal(_ env: [String: String], _ programs: [String]) -> Bool {
        let term = env["TERM"] ?? ""
        if env["KITTY_WINDOW_ID"] != nil || term == "xterm-kitty" { return true }
        if env["WEZTERM_PANE"] != nil || env["TERM_PROGRAM"] == "WezTerm" { return true }
        if term.hasPrefix("foot") || term == "alacritty" || env["ALACRITTY_WINDOW_ID"] != nil { return true }
        if env["WT_SESSION"] != nil { return true }
        if term == "xterm-ghostty" { return true }
        return programs.contains(env["TERM_PROGRAM"] ?? "")
    }

    /// "1"/"yes"/"on" → true, "0"/"no"/"off" → false, else nil.
    private static func flag(_ value: String?) -> Bool? {
        switch value?.lowercased() {
        case "1", "yes", "on", "true": return true
        case "0", "no", "off", "false": return false
        default: return nil
        }
    }

    /// "3.4" or "3.3a" → (3, 4) / (3, 3); "next-3.5" → (3, 5).
    static func version(_ text: String?) -> (Int, Int)? {
        guard let text else { return nil }
        let digits = text.drop { !$0.isNumber }
        let parts = digits.split(separator: ".").prefix(2).map { Int($0.prefix { $0.isNumber }) }
        guard parts.count == 2, let major = parts[0], let minor = parts[1] else { return nil }
        return (major, minor)
    }
}
