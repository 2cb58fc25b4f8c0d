import Testing

@testable import ParentApp

/// The list state every list screen keeps (Home, the timeline, kept and sent
/// messages, links): moves, which moves go anywhere, the first row shown and
/// the row under a click.
@Suite struct ListCursorTests {
    @Test func movesStayWithinTheList() {
        var c = ListCursor()
        var moves: [(Bool, Int)] = []
        for command in [Command.down, .pageDown, .down, .top, .open] {
            let moved = c.move(command, count: 3, page: 10)
            moves.append((moved, c.selected))
        }
        #expect(moves.map(\.0) == [true, true, true, true, false])
        #expect(moves.map(\.1) == [1, 2, 2, 0, 0])
    }

    @Test func onlyMovesThatGoSomewhereAreAllowed() {
        var c = ListCursor()
        #expect(c.allows(.up, count: 3) == false && c.allows(.down, count: 3) == true)
        c.selected = 2
        #expect(c.allows(.bottom, count: 3) == false && c.allows(.pageUp, count: 3) == true)
        #expect(c.allows(.open, count: 3) == nil)
        #expect(ListCursor().allows(.down, count: 1) == false)
    }

    @Test func theOffsetFollowsTheSelectionAndStaysPut() {
        var c = ListCursor()
        c.selected = 7
        c.settle(count: 20, rows: 5)
        #expect(c.offset == 3)  // the selection on the last row shown
        c.selected = 5
        c.settle(count: 20, rows: 5)
        #expect(c.offset == 3, "moving up within the rows shown does not scroll")
        #expect(c.item(atRow: 0, count: 20, rows: 5) == 3 && c.item(atRow: 5, count: 20, rows: 5) == nil)
        c.settle(count: 2, rows: 5)
        #expect(c.selected == 1 && c.offset == 0, "a shorter list clamps both")
        #expect(c.item(atRow: 3, count: 2, rows: 5) == nil)
    }
}
