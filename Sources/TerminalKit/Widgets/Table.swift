/// Columns of text with a header row, a selected row and virtualised scrolling (the
/// rows below the header are a `ListView`, so only visible rows are asked for).
///
///     Date    From          Subject
///     12 Mar  Mrs Patel     Trip to the Science Museum
///     11 Mar  Office        Homework club moves to Tuesday
public struct Table {
    /// One column: its title, how wide it is and how its text aligns.
    public struct Column: Sendable, Hashable {
        public var title: String
        public var width: Rect.Length
        public var alignment: TextAlignment

        public init(_ title: String, width: Rect.Length = .fill, alignment: TextAlignment = .left) {
            self.title = title
            self.width = width
            self.alignment = alignment
        }
    }

    /// The columns, left to right.
    public var columns: [Column]
    /// How many rows the table has (not counting the header).
    public var rowCount: Int
    /// The text of the cell at (row, column).
    public var cell: (_ row: Int, _ column: Int) -> String
    /// A style for a whole row (e.g. bold for unread), laid under the selection.
    public var rowStyle: ((_ row: Int) -> Style)?
    /// A style for one cell (a figure in its color), laid over the row's.
    public var cellStyle: ((_ row: Int, _ column: Int) -> Style)?
    /// The selected row, if any.
    public var selected: Int?
    /// The first row shown (adjusted to keep the selection visible).
    public var offset: Int
    /// The header row.
    public var headerStyle: Style
    /// Laid over the selected row.
    public var selectedStyle: Style
    /// Blank cells between columns.
    public var columnSpacing: Int
    public var glyphs: Glyphs

    /// A table whose cells come from `cell`, asked only for visible rows.
    public init(
        columns: [Column], rowCount: Int, selected: Int? = nil, offset: Int = 0,
        headerStyle: Style = Style(attributes: [.bold, .underline]),
        selectedStyle: Style = Style(attributes: .reverse),
        columnSpacing: Int = 1, glyphs: Glyphs = .unicode,
        cell: @escaping (_ row: Int, _ column: Int) -> String
    ) {
        self.columns = columns
        self.rowCount = max(0, rowCount)
        self.cell = cell
        self.rowStyle = nil
        self.cellStyle = nil
        self.selected = selected
        self.offset = offset
        self.headerStyle = headerStyle
        self.selectedStyle = selectedStyle
        self.columnSpacing = max(0, columnSpacing)
        self.glyphs = glyphs
    }

    /// A table of rows given in full (a missing cell is empty).
    public init(columns: [Column], rows: [[String]], selected: Int? = nil, offset: Int = 0, columnSpacing: Int = 1) {
        self.init(
            columns: columns, rowCount: rows.count, selected: selected, offset: offset, columnSpacing: columnSpacing
        ) { row, column in
            column < rows[row].count ? rows[row][column] : ""
        }
    }

    /// The width of each column in a table `totalWidth` cells wide, after the spacing
    /// between columns (see `Rect.Length.distribute`).
    public func columnWidths(totalWidth: Int) -> [Int] {
        let spacing = columnSpacing * max(0, columns.count - 1)
        return Rect.Length.distribute(columns.map(\.width), total: totalWidth - spacing)
    }

    /// One row's texts fitted to the columns at `totalWidth` (cut with the
    /// ellipsis and padded to the column, the spacing after every column
    /// but the last): for a screen that lays a table's rows among other
    /// lines of a scrolling text (More's timetable and assessments), so its
    /// columns line up as a drawn table's do. A missing text is empty.
    public func fittedRow(_ texts: [String], totalWidth: Int) -> [String] {
        let widths = columnWidths(totalWidth: totalWidth)
        let gap = String(repeating: " ", count: columnSpacing)
        return widths.enumerated().map { column, width in
            let text = column < texts.count ? texts[column] : ""
            let fitted = TextWidth.fit(
                text, toWidth: width, alignment: columns[column].alignment, ellipsis: glyphs.ellipsis)
            return column == widths.count - 1 ? fitted : fitted + gap
        }
    }

    /// The header row's titles, fitted as ``fittedRow(_:totalWidth:)`` fits a row's.
    public func fittedHeader(totalWidth: Int) -> [String] { fittedRow(columns.map(\.title), totalWidth: totalWidth) }

    /// The list that draws the rows of a table rendered in `area` (below the header).
    public func listView() -> ListView {
        ListView(count: rowCount, selected: selected, offset: offset, selectedStyle: selectedStyle)
    }

    /// Draws the header on the first row of `area` and the visible rows below it.
    /// Returns the row indices drawn.
    @discardableResult
    public func render(in area: Rect, buffer: inout ScreenBuffer) -> Range<Int> {
        guard !area.isEmpty else { return 0..<0 }
        let widths = columnWidths(totalWidth: area.width)
        let (header, body) = area.splitTop(1)
        buffer.fill(header, style: headerStyle)
        drawCells(
            widths: widths, at: header.origin, style: { _ in headerStyle }, buffer: &buffer, text: { columns[$0].title }
        )
        return listView().render(in: body, buffer: &buffer) { row, buffer in
            let style = rowStyle?(row.index) ?? .plain
            buffer.fill(row.area, style: style)
            drawCells(
                widths: widths, at: row.area.origin,
                style: { column in cellStyle.map { style.patched(with: $0(row.index, column)) } ?? style },
                buffer: &buffer, text: { cell(row.index, $0) })
        }
    }

    private func drawCells(
        widths: [Int], at origin: Point, style: (Int) -> Style, buffer: inout ScreenBuffer, text: (Int) -> String
    ) {
        var x = origin.x
        for (column, width) in widths.enumerated() {
            if width > 0 {
                let shown = TextWidth.fit(
                    text(column), toWidth: width, alignment: columns[column].alignment, ellipsis: glyphs.ellipsis)
                buffer.put(shown, at: Point(x: x, y: origin.y), style: style(column), maxWidth: width)
            }
            x += width + columnSpacing
        }
    }
}
