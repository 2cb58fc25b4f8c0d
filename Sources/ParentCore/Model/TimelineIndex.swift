import Foundation
import Glibc
import SchoolStore

/// All the parent's messages, newest first, with what filtering needs
/// (category, children as bits) worked out when the snapshot is built, and
/// the subject and body folded (``TextFolder``) into one contiguous buffer
/// for search as you type: one scan of that buffer per keystroke, `memchr`
/// for the query's rarest byte (by a histogram of the buffer), then
/// `memcmp`, and a jump to the next message after a hit. A few
/// milliseconds for 10,000 messages, whatever the query.
///
/// The folded buffer is built once, on first use or by ``prepareSearch()``
/// (the app calls it after the first screen is painted): folding 10,000
/// bodies is most of a snapshot's cost, and the first screen does not need
/// it. A snapshot that reuses an earlier index shares its buffer.
final class TimelineIndex: Sendable {
    let messages: [TimelineMessage]
    private let positionTable = Locked<[String: Int]?>(nil)
    /// Each message's category, as its index in `MessageCategory.allCases`.
    let categories: [UInt8]
    /// Each message's children as bits of `childBits` (filtering by child
    /// is then an AND per message).
    let childMasks: [UInt64]
    let childBits: [ChildRef: UInt64]
    private let text = Locked<SearchText?>(nil)

    /// Folded "subject \n body \0" of every message, in order, with where
    /// each message starts (plus the end) and how often each byte occurs.
    struct SearchText: Sendable {
        let folded: [UInt8]
        let starts: [Int]
        let histogram: [Int]
    }

    init(_ messages: [TimelineMessage]) {
        self.messages = messages
        let count = messages.count
        var categories: [UInt8] = []
        categories.reserveCapacity(count)
        var bits: [ChildRef: UInt64] = [:]
        var masks: [UInt64] = []
        masks.reserveCapacity(count)
        let allCategories = MessageCategory.allCases
        for i in 0..<count {
            let m = messages[i]
            categories.append(UInt8(allCategories.firstIndex(of: m.message.category)!))
            var mask: UInt64 = 0
            for c in m.children {
                if let bit = bits[c] {
                    mask |= bit
                    continue
                }
                let bit: UInt64 = bits.count < 64 ? 1 << UInt64(bits.count) : 0
                bits[c] = bit
                mask |= bit
            }
            masks.append(mask)
        }
        self.categories = categories
        childBits = bits
        childMasks = masks
    }

    /// Message position by key (`school/id`), made on first use (opening a
    /// message) or by ``prepareSearch()``: 10,000 keys hashed are not
    /// needed for the first screen.
    var positions: [String: Int] {
        positionTable.withLock { table in
            if let built = table { return built }
            var built: [String: Int] = [:]
            built.reserveCapacity(messages.count)
            for (i, m) in messages.enumerated() { built[m.key] = i }
            table = built
            return built
        }
    }

    /// Folds every message's text now (on a background thread after the
    /// first paint), so that the first keystroke of a search finds it done,
    /// and makes the table of positions by key.
    func prepareSearch() {
        _ = searchText
        _ = positions
    }

    /// Whether the folded text has been built.
    var isSearchPrepared: Bool { text.withLock { $0 != nil } }

    /// The folded text, built on first use (under the lock, so two threads
    /// asking at once fold once).
    var searchText: SearchText {
        text.withLock { text in
            if let built = text { return built }
            let built = TimelineIndex.fold(messages)
            text = built
            return built
        }
    }

    static func fold(_ messages: [TimelineMessage]) -> SearchText {
        var total = 0
        for m in messages { total += m.message.subject.utf8.count + m.message.body.utf8.count + 2 }
        let folder = TextFolder(capacity: total + total / 8)
        var starts: [Int] = []
        starts.reserveCapacity(messages.count + 1)
        for m in messages {
            starts.append(folder.count)
            folder.fold(m.message.subject)
            folder.append(0x0A)
            folder.fold(m.message.body)
            folder.append(0)
        }
        starts.append(folder.count)
        let buffer = folder.take()
        var histogram = [Int](repeating: 0, count: 256)
        histogram.withUnsafeMutableBufferPointer { h in
            buffer.withUnsafeBufferPointer { b in for byte in b { h[Int(byte)] &+= 1 } }
        }
        return SearchText(folded: buffer, starts: starts, histogram: histogram)
    }

    /// Positions of the messages holding every word (folded), in order.
    func search(_ words: [[UInt8]]) -> [Int] {
        guard let first = words.max(by: { $0.count < $1.count }) else { return Array(messages.indices) }
        let others = words.filter { $0 != first }
        let text = searchText
        let starts = text.starts
        let histogram = text.histogram
        var out: [Int] = []
        text.folded.withUnsafeBytes { hay in
            guard let base = hay.baseAddress else { return }
            var offset = 0
            var message = 0
            while let at = TimelineIndex.find(first, in: base, from: offset, to: hay.count, histogram: histogram) {
                while starts[message + 1] <= at { message += 1 }
                let range = starts[message]..<starts[message + 1]
                if others.allSatisfy({
                    TimelineIndex.find($0, in: base, from: range.lowerBound, to: range.upperBound, histogram: histogram)
                        != nil
                }) {
                    out.append(message)
                }
                offset = range.upperBound
                message += 1
            }
        }
        return out
    }

    /// The first occurrence of `needle` in `base[from..<to]`.
    static func find(_ needle: [UInt8], in base: UnsafeRawPointer, from: Int, to: Int, histogram: [Int]) -> Int? {
        let n = needle.count
        guard n > 0, to - from >= n else { return nil }
        // Anchor on the needle's rarest byte: fewest false starts.
        var anchor = 0
        for i in 1..<n where histogram[Int(needle[i])] < histogram[Int(needle[anchor])] { anchor = i }
        let byte = Int32(needle[anchor])
        return needle.withUnsafeBytes { needleBytes -> Int? in
            var scan = from + anchor
            let last = to - (n - anchor)  // the anchor's last possible position
            while scan <= last {
                guard let hit = memchr(base + scan, byte, last - scan + 1) else { return nil }
                let at = base.distance(to: UnsafeRawPointer(hit)) - anchor
                if memcmp(base + at, needleBytes.baseAddress!, n) == 0 { return at }
                scan = at + anchor + 1
            }
            return nil
        }
    }
}
