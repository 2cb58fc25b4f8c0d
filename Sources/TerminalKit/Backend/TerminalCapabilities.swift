/// What a terminal can show and report, decided once when the backend starts.
public struct TerminalCapabilities: Sendable, Hashable {
    /// Colors available (`.monochrome` under `NO_COLOR`, `--no-color` or on a vt100).
    public var colors: ColorSupport
    /// Whether box drawing, block elements ("▀") and "…" can be shown: a UTF-8 locale
    /// and a terminal that is not a vt-series one.
    public var unicode: Bool
    /// Whether mouse reports are enabled.
    public var mouse: Bool
    /// Whether the terminal is known to show OSC 8 hyperlinks (links in the
    /// buffer are then sent as such; elsewhere they stay plain text).
    public var hyperlinks: Bool
    /// Whether the terminal is known to let programs set the clipboard with
    /// OSC 52.
    public var clipboard: Bool

    public init(
        colors: ColorSupport = .xterm256, unicode: Bool = true, mouse: Bool = true, hyperlinks: Bool = false,
        clipboard: Bool = false
    ) {
        self.colors = colors
        self.unicode = unicode
        self.mouse = mouse
        self.hyperlinks = hyperlinks
        self.clipboard = clipboard
    }

    /// A modern terminal: 256 colors, Unicode, mouse.
    public static let xterm256 = TerminalCapabilities()
    /// A vt100: no color, ASCII only, no mouse.
    public static let vt100 = TerminalCapabilities(colors: .monochrome, unicode: false, mouse: false)

    /// The glyphs widgets should draw with.
    public var glyphs: Glyphs { unicode ? .unicode : .ascii }
}
