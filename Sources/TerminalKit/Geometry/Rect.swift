/// A rectangle of cells: the region a widget draws into.
///
/// `maxX` and `maxY` are exclusive: a rectangle at `x: 2` of width 3 covers columns
/// 2, 3 and 4, and `maxX` is 5. Widths and heights are never negative. Layout helpers
/// (inset, split into rows or columns, intersection) live in `Rect+Layout.swift`.
public struct Rect: Sendable, Hashable, CustomStringConvertible {
    /// The left column.
    public var x: Int
    /// The top row.
    public var y: Int
    /// Columns covered; never negative.
    public var width: Int
    /// Rows covered; never negative.
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public init(origin: Point, size: Size) {
        self.init(x: origin.x, y: origin.y, width: size.width, height: size.height)
    }

    /// A rectangle at the origin covering `size`.
    public init(size: Size) {
        self.init(x: 0, y: 0, width: size.width, height: size.height)
    }

    /// The top-left cell.
    public var origin: Point { Point(x: x, y: y) }
    /// Width and height.
    public var size: Size { Size(width: width, height: height) }
    /// The left column (same as `x`).
    public var minX: Int { x }
    /// The top row (same as `y`).
    public var minY: Int { y }
    /// One past the right-most column.
    public var maxX: Int { x + width }
    /// One past the bottom row.
    public var maxY: Int { y + height }
    /// Whether the rectangle covers no cell.
    public var isEmpty: Bool { width == 0 || height == 0 }

    /// Whether `point` lies inside.
    public func contains(_ point: Point) -> Bool {
        point.x >= x && point.x < maxX && point.y >= y && point.y < maxY
    }

    /// `"(x,y) WxH"`.
    public var description: String { "(\(x),\(y)) \(width)x\(height)" }
}
