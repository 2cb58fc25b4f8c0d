/// A one-line bar with segments aligned left and right, such as
/// `Oakfield Primary · 3 unread          updated 5 min ago`.
///
/// The right segments win: they are drawn in full (cut only if wider than the whole
/// bar), and the left segments are truncated with an ellipsis to fit what remains.
/// Segment styles are laid over the bar's style, so a segment with default colors
/// keeps the bar's background.
public struct StatusBar: Sendable, Hashable {
    public var left: [Span]
    public var right: [Span]
    public var style: Style
    /// Put between adjacent segments on the same side.
    public var separator: String
    public var glyphs: Glyphs

    public init(
        left: [Span] = [], right: [Span] = [], style: Style = Style(attributes: .reverse), separator: String = "  ",
        glyphs: Glyphs = .unicode
    ) {
        self.left = left
        self.right = right
        self.style = style
        self.separator = separator
        self.glyphs = glyphs
    }

    /// Draws the bar on the first row of `area`.
    public func render(in area: Rect, buffer: inout ScreenBuffer) {
        guard !area.isEmpty else { return }
        let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        buffer.fill(row, style: style)
        let rightSpans = joined(right)
        let rightWidth = min(row.width, rightSpans.reduce(0) { $0 + $1.width })
        buffer.put(rightSpans, at: Point(x: row.maxX - rightWidth, y: row.y), maxWidth: rightWidth)
        let room = row.width - rightWidth - (rightWidth > 0 ? 1 : 0)
        guard room > 0 else { return }
        buffer.put(
            StatusBar.truncate(joined(left), toWidth: room, ellipsis: glyphs.ellipsis), at: row.origin, maxWidth: room)
    }

    /// Segments with the separator between them, styles laid over the bar's.
    private func joined(_ segments: [Span]) -> [Span] {
        var spans: [Span] = []
        for (index, segment) in segments.enumerated() {
            if index > 0 { spans.append(Span(separator, style: style)) }
            spans.append(Span(segment.text, style: style.patched(with: segment.style)))
        }
        return spans
    }

    /// `spans` cut to `width` cells, the last one shown ending with `ellipsis` when
    /// anything was cut.
    public static func truncate(_ spans: [Span], toWidth width: Int, ellipsis: String = "…") -> [Span] {
        let total = spans.reduce(0) { $0 + $1.width }
        guard total > width else { return spans }
        let marker = ellipsis.displayWidth <= width ? ellipsis : ""
        var room = width - marker.displayWidth
        var result: [Span] = []
        for span in spans {
            let piece = TextWidth.prefix(span.text, width: room)
            if !piece.text.isEmpty { result.append(Span(piece.text, style: span.style)) }
            room -= piece.width
            if piece.text.count < span.text.count {
                result.append(Span(marker, style: span.style))
                break
            }
        }
        return result
    }
}
