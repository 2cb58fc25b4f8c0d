/// A picture as a grid of 8-bit RGB pixels, row by row, three bytes per pixel.
public struct RGBImage: Sendable, Hashable {
    public let width: Int
    public let height: Int
    /// `width * height * 3` bytes: red, green, blue of each pixel, rows top to bottom.
    public let pixels: [UInt8]

    /// Nil unless `pixels` holds exactly `width * height` RGB triples.
    public init?(width: Int, height: Int, pixels: [UInt8]) {
        guard width > 0, height > 0, pixels.count == width * height * 3 else { return nil }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The color of the pixel at column `x`, row `y`.
    public func color(x: Int, y: Int) -> Color {
        let offset = (y * width + x) * 3
        return .rgb(pixels[offset], pixels[offset + 1], pixels[offset + 2])
    }
}
