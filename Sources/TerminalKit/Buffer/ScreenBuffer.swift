/// An in-memory grid of cells that views draw into; a `TerminalBackend` flushes it.
///
/// Views never touch the terminal: they write text and styles here, and tests read the
/// result back as plain text (`lines()`) or with styles (`styleSnapshot()`), see
/// `ScreenBuffer+Snapshot.swift`.
///
/// Writes keep wide characters whole: a wide character takes its cell and a
/// continuation cell; overwriting either half of an existing wide character blanks the
/// other half; a wide character that does not fit in the last available column is
/// drawn as a space. Writes outside the buffer are clipped silently.
public struct ScreenBuffer: Sendable, Equatable {
    /// Columns and rows.
    public private(set) var size: Size
    /// Row-major cells, `size.width * size.height` of them.
    private var cells: [Cell]
    /// Where the terminal cursor should show (e.g. in a focused text field), or nil to
    /// hide it. Cleared by `clear()`.
    public var cursor: Point?
    /// The runs of cells that are links, in the order they were added (see
    /// ``addLink(_:row:columns:)``). Cleared by `clear()`.
    public private(set) var links: [Hyperlink] = []

    /// A buffer of blank cells.
    public init(size: Size) {
        self.size = size
        self.cells = Array(repeating: .blank, count: size.width * size.height)
        self.cursor = nil
    }

    /// The whole buffer as a rectangle at the origin.
    public var area: Rect { Rect(size: size) }

    /// The cell at column `x`, row `y` (which must lie inside the buffer).
    public subscript(x: Int, y: Int) -> Cell {
        precondition(area.contains(Point(x: x, y: y)), "cell (\(x),\(y)) outside a \(size) buffer")
        return cells[y * size.width + x]
    }

    /// The cell at `point` (which must lie inside the buffer).
    public subscript(point: Point) -> Cell {
        self[point.x, point.y]
    }

    /// Blanks every cell and hides the cursor.
    public mutating func clear() {
        for index in cells.indices { cells[index] = .blank }
        cursor = nil
        links = []
    }

    /// Makes the cells `columns` of `row` (clipped to the buffer; nothing when
    /// that leaves none) a link to `url`. Draw the text first: a later write
    /// over the cells does not remove the link.
    public mutating func addLink(_ url: String, row: Int, columns: Range<Int>) {
        guard row >= 0, row < size.height, !url.isEmpty else { return }
        let clipped = columns.clamped(to: 0..<size.width)
        guard !clipped.isEmpty else { return }
        links.append(Hyperlink(url: url, row: row, columns: clipped))
    }

    /// Fills `rect` (clipped to the buffer) with spaces in `style`.
    public mutating func fill(_ rect: Rect, style: Style) {
        fill(rect, with: " ", style: style)
    }

    /// Fills `rect` (clipped to the buffer) with `character` in `style`. A wide character
    /// is repeated every two columns; a last column it does not fit gets a space.
    public mutating func fill(_ rect: Rect, with character: Character, style: Style) {
        let clipped = rect.intersection(area)
        guard !clipped.isEmpty else { return }
        let line = String(repeating: character, count: clipped.width)
        for y in clipped.minY..<clipped.maxY {
            put(line, at: Point(x: clipped.x, y: y), style: style, maxWidth: clipped.width)
        }
    }

    /// Writes `text` on one row starting at `point`, at most `maxWidth` columns wide
    /// (unlimited when nil), clipped to the buffer.
    ///
    /// Control characters and other zero-width clusters are not written (newlines
    /// included: use `TextWidth.wrap` or `Paragraph` for several lines). Returns how many
    /// columns the text advanced from `point.x`, so a following piece of text can start
    /// at `point.x + result`.
    @discardableResult
    public mutating func put(_ text: String, at point: Point, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard point.y >= 0, point.y < size.height else { return 0 }
        var limit = size.width
        if let maxWidth { limit = min(limit, point.x + max(0, maxWidth)) }
        var x = point.x
        for var character in text {
            guard x < limit else { break }
            let width = TextWidth.of(character)
            if width == 0 { continue }
            // A tab or line break on one line is a space between words.
            if let ascii = character.asciiValue, ascii == 0x09 || ascii == 0x0A || ascii == 0x0D { character = " " }
            if x + width > limit {
                // A wide character that does not fit: a space in its first column.
                if x >= 0 { write(" ", width: 1, at: x, y: point.y, style: style) }
                x += 1
                break
            }
            if x >= 0 {
                write(character, width: width, at: x, y: point.y, style: style)
            } else if x + width > 0 {
                // The right half of a wide character sticks out of the left edge.
                write(" ", width: 1, at: 0, y: point.y, style: style)
            }
            x += width
        }
        return max(0, x - point.x)
    }

    /// Writes `spans` one after the other on one row, like `put(_:at:style:maxWidth:)`
    /// with all of them sharing `maxWidth`. Returns the columns advanced.
    @discardableResult
    public mutating func put(_ spans: [Span], at point: Point, maxWidth: Int? = nil) -> Int {
        var advanced = 0
        for span in spans {
            let room = maxWidth.map { $0 - advanced }
            if let room, room <= 0 { break }
            advanced += put(span.text, at: point.offsetBy(dx: advanced), style: span.style, maxWidth: room)
        }
        return advanced
    }

    /// Lays `style` over every cell of `rect` (see `Style.patched(with:)`): how a
    /// selection or focus highlight is applied on top of content already drawn.
    public mutating func patchStyle(in rect: Rect, with style: Style) {
        let clipped = rect.intersection(area)
        guard !clipped.isEmpty else { return }
        for y in clipped.minY..<clipped.maxY {
            for x in clipped.minX..<clipped.maxX {
                let index = y * size.width + x
                cells[index].style = cells[index].style.patched(with: style)
            }
        }
    }

    /// Gives every cell in `rect` exactly `style`, plus those of `keep`'s
    /// attributes that any cell there had (a row in one style, bold if any
    /// of it was).
    public mutating func setStyle(in rect: Rect, to style: Style, keepingAnyOf keep: TextAttributes) {
        let clipped = rect.intersection(area)
        guard !clipped.isEmpty else { return }
        for y in clipped.minY..<clipped.maxY {
            var kept: TextAttributes = []
            for x in clipped.minX..<clipped.maxX {
                kept.formUnion(cells[y * size.width + x].style.attributes.intersection(keep))
            }
            let uniform = Style(
                foreground: style.foreground, background: style.background, attributes: style.attributes.union(kept))
            for x in clipped.minX..<clipped.maxX { cells[y * size.width + x].style = uniform }
        }
    }

    /// Stores a character of `width` (1 or 2) columns at (x, y), blanking the halves of
    /// wide characters it overwrites. The caller has checked that it fits.
    private mutating func write(_ character: Character, width: Int, at x: Int, y: Int, style: Style) {
        let row = y * size.width
        for column in x..<(x + width) {
            let cell = cells[row + column]
            if cell.isContinuation, column > 0 {
                // Overwriting the right half of a wide character: blank its left half.
                cells[row + column - 1] = Cell(" ", style: cells[row + column - 1].style)
            }
            if cell.width == 2, column + 1 < size.width {
                // Overwriting the left half: blank the orphaned right half.
                cells[row + column + 1] = Cell(" ", style: cells[row + column + 1].style)
            }
        }
        cells[row + x] = Cell(character, style: style)
        if width == 2 {
            cells[row + x + 1] = .continuation(style: style)
        }
    }
}
