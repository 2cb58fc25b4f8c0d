import Foundation

/// Folds text for case- and accent-insensitive search: "Zoë" and "ZOE"
/// both fold to the bytes of "zoe". ASCII is lowercased (8 bytes at a time);
/// any other character is folded once by Foundation (case, diacritics and
/// width insensitive) and remembered, and combining marks are dropped, so
/// decomposed "e\u{308}" folds like precomposed "ë". The same folding is
/// applied to the text when a snapshot is built and to the query at each
/// keystroke. Folded bytes accumulate in the folder's buffer until taken.
final class TextFolder {
    /// Folded bytes of scalars below U+0800, packed: length + 1 in the top
    /// byte, up to 3 bytes below; 0 = not folded yet.
    private var small = [UInt32](repeating: 0, count: 0x800)
    /// Every other scalar folded so far.
    private var cache: [UInt32: [UInt8]] = [:]
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 256) {
        self.capacity = max(16, capacity)
        buffer = .allocate(capacity: self.capacity)
    }
    deinit { buffer.deallocate() }

    private func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        var c = capacity * 2
        while c < count + extra { c *= 2 }
        let b = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
        b.update(from: buffer, count: count)
        buffer.deallocate()
        buffer = b
        capacity = c
    }

    func append(_ byte: UInt8) {
        reserve(1)
        buffer[count] = byte
        count += 1
    }

    func fold(_ text: String) {
        var text = text
        text.withUTF8 { u in
            guard let base = u.baseAddress else { return }
            let n = u.count
            reserve(n)
            var out = buffer
            var c = count
            var i = 0
            while i < n {
                // ASCII, the common case, 8 bytes at a time (no byte can
                // carry into the next: all are below 0x80).
                while i + 8 <= n {
                    let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    if w & 0x8080_8080_8080_8080 != 0 { break }
                    let atLeastA = w &+ 0x3F3F_3F3F_3F3F_3F3F  // high bit: byte >= 0x41
                    let pastZ = w &+ 0x2525_2525_2525_2525  // high bit: byte >= 0x5B
                    let upper = atLeastA & ~pastZ & 0x8080_8080_8080_8080
                    UnsafeMutableRawPointer(out + c).storeBytes(of: w | (upper >> 2), as: UInt64.self)
                    c += 8
                    i += 8
                }
                guard i < n else { break }
                let b = base[i]
                if b < 0x80 {
                    out[c] = b | ((b &- 0x41) < 26 ? 0x20 : 0)
                    c += 1
                    i += 1
                    continue
                }
                var v: UInt32
                let length: Int
                if b < 0xE0 {
                    v = UInt32(b & 0x1F)
                    length = 2
                } else if b < 0xF0 {
                    v = UInt32(b & 0x0F)
                    length = 3
                } else {
                    v = UInt32(b & 0x07)
                    length = 4
                }
                for k in 1..<length where i + k < n { v = v << 6 | UInt32(base[i + k] & 0x3F) }
                i += length
                let f: [UInt8]
                if v < 0x800, small[Int(v)] != 0 {
                    let packed = small[Int(v)]
                    let len = Int(packed >> 24) - 1  // at most 3 <= 2 bytes read + room reserved
                    if len > 0 {
                        out[c] = UInt8(truncatingIfNeeded: packed)
                        c += 1
                    }
                    if len > 1 {
                        out[c] = UInt8(truncatingIfNeeded: packed >> 8)
                        c += 1
                    }
                    if len > 2 {
                        count = c
                        reserve(n - i + 1)
                        out = buffer
                        out[c] = UInt8(truncatingIfNeeded: packed >> 16)
                        c += 1
                    }
                    continue
                } else {
                    f = folded(v)
                }
                count = c
                reserve(f.count + n - i)
                out = buffer
                for x in f {
                    out[c] = x
                    c += 1
                }
            }
            count = c
        }
    }

    func take() -> [UInt8] {
        let out = Array(UnsafeBufferPointer(start: buffer, count: count))
        count = 0
        return out
    }

    private func folded(_ v: UInt32) -> [UInt8] {
        if let known = cache[v] { return known }
        guard let scalar = Unicode.Scalar(v) else { return [] }
        let folded: [UInt8]
        if scalar.properties.generalCategory == .nonspacingMark {
            folded = []
        } else {
            let f = String(Character(scalar)).folding(
                options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            folded = Array(f.lowercased().utf8)
        }
        cache[v] = folded
        if v < 0x800, folded.count <= 3 {
            var packed = UInt32(folded.count + 1) << 24
            for (k, x) in folded.enumerated() { packed |= UInt32(x) << (8 * UInt32(k)) }
            small[Int(v)] = packed
        }
        return folded
    }

    /// A query's words, folded; empty words dropped. Punctuation around a
    /// word is not part of it ("reading?" finds "reading"; "(maths)" finds
    /// "maths"), while punctuation inside one is ("10:40", "O'Brien").
    func words(_ query: String) -> [[UInt8]] {
        query.split(whereSeparator: { $0.isWhitespace }).map { word -> [UInt8] in
            fold(String(word).trimmingCharacters(in: TextFolder.edges))
            return take()
        }.filter { !$0.isEmpty }
    }

    static let edges = CharacterSet.punctuationCharacters.union(.symbols)
}
