/// A border around a region, with an optional title in the top edge:
///
///     ┌─ Messages ─────┐
///     │                │
///     └────────────────┘
///
/// With `Glyphs.ascii` the border is drawn from `+-|`.
public struct Box: Sendable, Hashable {
    public var title: String?
    public var borderStyle: Style
    public var titleStyle: Style
    public var glyphs: Glyphs

    public init(
        title: String? = nil, borderStyle: Style = .plain, titleStyle: Style = .plain, glyphs: Glyphs = .unicode
    ) {
        self.title = title
        self.borderStyle = borderStyle
        self.titleStyle = titleStyle
        self.glyphs = glyphs
    }

    /// The region inside the border of a box drawn in `area`.
    public static func inner(of area: Rect) -> Rect {
        area.inset(by: 1)
    }

    /// Draws the border (and title) along the edges of `area`; returns the inner region.
    /// The inside is left as it was. An area smaller than 2×2 gets no border.
    @discardableResult
    public func render(in area: Rect, buffer: inout ScreenBuffer) -> Rect {
        guard area.width >= 2, area.height >= 2 else { return Box.inner(of: area) }
        let top = area.minY
        let bottom = area.maxY - 1
        let left = area.minX
        let right = area.maxX - 1
        let horizontalLine = String(repeating: glyphs.horizontal, count: area.width - 2)
        buffer.put(
            String(glyphs.topLeft) + horizontalLine + String(glyphs.topRight), at: Point(x: left, y: top),
            style: borderStyle)
        buffer.put(
            String(glyphs.bottomLeft) + horizontalLine + String(glyphs.bottomRight), at: Point(x: left, y: bottom),
            style: borderStyle)
        for y in (top + 1)..<bottom {
            buffer.put(String(glyphs.vertical), at: Point(x: left, y: y), style: borderStyle)
            buffer.put(String(glyphs.vertical), at: Point(x: right, y: y), style: borderStyle)
        }
        if let title, !title.isEmpty, area.width >= 7 {
            // "┌─ Title ─┐": one line cell and a space on each side of the title.
            let room = area.width - 4
            let shown = " " + TextWidth.truncate(title, toWidth: room - 2, ellipsis: glyphs.ellipsis) + " "
            buffer.put(shown, at: Point(x: left + 2, y: top), style: titleStyle, maxWidth: room)
        }
        return Box.inner(of: area)
    }
}
