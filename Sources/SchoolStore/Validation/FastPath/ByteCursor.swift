import Foundation

/// A pull reader over a record file's bytes for validation's fast path: it
/// walks the JSON once, without building values or strings, and gives up
/// (throws ``Miss``) at the first thing it is not sure about, so the file is
/// then checked by the full parser and decoders, which name the problem.
///
/// It accepts a subset of what `JSONParser` accepts, never more: strict
/// RFC 8259 structure, strings with valid UTF-8, no control characters and
/// only valid escapes (a `\u` escape of a surrogate is a miss), integers of
/// at most 15 digits (a fraction or an exponent is a miss), `null`, `true`
/// and `false` only where a value is skipped, whitespace as JSON defines it.
struct ByteCursor {
    /// Not a problem in the file: only "the fast path cannot vouch for it".
    struct Miss: Error {}

    /// A string token: its content bytes (between the quotes, escapes
    /// undecoded) and what the scan saw in them.
    struct Text {
        var start: Int
        var end: Int
        var flags: UInt8

        /// Holds a backslash escape (the bytes must be decoded before use).
        static let escaped: UInt8 = 1
        /// Holds a byte that is ASCII and not a space or a tab, so the text is
        /// not blank whatever else it holds.
        static let visible: UInt8 = 2
        /// Holds a `\u` escape or a non-ASCII byte: whether it is blank is
        /// decided by the same test the decoders use.
        static let unusual: UInt8 = 4

        var isEscaped: Bool { flags & Text.escaped != 0 }
        var count: Int { end - start }
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var i: Int

    // Every byte of a word set to one value, for testing eight bytes at once
    // (a quote, a backslash or a control byte: `JSONParser.endsPlainRun`).
    static let highs: UInt64 = 0x8080_8080_8080_8080
    static let spaces: UInt64 = 0x2020_2020_2020_2020

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        i = 0
        // A UTF-8 byte order mark is tolerated, as the parser does.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
    }

    @inline(__always) mutating func skipSpace() {
        while i < bytes.count {
            let b = bytes[i]
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
            i += 1
        }
    }

    /// The next byte after whitespace (0 at the end).
    @inline(__always) mutating func peek() -> UInt8 {
        skipSpace()
        return i < bytes.count ? bytes[i] : 0
    }

    @inline(__always) mutating func expect(_ byte: UInt8) throws(Miss) {
        skipSpace()
        guard i < bytes.count, bytes[i] == byte else { throw Miss() }
        i += 1
    }

    /// After the top-level array: only whitespace may follow.
    mutating func expectEnd() throws(Miss) {
        skipSpace()
        guard i == bytes.count else { throw Miss() }
    }

    /// Moves to the next element of an array whose `[` was consumed; false
    /// at its `]`. `first` is true before the first element.
    @inline(__always) mutating func nextElement(_ first: inout Bool) throws(Miss) -> Bool {
        skipSpace()
        guard i < bytes.count else { throw Miss() }
        let b = bytes[i]
        if first {
            first = false
            if b == 0x5D {
                i += 1
                return false
            }
            return true
        }
        if b == 0x2C {
            i += 1
            return true
        }
        if b == 0x5D {
            i += 1
            return false
        }
        throw Miss()
    }

    /// The next field name of an object whose `{` was consumed, with its
    /// `:` consumed; nil at its `}`.
    @inline(__always) mutating func nextKey(_ first: inout Bool) throws(Miss) -> Text? {
        skipSpace()
        guard i < bytes.count else { throw Miss() }
        let b = bytes[i]
        if first {
            first = false
            if b == 0x7D {
                i += 1
                return nil
            }
        } else if b == 0x2C {
            i += 1
            skipSpace()
        } else if b == 0x7D {
            i += 1
            return nil
        } else {
            throw Miss()
        }
        let key = try string()
        try expect(0x3A)
        return key
    }

    /// A string value (whitespace before it skipped).
    @inline(__always) mutating func string() throws(Miss) -> Text {
        skipSpace()
        guard i < bytes.count, bytes[i] == 0x22 else { throw Miss() }
        i += 1
        let start = i
        var flags: UInt8 = 0
        let n = bytes.count
        let base = UnsafeRawPointer(bytes.baseAddress!)
        scan: while true {
            // Eight bytes at a time while none is a quote, a backslash, a
            // control character or non-ASCII (the usual case).
            while i + 8 <= n {
                let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if JSONParser.endsPlainRun(w) || w & ByteCursor.highs != 0 { break }
                if w != ByteCursor.spaces { flags |= Text.visible }
                i += 8
            }
            // Then byte by byte up to the end of that word.
            guard i < n else { throw Miss() }
            let stop = min(i + 8, n)
            while i < stop {
                let b = bytes[i]
                if b >= 0x23 && b < 0x80 && b != 0x5C {
                    flags |= Text.visible
                    i += 1
                    continue
                }
                if b == 0x22 { break scan }
                if b == 0x20 {
                    i += 1
                    continue
                }
                if b == 0x21 {
                    flags |= Text.visible
                    i += 1
                    continue
                }
                if b >= 0x80 {
                    flags |= Text.unusual
                    i += 1
                    continue
                }
                guard b == 0x5C, i + 1 < n else { throw Miss() }  // a control character (raw tabs included)
                flags |= Text.escaped
                switch bytes[i + 1] {
                case 0x22, 0x5C, 0x2F, 0x6E, 0x72:
                    flags |= Text.visible
                    i += 2  // \" \\ \/ \n \r
                case 0x74: i += 2  // \t
                case 0x62, 0x66:
                    flags |= Text.unusual
                    i += 2  // \b \f
                case 0x75:
                    guard i + 5 < n else { throw Miss() }
                    var scalar: UInt32 = 0
                    for k in 2...5 {
                        let h = bytes[i + k]
                        let digit: UInt32
                        switch h {
                        case 0x30...0x39: digit = UInt32(h - 0x30)
                        case 0x41...0x46: digit = UInt32(h - 0x41 + 10)
                        case 0x61...0x66: digit = UInt32(h - 0x61 + 10)
                        default: throw Miss()
                        }
                        scalar = scalar << 4 | digit
                    }
                    if scalar >= 0xD800 && scalar < 0xE000 { throw Miss() }
                    flags |= Text.unusual
                    i += 6
                default: throw Miss()
                }
            }
        }
        let text = Text(start: start, end: i, flags: flags)
        i += 1  // closing quote
        if flags & Text.unusual != 0, !JSONParser.isValidUTF8(UnsafeBufferPointer(rebasing: bytes[start..<text.end])) {
            throw Miss()
        }
        return text
    }

    /// An integer of at most 15 digits, as the parser reads it exactly.
    @inline(__always) mutating func integer() throws(Miss) -> Int {
        skipSpace()
        let n = bytes.count
        var negative = false
        if i < n, bytes[i] == 0x2D {
            negative = true
            i += 1
        }
        guard i < n else { throw Miss() }
        var value = 0
        var digits = 0
        if bytes[i] == 0x30 {
            i += 1
            digits = 1
        } else {
            while i < n, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                value = value * 10 + Int(bytes[i] - 0x30)
                digits += 1
                i += 1
                if digits > 15 { throw Miss() }
            }
        }
        guard digits > 0 else { throw Miss() }
        if i < n {
            let b = bytes[i]
            if b == 0x2E || b == 0x65 || b == 0x45 || (b >= 0x30 && b <= 0x39) { throw Miss() }
        }
        return negative ? -value : value
    }

    // MARK: - Reading a string token

    /// Calls `body` with the decoded bytes of a string token (the file's own
    /// bytes when it has no escapes).
    @inline(__always) func withDecoded<T>(_ text: Text, _ body: (UnsafeBufferPointer<UInt8>) throws(Miss) -> T)
        throws(Miss) -> T
    {
        if !text.isEscaped { return try body(UnsafeBufferPointer(rebasing: bytes[text.start..<text.end])) }
        let decoded = decode(text)
        return try decoded.withUnsafeBufferPointer { (d) throws(Miss) -> T in try body(d) }
    }

    /// The decoded bytes of a string token.
    func decode(_ text: Text) -> [UInt8] {
        guard text.isEscaped else { return Array(bytes[text.start..<text.end]) }
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var k = text.start
        while k < text.end {
            let b = bytes[k]
            guard b == 0x5C else {
                out.append(b)
                k += 1
                continue
            }
            let e = bytes[k + 1]
            switch e {
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                var scalar: UInt32 = 0
                for j in 2...5 {
                    let h = bytes[k + j]
                    scalar = scalar << 4 | UInt32(h <= 0x39 ? h - 0x30 : (h | 0x20) - 0x61 + 10)
                }
                // Not a surrogate (the scan refused those), so a valid scalar.
                out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
                k += 6
                continue
            default: out.append(e)  // \" \\ \/
            }
            k += 2
        }
        return out
    }

    /// A string token as a Swift string.
    func string(_ text: Text) -> String {
        if !text.isEscaped {
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[text.start..<text.end]), as: UTF8.self)
        }
        return String(decoding: decode(text), as: UTF8.self)
    }

    /// True when a string token is not blank by the decoders' rule
    /// (`FieldReader.string`: not only spaces of Unicode category Zs and tabs).
    @inline(__always) func isNotBlank(_ text: Text) -> Bool {
        if text.flags & Text.visible != 0 { return true }
        if text.flags & Text.unusual == 0 { return false }
        return !FieldReader.isBlank(string(text))
    }

    /// A string field the decoders require not blank.
    @inline(__always) mutating func nonBlank() throws(Miss) -> Text {
        let t = try string()
        guard isNotBlank(t) else { throw Miss() }
        return t
    }

    /// Whether a token's decoded bytes equal `word` (ASCII).
    @inline(__always) func equals(_ text: Text, _ word: StaticString) -> Bool {
        guard !text.isEscaped, text.count == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for k in 0..<text.count where bytes[text.start + k] != w[k] { return false }
        return true
    }
}

extension ByteCursor {
    /// Skips any value (strictly: the same subset as the rest of the
    /// cursor, plus `true`, `false` and `null`), refusing duplicate field
    /// names as the parser does; nesting deeper than `depth` is a miss.
    mutating func skipValue(depth: Int = 32) throws(Miss) {
        guard depth > 0 else { throw Miss() }
        switch peek() {
        case 0x22: _ = try string()
        case 0x7B:
            i += 1
            var keys: [Text] = []
            var first = true
            while let key = try nextKey(&first) {
                for k in keys
                where k.count == key.count
                    && memcmp(bytes.baseAddress! + k.start, bytes.baseAddress! + key.start, k.count) == 0
                {
                    throw Miss()
                }
                // An escaped name might equal another once decoded.
                guard !key.isEscaped, keys.count < 64 else { throw Miss() }
                keys.append(key)
                try skipValue(depth: depth - 1)
            }
        case 0x5B:
            i += 1
            var first = true
            while try nextElement(&first) { try skipValue(depth: depth - 1) }
        case 0x74: try literal("true")
        case 0x66: try literal("false")
        case 0x6E: try literal("null")
        default: _ = try integer()
        }
    }

    @inline(__always) mutating func literal(_ word: StaticString) throws(Miss) {
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count, memcmp(bytes.baseAddress! + i, word.utf8Start, n) == 0 else { throw Miss() }
        i += n
    }
}

extension ByteCursor {
    /// `true` or `false` (a `null`, which the decoders take as the default,
    /// is a miss).
    @inline(__always) mutating func bool() throws(Miss) -> Bool {
        switch peek() {
        case 0x74:
            try literal("true")
            return true
        case 0x66:
            try literal("false")
            return false
        default: throw Miss()
        }
    }
}
