/// How many colors a terminal can show (or may show: `NO_COLOR` and `--no-color`
/// make a color terminal `.monochrome`). Ordered from least to most.
public enum ColorSupport: Int, Sendable, Hashable, Comparable, CaseIterable {
    /// No color: only attributes (bold, underline, reverse...). `TERM=vt100`, `NO_COLOR`.
    case monochrome = 0
    /// The 8 basic ANSI colors.
    case ansi8 = 8
    /// The 8 basic colors and their bright variants.
    case ansi16 = 16
    /// The xterm 256-color palette.
    case xterm256 = 256

    /// The support matching a terminal's color count (terminfo `colors`).
    public init(colorCount: Int) {
        switch colorCount {
        case 256...: self = .xterm256
        case 16..<256: self = .ansi16
        case 8..<16: self = .ansi8
        default: self = .monochrome
        }
    }

    /// Whether any color can be shown.
    public var hasColor: Bool { self != .monochrome }

    public static func < (lhs: ColorSupport, rhs: ColorSupport) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
