import TerminalKit
import TestSupport
import Testing

@Suite struct ListViewTests {
    @Test func rendersOnlyVisibleRowsOfTenThousand() {
        var buffer = ScreenBuffer(size: Size(width: 30, height: 8))
        let list = ListView(count: 10_000, selected: 5_000, offset: 4_990, showsScrollbar: true)
        var drawn: [Int] = []
        let range = list.render(in: buffer.area, buffer: &buffer) { row, buffer in
            drawn.append(row.index)
            buffer.put("Message \(row.index + 1)", at: row.area.origin, maxWidth: row.area.width)
        }
        #expect(drawn.count == 8, "one call per visible row")
        #expect(drawn == Array(4_993..<5_001))
        #expect(range == 4_993..<5_001)
        #expect(list.positionText == "5001/10000")
        assertSnapshot(buffer.styleSnapshot(), named: "ten-thousand-rows")
    }

    /// A uniform selection is one style across the row, bold if any of it
    /// was (a step down the timeline wrote a full reset per segment).
    @Test func aUniformSelectionIsOneStyleAcrossTheRow() {
        var buffer = ScreenBuffer(size: Size(width: 20, height: 2))
        let bar = Style(foreground: .black, background: .cyan)
        let list = ListView(count: 2, selected: 0, selectedStyle: bar, uniformSelection: true)
        list.render(in: buffer.area, buffer: &buffer) { row, buffer in
            let x = buffer.put("* ", at: row.area.origin, style: Style(foreground: .brightBlack))
            buffer.put("Subject", at: Point(x: x, y: row.area.y), style: Style(attributes: .bold))
        }
        let styles = Set((0..<20).map { buffer[$0, 0].style })
        #expect(styles == [Style(foreground: .black, background: .cyan, attributes: .bold)])
        #expect(buffer[0, 1].style == Style(foreground: .brightBlack), "other rows keep theirs")
    }

    @Test func scrollOffsetKeepsTheSelectionVisibleWithLeastMovement() {
        // Selection inside the window: no movement.
        #expect(ListView.scrollOffset(selected: 12, offset: 10, visibleRows: 5, count: 100) == 10)
        // Below the window: scroll just enough.
        #expect(ListView.scrollOffset(selected: 20, offset: 10, visibleRows: 5, count: 100) == 16)
        // Above the window.
        #expect(ListView.scrollOffset(selected: 3, offset: 10, visibleRows: 5, count: 100) == 3)
        // Never past the end, never negative.
        #expect(ListView.scrollOffset(selected: 99, offset: 200, visibleRows: 5, count: 100) == 95)
        #expect(ListView.scrollOffset(selected: nil, offset: -4, visibleRows: 5, count: 100) == 0)
        // Everything fits.
        #expect(ListView.scrollOffset(selected: 3, offset: 2, visibleRows: 10, count: 5) == 0)
        // Margins of context.
        #expect(ListView.scrollOffset(selected: 14, offset: 10, visibleRows: 5, count: 100, margin: 1) == 11)
        #expect(ListView.scrollOffset(selected: 10, offset: 10, visibleRows: 5, count: 100, margin: 1) == 9)
    }

    @Test func emptyAndUnselectedLists() {
        var buffer = ScreenBuffer(size: Size(width: 10, height: 3))
        var calls = 0
        let empty = ListView(count: 0)
        #expect(empty.render(in: buffer.area, buffer: &buffer) { _, _ in calls += 1 } == 0..<0)
        #expect(calls == 0)
        #expect(empty.positionText == "0/0")
        #expect(ListView(count: 7).positionText == "–/7")
    }

    @Test func selectionIsPatchedOverTheRowsOwnStyles() {
        var buffer = ScreenBuffer(size: Size(width: 12, height: 3))
        let list = ListView(count: 3, selected: 1, selectedStyle: Style(background: .blue))
        list.render(in: buffer.area, buffer: &buffer) { row, buffer in
            let x = buffer.put("\(row.index)", at: row.area.origin, style: Style(foreground: .red))
            buffer.put(row.isSelected ? " selected" : " plain", at: row.area.origin.offsetBy(dx: x))
        }
        assertSnapshot(buffer.styleSnapshot(), named: "selection-patch")
    }

    @Test func rowAtPointForMouseClicks() {
        let list = ListView(count: 50, selected: 30, offset: 28)
        let area = Rect(x: 2, y: 3, width: 20, height: 5)
        #expect(list.row(at: Point(x: 5, y: 3), in: area) == 28)
        #expect(list.row(at: Point(x: 5, y: 7), in: area) == 32)
        #expect(list.row(at: Point(x: 5, y: 8), in: area) == nil)
        #expect(ListView(count: 2).row(at: Point(x: 2, y: 5), in: area) == nil)
    }

    @Test func asciiScrollbarAtTheTopAndBottom() {
        var top = ScreenBuffer(size: Size(width: 6, height: 4))
        ListView(count: 20, selected: 0, showsScrollbar: true, glyphs: .ascii).render(in: top.area, buffer: &top) {
            row, buffer in
            buffer.put("r\(row.index)", at: row.area.origin)
        }
        var bottom = ScreenBuffer(size: Size(width: 6, height: 4))
        ListView(count: 20, selected: 19, showsScrollbar: true, glyphs: .ascii).render(in: bottom.area, buffer: &bottom)
        { row, buffer in
            buffer.put("r\(row.index)", at: row.area.origin)
        }
        assertSnapshot(top.text + "\n--\n" + bottom.text, named: "ascii-scrollbar")
    }
}
