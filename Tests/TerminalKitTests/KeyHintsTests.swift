import TerminalKit
import TestSupport
import Testing

@Suite struct KeyHintsTests {
    let hints = KeyHints([
        .init("↑↓", "Move"), .init(.enter, "Open"), .init("/", "Search"),
        .init(.ctrl("r"), "Refresh"), .init("q", "Quit"),
    ])

    /// An app's footer keeps its last hint ("? Help") whatever else must go:
    /// the way to every other key stays on screen (adding "a Report an
    /// absence" had pushed it off Home at 80 columns).
    @Test func theLastHintIsKeptWhenAsked() {
        var kept = hints
        kept.keepsLast = true
        #expect(kept.fitting(width: 80).count == 5)
        #expect(kept.fitting(width: 30).map(\.label) == ["Move", "Open", "Quit"])
        #expect(kept.fitting(width: 6).map(\.label) == ["Quit"])
        #expect(kept.fitting(width: 3).isEmpty)
        for width in 0...40 {
            #expect(
                kept.fitting(width: width).map(\.width).reduce(0, +) + 2 * max(0, kept.fitting(width: width).count - 1)
                    <= width)
        }
    }

    @Test func dropsHintsThatDoNotFit() {
        #expect(hints.fitting(width: 80).count == 5)
        #expect(hints.fitting(width: 30).map(\.label) == ["Move", "Open", "Search"])
        #expect(
            hints.fitting(width: 37).map(\.label) == ["Move", "Open", "Search", "Quit"],
            "a later, shorter hint still fits")
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
