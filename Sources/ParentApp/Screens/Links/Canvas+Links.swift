import TerminalKit

extension Canvas {
    /// Marks `width` cells from (`x`, `y`), already drawn, as a link to
    /// `url`: in the link style laid over them, and a hyperlink (OSC 8) where
    /// the terminal shows them.
    mutating func link(_ url: String, x: Int, y: Int, width: Int) {
        guard width > 0 else { return }
        buffer.patchStyle(in: Rect(x: x, y: y, width: width, height: 1), with: theme.style(.link))
        buffer.addLink(url, row: y, columns: x..<(x + width))
    }
}
