import Foundation
import SchoolStore

/// The message ids and children of a local model timeline part, found
/// without decoding the messages: the status line counts unread messages
/// of a model of 10,000 messages (7 MB of subjects and bodies) by skipping
/// over every string it does not need (`memchr` to each closing quote)
/// instead of building them. Anything not shaped as the model writes it
/// gives nil, and the caller decodes the part in full (which names what is
/// wrong).
enum TimelineScanner {
    struct Entry: Sendable, Equatable {
        var id: String
        var children: [String]
    }

    /// What a part holds: its name's pieces and its messages' ids and children.
    struct Scan: Sendable, Equatable {
        var school: String
        var year: String
        var month: String
        var entries: [Entry]

        /// The part name it must be filed under (`timeline.green-abbey.2025-26.2026-03`).
        var partName: String { "timeline.\(school).\(year).\(month)" }
    }

    static func scan(_ bytes: [UInt8]) -> Scan? {
        bytes.withUnsafeBufferPointer { buffer -> Scan? in
            guard let base = buffer.baseAddress else { return nil }
            var cursor = Cursor(base: base, count: buffer.count)
            return cursor.part()
        }
    }

    struct Cursor {
        let base: UnsafePointer<UInt8>
        let count: Int
        var i = 0

        static let quote: UInt8 = 0x22, backslash: UInt8 = 0x5C

        mutating func ws() {
            while i < count, base[i] == 0x20 || base[i] == 0x0A || base[i] == 0x0D || base[i] == 0x09 { i += 1 }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            ws()
            guard i < count, base[i] == byte else { return false }
            i += 1
            return true
        }

        var next: UInt8? {
            mutating get {
                ws()
                return i < count ? base[i] : nil
            }
        }

        /// The position of the quote closing the string whose first byte is at `i`.
        func closingQuote(from start: Int) -> Int? {
            var j = start
            while j < count {
                guard let hit = memchr(base + j, Int32(Cursor.quote), count - j) else { return nil }
                let q = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                var slashes = 0
                while q - 1 - slashes >= start && base[q - 1 - slashes] == Cursor.backslash { slashes += 1 }
                if slashes % 2 == 0 { return q }
                j = q + 1
            }
            return nil
        }

        /// A string, decoded (escapes through the JSON parser).
        mutating func string() -> String? {
            guard take(Cursor.quote), let end = closingQuote(from: i) else { return nil }
            let raw = UnsafeBufferPointer(start: base + i, count: end - i)
            i = end + 1
            guard raw.contains(Cursor.backslash) else { return String(decoding: raw, as: UTF8.self) }
            guard case .string(let s)? = try? JSONParser.parse([Cursor.quote] + Array(raw) + [Cursor.quote]) else {
                return nil
            }
            return s
        }

        /// Skips any value.
        mutating func skip() -> Bool {
            guard let first = next else { return false }
            switch first {
            case Cursor.quote:
                guard let end = closingQuote(from: i + 1) else { return false }
                i = end + 1
                return true
            case 0x7B, 0x5B:  // { [
                var depth = 0
                while i < count {
                    let b = base[i]
                    if b == Cursor.quote {
                        guard let end = closingQuote(from: i + 1) else { return false }
                        i = end + 1
                        continue
                    }
                    i += 1
                    if b == 0x7B || b == 0x5B {
                        depth += 1
                    } else if b == 0x7D || b == 0x5D {
                        depth -= 1
                        if depth == 0 { return true }
                    }
                }
                return false
            default:
                let start = i
                while i < count, !",}] \n\r\t".utf8.contains(base[i]) { i += 1 }
                return i > start
            }
        }

        /// `{ "key": value, … }`, each value handed to `member` (which must
        /// consume it, or return false to fail).
        mutating func object(_ member: (inout Cursor, String) -> Bool) -> Bool {
            guard take(0x7B) else { return false }
            if take(0x7D) { return true }
            repeat {
                guard let key = string(), take(0x3A), member(&self, key) else { return false }
            } while take(0x2C)
            return take(0x7D)
        }

        /// `[ value, … ]`, each value handed to `element`.
        mutating func array(_ element: (inout Cursor) -> Bool) -> Bool {
            guard take(0x5B) else { return false }
            if take(0x5D) { return true }
            repeat {
                guard element(&self) else { return false }
            } while take(0x2C)
            return take(0x5D)
        }

        mutating func part() -> Scan? {
            var entries: [Entry] = []
            var isTimeline = false
            var school: String?
            var year: String?
            var month: String?
            let ok = object { c, key in
                switch key {
                case "part":
                    isTimeline = c.string() == "timeline"
                    return true
                case "school":
                    school = c.string()
                    return school != nil
                case "year":
                    year = c.string()
                    return year != nil
                case "month":
                    month = c.string()
                    return month != nil
                case "messages":
                    return c.array { c in
                        var id: String?
                        var children: [String]?
                        let ok = c.object { c, key in
                            switch key {
                            case "children":
                                var list: [String] = []
                                guard c.array({ c in c.string().map { list.append($0) } != nil }) else { return false }
                                children = list
                                return true
                            case "message":
                                return c.object { c, key in
                                    guard key == "id" else { return c.skip() }
                                    id = c.string()
                                    return id != nil
                                }
                            default:
                                return c.skip()
                            }
                        }
                        guard ok, let id, let children else { return false }
                        entries.append(Entry(id: id, children: children))
                        return true
                    }
                default:
                    return c.skip()
                }
            }
            ws()
            guard ok, isTimeline, i == count, let school, let year, let month else { return nil }
            return Scan(school: school, year: year, month: month, entries: entries)
        }
    }
}
