/// The files the demo store's hand-written messages carry: Mrs Okafor's
/// letter about Ben's options interview (a PDF) and a map of the way to the
/// library (a PNG). Drawn in code, so the bytes are always the same.
enum DemoAttachments {
    static let letterName = "options-interview-letter.pdf"
    static let mapName = "library-map.png"

    static func letter() -> [UInt8] {
        PDFWriter.letter(
            title: "Green Abbey School",
            lines: [
                "201 Estate High Road, Chigwell, Essex, IG7 5BJ", "", "17 March 2026", "",
                "Dear Mrs Abbot,", "",
                "Year 9 options interview: Ben Abbot (9A)", "",
                "Ben's options interview is booked for Tuesday 24 March at 10:40 in the library. He should bring his completed options form.",
                "The interview takes about fifteen minutes. You are very welcome to come with him; a map of the way to the library is attached to the message.",
                "", "Kind regards,", "", "Mrs Okafor", "Head of Year 9",
            ])
    }

    /// The school's buildings from above, the way from the gate and the library marked.
    static func map(width: Int = 96, height: Int = 64) -> [UInt8] {
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        let grass: (UInt8, UInt8, UInt8) = (150, 200, 120)
        let building: (UInt8, UInt8, UInt8) = (170, 160, 150)
        let path: (UInt8, UInt8, UInt8) = (225, 215, 190)
        let library: (UInt8, UInt8, UInt8) = (40, 90, 170)
        let marker: (UInt8, UInt8, UInt8) = (210, 40, 40)
        let road: (UInt8, UInt8, UInt8) = (90, 90, 95)
        func inside(_ x: Int, _ y: Int, _ r: (Int, Int, Int, Int)) -> Bool {
            x >= r.0 && x < r.0 + r.2 && y >= r.1 && y < r.1 + r.3
        }
        for y in 0..<height {
            for x in 0..<width {
                var c = grass
                if y >= height - 6 { c = road }
                if inside(x, y, (44, 24, 6, height - 30)) || inside(x, y, (20, 20, 56, 5)) { c = path }
                if inside(x, y, (8, 6, 30, 12)) || inside(x, y, (58, 6, 30, 12)) || inside(x, y, (8, 30, 30, 16)) {
                    c = building
                }
                if inside(x, y, (58, 30, 30, 16)) { c = library }
                let dx = x - 73
                let dy = y - 38
                if dx * dx + dy * dy <= 9 { c = marker }
                let i = (y * width + x) * 3
                rgb[i] = c.0
                rgb[i + 1] = c.1
                rgb[i + 2] = c.2
            }
        }
        return PNGWriter.encode(PPMImage(width: width, height: height, rgb: rgb))
    }
}
