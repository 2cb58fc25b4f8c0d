/// A size in cells: `width` columns by `height` rows. Negative values are clamped to 0.
public struct Size: Sendable, Hashable, CustomStringConvertible {
    /// Columns.
    public var width: Int
    /// Rows.
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// No cells at all.
    public static let zero = Size(width: 0, height: 0)

    /// Whether the size holds no cell.
    public var isEmpty: Bool { width == 0 || height == 0 }

    /// `"80x24"`, the notation of key scripts (`<Resize 80x24>`) and tmux.
    public var description: String { "\(width)x\(height)" }
}
