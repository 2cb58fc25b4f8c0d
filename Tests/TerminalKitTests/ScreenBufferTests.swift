import TerminalKit
import Testing

@Suite struct ScreenBufferTests {
    func buffer(_ width: Int, _ height: Int = 1) -> ScreenBuffer {
        ScreenBuffer(size: Size(width: width, height: height))
    }

    @Test func putWritesAndReportsTheAdvance() {
        var screen = buffer(10)
        let red = Style(foreground: .red)
        #expect(screen.put("hello", at: Point(x: 2, y: 0), style: red) == 5)
        #expect(screen.lines() == ["  hello"])
        #expect(screen[2, 0] == Cell("h", style: red))
        #expect(screen[1, 0] == .blank)
    }

    @Test func putClipsAtTheRightEdgeAndToMaxWidth() {
        var screen = buffer(6)
        #expect(screen.put("abcdefgh", at: Point(x: 3, y: 0)) == 3)
        #expect(screen.lines() == ["   abc"])
        #expect(screen.put("xyz", at: .zero, maxWidth: 2) == 2)
        #expect(screen.lines() == ["xy abc"])
        #expect(screen.put("nope", at: Point(x: 0, y: 1)) == 0)
        #expect(screen.put("nope", at: Point(x: 0, y: -1)) == 0)
        #expect(screen.put("abc", at: .zero, maxWidth: 0) == 0)
    }

    @Test func putClipsAtTheLeftEdge() {
        var screen = buffer(6)
        #expect(screen.put("abcdef", at: Point(x: -2, y: 0)) == 6)
        #expect(screen.lines() == ["cdef"])
        var wide = buffer(6)
        wide.put("日本", at: Point(x: -1, y: 0))
        #expect(wide.lines() == [" 本"], "the half of 日 inside the buffer is blank")
    }

    @Test func wideCharactersTakeTwoCells() {
        var screen = buffer(6)
        #expect(screen.put("日本", at: .zero) == 4)
        #expect(screen[0, 0].character == "日")
        #expect(screen[1, 0].isContinuation)
        #expect(screen[0, 0].width == 2 && screen[1, 0].width == 0)
        #expect(screen.lines() == ["日本"])
    }

    @Test func aWideCharacterThatDoesNotFitTheLastColumnBecomesASpace() {
        var screen = buffer(5)
        #expect(screen.put("ab日本", at: Point(x: 0, y: 0)) == 5)
        #expect(screen.lines() == ["ab日"])
        var edge = buffer(5)
        edge.fill(edge.area, with: "x", style: .plain)
        #expect(edge.put("日本", at: Point(x: 2, y: 0)) == 3)
        #expect(edge[4, 0] == Cell(" "), "last column: space, not half a character")
        #expect(edge.lines() == ["xx日"])
        var limited = buffer(10)
        #expect(limited.put("日本", at: .zero, maxWidth: 3) == 3)
        #expect(limited.lines() == ["日"])
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var screen = buffer(6)
        screen.put("日本", at: .zero)
        screen.put("x", at: Point(x: 1, y: 0))
        #expect(screen.lines() == [" x本"])
        #expect(!screen[1, 0].isContinuation)
        screen.put("y", at: Point(x: 2, y: 0))
        #expect(screen.lines() == [" xy"])
        #expect(!screen[3, 0].isContinuation)
        screen.put("語", at: Point(x: 3, y: 0))
        screen.put("漢", at: Point(x: 2, y: 0))
        #expect(screen.lines() == [" x漢"], "漢 over y and the left half of 語")
        #expect(screen[4, 0] == .blank)
    }

    /// An escape is dropped; a tab or line break on one line is a space
    /// between its words ("tabin subject" ran them together).
    @Test func controlAndZeroWidthCharactersAreNotWritten() {
        var screen = buffer(10)
        #expect(screen.put("a\u{1B}[1mb\tc\nd", at: .zero) == 9)
        #expect(screen.lines() == ["a[1mb c d"])
        #expect(screen.put("e\u{301}", at: Point(x: 8, y: 0)) == 1)
        #expect(screen[8, 0].character == "e\u{301}")
    }

    @Test func spansShareTheWidth() {
        var screen = buffer(12)
        let bold = Style(attributes: .bold)
        let written = screen.put([Span("Ctrl-L", style: bold), Span(" Redraw")], at: .zero, maxWidth: 10)
        #expect(written == 10)
        #expect(screen.lines() == ["Ctrl-L Red"])
        #expect(screen[5, 0].style == bold && screen[6, 0].style == .plain)
    }

    @Test func fillClearAndPatch() {
        var screen = buffer(4, 2)
        let blue = Style(background: .blue)
        screen.put("abcd", at: .zero)
        screen.fill(Rect(x: 1, y: 0, width: 2, height: 5), style: blue)
        #expect(screen.lines() == ["a  d", ""])
        #expect(screen[1, 1].style == blue && screen[0, 1].style == .plain)
        screen.patchStyle(in: Rect(x: 0, y: 0, width: 2, height: 1), with: Style(attributes: .bold))
        #expect(screen[1, 0].style == Style(background: .blue, attributes: .bold))
        screen.fill(screen.area, with: "日", style: .plain)
        #expect(screen.lines() == ["日日", "日日"])
        screen.cursor = Point(x: 1, y: 1)
        screen.clear()
        #expect(screen == ScreenBuffer(size: Size(width: 4, height: 2)))
    }

    @Test func linesTrimTrailingSpacesAndSkipContinuations() {
        var screen = buffer(8, 3)
        screen.put("a 日 b", at: Point(x: 0, y: 1))
        #expect(screen.lines() == ["", "a 日 b", ""])
        #expect(screen.text == "\na 日 b\n")
    }

    @Test func styleSnapshotNamesStylesByLetter() {
        var screen = buffer(8, 2)
        screen.put("Tab", at: .zero, style: Style(foreground: .black, background: .cyan, attributes: .bold))
        screen.put("日", at: Point(x: 4, y: 0), style: Style(foreground: .red))
        screen.put("ok", at: Point(x: 0, y: 1), style: Style(foreground: .red))
        #expect(
            screen.styleSnapshot() == """
                Tab 日
                AAA.BB
                ok
                BB

                A: fg=black bg=cyan bold
                B: fg=red
                """)
    }

    @Test func differencesListChangedCells() {
        var before = buffer(5, 2)
        before.put("hello", at: .zero)
        var after = before
        after.put("J", at: .zero)
        after.put("!", at: Point(x: 4, y: 1))
        #expect(after.differences(from: before) == [Point(x: 0, y: 0), Point(x: 4, y: 1)])
        #expect(after.differences(from: after).isEmpty)
        #expect(after.differences(from: buffer(3, 1)).count == 10)
    }
}
