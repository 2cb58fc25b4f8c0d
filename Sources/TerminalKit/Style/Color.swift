/// A terminal color.
///
/// The 16 named colors are whatever the user's terminal theme makes them;
/// `.indexed` addresses the xterm 256-color palette and `.rgb` asks for a true color
/// that a backend maps to the nearest color it can show (see `Color+Palette.swift`).
public enum Color: Sendable, Hashable {
    /// The terminal's own foreground or background.
    case `default`
    case black, red, green, yellow, blue, magenta, cyan, white
    case brightBlack, brightRed, brightGreen, brightYellow
    case brightBlue, brightMagenta, brightCyan, brightWhite
    /// An entry of the xterm 256-color palette: 0-15 the named colors, 16-231 a
    /// 6×6×6 cube, 232-255 a grey ramp.
    case indexed(UInt8)
    /// A true color; backends show the nearest palette entry.
    case rgb(UInt8, UInt8, UInt8)
}
