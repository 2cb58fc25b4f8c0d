/// Text wrapped to the width of its region, scrolled by whole lines.
public struct Paragraph: Sendable, Hashable {
    public var text: String
    public var style: Style
    /// Wrapped lines skipped at the top.
    public var scroll: Int
    public var alignment: TextAlignment

    public init(_ text: String, style: Style = .plain, scroll: Int = 0, alignment: TextAlignment = .left) {
        self.text = text
        self.style = style
        self.scroll = scroll
        self.alignment = alignment
    }

    /// The text wrapped to `width` cells (see `TextWidth.wrap`).
    public func lines(width: Int) -> [String] {
        TextWidth.wrap(text, width: width)
    }

    /// How many lines the text takes at `width`: the basis for scroll limits.
    public func lineCount(width: Int) -> Int {
        lines(width: width).count
    }

    /// The largest useful scroll for a region of `size`.
    public func maxScroll(in size: Size) -> Int {
        max(0, lineCount(width: size.width) - size.height)
    }

    /// Draws the visible lines in `area` (the scroll is clamped to the text).
    public func render(in area: Rect, buffer: inout ScreenBuffer) {
        guard !area.isEmpty else { return }
        let wrapped = lines(width: area.width)
        let first = min(max(0, scroll), max(0, wrapped.count - 1))
        for (row, line) in wrapped.dropFirst(first).prefix(area.height).enumerated() {
            let shown = alignment == .left ? line : TextWidth.pad(line, toWidth: area.width, alignment: alignment)
            buffer.put(shown, at: Point(x: area.x, y: area.y + row), style: style, maxWidth: area.width)
        }
    }
}
