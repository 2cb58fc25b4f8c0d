/// A decoded picture (a child's photo, a school's logo): RGB pixels, three
/// bytes each, row by row.
public struct Picture: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let rgb: [UInt8]

    public init(width: Int, height: Int, rgb: [UInt8]) {
        self.width = width
        self.height = height
        self.rgb = rgb
    }
}
