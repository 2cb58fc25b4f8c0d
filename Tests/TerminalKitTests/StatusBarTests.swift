import TerminalKit
import TestSupport
import Testing

@Suite struct StatusBarTests {
    let bar = StatusBar(
        left: [Span("Oakfield Primary", style: Style(attributes: .bold)), Span("3 unread")],
        right: [Span("updated 5 min ago")]
    )

    @Test func rightSegmentsWinAndLeftOnesTruncate() {
        let lines = [60, 40, 30, 18, 10].map { width -> String in
            var buffer = ScreenBuffer(size: Size(width: width, height: 1))
            bar.render(in: buffer.area, buffer: &buffer)
            return String(format: "%2d |", width) + buffer.lines()[0]
        }
        assertSnapshot(lines.joined(separator: "\n"), named: "widths")
    }

    @Test func segmentStylesLayOverTheBar() {
        var buffer = ScreenBuffer(size: Size(width: 40, height: 1))
        bar.render(in: buffer.area, buffer: &buffer)
        assertSnapshot(buffer.styleSnapshot(), named: "styles")
    }

    @Test func truncatingSpans() {
        let spans = [Span("abc", style: Style(attributes: .bold)), Span("日本語")]
        #expect(StatusBar.truncate(spans, toWidth: 9) == spans)
        #expect(
            StatusBar.truncate(spans, toWidth: 8) == [
                Span("abc", style: Style(attributes: .bold)), Span("日本"), Span("…"),
            ])
        #expect(
            StatusBar.truncate(spans, toWidth: 3) == [
                Span("ab", style: Style(attributes: .bold)), Span("…", style: Style(attributes: .bold)),
            ])
    }
}
