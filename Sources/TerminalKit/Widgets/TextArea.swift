/// The state of a text input of several lines, and how it draws: a message
/// being written.
///
/// Like ``TextField`` it edits grapheme clusters and never takes control
/// characters, but a line break ("\n") is text here: Enter starts a new line.
/// The text is wrapped to the width it is drawn at (at a space when a line has
/// one, else between characters), and ↑ ↓ move between the lines as drawn,
/// keeping the column, as editors do. ``scrollRow`` keeps the first line shown
/// so the view scrolls only as far as the cursor needs.
public struct TextArea: Sendable, Hashable {
    private var characters: [Character]
    /// The cursor, as a character index in `0...text.count`.
    public private(set) var cursor: Int
    /// The first line (as drawn) shown when the text is taller than its area.
    public private(set) var scrollRow: Int
    /// Shown (in the placeholder style) while the text is empty.
    public var placeholder: String
    /// The column ↑ ↓ aim for (kept across lines shorter than it).
    private var goalColumn: Int?

    public init(_ text: String = "", placeholder: String = "") {
        self.characters = []
        self.cursor = 0
        self.scrollRow = 0
        self.placeholder = placeholder
        insert(text)
    }

    /// The text entered, line breaks as "\n".
    public var text: String {
        get { String(characters) }
        set {
            characters = []
            cursor = 0
            scrollRow = 0
            goalColumn = nil
            insert(newValue)
        }
    }

    /// Whether nothing has been entered.
    public var isEmpty: Bool { characters.isEmpty }

    /// Inserts `string` at the cursor and moves the cursor after it. Line
    /// breaks ("\r\n", "\r" and "\n") become "\n", tabs a space; other control
    /// characters are dropped. Returns false when anything was left out.
    @discardableResult
    public mutating func insert(_ string: String) -> Bool {
        var complete = true
        var accepted: [Character] = []
        for character in string {
            if character == "\n" || character == "\r\n" || character == "\r" {
                accepted.append("\n")
            } else if character == "\t" {
                accepted.append(" ")
            } else if character.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) })
            {
                complete = false
            } else {
                accepted.append(character)
            }
        }
        goalColumn = nil
        guard !accepted.isEmpty else { return complete }
        // Re-segment: a combining mark typed after "e" joins it into one character.
        let before = String(characters[..<cursor]) + String(accepted)
        let after = String(characters[cursor...])
        characters = Array(before + after)
        cursor = min(characters.count, Array(before).count)
        return complete
    }

    /// Deletes the character before the cursor (Backspace), a line break included.
    public mutating func deleteBackward() {
        goalColumn = nil
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    /// Deletes the character after the cursor (Del).
    public mutating func deleteForward() {
        goalColumn = nil
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    /// Deletes the word before the cursor and the spaces after it (Ctrl-W),
    /// never past the start of its line.
    public mutating func deleteWordBackward() {
        goalColumn = nil
        var start = cursor
        while start > 0, characters[start - 1] == " " { start -= 1 }
        while start > 0, characters[start - 1] != " ", characters[start - 1] != "\n" { start -= 1 }
        if start == cursor, start > 0 { start -= 1 }  // at a line's start: join it to the one above
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    /// Deletes from the start of the cursor's line (as typed) to the cursor (Ctrl-U).
    public mutating func deleteToLineStart() {
        goalColumn = nil
        let start = lineStart(cursor)
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    /// Deletes from the cursor to the end of its line (as typed) (Ctrl-K).
    public mutating func deleteToLineEnd() {
        goalColumn = nil
        characters.removeSubrange(cursor..<lineEnd(cursor))
    }

    /// Moves the cursor one character left (←), over a line break too.
    public mutating func moveLeft() {
        goalColumn = nil
        cursor = max(0, cursor - 1)
    }

    /// Moves the cursor one character right (→).
    public mutating func moveRight() {
        goalColumn = nil
        cursor = min(characters.count, cursor + 1)
    }

    /// Home, Ctrl-A: the start of the cursor's line as drawn `width` cells wide.
    public mutating func moveToLineStart(width: Int) {
        goalColumn = nil
        let rows = layout(width: width)
        cursor = rows[row(of: cursor, in: rows)].start
    }

    /// End: the end of the cursor's line as drawn `width` cells wide.
    public mutating func moveToLineEnd(width: Int) {
        goalColumn = nil
        let rows = layout(width: width)
        cursor = rows[row(of: cursor, in: rows)].caretEnd
    }

    /// ↑: the line above as drawn `width` cells wide, at the same column (or
    /// the nearest). False on the first line (the screen may move to the field
    /// above).
    @discardableResult
    public mutating func moveUp(width: Int) -> Bool { moveVertically(-1, width: width) }

    /// ↓: the line below, at the same column. False on the last line.
    @discardableResult
    public mutating func moveDown(width: Int) -> Bool { moveVertically(+1, width: width) }

    /// Applies a standard editing key to a text drawn `width` cells wide:
    /// printable characters, Enter (a new line), Backspace, Del, ← → ↑ ↓,
    /// Home/Ctrl-A, End, Ctrl-U, Ctrl-K, Ctrl-W. Returns false for any other key,
    /// and for ↑ on the first line or ↓ on the last (the screen's business).
    @discardableResult
    public mutating func handle(_ key: Key, width: Int) -> Bool {
        switch key {
        case .char(let character): insert(String(character))
        case .enter: insert("\n")
        case .backspace: deleteBackward()
        case .delete: deleteForward()
        case .left: moveLeft()
        case .right: moveRight()
        case .up: return moveUp(width: width)
        case .down: return moveDown(width: width)
        case .home, .ctrl("a"): moveToLineStart(width: width)
        case .end: moveToLineEnd(width: width)
        case .ctrl("u"): deleteToLineStart()
        case .ctrl("k"): deleteToLineEnd()
        case .ctrl("w"): deleteWordBackward()
        default: return false
        }
        return true
    }

    // MARK: - Layout

    /// One line as drawn: characters `start..<end` (a line break, or the space
    /// a wrapped line broke at, is not drawn but belongs to the line).
    public struct Row: Sendable, Hashable {
        public var start: Int
        public var end: Int
        /// Where End puts the cursor: before a line break or the space the line
        /// broke at, so it stays on this line.
        public var caretEnd: Int
    }

    /// The lines as drawn `width` cells wide. One cell is kept free at the
    /// right for the cursor after a full line. Always at least one line.
    public func layout(width: Int) -> [Row] {
        let room = max(1, width - 1)
        var rows: [Row] = []
        var start = 0
        while true {
            var used = 0
            var index = start
            var lastSpace: Int?
            while index < characters.count, characters[index] != "\n" {
                let cells = max(1, TextWidth.of(characters[index]))
                if used + cells > room, index > start { break }
                if characters[index] == " " { lastSpace = index }
                used += cells
                index += 1
            }
            if index >= characters.count {
                rows.append(Row(start: start, end: characters.count, caretEnd: characters.count))
                return rows
            }
            if characters[index] == "\n" {
                rows.append(Row(start: start, end: index + 1, caretEnd: index))
                start = index + 1
                continue
            }
            // Wrapped: at a space that did not fit, else after the last space
            // in the line, else here.
            if characters[index] == " " {
                rows.append(Row(start: start, end: index + 1, caretEnd: index))
                start = index + 1
            } else if let space = lastSpace, space > start {
                rows.append(Row(start: start, end: space + 1, caretEnd: space))
                start = space + 1
            } else {
                rows.append(Row(start: start, end: index, caretEnd: index))
                start = index
            }
        }
    }

    /// The line (as drawn) the cursor at `index` is on: a cursor at a wrapped
    /// line's end is at the start of the next.
    public func row(of index: Int, in rows: [Row]) -> Int {
        for (n, row) in rows.enumerated() where index < row.end || n == rows.count - 1 {
            if index >= row.start { return n }
        }
        return rows.count - 1
    }

    /// The cursor's line and column (in cells) as drawn `width` cells wide.
    public func cursorPosition(width: Int) -> (row: Int, column: Int) {
        let rows = layout(width: width)
        let n = row(of: cursor, in: rows)
        return (n, cells(from: rows[n].start, to: cursor))
    }

    /// Stores the first line shown for an area `width` × `height`, moved only
    /// as far as the cursor needs.
    public mutating func keepCursorVisible(width: Int, height: Int) {
        scrollRow = visibleStart(width: width, height: height)
    }

    /// The first line to show in an area `height` lines tall.
    public func visibleStart(width: Int, height: Int) -> Int {
        let rows = layout(width: width)
        let line = row(of: cursor, in: rows)
        let height = max(1, height)
        var top = min(scrollRow, line)
        if line >= top + height { top = line - height + 1 }
        return max(0, min(top, rows.count - height))
    }

    /// Draws the text in `area` with `style` filling it; the placeholder while
    /// empty. When `focused`, the buffer's cursor goes to the text cursor.
    public func render(
        in area: Rect, buffer: inout ScreenBuffer,
        style: Style = .plain, placeholderStyle: Style = Style(attributes: .dim), focused: Bool = true
    ) {
        guard !area.isEmpty else { return }
        buffer.fill(area, style: style)
        if characters.isEmpty {
            buffer.put(placeholder, at: area.origin, style: style.patched(with: placeholderStyle), maxWidth: area.width)
            if focused { buffer.cursor = area.origin }
            return
        }
        let rows = layout(width: area.width)
        let top = visibleStart(width: area.width, height: area.height)
        for n in top..<min(rows.count, top + area.height) {
            let row = rows[n]
            let shown = String(characters[row.start..<row.caretEnd])
            buffer.put(shown, at: Point(x: area.x, y: area.y + n - top), style: style, maxWidth: area.width)
        }
        if focused {
            let line = row(of: cursor, in: rows)
            let column = cells(from: rows[line].start, to: cursor)
            buffer.cursor = Point(x: area.x + min(column, area.width - 1), y: area.y + line - top)
        }
    }

    // MARK: - Private

    private mutating func moveVertically(_ step: Int, width: Int) -> Bool {
        let rows = layout(width: width)
        let line = row(of: cursor, in: rows)
        let target = line + step
        guard rows.indices.contains(target) else { return false }
        let column = goalColumn ?? cells(from: rows[line].start, to: cursor)
        var index = rows[target].start
        var used = 0
        // A line broken inside a word ends where the next begins: stop before
        // its last character, so the cursor stays on it.
        let broken = rows[target].caretEnd == rows[target].end && target < rows.count - 1
        let limit = broken ? max(rows[target].start, rows[target].end - 1) : rows[target].caretEnd
        while index < limit {
            let next = used + max(1, TextWidth.of(characters[index]))
            if next > column { break }
            used = next
            index += 1
        }
        cursor = index
        goalColumn = column
        return true
    }

    private func cells(from start: Int, to end: Int) -> Int {
        var used = 0
        for index in start..<max(start, end) { used += max(1, TextWidth.of(characters[index])) }
        return used
    }

    private func lineStart(_ index: Int) -> Int {
        var start = index
        while start > 0, characters[start - 1] != "\n" { start -= 1 }
        return start
    }

    private func lineEnd(_ index: Int) -> Int {
        var end = index
        while end < characters.count, characters[end] != "\n" { end += 1 }
        return end
    }
}
