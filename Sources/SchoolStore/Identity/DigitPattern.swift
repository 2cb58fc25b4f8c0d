/// A fixed-length digit pattern: a few leading positions each restricted to a
/// set of digits, then any digits up to `length`.
///
/// This is the shape of every alternative in libphonenumber's number-type
/// patterns once they are expanded (for example `78[23][0-8]\d{6}` is the
/// prefix `7`, `8`, `[23]`, `[0-8]` with length 10), so a list of these is a
/// faithful, allocation-free replacement for the regular expression.
struct DigitPattern: Sendable, CustomStringConvertible {
    /// One bit mask per leading position: bit d set means digit d is allowed.
    let prefix: [UInt16]
    /// The exact number of digits the whole number must have.
    let length: Int
    /// The spec this pattern was built from, for diagnostics and tests.
    let spec: String

    /// Builds a pattern from a spec such as `"7457[0-57-9]"`: plain digits
    /// and bracketed classes of digits and digit ranges, one per position.
    ///
    /// The specs are compile-time constants of this module; a malformed one
    /// is a programming error and stops the program (tests parse every one).
    init(_ spec: String, length: Int) {
        var masks: [UInt16] = []
        var bytes = Array(spec.utf8)[...]
        while let byte = bytes.popFirst() {
            if let digit = DigitPattern.digit(byte) {
                masks.append(1 << digit)
                continue
            }
            precondition(byte == UInt8(ascii: "["), "bad digit pattern \(spec)")
            var mask: UInt16 = 0
            while let member = bytes.popFirst(), member != UInt8(ascii: "]") {
                guard let low = DigitPattern.digit(member) else { preconditionFailure("bad digit pattern \(spec)") }
                if bytes.first == UInt8(ascii: "-") {
                    bytes.removeFirst()
                    guard let next = bytes.popFirst(), let high = DigitPattern.digit(next), high >= low else {
                        preconditionFailure("bad digit pattern \(spec)")
                    }
                    for d in low...high { mask |= 1 << d }
                } else {
                    mask |= 1 << low
                }
            }
            precondition(mask != 0, "bad digit pattern \(spec)")
            masks.append(mask)
        }
        precondition(masks.count <= length, "bad digit pattern \(spec)")
        self.prefix = masks
        self.length = length
        self.spec = spec
    }

    /// True when `digits` (ASCII) has exactly `length` digits and its leading
    /// digits are allowed by the prefix.
    func matches(_ digits: String.UTF8View) -> Bool {
        var position = 0
        for byte in digits {
            guard let digit = DigitPattern.digit(byte) else { return false }
            if position < prefix.count, prefix[position] & (1 << digit) == 0 { return false }
            position += 1
            if position > length { return false }
        }
        return position == length
    }

    var description: String { "\(spec)\\d{\(length - prefix.count)}" }

    private static func digit(_ byte: UInt8) -> UInt16? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? UInt16(byte - UInt8(ascii: "0")) : nil
    }
}
