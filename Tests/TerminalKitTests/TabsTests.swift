import TerminalKit
import TestSupport
import Testing

@Suite struct TabsTests {
    let titles = ["Timeline", "Attendance", "Timetable", "School details"]

    func render(_ tabs: Tabs, width: Int) -> ScreenBuffer {
        var buffer = ScreenBuffer(size: Size(width: width, height: 1))
        tabs.render(in: buffer.area, buffer: &buffer)
        return buffer
    }

    @Test func truncatesGracefullyAsTheWidthShrinks() {
        let tabs = Tabs(titles, selected: 1)
        let lines = [60, 50, 40, 30, 20, 12, 6].map { width in
            let line = render(tabs, width: width).lines()[0]
            #expect(line.displayWidth <= width)
            #expect(
                line.contains(tabs.layout(width: width).first { $0.index == 1 }?.title ?? "missing"),
                "the selected tab is always shown")
            return String(format: "%2d |", width) + line
        }
        assertSnapshot(lines.joined(separator: "\n"), named: "widths")
    }

    @Test func selectedTabIsStyled() {
        assertSnapshot(render(Tabs(titles, selected: 2), width: 60).styleSnapshot(), named: "selected-style")
    }

    @Test func asciiGlyphs() {
        let tabs = Tabs(titles, selected: 3, glyphs: .ascii)
        assertSnapshot([60, 20].map { render(tabs, width: $0).lines()[0] }.joined(separator: "\n"), named: "ascii")
    }

    @Test func hitTestingFindsTheTabUnderAColumn() {
        let tabs = Tabs(titles, selected: 0)
        let area = Rect(x: 5, y: 0, width: 60, height: 1)
        #expect(tabs.tab(atColumn: 5, in: area) == 0)
        #expect(tabs.tab(atColumn: 5 + 9, in: area) == 0, " Timeline  takes columns 0-9")
        #expect(tabs.tab(atColumn: 5 + 10, in: area) == nil, "the separator")
        #expect(tabs.tab(atColumn: 5 + 11, in: area) == 1)
        #expect(tabs.tab(atColumn: 4, in: area) == nil)
        #expect(Tabs([], selected: 0).layout(width: 20).isEmpty)
    }
}
