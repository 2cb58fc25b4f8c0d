/// An RGB image in binary PPM (`P6`, maxval 255), the format the store keeps
/// school logos and children's photos in: trivially decoded with no image
/// library.
public struct PPMImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// width × height × 3 bytes, rows top to bottom.
    public let rgb: [UInt8]

    public enum DecodeError: Error, Sendable, Equatable, CustomStringConvertible {
        case notPPM
        case badHeader(String)
        case truncated(expected: Int, found: Int)

        public var description: String {
            switch self {
            case .notPPM: return "not a binary PPM image (expected the P6 signature)"
            case .badHeader(let reason): return "malformed PPM header: \(reason)"
            case .truncated(let expected, let found):
                return "truncated PPM image: expected \(expected) pixel bytes, found \(found)"
            }
        }
    }

    public init(width: Int, height: Int, rgb: [UInt8]) {
        precondition(rgb.count == width * height * 3, "PPMImage: pixel bytes do not match the size")
        self.width = width
        self.height = height
        self.rgb = rgb
    }

    public func pixel(x: Int, y: Int) -> (r: UInt8, g: UInt8, b: UInt8) {
        let i = (y * width + x) * 3
        return (rgb[i], rgb[i + 1], rgb[i + 2])
    }

    public static func decode(_ bytes: [UInt8]) throws(DecodeError) -> PPMImage {
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "P"), bytes[1] == UInt8(ascii: "6") else { throw .notPPM }
        var i = 2
        func token() throws(DecodeError) -> Int {
            // Whitespace and # comments separate header tokens.
            while i < bytes.count {
                if bytes[i] == UInt8(ascii: "#") {
                    while i < bytes.count, bytes[i] != 0x0A { i += 1 }
                } else if bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 {
                    i += 1
                } else {
                    break
                }
            }
            var value = 0
            var digits = 0
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                value = value * 10 + Int(bytes[i] - 0x30)
                digits += 1
                i += 1
                if digits > 6 { throw .badHeader("number too large") }
            }
            guard digits > 0 else { throw .badHeader("expected a number") }
            return value
        }
        let width = try token()
        let height = try token()
        let maxval = try token()
        guard width > 0, height > 0, width <= 4096, height <= 4096 else {
            throw .badHeader("size \(width)x\(height) out of range")
        }
        guard maxval == 255 else { throw .badHeader("maxval \(maxval) (only 255 is supported)") }
        guard i < bytes.count else { throw .truncated(expected: width * height * 3, found: 0) }
        i += 1  // the single whitespace byte after maxval
        let needed = width * height * 3
        let available = bytes.count - i
        guard available >= needed else { throw .truncated(expected: needed, found: max(available, 0)) }
        return PPMImage(width: width, height: height, rgb: Array(bytes[i..<(i + needed)]))
    }

    public func encode() -> [UInt8] {
        Array("P6\n\(width) \(height)\n255\n".utf8) + rgb
    }
}
