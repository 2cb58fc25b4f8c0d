import TerminalKit
import Testing

@Suite struct GeometryTests {
    let screen = Rect(x: 0, y: 0, width: 80, height: 24)

    @Test func insetShrinksAndNeverGoesNegative() {
        #expect(screen.inset(by: 1) == Rect(x: 1, y: 1, width: 78, height: 22))
        #expect(screen.inset(top: 1, left: 2, bottom: 3, right: 4) == Rect(x: 2, y: 1, width: 74, height: 20))
        #expect(Rect(x: 0, y: 0, width: 2, height: 2).inset(by: 3).isEmpty)
        #expect(Rect(x: 5, y: 5, width: -3, height: 2).width == 0)
    }

    @Test func intersection() {
        let a = Rect(x: 0, y: 0, width: 10, height: 10)
        let b = Rect(x: 5, y: 5, width: 10, height: 10)
        #expect(a.intersection(b) == Rect(x: 5, y: 5, width: 5, height: 5))
        #expect(a.intersection(Rect(x: 20, y: 0, width: 5, height: 5)).isEmpty)
        #expect(a.contains(Point(x: 9, y: 9)))
        #expect(!a.contains(Point(x: 10, y: 9)))
    }

    @Test func distributeServesFixedThenFractionsThenFlexibleByWeight() {
        #expect(Rect.Length.distribute([.fixed(10), .fill, .fixed(5)], total: 80) == [10, 65, 5])
        #expect(Rect.Length.distribute([.fraction(0.25), .fill], total: 80) == [20, 60])
        #expect(Rect.Length.distribute([.flexible(1), .flexible(2)], total: 10) == [4, 6])
        #expect(Rect.Length.distribute([.fill, .fill, .fill], total: 10) == [4, 3, 3])
        #expect(Rect.Length.distribute([.fixed(50), .fixed(50)], total: 80) == [50, 30])
        #expect(Rect.Length.distribute([.fixed(5)], total: 80) == [5])
        #expect(Rect.Length.distribute([.fixed(5), .fill], total: -3) == [0, 0])
    }

    @Test func rowsAndColumnsTileTheRectangle() {
        let rows = screen.rows([.fixed(1), .fill, .fixed(1)])
        #expect(
            rows == [
                Rect(x: 0, y: 0, width: 80, height: 1),
                Rect(x: 0, y: 1, width: 80, height: 22),
                Rect(x: 0, y: 23, width: 80, height: 1),
            ])
        let columns = Rect(x: 2, y: 3, width: 30, height: 4).columns([.fraction(1.0 / 3), .fill])
        #expect(columns == [Rect(x: 2, y: 3, width: 10, height: 4), Rect(x: 12, y: 3, width: 20, height: 4)])
    }

    @Test func splitHelpers() {
        let (rest, bottom) = screen.splitBottom(1)
        #expect(bottom == Rect(x: 0, y: 23, width: 80, height: 1))
        #expect(rest == Rect(x: 0, y: 0, width: 80, height: 23))
        let (left, right) = screen.splitLeft(20)
        #expect(left.width == 20 && right.x == 20 && right.width == 60)
        #expect(screen.splitTop(30).top.height == 24)
        #expect(screen.splitRight(10).right == Rect(x: 70, y: 0, width: 10, height: 24))
        #expect(screen.centered(Size(width: 40, height: 10)) == Rect(x: 20, y: 7, width: 40, height: 10))
    }
}
