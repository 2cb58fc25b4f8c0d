import TerminalKit
import TestSupport
import Testing

@Suite struct BoxTests {
    @Test func unicodeAndAsciiBorders() {
        var buffer = ScreenBuffer(size: Size(width: 30, height: 5))
        let inner = Box(title: "Messages").render(in: Rect(x: 0, y: 0, width: 14, height: 5), buffer: &buffer)
        #expect(inner == Rect(x: 1, y: 1, width: 12, height: 3))
        buffer.put("inside", at: inner.origin)
        Box(title: "A very long title", glyphs: .ascii).render(
            in: Rect(x: 15, y: 0, width: 15, height: 4), buffer: &buffer)
        assertSnapshot(buffer.text, named: "borders")
    }

    @Test func tinyAreasGetNoBorderAndTitlesNeedRoom() {
        var buffer = ScreenBuffer(size: Size(width: 10, height: 3))
        #expect(Box().render(in: Rect(x: 0, y: 0, width: 1, height: 3), buffer: &buffer).isEmpty)
        #expect(buffer.lines() == ["", "", ""])
        Box(title: "Title").render(in: Rect(x: 0, y: 0, width: 6, height: 2), buffer: &buffer)
        #expect(buffer.lines() == ["┌────┐", "└────┘", ""])
    }

    @Test func titleAndBorderStyles() {
        var buffer = ScreenBuffer(size: Size(width: 12, height: 3))
        Box(title: "Hi", borderStyle: Style(foreground: .blue), titleStyle: Style(attributes: .bold))
            .render(in: buffer.area, buffer: &buffer)
        assertSnapshot(buffer.styleSnapshot(), named: "styles")
    }
}
