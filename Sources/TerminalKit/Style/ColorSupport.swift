/// How many colours a terminal can show (or may show: `NO_COLOR` and `--no-color`
/// make a colour terminal `.monochrome`). Ordered from least to most.
public enum ColorSupport: Int, Sendable, Hashable, Comparable, CaseIterable {
    /// No colour: only attributes (bold, underline, reverse...). `TERM=vt100`, `NO_COLOR`.
    case monochrome = 0
    /// The 8 basic ANSI colours.
    case ansi8 = 8
    /// The 8 basic colours and their bright variants.
    case ansi16 = 16
    /// The xterm 256-colour palette.
    case xterm256 = 256

    /// The support matching a terminal's colour count (terminfo `colors`).
    public init(colorCount: Int) {
        switch colorCount {
        case 256...: self = .xterm256
        case 16..<256: self = .ansi16
        case 8..<16: self = .ansi8
        default: self = .monochrome
        }
    }

    /// Whether any colour can be shown.
    public var hasColor: Bool { self != .monochrome }

    public static func < (lhs: ColorSupport, rhs: ColorSupport) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
