/// Mapping colors onto what a terminal can show.
extension Color {
    /// The palette index a terminal with `support` should use for this color, or nil
    /// for the terminal's default color (`.default`, or any color on a monochrome
    /// terminal).
    ///
    /// Named colors keep their index (bright ones fall back to the basic color on an
    /// 8-color terminal); `.indexed` and `.rgb` colors the terminal lacks become the
    /// nearest entry it has, measured on the standard xterm palette.
    public func paletteIndex(for support: ColorSupport) -> Int? {
        switch support {
        case .monochrome:
            return nil
        case .ansi8, .ansi16, .xterm256:
            break
        }
        let limit = support.rawValue
        switch self {
        case .default:
            return nil
        case .indexed(let index):
            if Int(index) < limit { return Int(index) }
            let rgb = Color.xtermRGB(index: Int(index))
            return Color.nearestIndex(r: UInt8(rgb.r), g: UInt8(rgb.g), b: UInt8(rgb.b), among: limit)
        case .rgb(let r, let g, let b):
            if support == .xterm256 { return Color.nearestXterm256(r: r, g: g, b: b) }
            return Color.nearestIndex(r: r, g: g, b: b, among: limit)
        default:
            let index = namedIndex
            return index < limit ? index : index - 8
        }
    }

    /// The index 0-15 of a named color (only meaningful for the 16 named cases).
    private var namedIndex: Int {
        switch self {
        case .black: return 0
        case .red: return 1
        case .green: return 2
        case .yellow: return 3
        case .blue: return 4
        case .magenta: return 5
        case .cyan: return 6
        case .white: return 7
        case .brightBlack: return 8
        case .brightRed: return 9
        case .brightGreen: return 10
        case .brightYellow: return 11
        case .brightBlue: return 12
        case .brightMagenta: return 13
        case .brightCyan: return 14
        case .brightWhite: return 15
        case .default, .indexed, .rgb: return 0
        }
    }

    /// The six levels of each channel in the xterm 6×6×6 cube.
    private static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// xterm's default values for the 16 named colors.
    private static let basicRGB: [(r: Int, g: Int, b: Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
        (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0),
        (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// The RGB value of an xterm palette entry (the default xterm palette).
    public static func xtermRGB(index: Int) -> (r: Int, g: Int, b: Int) {
        switch index {
        case ..<16:
            return basicRGB[max(0, index)]
        case 16..<232:
            let cube = index - 16
            return (cubeLevels[cube / 36], cubeLevels[(cube / 6) % 6], cubeLevels[cube % 6])
        default:
            let grey = 8 + 10 * (min(index, 255) - 232)
            return (grey, grey, grey)
        }
    }

    /// The nearest entry of the 256-color palette outside the themable first 16: the
    /// closer of the nearest cube color and the nearest grey.
    static func nearestXterm256(r: UInt8, g: UInt8, b: UInt8) -> Int {
        func cubeStep(_ value: UInt8) -> Int {
            let v = Int(value)
            if v < 48 { return 0 }
            if v < 115 { return 1 }
            return (v - 35) / 40
        }
        let (cr, cg, cb) = (cubeStep(r), cubeStep(g), cubeStep(b))
        let cubeIndex = 16 + 36 * cr + 6 * cg + cb
        let average = (Int(r) + Int(g) + Int(b)) / 3
        let greyStep = average > 238 ? 23 : max(0, (average - 3) / 10)
        let greyIndex = 232 + greyStep
        let target = (Int(r), Int(g), Int(b))
        return distance(target, xtermRGB(index: greyIndex)) < distance(target, xtermRGB(index: cubeIndex))
            ? greyIndex : cubeIndex
    }

    /// The nearest of the first `count` palette entries (8 or 16).
    static func nearestIndex(r: UInt8, g: UInt8, b: UInt8, among count: Int) -> Int {
        let target = (Int(r), Int(g), Int(b))
        var best = 0
        var bestDistance = Int.max
        for index in 0..<min(count, 16) {
            let d = distance(target, basicRGB[index])
            if d < bestDistance {
                best = index
                bestDistance = d
            }
        }
        return best
    }

    private static func distance(_ a: (Int, Int, Int), _ b: (r: Int, g: Int, b: Int)) -> Int {
        let dr = a.0 - b.r
        let dg = a.1 - b.g
        let db = a.2 - b.b
        return dr * dr + dg * dg + db * db
    }
}
