/// The state of a one-line text input, and how it draws.
///
/// Editing works on grapheme clusters (Swift `Character`s): the cursor is an index
/// between them, so "é" or an emoji flag moves and deletes as one. Control characters
/// are never inserted. `maxLength` limits the number of characters. A masked field
/// (PINs, passwords) draws one mask glyph per character.
///
/// When the text is wider than the field, the view scrolls horizontally to keep the
/// cursor visible; `scrollOffset` remembers where, so that moving the cursor back does
/// not jump (call `keepCursorVisible(width:)` after editing to update it).
public struct TextField: Sendable, Hashable {
    private var characters: [Character]
    /// The cursor, as a character index in `0...text.count`.
    public private(set) var cursor: Int
    /// The first character shown when the field scrolls.
    public private(set) var scrollOffset: Int
    /// The most characters the field accepts, if limited.
    public var maxLength: Int?
    /// Draw a mask glyph instead of each character.
    public var isMasked: Bool
    /// Shown (in the placeholder style) while the field is empty.
    public var placeholder: String
    /// The whole text is selected (drawn underlined): typing or pasting
    /// replaces it, Backspace or Del clears it, a movement key keeps it
    /// and moves. A form sets it when it gives back what was typed to be
    /// typed again (a refused login: retyping doubled the address).
    public var isSelected = false

    public init(_ text: String = "", maxLength: Int? = nil, masked: Bool = false, placeholder: String = "") {
        self.characters = []
        self.cursor = 0
        self.scrollOffset = 0
        self.maxLength = maxLength
        self.isMasked = masked
        self.placeholder = placeholder
        insert(text)
    }

    /// The text entered.
    public var text: String {
        get { String(characters) }
        set {
            characters = []
            cursor = 0
            scrollOffset = 0
            insert(newValue)
        }
    }

    /// Whether nothing has been entered.
    public var isEmpty: Bool { characters.isEmpty }

    /// Inserts `string` at the cursor (control characters dropped, cut at `maxLength`)
    /// and moves the cursor after it. Returns false when anything was left out.
    @discardableResult
    public mutating func insert(_ string: String) -> Bool {
        if isSelected { clearSelection() }
        // One line: a pasted line break or tab is a space.
        let string = String(string.map { $0.isNewline || $0 == "\t" ? " " : $0 })
        let accepted = string.filter { character in
            !character.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) }
        }
        var inserted = Array(accepted)
        var complete = inserted.count == string.count
        if let maxLength {
            let room = max(0, maxLength - characters.count)
            if inserted.count > room {
                inserted = Array(inserted.prefix(room))
                complete = false
            }
        }
        guard !inserted.isEmpty else { return complete }
        // Re-segment: a combining mark typed after "e" joins it into one character.
        let before = String(characters[..<cursor]) + String(inserted)
        let after = String(characters[cursor...])
        characters = Array(before + after)
        cursor = min(characters.count, Array(before).count)
        return complete
    }

    /// Deletes the character before the cursor (Backspace).
    public mutating func deleteBackward() {
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    /// Deletes the character after the cursor (Del).
    public mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    /// Deletes the word before the cursor and the spaces after it (Ctrl-W).
    public mutating func deleteWordBackward() {
        var start = cursor
        while start > 0, characters[start - 1] == " " { start -= 1 }
        while start > 0, characters[start - 1] != " " { start -= 1 }
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    /// Deletes everything before the cursor (Ctrl-U).
    public mutating func deleteToStart() {
        characters.removeSubrange(0..<cursor)
        cursor = 0
    }

    /// Deletes everything after the cursor (Ctrl-K).
    public mutating func deleteToEnd() {
        characters.removeSubrange(cursor...)
    }

    /// Moves the cursor one character left (←).
    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    /// Moves the cursor one character right (→).
    public mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
    /// Home, Ctrl-A.
    public mutating func moveToStart() { cursor = 0 }
    /// End, Ctrl-E.
    public mutating func moveToEnd() { cursor = characters.count }

    /// Applies a standard editing key: printable characters, Backspace, Del, ←, →,
    /// Home/Ctrl-A, End/Ctrl-E, Ctrl-U, Ctrl-K, Ctrl-W. Returns false for any other key
    /// (Enter, Tab, Esc... are the screen's business).
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        if isSelected {
            switch key {
            case .backspace, .delete:
                clearSelection()
                return true
            case .char: break  // replaces it (insert)
            default: isSelected = false
            }
        }
        switch key {
        case .char(let character): insert(String(character))
        case .backspace: deleteBackward()
        case .delete: deleteForward()
        case .left: moveLeft()
        case .right: moveRight()
        case .home, .ctrl("a"): moveToStart()
        case .end, .ctrl("e"): moveToEnd()
        case .ctrl("u"): deleteToStart()
        case .ctrl("k"): deleteToEnd()
        case .ctrl("w"): deleteWordBackward()
        default: return false
        }
        return true
    }

    /// Empties the field the selection covered.
    private mutating func clearSelection() {
        isSelected = false
        characters = []
        cursor = 0
        scrollOffset = 0
    }

    /// The first character to show in a field `width` cells wide: the stored scroll
    /// offset, moved just enough that the cursor (and the cell it sits on) is visible,
    /// and back so that no cell is left free at the right while text is hidden.
    public func visibleStart(width: Int) -> Int {
        guard width > 0 else { return cursor }
        var start = min(scrollOffset, cursor)
        var used = 1  // the cursor's own cell
        for index in stride(from: cursor - 1, through: start, by: -1) where index >= 0 {
            used += glyphWidth(characters[index])
        }
        while used > width, start < cursor {
            used -= glyphWidth(characters[start])
            start += 1
        }
        // Leave no room free at the right while text is hidden on the left.
        var tail = (cursor == characters.count ? 1 : 0)
        for index in start..<characters.count { tail += glyphWidth(characters[index]) }
        while start > 0, tail + glyphWidth(characters[start - 1]) <= width {
            start -= 1
            tail += glyphWidth(characters[start])
        }
        return start
    }

    /// Stores the scroll position for a field `width` cells wide, so later renders
    /// scroll from here.
    public mutating func keepCursorVisible(width: Int) {
        scrollOffset = visibleStart(width: width)
    }

    /// Draws the field on the first row of `area`: `style` fills the row, the visible
    /// part of the text (or the placeholder) goes on top. When `focused`, the buffer's
    /// cursor is placed at the text cursor.
    public func render(
        in area: Rect, buffer: inout ScreenBuffer,
        style: Style = .plain, placeholderStyle: Style = Style(attributes: .dim),
        focused: Bool = true, glyphs: Glyphs = .unicode
    ) {
        guard !area.isEmpty else { return }
        let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        buffer.fill(row, style: style)
        if characters.isEmpty {
            buffer.put(placeholder, at: row.origin, style: style.patched(with: placeholderStyle), maxWidth: row.width)
            if focused { buffer.cursor = row.origin }
            return
        }
        let start = visibleStart(width: row.width)
        var x = row.x
        var cursorX = row.x
        for index in start..<characters.count {
            if index == cursor { cursorX = x }
            let shown = isMasked ? String(glyphs.mask) : String(characters[index])
            let look = isSelected && focused ? style.patched(with: Style(attributes: .underline)) : style
            let advanced = buffer.put(shown, at: Point(x: x, y: row.y), style: look, maxWidth: row.maxX - x)
            if advanced == 0 { break }
            x += advanced
        }
        if cursor == characters.count { cursorX = x }
        if focused { buffer.cursor = Point(x: min(cursorX, row.maxX - 1), y: row.y) }
    }

    private func glyphWidth(_ character: Character) -> Int {
        isMasked ? 1 : max(1, TextWidth.of(character))
    }
}
