import Foundation

/// Folds text for case- and accent-insensitive search: "Zoë" and "ZOE"
/// both fold to the bytes of "zoe". ASCII is lowercased in place; any other
/// character is folded once by Foundation (case, diacritics and width
/// insensitive) and remembered, and combining marks are dropped, so
/// decomposed "e\u{308}" folds like precomposed "ë". The same folder folds
/// the text when a snapshot is built and the query at each keystroke.
struct TextFolder {
    private var cache: [UInt32: [UInt8]] = [:]

    mutating func fold(_ text: String, into out: inout [UInt8]) {
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                out.append(v >= 0x41 && v <= 0x5A ? UInt8(v + 0x20) : UInt8(v))
                continue
            }
            if let known = cache[v] {
                out.append(contentsOf: known)
                continue
            }
            let folded: [UInt8]
            if scalar.properties.generalCategory == .nonspacingMark {
                folded = []
            } else {
                let f = String(Character(scalar)).folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
                folded = Array(f.lowercased().utf8)
            }
            cache[v] = folded
            out.append(contentsOf: folded)
        }
    }

    mutating func fold(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        fold(text, into: &out)
        return out
    }

    /// A query's words, folded; empty words dropped.
    mutating func words(_ query: String) -> [[UInt8]] {
        query.split(whereSeparator: { $0.isWhitespace }).map { fold(String($0)) }.filter { !$0.isEmpty }
    }
}
