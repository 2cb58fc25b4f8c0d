import TerminalKit
import TestSupport
import Testing

@Suite struct TextAreaTests {
    @Test func enterStartsANewLineAndBackspaceJoinsThem() {
        var area = TextArea()
        for key: Key in [.char("H"), .char("i"), .enter, .char("?")] {
            let handled = area.handle(key, width: 20)
            #expect(handled)
        }
        #expect(area.text == "Hi\n?")
        area.handle(.left, width: 20)
        area.handle(.backspace, width: 20)
        #expect(area.text == "Hi?")
        #expect(area.cursor == 2)
    }

    @Test func lineBreaksAreKeptAndOtherControlCharactersDropped() {
        var area = TextArea()
        let complete = area.insert("a\r\nb\rc\td\u{1B}e")
        #expect(!complete)
        #expect(area.text == "a\nb\nc de")
    }

    @Test func longLinesWrapAtASpaceAndTheCursorFollows() {
        // 10 cells wide: 9 for text, one kept for the cursor.
        let area = TextArea("Can Ben bring his trumpet?")
        let rows = area.layout(width: 10)
        let shown = rows.map { row in
            String(Array(area.text)[row.start..<row.caretEnd])
        }
        #expect(shown == ["Can Ben", "bring his", "trumpet?"])
        #expect(area.cursorPosition(width: 10) == (2, 8))
        // A word longer than the line is cut between characters.
        let long = TextArea("abcdefghijklmnop")
        #expect(long.layout(width: 6).count == 4)
    }

    @Test func upAndDownMoveBetweenLinesAsDrawnKeepingTheColumn() {
        var area = TextArea("first line\nx\nthird line")
        #expect(area.cursorPosition(width: 40) == (2, 10))
        var moved = area.moveUp(width: 40)
        #expect(moved && area.cursorPosition(width: 40) == (1, 1), "the short line: its end")
        moved = area.moveUp(width: 40)
        #expect(moved && area.cursorPosition(width: 40) == (0, 10), "the column aimed for is kept")
        moved = area.moveUp(width: 40)
        #expect(!moved, "the first line: the screen's business")
        moved = area.moveDown(width: 40) && area.moveDown(width: 40)
        #expect(moved)
        moved = area.moveDown(width: 40)
        #expect(!moved)
        // Wide characters count as two cells.
        var wide = TextArea("王小明\nabcdef")
        moved = wide.moveUp(width: 40)
        #expect(moved)
        #expect(wide.cursorPosition(width: 40) == (0, 6))
    }

    @Test func homeEndAndLineDeletionStayOnTheLine() {
        var area = TextArea("one two\nthree four")
        area.handle(.home, width: 40)
        #expect(area.cursorPosition(width: 40) == (1, 0))
        area.handle(.ctrl("k"), width: 40)
        #expect(area.text == "one two\n")
        area.handle(.backspace, width: 40)
        area.handle(.ctrl("w"), width: 40)
        #expect(area.text == "one ")
        area.handle(.ctrl("u"), width: 40)
        #expect(area.text.isEmpty)
    }

    @Test func theViewScrollsOnlyAsFarAsTheCursorNeeds() {
        var area = TextArea((1...10).map { "line \($0)" }.joined(separator: "\n"))
        area.keepCursorVisible(width: 20, height: 3)
        #expect(area.scrollRow == 7)
        area.moveUp(width: 20)
        area.moveUp(width: 20)
        area.keepCursorVisible(width: 20, height: 3)
        #expect(area.scrollRow == 7, "still in view: no jump")
        area.moveUp(width: 20)
        area.keepCursorVisible(width: 20, height: 3)
        #expect(area.scrollRow == 6)
        var buffer = ScreenBuffer(size: Size(width: 20, height: 3))
        area.render(in: Rect(x: 0, y: 0, width: 20, height: 3), buffer: &buffer)
        #expect(buffer.lines() == ["line 7", "line 8", "line 9"])
        #expect(buffer.cursor == Point(x: 6, y: 0))
    }
}
