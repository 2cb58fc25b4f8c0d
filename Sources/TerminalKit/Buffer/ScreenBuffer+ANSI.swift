/// A buffer as text with ANSI SGR sequences: what a terminal would show,
/// colors and attributes included, for `--snapshot-ansi` and tickets.
extension ScreenBuffer {
    /// Each row with an SGR sequence wherever the style changes and a reset
    /// at its end; trailing plain spaces trimmed.
    public func ansiLines() -> [String] {
        (0..<size.height).map { y in
            var end = size.width
            while end > 0, self[end - 1, y].character == " ", self[end - 1, y].style == .plain { end -= 1 }
            var line = ""
            var current = Style.plain
            for x in 0..<end where !self[x, y].isContinuation {
                let cell = self[x, y]
                if cell.style != current {
                    line += ScreenBuffer.sgr(cell.style)
                    current = cell.style
                }
                line.append(cell.character)
            }
            if current != .plain { line += "\u{1B}[0m" }
            return line
        }
    }

    /// The SGR sequence that sets exactly `style` (starting from a reset).
    static func sgr(_ style: Style) -> String {
        var codes = ["0"]
        let attributeCodes: [(TextAttributes, String)] = [
            (.bold, "1"), (.dim, "2"), (.italic, "3"), (.underline, "4"), (.blink, "5"), (.reverse, "7"),
        ]
        for (attribute, code) in attributeCodes where style.attributes.contains(attribute) { codes.append(code) }
        if let fg = colorCode(style.foreground, background: false) { codes.append(fg) }
        if let bg = colorCode(style.background, background: true) { codes.append(bg) }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    static func colorCode(_ color: Color, background: Bool) -> String? {
        let named: [Color] = [.black, .red, .green, .yellow, .blue, .magenta, .cyan, .white]
        let bright: [Color] = [
            .brightBlack, .brightRed, .brightGreen, .brightYellow, .brightBlue, .brightMagenta, .brightCyan,
            .brightWhite,
        ]
        if let i = named.firstIndex(of: color) { return "\((background ? 40 : 30) + i)" }
        if let i = bright.firstIndex(of: color) { return "\((background ? 100 : 90) + i)" }
        switch color {
        case .default: return nil
        case .indexed(let n): return "\(background ? 48 : 38);5;\(n)"
        case .rgb(let r, let g, let b): return "\(background ? 48 : 38);2;\(r);\(g);\(b)"
        default: return nil
        }
    }
}
