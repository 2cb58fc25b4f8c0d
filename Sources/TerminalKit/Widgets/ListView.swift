/// A virtualised list: only the rows that are visible get rendered, so a list of
/// 10,000 messages costs what a screenful costs.
///
/// The list keeps no rows: it is given the row count, the selected index and a scroll
/// offset (first visible row), and a closure that draws row *i* into a one-line region.
/// The selection is kept visible (see `scrollOffset(selected:offset:visibleRows:count:)`);
/// store the offset that `visibleOffset(rows:)` returns to keep scrolling steady.
public struct ListView: Sendable, Hashable {
    /// One visible row being drawn.
    public struct Row: Sendable, Hashable {
        /// The row's index in the whole list.
        public var index: Int
        /// The one-line region to draw it in (excluding the scrollbar column).
        public var area: Rect
        /// Whether it is the selected row (its area is patched with `selectedStyle`
        /// after the closure returns).
        public var isSelected: Bool
    }

    /// How many rows the list has.
    public var count: Int
    /// The selected row, if any.
    public var selected: Int?
    /// The first row to show (adjusted so the selection stays visible).
    public var offset: Int
    /// Laid over the selected row after it is drawn.
    public var selectedStyle: Style
    /// Draw a scrollbar in the right-most column when the rows do not all fit.
    public var showsScrollbar: Bool
    public var scrollbarStyle: Style
    public var glyphs: Glyphs
    /// The selected row in `selectedStyle` alone, bold if any of it was
    /// (its segments' own colors and attributes dropped): one attribute
    /// change across the row instead of one per segment, so a step down a
    /// list writes far fewer bytes (a mail client's index bar is uniform too).
    public var uniformSelection: Bool

    public init(
        count: Int, selected: Int? = nil, offset: Int = 0,
        selectedStyle: Style = Style(attributes: .reverse),
        showsScrollbar: Bool = false, scrollbarStyle: Style = .plain, glyphs: Glyphs = .unicode,
        uniformSelection: Bool = false
    ) {
        self.uniformSelection = uniformSelection
        self.count = max(0, count)
        self.selected = selected
        self.offset = offset
        self.selectedStyle = selectedStyle
        self.showsScrollbar = showsScrollbar
        self.scrollbarStyle = scrollbarStyle
        self.glyphs = glyphs
    }

    /// The scroll offset that shows `selected` with the least movement from `offset`,
    /// keeping `margin` rows of context above and below it where the list allows, and
    /// never scrolling past the end.
    public static func scrollOffset(selected: Int?, offset: Int, visibleRows: Int, count: Int, margin: Int = 0) -> Int {
        guard visibleRows > 0, count > visibleRows else { return 0 }
        var result = min(max(0, offset), count - visibleRows)
        guard let selected, selected >= 0, selected < count else { return result }
        let margin = max(0, min(margin, (visibleRows - 1) / 2))
        if selected - margin < result { result = selected - margin }
        if selected + margin >= result + visibleRows { result = selected + margin - visibleRows + 1 }
        return min(max(0, result), count - visibleRows)
    }

    /// The offset actually used for `rows` visible rows.
    public func visibleOffset(rows: Int) -> Int {
        ListView.scrollOffset(selected: selected, offset: offset, visibleRows: rows, count: count)
    }

    /// "12/10000": the selected row (1-based) over the count; "0/0" when empty, and
    /// "–/N" when nothing is selected.
    public var positionText: String {
        guard count > 0 else { return "0/0" }
        guard let selected, selected >= 0, selected < count else { return "–/\(count)" }
        return "\(selected + 1)/\(count)"
    }

    /// The row drawn at `point` when the list is rendered in `area`, for mouse clicks.
    public func row(at point: Point, in area: Rect) -> Int? {
        guard area.contains(point) else { return nil }
        let index = visibleOffset(rows: area.height) + (point.y - area.minY)
        return index < count ? index : nil
    }

    /// Draws the visible rows of the list in `area`, calling `drawRow` once for each of
    /// them (never for a row that is not visible), then patches the selected row with
    /// `selectedStyle` and draws the scrollbar. Returns the indices drawn.
    @discardableResult
    public func render(
        in area: Rect, buffer: inout ScreenBuffer,
        row drawRow: (Row, inout ScreenBuffer) -> Void
    ) -> Range<Int> {
        guard !area.isEmpty else { return 0..<0 }
        let first = visibleOffset(rows: area.height)
        let last = min(count, first + area.height)
        let scrollbar = showsScrollbar && count > area.height && area.width > 1
        let rowWidth = scrollbar ? area.width - 1 : area.width
        for index in first..<last {
            let rowArea = Rect(x: area.x, y: area.y + index - first, width: rowWidth, height: 1)
            let isSelected = index == selected
            drawRow(Row(index: index, area: rowArea, isSelected: isSelected), &buffer)
            if isSelected {
                if uniformSelection {
                    buffer.setStyle(in: rowArea, to: selectedStyle, keepingAnyOf: .bold)
                } else {
                    buffer.patchStyle(in: rowArea, with: selectedStyle)
                }
            }
        }
        if scrollbar {
            renderScrollbar(
                in: Rect(x: area.maxX - 1, y: area.y, width: 1, height: area.height), first: first, buffer: &buffer)
        }
        return first..<last
    }

    private func renderScrollbar(in track: Rect, first: Int, buffer: inout ScreenBuffer) {
        let height = track.height
        let thumbHeight = max(1, height * height / count)
        let scrollable = count - height
        let thumbTop = scrollable > 0 ? (height - thumbHeight) * first / scrollable : 0
        for y in 0..<height {
            let glyph = (thumbTop..<(thumbTop + thumbHeight)).contains(y) ? glyphs.scrollThumb : glyphs.scrollTrack
            buffer.put(String(glyph), at: Point(x: track.x, y: track.y + y), style: scrollbarStyle)
        }
    }
}
