import TerminalKit

/// Deciding colour and Unicode support (pure, testable without a terminal).
extension NCursesBackend {
    /// The colour support to use: none when disabled by option or by `NO_COLOR` (set and
    /// non-empty, see no-color.org), or when the terminal has no colours.
    static func colorSupport(mode: Options.ColorMode, noColor: String?, hasColors: Bool, colorCount: Int) -> ColorSupport {
        if mode == .disabled { return .monochrome }
        if let noColor, !noColor.isEmpty { return .monochrome }
        guard hasColors else { return .monochrome }
        // Asked before start_color() the count is unknown: assume the basic eight.
        return colorCount == 0 ? .ansi8 : ColorSupport(colorCount: colorCount)
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
