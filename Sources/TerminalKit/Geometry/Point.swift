/// A position on the screen, in cells: `x` grows to the right, `y` downwards,
/// `(0, 0)` is the top-left cell.
public struct Point: Sendable, Hashable, CustomStringConvertible {
    /// The column, 0-based.
    public var x: Int
    /// The row, 0-based.
    public var y: Int

    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }

    /// The top-left cell.
    public static let zero = Point(x: 0, y: 0)

    /// This point moved by `dx` columns and `dy` rows.
    public func offsetBy(dx: Int = 0, dy: Int = 0) -> Point {
        Point(x: x + dx, y: y + dy)
    }

    public var description: String { "(\(x),\(y))" }
}
