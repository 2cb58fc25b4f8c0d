import TerminalKit
import TestSupport
import Testing

@Suite struct TableTests {
    let columns = [
        Table.Column("Date", width: .fixed(6)),
        Table.Column("From", width: .fraction(0.3)),
        Table.Column("Subject"),
        Table.Column("Att", width: .fixed(3), alignment: .right),
    ]
    let rows = [
        ["12 Mar", "Mrs Patel", "Trip to the Science Museum", "1"],
        ["11 Mar", "Office", "Homework club moves to Tuesday", ""],
        ["10 Mar", "渡辺先生", "日本語クラブのお知らせ", "12"],
        ["09 Mar", "Head teacher"],
    ]

    @Test func columnWidthsShareTheRow() {
        let table = Table(columns: columns, rows: rows)
        #expect(table.columnWidths(totalWidth: 50) == [6, 14, 24, 3])
        #expect(table.columnWidths(totalWidth: 50).reduce(0, +) + 3 == 50)
        #expect(table.columnWidths(totalWidth: 5) == [2, 0, 0, 0])
    }

    @Test func rendersHeaderRowsAndSelection() {
        var buffer = ScreenBuffer(size: Size(width: 50, height: 5))
        var table = Table(columns: columns, rows: rows, selected: 2)
        table.rowStyle = { row in row == 0 ? Style(attributes: .bold) : .plain }
        let drawn = table.render(in: buffer.area, buffer: &buffer)
        #expect(drawn == 0..<4)
        assertSnapshot(buffer.text, named: "messages")
        assertSnapshot(buffer.styleSnapshot(), named: "messages-styles")
    }

    @Test func asksOnlyForVisibleRows() {
        var asked = Set<Int>()
        let table = Table(columns: [Table.Column("N")], rowCount: 100_000, selected: 99_999) { row, _ in
            asked.insert(row)
            return "row \(row)"
        }
        var buffer = ScreenBuffer(size: Size(width: 12, height: 4))
        table.render(in: buffer.area, buffer: &buffer)
        #expect(asked == [99_997, 99_998, 99_999])
        #expect(buffer.lines() == ["N", "row 99997", "row 99998", "row 99999"])
    }

    @Test func aCellStyleColorsItsWholeCellOverTheRow() {
        var buffer = ScreenBuffer(size: Size(width: 20, height: 2))
        var table = Table(
            columns: [Table.Column("A", width: .fixed(5)), Table.Column("B", width: .fixed(5), alignment: .right)],
            rows: [["x", "9%"]], columnSpacing: 0)
        table.rowStyle = { _ in Style(attributes: .bold) }
        table.cellStyle = { _, column in column == 1 ? Style(foreground: .red) : .plain }
        table.render(in: buffer.area, buffer: &buffer)
        #expect(buffer.lines()[1] == "x       9%")
        for x in 5..<10 { #expect(buffer[x, 1].style == Style(foreground: .red, attributes: .bold)) }  // padding too
        #expect(buffer[0, 1].style == Style(attributes: .bold))
    }
}

extension TableTests {
    /// A table's rows laid among other lines: each text fitted to its
    /// column (cut with "…", padded), the spacing between, none after the last.
    @Test func fittedRowsLineUpAsADrawnTableDoes() {
        let table = Table(
            columns: [
                Table.Column("Subject", width: .fixed(6)), Table.Column("Grade", width: .fixed(3), alignment: .right),
                Table.Column("Note"),
            ],
            rows: [], columnSpacing: 1)
        #expect(table.fittedHeader(totalWidth: 16) == ["Subje… ", "Gr… ", "Note "])
        #expect(table.fittedRow(["Maths", "7"], totalWidth: 16) == ["Maths  ", "  7 ", "     "])
        #expect(
            table.fittedRow(["Design and Technology", "10", "ok"], totalWidth: 16) == ["Desig… ", " 10 ", "ok   "])
    }
}
