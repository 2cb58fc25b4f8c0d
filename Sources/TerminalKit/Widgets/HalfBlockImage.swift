/// Draws an `RGBImage` with half blocks: each cell shows "▀" with the foreground the
/// pixel above and the background the pixel below, so a cell holds two pixels and
/// pixels come out roughly square.
///
/// The image is scaled (nearest neighbour) to fill the area: `area.width` pixels across,
/// `2 * area.height` down; use `fittedSize(for:in:)` to keep its proportions. Colors are
/// `.rgb`, which backends map to the nearest palette color. It needs color and
/// Unicode: check `TerminalCapabilities` and draw a stand-in (initials, a box) otherwise.
public struct HalfBlockImage: Sendable, Hashable {
    public var image: RGBImage

    public init(_ image: RGBImage) {
        self.image = image
    }

    /// The largest size in cells, within `bounds`, that shows `image` undistorted
    /// (one pixel per column, two per row); at least 1×1.
    public static func fittedSize(for image: RGBImage, in bounds: Size) -> Size {
        guard !bounds.isEmpty else { return .zero }
        // Compare width/height of the image with width/(2*height) of the cells.
        if image.width * bounds.height * 2 >= bounds.width * image.height {
            let rows = (bounds.width * image.height + image.width) / (2 * image.width)
            return Size(width: bounds.width, height: max(1, min(bounds.height, rows)))
        }
        let columns = (bounds.height * 2 * image.width + image.height / 2) / image.height
        return Size(width: max(1, min(bounds.width, columns)), height: bounds.height)
    }

    /// Draws the image scaled to fill `area`.
    public func render(in area: Rect, buffer: inout ScreenBuffer) {
        guard !area.isEmpty else { return }
        let targetHeight = area.height * 2
        for row in 0..<area.height {
            let top = sample(2 * row, of: targetHeight, from: image.height)
            let bottom = sample(2 * row + 1, of: targetHeight, from: image.height)
            for column in 0..<area.width {
                let x = sample(column, of: area.width, from: image.width)
                let style = Style(foreground: image.color(x: x, y: top), background: image.color(x: x, y: bottom))
                buffer.put("▀", at: Point(x: area.x + column, y: area.y + row), style: style)
            }
        }
    }

    /// The source index whose centre is nearest the centre of target index `index`.
    private func sample(_ index: Int, of targetCount: Int, from sourceCount: Int) -> Int {
        min(sourceCount - 1, (2 * index + 1) * sourceCount / (2 * targetCount))
    }
}
