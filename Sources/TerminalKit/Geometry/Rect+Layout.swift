/// Layout: shrinking, splitting and intersecting rectangles.
extension Rect {
    /// How much of a row or column a part of a split takes.
    public enum Length: Sendable, Hashable {
        /// Exactly this many cells (fewer if the total runs out).
        case fixed(Int)
        /// This fraction of the total (0...1), rounded down.
        case fraction(Double)
        /// A share of what fixed and fractional parts leave, in proportion to the weight.
        case flexible(Int)

        /// A flexible part of weight 1.
        public static let fill = Length.flexible(1)

        /// Sizes for `lengths` sharing `total` cells.
        ///
        /// Fixed and fractional parts are served first, in order, until the total runs
        /// out; flexible parts share the rest by weight, the cells left over by rounding
        /// going to the first flexible parts. The result has one entry per length, never
        /// negative, and sums to at most `total` (exactly `total` when any part is flexible).
        public static func distribute(_ lengths: [Length], total: Int) -> [Int] {
            let total = max(0, total)
            var sizes = [Int](repeating: 0, count: lengths.count)
            var remaining = total
            for (index, length) in lengths.enumerated() {
                let wanted: Int
                switch length {
                case .fixed(let cells): wanted = max(0, cells)
                case .fraction(let fraction): wanted = Int((Double(total) * min(max(fraction, 0), 1)).rounded(.down))
                case .flexible: continue
                }
                sizes[index] = min(wanted, remaining)
                remaining -= sizes[index]
            }
            let weights = lengths.map { length -> Int in
                if case .flexible(let weight) = length { return max(0, weight) }
                return 0
            }
            let weightSum = weights.reduce(0, +)
            guard weightSum > 0 else { return sizes }
            var given = 0
            for index in lengths.indices where weights[index] > 0 {
                sizes[index] = remaining * weights[index] / weightSum
                given += sizes[index]
            }
            var leftover = remaining - given
            for index in lengths.indices where weights[index] > 0 && leftover > 0 {
                sizes[index] += 1
                leftover -= 1
            }
            return sizes
        }
    }

    /// This rectangle shrunk by `amount` cells on every side.
    public func inset(by amount: Int) -> Rect {
        inset(top: amount, left: amount, bottom: amount, right: amount)
    }

    /// This rectangle shrunk by the given number of cells on each side (never below
    /// an empty rectangle).
    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        Rect(x: x + left, y: y + top, width: width - left - right, height: height - top - bottom)
    }

    /// The cells both rectangles cover; an empty rectangle when they do not overlap.
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x)
        let top = max(y, other.y)
        let right = min(maxX, other.maxX)
        let bottom = min(maxY, other.maxY)
        guard right > left, bottom > top else { return Rect(x: left, y: top, width: 0, height: 0) }
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// Splits the rectangle into rows stacked top to bottom (see `Length.distribute`).
    public func rows(_ lengths: [Length]) -> [Rect] {
        var top = y
        return Length.distribute(lengths, total: height).map { rowHeight in
            defer { top += rowHeight }
            return Rect(x: x, y: top, width: width, height: rowHeight)
        }
    }

    /// Splits the rectangle into columns laid out left to right (see `Length.distribute`).
    public func columns(_ lengths: [Length]) -> [Rect] {
        var left = x
        return Length.distribute(lengths, total: width).map { columnWidth in
            defer { left += columnWidth }
            return Rect(x: left, y: y, width: columnWidth, height: height)
        }
    }

    /// The top `rows` rows and the rest below them.
    public func splitTop(_ rows: Int) -> (top: Rect, rest: Rect) {
        let parts = self.rows([.fixed(rows), .fill])
        return (parts[0], parts[1])
    }

    /// The bottom `rows` rows and the rest above them.
    public func splitBottom(_ rows: Int) -> (rest: Rect, bottom: Rect) {
        let parts = self.rows([.fill, .fixed(rows)])
        return (parts[0], parts[1])
    }

    /// The left `columns` columns and the rest to their right.
    public func splitLeft(_ columns: Int) -> (left: Rect, rest: Rect) {
        let parts = self.columns([.fixed(columns), .fill])
        return (parts[0], parts[1])
    }

    /// The right `columns` columns and the rest to their left.
    public func splitRight(_ columns: Int) -> (rest: Rect, right: Rect) {
        let parts = self.columns([.fill, .fixed(columns)])
        return (parts[0], parts[1])
    }

    /// A rectangle of `size` centred in this one (clipped to it).
    public func centered(_ size: Size) -> Rect {
        let w = min(size.width, width)
        let h = min(size.height, height)
        return Rect(x: x + (width - w) / 2, y: y + (height - h) / 2, width: w, height: h)
    }
}
