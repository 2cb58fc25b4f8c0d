/// A row of tab titles with one selected: ` Timeline │ Attendance │ School `.
///
/// When the titles do not fit, the longest are shortened first (with an ellipsis, down
/// to a few cells each); if that is still too wide, only a run of tabs around the
/// selected one is shown, with ‹ › marking the hidden ones.
public struct Tabs: Sendable, Hashable {
    /// Where one tab landed: its index, the columns it covers (relative to the area's
    /// left edge) and the title as shown.
    public struct Placement: Sendable, Hashable {
        public var index: Int
        public var columns: Range<Int>
        public var title: String
    }

    /// The tab titles, in order.
    public var titles: [String]
    /// The index of the selected tab in `titles`.
    public var selected: Int
    /// The row and the unselected tabs.
    public var style: Style
    /// The selected tab.
    public var selectedStyle: Style
    /// Separators and the ‹ › markers.
    public var separatorStyle: Style
    /// Separator, ellipsis and marker glyphs.
    public var glyphs: Glyphs

    /// Titles are not shortened below this many cells (ellipsis included).
    static let minimumTitleWidth = 3

    public init(
        _ titles: [String], selected: Int,
        style: Style = .plain, selectedStyle: Style = Style(attributes: [.bold, .reverse]),
        separatorStyle: Style = .plain, glyphs: Glyphs = .unicode
    ) {
        self.titles = titles
        self.selected = selected
        self.style = style
        self.selectedStyle = selectedStyle
        self.separatorStyle = separatorStyle
        self.glyphs = glyphs
    }

    /// Where each shown tab goes in a row `width` cells wide (tabs left out are absent).
    /// Each tab is its title with a space either side; tabs are separated by one
    /// separator glyph.
    public func layout(width: Int) -> [Placement] {
        guard !titles.isEmpty, width > 0 else { return [] }
        let selected = min(max(0, self.selected), titles.count - 1)
        var widths = titles.map { $0.displayWidth }
        func total(_ range: ClosedRange<Int>) -> Int {
            range.reduce(0) { $0 + widths[$1] + 2 } + range.count - 1
        }
        // Shorten the widest titles one cell at a time until everything fits.
        while total(0...(titles.count - 1)) > width {
            guard let widest = widths.indices.max(by: { widths[$0] < widths[$1] }),
                widths[widest] > Tabs.minimumTitleWidth
            else { break }
            widths[widest] -= 1
        }
        // Still too wide: show a run around the selected tab, with room for markers.
        var run = selected...selected
        if total(0...(titles.count - 1)) > width {
            func fits(_ candidate: ClosedRange<Int>) -> Bool {
                let markers = (candidate.lowerBound > 0 ? 1 : 0) + (candidate.upperBound < titles.count - 1 ? 1 : 0)
                return total(candidate) + markers <= width
            }
            var grew = true
            while grew {
                grew = false
                if run.upperBound + 1 < titles.count, fits(run.lowerBound...(run.upperBound + 1)) {
                    run = run.lowerBound...(run.upperBound + 1)
                    grew = true
                }
                if run.lowerBound > 0, fits((run.lowerBound - 1)...run.upperBound) {
                    run = (run.lowerBound - 1)...run.upperBound
                    grew = true
                }
            }
        } else {
            run = 0...(titles.count - 1)
        }
        var placements: [Placement] = []
        var x = run.lowerBound > 0 ? 1 : 0
        for index in run {
            let title = TextWidth.truncate(titles[index], toWidth: widths[index], ellipsis: glyphs.ellipsis)
            let tabWidth = min(title.displayWidth + 2, width - x)
            guard tabWidth > 0 else { break }
            placements.append(Placement(index: index, columns: x..<(x + tabWidth), title: title))
            x += tabWidth + 1
        }
        return placements
    }

    /// The tab at column `x` of a row rendered in `area`, for mouse clicks.
    public func tab(atColumn x: Int, in area: Rect) -> Int? {
        layout(width: area.width).first { $0.columns.contains(x - area.x) }?.index
    }

    /// Draws the tabs on the first row of `area`.
    public func render(in area: Rect, buffer: inout ScreenBuffer) {
        guard !area.isEmpty else { return }
        let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        buffer.fill(row, style: style)
        let placements = layout(width: row.width)
        guard let first = placements.first, let last = placements.last else { return }
        if first.index > 0 {
            buffer.put(String(glyphs.moreLeft), at: row.origin, style: separatorStyle)
        }
        for (position, placement) in placements.enumerated() {
            let tabStyle = placement.index == selected ? selectedStyle : style
            let x = row.x + placement.columns.lowerBound
            buffer.put(
                " " + placement.title + " ", at: Point(x: x, y: row.y), style: tabStyle,
                maxWidth: placement.columns.count)
            if position < placements.count - 1 {
                buffer.put(
                    String(glyphs.separator), at: Point(x: row.x + placement.columns.upperBound, y: row.y),
                    style: separatorStyle)
            }
        }
        if last.index < titles.count - 1 {
            let x = row.x + last.columns.upperBound
            buffer.put(
                String(glyphs.moreRight), at: Point(x: x, y: row.y), style: separatorStyle, maxWidth: row.maxX - x)
        }
    }
}
