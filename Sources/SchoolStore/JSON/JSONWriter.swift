/// Writes `JSONValue`s as text, deterministically: members in the order
/// given, two-space indentation, `\n` line ends and a final newline. Equal
/// values always give byte-identical output (the generator relies on it).
public struct JSONWriter {
    /// Short arrays of scalars (numbers, short strings) stay on one line when
    /// they fit in this many characters; this keeps attendance mark lists and
    /// id lists readable.
    public var inlineLimit: Int = 100

    public init() {}

    public func write(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        append(value, indent: 0, to: &out)
        out.append(0x0A)
        return out
    }

    public func string(_ value: JSONValue) -> String {
        String(decoding: write(value), as: UTF8.self)
    }

    /// Writes a top-level array with one element per block: the layout of
    /// every record file in the store.
    public func writeRecords(_ records: [JSONValue]) -> [UInt8] {
        write(.array(records))
    }

    func append(_ value: JSONValue, indent: Int, to out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: Array("null".utf8))
        case .bool(let b): out.append(contentsOf: Array((b ? "true" : "false").utf8))
        case .number(let n): out.append(contentsOf: Array(Self.format(n).utf8))
        case .string(let s): Self.appendString(s, to: &out)
        case .array(let elements):
            if elements.isEmpty {
                out.append(contentsOf: [0x5B, 0x5D])
                return
            }
            if let inline = inlineForm(elements) {
                out.append(contentsOf: inline)
                return
            }
            out.append(0x5B)
            for (i, element) in elements.enumerated() {
                if i > 0 { out.append(0x2C) }
                out.append(0x0A)
                appendIndent(indent + 1, to: &out)
                append(element, indent: indent + 1, to: &out)
            }
            out.append(0x0A)
            appendIndent(indent, to: &out)
            out.append(0x5D)
        case .object(let members):
            if members.isEmpty {
                out.append(contentsOf: [0x7B, 0x7D])
                return
            }
            out.append(0x7B)
            for (i, (key, member)) in members.enumerated() {
                if i > 0 { out.append(0x2C) }
                out.append(0x0A)
                appendIndent(indent + 1, to: &out)
                Self.appendString(key, to: &out)
                out.append(contentsOf: [0x3A, 0x20])
                append(member, indent: indent + 1, to: &out)
            }
            out.append(0x0A)
            appendIndent(indent, to: &out)
            out.append(0x7D)
        }
    }

    func inlineForm(_ elements: [JSONValue]) -> [UInt8]? {
        var out: [UInt8] = [0x5B]
        for (i, element) in elements.enumerated() {
            switch element {
            case .null, .bool, .number, .string: break
            default: return nil
            }
            if i > 0 { out.append(contentsOf: [0x2C, 0x20]) }
            append(element, indent: 0, to: &out)
            if out.count > inlineLimit { return nil }
        }
        out.append(0x5D)
        return out
    }

    func appendIndent(_ level: Int, to out: inout [UInt8]) {
        for _ in 0..<(level * 2) { out.append(0x20) }
    }

    static func format(_ n: Double) -> String {
        if n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
        return "\(n)"
    }

    static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        let hex = Array("0123456789abcdef".utf8)
        // Every control character is escaped (C0, DEL, and C1, which is
        // 0xC2 0x80...0x9F in UTF-8): JSON printed to a terminal never
        // carries an escape sequence from the store. So are the
        // bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069:
        // 0xE2 0x80 0xAA...0xAE, 0xE2 0x81 0xA6...0xA9), which would turn a
        // line round: escaped, the value is kept whole (printed, they were
        // replaced by U+FFFD, and `school inbox --json` lost them).
        var c1 = false
        var e2: [UInt8] = []
        for byte in s.utf8 {
            if !e2.isEmpty {
                e2.append(byte)
                if e2.count == 2 {
                    if byte == 0x80 || byte == 0x81 { continue }
                } else if (e2[1] == 0x80 && (0xAA...0xAE).contains(byte))
                    || (e2[1] == 0x81 && (0xA6...0xA9).contains(byte))
                {
                    let low: UInt8 = e2[1] == 0x80 ? byte - 0x80 : byte - 0x80 + 0x40
                    out.append(contentsOf: [0x5C, 0x75, 0x32, 0x30, hex[Int(low >> 4)], hex[Int(low & 0xF)]])
                    e2 = []
                    continue
                }
                out.append(contentsOf: e2)
                e2 = []
                continue
            }
            if byte == 0xE2 {
                e2 = [byte]
                continue
            }
            if c1 {
                c1 = false
                if (0x80...0x9F).contains(byte) {
                    out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                    continue
                }
                out.append(0xC2)
            }
            switch byte {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: out.append(contentsOf: [0x5C, 0x72])
            case 0x09: out.append(contentsOf: [0x5C, 0x74])
            case 0..<0x20, 0x7F:
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            case 0xC2: c1 = true
            default: out.append(byte)
            }
        }
        if c1 { out.append(0xC2) }
        out.append(contentsOf: e2)
        out.append(0x22)
    }
}
