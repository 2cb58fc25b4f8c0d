import Glibc

/// A strict JSON parser over UTF-8 bytes (RFC 8259), with syntax errors that
/// give line and column, and the byte range of every element of a top-level
/// array so that one record can later be re-read without the rest of its file.
public struct JSONParser {
    /// A syntax error: what is wrong and where (1-based line and column).
    public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var reason: String
        public var description: String { "line \(line), column \(column): \(reason)" }
    }

    /// Parses a whole document.
    public static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (buffer) throws(SyntaxError) -> JSONValue in
            var parser = Cursor(buffer: buffer)
            return try parser.document(recordRanges: nil)
        }
    }

    /// Parses a document whose top level must be an array; also returns the
    /// byte range of each element.
    public static func parseArray(_ bytes: [UInt8]) throws(SyntaxError) -> (values: [JSONValue], ranges: [Range<Int>]) {
        try bytes.withUnsafeBufferPointer { (buffer) throws(SyntaxError) -> ([JSONValue], [Range<Int>]) in
            var parser = Cursor(buffer: buffer)
            var ranges: [Range<Int>] = []
            let value = try parser.document(recordRanges: &ranges)
            guard case .array(let values) = value else {
                throw parser.error(
                    at: parser.firstNonSpace, "the file must hold a JSON array of records, found \(value.kindName)")
            }
            return (values, ranges)
        }
    }

    /// Line and column (1-based) of a byte offset.
    public static func lineAndColumn(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        var i = 0
        let end = min(offset, bytes.count)
        while i < end {
            if bytes[i] == 0x0A {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        // Columns count characters, not bytes: skip UTF-8 continuation bytes.
        var column = 1
        var j = lineStart
        while j < end {
            if bytes[j] & 0xC0 != 0x80 { column += 1 }
            j += 1
        }
        return (line, column)
    }

    /// Whether one of the eight bytes of `w` ends a run of plain string
    /// text: a quote, a backslash or a control character (below 0x20).
    /// `(x - ones) & ~x & highs` is not zero exactly when a byte of x is
    /// zero, `(w - spaces) & ~w & highs` exactly when a byte of w is below
    /// 0x20, whatever the other bytes (UTF-8 included).
    @inline(__always) static func endsPlainRun(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quote = w ^ 0x2222_2222_2222_2222
        let backslash = w ^ 0x5C5C_5C5C_5C5C_5C5C
        let special =
            ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((w &- 0x2020_2020_2020_2020) & ~w)
        return special & 0x8080_8080_8080_8080 != 0
    }

    /// A strict UTF-8 check (no overlong forms, no surrogates, nothing past U+10FFFF).
    static func isValidUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = UnsafeRawPointer(b.baseAddress) else { return true }
        var i = 0
        let n = b.count
        while i < n {
            // ASCII eight bytes at a time (most of a store's text).
            while i + 8 <= n, base.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
            }
            guard i < n else { break }
            let c = b[i]
            if c < 0x80 {
                i += 1
                continue
            }
            func cont(_ k: Int) -> Bool { i + k < n && b[i + k] & 0xC0 == 0x80 }
            if c >= 0xC2 && c <= 0xDF {
                guard cont(1) else { return false }
                i += 2
            } else if c >= 0xE0 && c <= 0xEF {
                guard cont(1), cont(2) else { return false }
                let c1 = b[i + 1]
                if c == 0xE0 && c1 < 0xA0 { return false }
                if c == 0xED && c1 >= 0xA0 { return false }
                i += 3
            } else if c >= 0xF0 && c <= 0xF4 {
                guard cont(1), cont(2), cont(3) else { return false }
                let c1 = b[i + 1]
                if c == 0xF0 && c1 < 0x90 { return false }
                if c == 0xF4 && c1 >= 0x90 { return false }
                i += 4
            } else {
                return false
            }
        }
        return true
    }

    struct Cursor {
        let buffer: UnsafeBufferPointer<UInt8>
        var position = 0
        var depth = 0
        var firstNonSpace = 0

        init(buffer: UnsafeBufferPointer<UInt8>) { self.buffer = buffer }

        func error(at offset: Int, _ reason: String) -> SyntaxError {
            let (line, column) = JSONParser.lineAndColumn(of: offset, in: Array(buffer))
            return SyntaxError(line: line, column: column, reason: reason)
        }

        mutating func document(recordRanges: UnsafeMutablePointer<[Range<Int>]>?) throws(SyntaxError) -> JSONValue {
            // A UTF-8 byte order mark is tolerated, as editors on some systems add one.
            if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { position = 3 }
            skipSpace()
            firstNonSpace = position
            guard position < buffer.count else { throw error(at: position, "the file is empty: expected a JSON value") }
            let value: JSONValue
            if let recordRanges, buffer[position] == UInt8(ascii: "[") {
                value = try array(ranges: recordRanges)
            } else {
                value = try self.value()
            }
            skipSpace()
            if position < buffer.count {
                throw error(at: position, "unexpected \(describe(position)) after the end of the JSON value")
            }
            return value
        }

        func describe(_ offset: Int) -> String {
            guard offset < buffer.count else { return "end of file" }
            let byte = buffer[offset]
            if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
            if byte == 0x0A { return "end of line" }
            return "byte 0x\(String(byte, radix: 16, uppercase: true))"
        }

        @inline(__always) mutating func skipSpace() {
            while position < buffer.count {
                switch buffer[position] {
                case 0x20, 0x0A, 0x0D, 0x09: position += 1
                default: return
                }
            }
        }

        mutating func value() throws(SyntaxError) -> JSONValue {
            skipSpace()
            guard position < buffer.count else { throw error(at: position, "unexpected end of file: expected a value") }
            switch buffer[position] {
            case UInt8(ascii: "{"): return try object()
            case UInt8(ascii: "["): return try array(ranges: nil)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"):
                try literal("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try literal("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try literal("null")
                return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
            default: throw error(at: position, "unexpected \(describe(position)): expected a value")
            }
        }

        mutating func literal(_ word: String) throws(SyntaxError) {
            let start = position
            let bytes = Array(word.utf8)
            guard position + bytes.count <= buffer.count else {
                throw error(at: start, "invalid literal: expected \(word)")
            }
            for i in 0..<bytes.count where buffer[position + i] != bytes[i] {
                throw error(at: start, "invalid literal: expected \(word)")
            }
            position += bytes.count
        }

        mutating func enter() throws(SyntaxError) {
            depth += 1
            if depth > 512 { throw error(at: position, "nesting deeper than 512 levels") }
        }

        mutating func object() throws(SyntaxError) -> JSONValue {
            try enter()
            defer { depth -= 1 }
            position += 1  // {
            var members: [(String, JSONValue)] = []
            // Duplicate keys are found by a scan in small objects and through
            // a set in big ones (a scan would be quadratic in a hostile file).
            var seenKeys: Set<String>? = nil
            skipSpace()
            if position < buffer.count, buffer[position] == UInt8(ascii: "}") {
                position += 1
                return .object(members)
            }
            while true {
                skipSpace()
                guard position < buffer.count else {
                    throw error(at: position, "unexpected end of file inside an object")
                }
                guard buffer[position] == UInt8(ascii: "\"") else {
                    throw error(
                        at: position, "unexpected \(describe(position)): expected a field name in double quotes")
                }
                let keyStart = position
                let key = try string()
                if members.count >= 16 {
                    if seenKeys == nil { seenKeys = Set(members.map(\.0)) }
                    if !seenKeys!.insert(key).inserted {
                        throw error(at: keyStart, "duplicate field \(Quote.value(key)) in one object")
                    }
                } else {
                    for (existing, _) in members where existing == key {
                        throw error(at: keyStart, "duplicate field \(Quote.value(key)) in one object")
                    }
                }
                skipSpace()
                guard position < buffer.count, buffer[position] == UInt8(ascii: ":") else {
                    throw error(
                        at: position,
                        "unexpected \(describe(position)): expected ':' after field name \(Quote.value(key))")
                }
                position += 1
                let v = try value()
                members.append((key, v))
                skipSpace()
                guard position < buffer.count else {
                    throw error(at: position, "unexpected end of file inside an object")
                }
                if buffer[position] == UInt8(ascii: ",") {
                    position += 1
                    continue
                }
                if buffer[position] == UInt8(ascii: "}") {
                    position += 1
                    return .object(members)
                }
                throw error(at: position, "unexpected \(describe(position)): expected ',' or '}' in an object")
            }
        }

        mutating func array(ranges: UnsafeMutablePointer<[Range<Int>]>?) throws(SyntaxError) -> JSONValue {
            try enter()
            defer { depth -= 1 }
            position += 1  // [
            var elements: [JSONValue] = []
            skipSpace()
            if position < buffer.count, buffer[position] == UInt8(ascii: "]") {
                position += 1
                return .array(elements)
            }
            while true {
                skipSpace()
                let start = position
                elements.append(try value())
                ranges?.pointee.append(start..<position)
                skipSpace()
                guard position < buffer.count else {
                    throw error(at: position, "unexpected end of file inside an array")
                }
                if buffer[position] == UInt8(ascii: ",") {
                    position += 1
                    continue
                }
                if buffer[position] == UInt8(ascii: "]") {
                    position += 1
                    return .array(elements)
                }
                throw error(at: position, "unexpected \(describe(position)): expected ',' or ']' in an array")
            }
        }

        mutating func number() throws(SyntaxError) -> JSONValue {
            let start = position
            if buffer[position] == UInt8(ascii: "-") { position += 1 }
            guard position < buffer.count, isDigit(buffer[position]) else { throw error(at: start, "invalid number") }
            var integer: Int64 = 0
            var simple = true
            if buffer[position] == UInt8(ascii: "0") {
                position += 1
                if position < buffer.count, isDigit(buffer[position]) {
                    throw error(at: start, "invalid number: leading zero")
                }
            } else {
                var digits = 0
                while position < buffer.count, isDigit(buffer[position]) {
                    integer = integer &* 10 &+ Int64(buffer[position] - 0x30)
                    digits += 1
                    position += 1
                }
                if digits > 15 { simple = false }
            }
            if position < buffer.count, buffer[position] == UInt8(ascii: ".") {
                simple = false
                position += 1
                guard position < buffer.count, isDigit(buffer[position]) else {
                    throw error(at: start, "invalid number: expected digits after '.'")
                }
                while position < buffer.count, isDigit(buffer[position]) { position += 1 }
            }
            if position < buffer.count, buffer[position] == UInt8(ascii: "e") || buffer[position] == UInt8(ascii: "E") {
                simple = false
                position += 1
                if position < buffer.count,
                    buffer[position] == UInt8(ascii: "+") || buffer[position] == UInt8(ascii: "-")
                {
                    position += 1
                }
                guard position < buffer.count, isDigit(buffer[position]) else {
                    throw error(at: start, "invalid number: expected digits in the exponent")
                }
                while position < buffer.count, isDigit(buffer[position]) { position += 1 }
            }
            if simple {
                let negative = buffer[start] == UInt8(ascii: "-")
                return .number(Double(negative ? -integer : integer))
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<position]), as: UTF8.self)
            guard let double = Double(text), double.isFinite else { throw error(at: start, "number out of range") }
            return .number(double)
        }

        @inline(__always) func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

        /// Where the run of plain string bytes from `from` ends (at a
        /// quote, a backslash, a control character or the end), and whether
        /// a byte of it is not ASCII. Eight bytes at a time while none of
        /// them ends the run: most of a store is long runs of text.
        @inline(__always) func plainRun(from: Int) -> (end: Int, ascii: Bool) {
            guard let base = UnsafeRawPointer(buffer.baseAddress) else { return (from, true) }
            let n = buffer.count
            var i = from
            var seen: UInt64 = 0
            while i + 8 <= n {
                let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if JSONParser.endsPlainRun(w) { break }
                seen |= w
                i += 8
            }
            while i < n {
                let byte = buffer[i]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                seen |= UInt64(byte)
                i += 1
            }
            return (i, seen & 0x8080_8080_8080_8080 == 0)
        }

        mutating func string() throws(SyntaxError) -> String {
            let start = position
            position += 1  // opening quote
            let contentStart = position
            // Fast path: no escapes.
            var (end, ascii) = plainRun(from: position)
            position = end
            guard position < buffer.count else { throw error(at: start, "unterminated string") }
            if buffer[position] == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: buffer[contentStart..<position])
                position += 1
                return try decodeUTF8(slice, ascii: ascii, at: contentStart)
            }
            if buffer[position] < 0x20 {
                throw error(at: position, "control character in a string (use \\n, \\t or \\u escapes)")
            }
            // Slow path with escapes.
            var bytes = Array(UnsafeBufferPointer(rebasing: buffer[contentStart..<position]))
            bytes.reserveCapacity(position - contentStart + 64)
            while position < buffer.count {
                let byte = buffer[position]
                if byte == UInt8(ascii: "\"") {
                    position += 1
                    return try bytes.withUnsafeBufferPointer { (b) throws(SyntaxError) -> String in
                        try decodeUTF8(b, ascii: ascii, at: contentStart)
                    }
                }
                if byte < 0x20 {
                    throw error(at: position, "control character in a string (use \\n, \\t or \\u escapes)")
                }
                if byte != UInt8(ascii: "\\") {
                    // Copy the run up to the next quote, escape or control character at once.
                    let run = plainRun(from: position + 1)
                    ascii = ascii && byte < 0x80 && run.ascii
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[position..<run.end]))
                    position = run.end
                    continue
                }
                let escapeStart = position
                position += 1
                guard position < buffer.count else { break }
                switch buffer[position] {
                case UInt8(ascii: "\""): bytes.append(0x22)
                case UInt8(ascii: "\\"): bytes.append(0x5C)
                case UInt8(ascii: "/"): bytes.append(0x2F)
                case UInt8(ascii: "b"): bytes.append(0x08)
                case UInt8(ascii: "f"): bytes.append(0x0C)
                case UInt8(ascii: "n"): bytes.append(0x0A)
                case UInt8(ascii: "r"): bytes.append(0x0D)
                case UInt8(ascii: "t"): bytes.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4(at: position + 1, escapeStart: escapeStart)
                    position += 4
                    if scalar >= 0xD800 && scalar < 0xDC00 {
                        guard position + 6 < buffer.count, buffer[position + 1] == UInt8(ascii: "\\"),
                            buffer[position + 2] == UInt8(ascii: "u")
                        else {
                            throw error(at: escapeStart, "unpaired surrogate in \\u escape")
                        }
                        let low = try hex4(at: position + 3, escapeStart: escapeStart)
                        guard low >= 0xDC00 && low < 0xE000 else {
                            throw error(at: escapeStart, "unpaired surrogate in \\u escape")
                        }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        position += 6
                    } else if scalar >= 0xDC00 && scalar < 0xE000 {
                        throw error(at: escapeStart, "unpaired surrogate in \\u escape")
                    }
                    guard let unicode = Unicode.Scalar(scalar) else {
                        throw error(at: escapeStart, "invalid \\u escape")
                    }
                    UTF8.encode(unicode) { bytes.append($0) }
                default:
                    throw error(at: escapeStart, "invalid escape \\\(Character(Unicode.Scalar(buffer[position])))")
                }
                position += 1
            }
            throw error(at: start, "unterminated string")
        }

        func hex4(at offset: Int, escapeStart: Int) throws(SyntaxError) -> UInt32 {
            guard offset + 4 <= buffer.count else {
                throw error(at: escapeStart, "invalid \\u escape: expected 4 hex digits")
            }
            var value: UInt32 = 0
            for i in 0..<4 {
                let byte = buffer[offset + i]
                let digit: UInt32
                switch byte {
                case 0x30...0x39: digit = UInt32(byte - 0x30)
                case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
                default: throw error(at: escapeStart, "invalid \\u escape: expected 4 hex digits")
                }
                value = value << 4 | digit
            }
            return value
        }

        /// The string of a string's bytes. `ascii`: every byte taken from
        /// the input was ASCII (escapes give well-formed UTF-8 of their
        /// own), so there is nothing to check.
        func decodeUTF8(_ bytes: UnsafeBufferPointer<UInt8>, ascii: Bool, at offset: Int) throws(SyntaxError)
            -> String
        {
            let string = String(decoding: bytes, as: UTF8.self)
            if ascii { return string }
            // Ill-formed UTF-8 is an error, not something to repair silently.
            // `String(decoding:)` checks it already and repairs what is
            // ill-formed with U+FFFD, which changes the bytes from the first
            // bad one on: the string is well-formed exactly when its bytes
            // are the input's (a memcmp instead of checking twice).
            // (`String(validating:as:)` is generic and not specialised: it
            // looked up its metadata on every call, a third of decoding a
            // 10,000-message model.)
            let utf8 = string.utf8
            let same =
                utf8.count == bytes.count
                && (utf8.withContiguousStorageIfAvailable { stored in
                    bytes.isEmpty || memcmp(stored.baseAddress!, bytes.baseAddress!, bytes.count) == 0
                } ?? JSONParser.isValidUTF8(bytes))
            guard same else { throw error(at: offset, "invalid UTF-8 in a string") }
            return string
        }
    }
}
