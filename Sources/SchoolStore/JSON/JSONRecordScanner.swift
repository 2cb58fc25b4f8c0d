/// A structural scanner for record files (a top-level JSON array of objects):
/// finds each element's byte range and the string value of one key field
/// (such as `"student"` or `"id"`) without building values. It is several
/// times faster than a full parse and is what record indexes are built with.
/// Syntax it cannot follow is reported as `nil`; callers then fall back to
/// the full parser, which gives the precise error.
public enum JSONRecordScanner {
    public struct Entry: Sendable, Equatable {
        public var range: Range<Int>
        public var key: String?
    }

    public static func scan(_ bytes: [UInt8], keyField: String) -> [Entry]? {
        let keyBytes = Array(keyField.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> [Entry]? in
            var i = 0
            let n = buffer.count
            @inline(__always) func skipSpace() {
                while i < n, buffer[i] == 0x20 || buffer[i] == 0x0A || buffer[i] == 0x0D || buffer[i] == 0x09 { i += 1 }
            }
            let base = UnsafeRawPointer(buffer.baseAddress!)
            // Skips a string starting at the opening quote; returns the content
            // range. Eight bytes at a time while none is a quote or a backslash.
            @inline(__always) func skipString() -> Range<Int>? {
                guard i < n, buffer[i] == 0x22 else { return nil }
                i += 1
                let start = i
                while true {
                    while i + 8 <= n {
                        let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                        let q = w ^ 0x2222_2222_2222_2222
                        let s = w ^ 0x5C5C_5C5C_5C5C_5C5C
                        let ones: UInt64 = 0x0101_0101_0101_0101
                        let highs: UInt64 = 0x8080_8080_8080_8080
                        if (((q &- ones) & ~q) | ((s &- ones) & ~s)) & highs != 0 { break }
                        i += 8
                    }
                    guard i < n else { return nil }
                    let b = buffer[i]
                    if b == 0x5C {
                        i += 2
                        continue
                    }
                    if b == 0x22 {
                        let r = start..<i
                        i += 1
                        return r
                    }
                    i += 1
                }
            }
            if n >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { i = 3 }
            skipSpace()
            guard i < n, buffer[i] == 0x5B else { return nil }
            i += 1
            var entries: [Entry] = []
            skipSpace()
            if i < n, buffer[i] == 0x5D { return entries }
            while i < n {
                skipSpace()
                guard i < n, buffer[i] == 0x7B else { return nil }
                let start = i
                var depth = 0
                var key: String? = nil
                var expectKey = false
                while i < n {
                    let b = buffer[i]
                    if b == 0x22 {
                        let isKeyPosition = depth == 1 && expectKey
                        guard let content = skipString() else { return nil }
                        if isKeyPosition, key == nil, content.count == keyBytes.count,
                            keyBytes.withUnsafeBufferPointer({ kb in
                                var equal = true
                                for j in 0..<kb.count where buffer[content.lowerBound + j] != kb[j] {
                                    equal = false
                                    break
                                }
                                return equal
                            })
                        {
                            skipSpace()
                            guard i < n, buffer[i] == 0x3A else { return nil }
                            i += 1
                            skipSpace()
                            if i < n, buffer[i] == 0x22 {
                                guard let valueRange = skipString() else { return nil }
                                let raw = UnsafeBufferPointer(rebasing: buffer[valueRange])
                                if raw.contains(0x5C) { return nil }  // escaped keys: let the full parser handle it
                                key = String(decoding: raw, as: UTF8.self)
                            }
                        }
                        expectKey = false
                        continue
                    }
                    switch b {
                    case 0x20:
                        // Indentation: eight spaces at a time.
                        i += 1
                        while i + 8 <= n,
                            base.loadUnaligned(fromByteOffset: i, as: UInt64.self) == 0x2020_2020_2020_2020
                        { i += 8 }
                        continue
                    case 0x7B, 0x5B:
                        depth += 1
                        expectKey = (b == 0x7B && depth == 1)
                    case 0x7D, 0x5D:
                        depth -= 1
                    case 0x2C:
                        if depth == 1 { expectKey = true }
                    default: break
                    }
                    i += 1
                    if depth == 0 { break }
                }
                guard depth == 0 else { return nil }
                entries.append(Entry(range: start..<i, key: key))
                skipSpace()
                guard i < n else { return nil }
                if buffer[i] == 0x2C {
                    i += 1
                    continue
                }
                if buffer[i] == 0x5D {
                    i += 1
                    skipSpace()
                    return i == n ? entries : nil
                }
                return nil
            }
            return nil
        }
    }
}
