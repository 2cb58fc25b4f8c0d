import TerminalKit
import Testing

@Suite struct ColorTests {
    @Test func namedColorsKeepTheirIndex() {
        #expect(Color.red.paletteIndex(for: .xterm256) == 1)
        #expect(Color.brightRed.paletteIndex(for: .ansi16) == 9)
        #expect(Color.brightRed.paletteIndex(for: .ansi8) == 1)
        #expect(Color.default.paletteIndex(for: .xterm256) == nil)
        #expect(Color.red.paletteIndex(for: .monochrome) == nil)
    }

    @Test func rgbMapsToTheNearestXterm256Entry() {
        #expect(Color.rgb(0, 0, 0).paletteIndex(for: .xterm256) == 16)
        #expect(Color.rgb(255, 255, 255).paletteIndex(for: .xterm256) == 231)
        #expect(Color.rgb(255, 0, 0).paletteIndex(for: .xterm256) == 196)
        #expect(Color.rgb(0, 95, 135).paletteIndex(for: .xterm256) == 24)
        #expect(Color.rgb(128, 128, 128).paletteIndex(for: .xterm256) == 244)
        #expect(Color.rgb(20, 20, 20).paletteIndex(for: .xterm256) == 233)
    }

    @Test func everyPaletteEntryMapsToItselfFromItsRGB() {
        for index in 16...255 {
            let rgb = Color.xtermRGB(index: index)
            let mapped = Color.rgb(UInt8(rgb.r), UInt8(rgb.g), UInt8(rgb.b)).paletteIndex(for: .xterm256)
            let back = mapped.map { Color.xtermRGB(index: $0) }
            #expect(back?.r == rgb.r && back?.g == rgb.g && back?.b == rgb.b, "index \(index)")
        }
    }

    @Test func fewerColorsPickTheNearestBasicOne() {
        #expect(Color.rgb(250, 10, 10).paletteIndex(for: .ansi8) == 1)
        #expect(Color.rgb(10, 10, 200).paletteIndex(for: .ansi8) == 4)
        #expect(Color.rgb(250, 250, 250).paletteIndex(for: .ansi16) == 15)
        #expect(Color.indexed(196).paletteIndex(for: .ansi16) == 9)
        #expect(Color.indexed(196).paletteIndex(for: .xterm256) == 196)
        #expect(Color.indexed(3).paletteIndex(for: .ansi8) == 3)
    }

    @Test func colorSupportFromCount() {
        #expect(ColorSupport(colorCount: 0) == .monochrome)
        #expect(ColorSupport(colorCount: 8) == .ansi8)
        #expect(ColorSupport(colorCount: 88) == .ansi16)
        #expect(ColorSupport(colorCount: 16_777_216) == .xterm256)
        #expect(ColorSupport.ansi8 < .xterm256)
    }

    @Test func stylesPatchAndDescribe() {
        let row = Style(foreground: .green, attributes: .bold)
        let selected = row.patched(with: Style(background: .blue, attributes: .reverse))
        #expect(selected == Style(foreground: .green, background: .blue, attributes: [.bold, .reverse]))
        #expect(selected.description == "fg=green bg=blue bold reverse")
        #expect(Style.plain.description == "plain")
        #expect(
            Style.plain.foreground(.red).adding(.underline).background(.indexed(17)).description
                == "fg=red bg=indexed(17) underline")
    }
}
