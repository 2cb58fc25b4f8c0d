import TerminalKit
import TestSupport
import Testing

@Suite struct HalfBlockImageTests {
    /// A 4×4 image: red top-left, green top-right, blue bottom-left, white bottom-right.
    let quadrants: RGBImage = {
        var pixels: [UInt8] = []
        for y in 0..<4 {
            for x in 0..<4 {
                switch (x < 2, y < 2) {
                case (true, true): pixels += [255, 0, 0]
                case (false, true): pixels += [0, 255, 0]
                case (true, false): pixels += [0, 0, 255]
                case (false, false): pixels += [255, 255, 255]
                }
            }
        }
        return RGBImage(width: 4, height: 4, pixels: pixels)!
    }()

    @Test func imagesValidateTheirPixelCount() {
        #expect(RGBImage(width: 2, height: 2, pixels: [0, 0, 0]) == nil)
        #expect(RGBImage(width: 0, height: 2, pixels: []) == nil)
        #expect(RGBImage(width: 1, height: 1, pixels: [1, 2, 3])?.color(x: 0, y: 0) == .rgb(1, 2, 3))
    }

    @Test func eachCellShowsTwoPixels() {
        var buffer = ScreenBuffer(size: Size(width: 4, height: 2))
        HalfBlockImage(quadrants).render(in: buffer.area, buffer: &buffer)
        #expect(buffer.lines() == ["▀▀▀▀", "▀▀▀▀"])
        #expect(buffer[0, 0].style == Style(foreground: .rgb(255, 0, 0), background: .rgb(255, 0, 0)))
        #expect(buffer[3, 1].style == Style(foreground: .rgb(255, 255, 255), background: .rgb(255, 255, 255)))
        assertSnapshot(buffer.styleSnapshot(), named: "quadrants")
    }

    @Test func scalesWithNearestNeighbour() {
        // Upscaled to 8×2 cells (8×4 pixels) and downscaled to 2×1 (2×2 pixels).
        var large = ScreenBuffer(size: Size(width: 8, height: 2))
        HalfBlockImage(quadrants).render(in: large.area, buffer: &large)
        #expect(large[3, 0].style.foreground == .rgb(255, 0, 0))
        #expect(large[4, 0].style.foreground == .rgb(0, 255, 0))
        #expect(large[4, 1].style.background == .rgb(255, 255, 255))
        var small = ScreenBuffer(size: Size(width: 2, height: 1))
        HalfBlockImage(quadrants).render(in: small.area, buffer: &small)
        #expect(small[0, 0].style == Style(foreground: .rgb(255, 0, 0), background: .rgb(0, 0, 255)))
        #expect(small[1, 0].style == Style(foreground: .rgb(0, 255, 0), background: .rgb(255, 255, 255)))
    }

    @Test func fittedSizeKeepsProportions() {
        let wide = RGBImage(width: 100, height: 50, pixels: [UInt8](repeating: 0, count: 100 * 50 * 3))!
        let tall = RGBImage(width: 50, height: 100, pixels: [UInt8](repeating: 0, count: 50 * 100 * 3))!
        #expect(HalfBlockImage.fittedSize(for: wide, in: Size(width: 40, height: 20)) == Size(width: 40, height: 10))
        #expect(HalfBlockImage.fittedSize(for: tall, in: Size(width: 40, height: 20)) == Size(width: 20, height: 20))
        #expect(
            HalfBlockImage.fittedSize(for: quadrants, in: Size(width: 10, height: 10)) == Size(width: 10, height: 5))
        #expect(HalfBlockImage.fittedSize(for: wide, in: .zero) == .zero)
    }
}
