import TerminalKit
import TestSupport
import Testing

@Suite struct ParagraphTests {
    let body = """
        Dear parents,
        The Year 5 trip to the Science Museum is on Friday 14 March. Children need a packed lunch and a waterproof coat.
        日本語の練習もあります。
        """

    @Test func wrapsToTheAreaAndScrolls() {
        let paragraph = Paragraph(body)
        #expect(paragraph.lineCount(width: 24) == 8)
        #expect(paragraph.maxScroll(in: Size(width: 24, height: 4)) == 4)
        var top = ScreenBuffer(size: Size(width: 24, height: 4))
        paragraph.render(in: top.area, buffer: &top)
        var scrolled = ScreenBuffer(size: Size(width: 24, height: 4))
        Paragraph(body, scroll: 4).render(in: scrolled.area, buffer: &scrolled)
        assertSnapshot(top.text + "\n--\n" + scrolled.text, named: "wrap-and-scroll")
    }

    @Test func alignmentAndClampedScroll() {
        var buffer = ScreenBuffer(size: Size(width: 16, height: 2))
        Paragraph("centred text\nright", scroll: 0, alignment: .center).render(in: buffer.area, buffer: &buffer)
        #expect(buffer.lines() == ["  centred text", "     right"])
        var clamped = ScreenBuffer(size: Size(width: 16, height: 2))
        Paragraph("one\ntwo\nthree", scroll: 99).render(in: clamped.area, buffer: &clamped)
        #expect(clamped.lines() == ["three", ""], "scrolling past the end leaves the last line")
    }
}
