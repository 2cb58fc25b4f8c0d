import TerminalKit
import TestSupport
import Testing

@Suite struct TextFieldTests {
    @Test func insertsAndMovesByGrapheme() {
        var field = TextField("cafe")
        #expect(field.cursor == 4)
        field.insert("\u{301}")
        #expect(field.text == "café")
        #expect(field.cursor == 4, "the accent joined the e")
        field.moveLeft()
        field.insert("🇬🇧")
        #expect(field.text == "caf🇬🇧é")
        field.deleteBackward()
        #expect(field.text == "café")
        field.moveToStart()
        field.deleteForward()
        #expect(field.text == "afé")
        field.moveToEnd()
        field.moveRight()
        #expect(field.cursor == 3)
        field.deleteBackward()
        #expect(field.text == "af")
        field.moveToStart()
        field.moveLeft()
        field.deleteBackward()
        #expect(field.cursor == 0 && field.text == "af")
    }

    @Test func maxLengthAndControlCharacters() {
        var field = TextField(maxLength: 4)
        let first = field.insert("12")
        let second = field.insert("345")
        #expect(first && !second)
        #expect(field.text == "1234")
        let full = field.insert("6")
        #expect(!full)
        var clean = TextField()
        let complete = clean.insert("a\nb\u{1B}c\t")
        #expect(!complete)
        // One line: a line break or tab (a paste's) is a space; other controls go.
        #expect(clean.text == "a bc ")
    }

    @Test func handlesStandardEditingKeys() throws {
        var field = TextField()
        for step in try Key.parseScript("hello world<C-w>there<Home><Del>H<End><Left><BS><C-a><Right><C-k>") {
            guard case .key(let key) = step else { continue }
            let handled = field.handle(key)
            #expect(handled, "\(key)")
        }
        #expect(field.text == "H")
        field.text = "one two"
        #expect(field.cursor == 7)
        let handled = field.handle(.ctrl("u"))
        #expect(handled && field.text == "")
        let enter = field.handle(.enter)
        let tab = field.handle(.tab)
        #expect(!enter && !tab)
    }

    @Test func rendersWithPlaceholderAndCursor() {
        var buffer = ScreenBuffer(size: Size(width: 12, height: 1))
        TextField(placeholder: "Email address").render(in: buffer.area, buffer: &buffer)
        #expect(buffer.lines() == ["Email addres"])
        #expect(buffer.cursor == Point(x: 0, y: 0))
        #expect(buffer[0, 0].style == Style(attributes: .dim))
    }

    @Test func masksPinDigits() {
        var buffer = ScreenBuffer(size: Size(width: 8, height: 1))
        TextField("1234", masked: true).render(in: buffer.area, buffer: &buffer, style: Style(attributes: .underline))
        #expect(buffer.lines() == ["••••"])
        #expect(buffer.cursor == Point(x: 4, y: 0))
        var ascii = ScreenBuffer(size: Size(width: 8, height: 1))
        TextField("1234", masked: true).render(in: ascii.area, buffer: &ascii, focused: false, glyphs: .ascii)
        #expect(ascii.lines() == ["****"])
        #expect(ascii.cursor == nil)
    }

    @Test func scrollsHorizontallyToKeepTheCursorVisible() {
        var field = TextField("parent.of.ben.abbot@example.org")
        var frames: [String] = []
        func render() {
            var buffer = ScreenBuffer(size: Size(width: 12, height: 1))
            field.render(in: buffer.area, buffer: &buffer)
            let cursor = buffer.cursor?.x ?? -1
            frames.append(
                buffer.lines()[0] + String(repeating: " ", count: max(0, 12 - buffer.lines()[0].displayWidth))
                    + "| cursor \(cursor)")
        }
        render()  // cursor at the end: the tail shows
        for _ in 0..<15 { field.moveLeft() }
        render()  // no stored scroll: the cursor is pinned to the right edge
        field.keepCursorVisible(width: 12)
        for _ in 0..<5 { field.moveLeft() }
        render()  // still inside the stored window: the text stays put
        field.keepCursorVisible(width: 12)
        for _ in 0..<20 { field.moveLeft() }
        render()  // before the window: it follows the cursor
        field.keepCursorVisible(width: 12)
        field.insert("日本")
        field.keepCursorVisible(width: 12)
        render()  // typing at the start
        field.moveToEnd()
        field.keepCursorVisible(width: 12)
        for _ in 0..<8 { field.deleteBackward() }
        render()  // deleting at the end: the text slides back to fill the field
        assertSnapshot(frames.joined(separator: "\n"), named: "horizontal-scroll")
    }

    @Test func visibleStartNeverHidesTheCursor() {
        let text = "日本語 and English mixed 한국어"
        for width in 1...20 {
            var field = TextField(text)
            for _ in 0...text.count {
                let start = field.visibleStart(width: width)
                #expect(start <= field.cursor)
                let shown = String(Array(field.text)[start..<field.cursor])
                #expect(shown.displayWidth + 1 <= max(width, 1) || start == field.cursor)
                field.moveLeft()
            }
        }
    }

    /// Help lists these keys for every field and message body: each one acts
    /// in both widgets (from the middle of a line, where every one changes it).
    @Test func everyEditingKeyInHelpActsInAFieldAndAMessageBody() {
        for (keys, label) in TextField.editingKeys {
            for key in keys {
                var field = TextField("one two three")
                for _ in 0..<6 { field.moveLeft() }
                let before = (field.text, field.cursor)
                let taken = field.handle(key)
                #expect(taken, "\(key.displayName) (\(label)) is not taken by a field")
                #expect(before != (field.text, field.cursor), "\(key.displayName) changes nothing in a field")

                var body = TextArea("one two three")
                for _ in 0..<6 { body.moveLeft() }
                let start = (body.text, body.cursor)
                let inBody = body.handle(key, width: 40)
                #expect(inBody, "\(key.displayName) (\(label)) is not taken by a message body")
                #expect(start != (body.text, body.cursor), "\(key.displayName) changes nothing in a message body")
            }
        }
    }
}
