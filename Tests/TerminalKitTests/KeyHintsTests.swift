import Testing
import TerminalKit
import TestSupport

@Suite struct KeyHintsTests {
    let hints = KeyHints([
        .init("↑↓", "Move"), .init(.enter, "Open"), .init("/", "Search"),
        .init(.ctrl("r"), "Refresh"), .init("q", "Quit"),
    ])

    @Test func dropsHintsThatDoNotFit() {
        #expect(hints.fitting(width: 80).count == 5)
        #expect(hints.fitting(width: 30).map(\.label) == ["Move", "Open", "Search"])
        #expect(hints.fitting(width: 37).map(\.label) == ["Move", "Open", "Search", "Quit"], "a later, shorter hint still fits")
        #expect(hints.fitting(width: 7).map(\.label) == ["Move"])
        #expect(hints.fitting(width: 3).isEmpty)
        let lines = [60, 30, 20, 12].map { width -> String in
            var buffer = ScreenBuffer(size: Size(width: width, height: 1))
            hints.render(in: buffer.area, buffer: &buffer)
            #expect(buffer.lines()[0].displayWidth <= width)
            return String(format: "%2d |", width) + buffer.lines()[0]
        }
        assertSnapshot(lines.joined(separator: "\n"), named: "widths")
    }

    @Test func keysAreStyled() {
        var buffer = ScreenBuffer(size: Size(width: 30, height: 1))
        hints.render(in: buffer.area, buffer: &buffer)
        assertSnapshot(buffer.styleSnapshot(), named: "styles")
    }
}
