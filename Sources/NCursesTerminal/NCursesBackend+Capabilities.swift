import TerminalKit

/// Deciding locale, colour and Unicode support (pure, testable without a terminal).
extension NCursesBackend {
    /// The locale to set: "" (the environment's) when the environment names one,
    /// otherwise "C.UTF-8".
    static func locale(environment: [String: String]) -> String {
        let named = ["LC_ALL", "LC_CTYPE", "LANG"].contains { !(environment[$0] ?? "").isEmpty }
        return named ? "" : "C.UTF-8"
    }

    /// Whether colour may be used: not when disabled by option (`--no-color`) or by
    /// `NO_COLOR` set and non-empty (see no-color.org). ncurses itself ignores `NO_COLOR`.
    static func colorAllowed(mode: Options.ColorMode, noColor: String?) -> Bool {
        mode != .disabled && (noColor ?? "").isEmpty
    }

    /// Whether box drawing and other non-ASCII glyphs can be shown: a UTF-8 locale and
    /// a terminal that is not a vt-series one (or "dumb").
    static func unicodeLikely(codeset: String, terminalType: String) -> Bool {
        let normalized = codeset.uppercased().replacingOccurrences(of: "-", with: "")
        guard normalized == "UTF8" else { return false }
        let type = terminalType.lowercased()
        return !(type.hasPrefix("vt") || type == "dumb" || type.isEmpty)
    }
}
