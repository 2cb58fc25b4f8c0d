#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// All the parent's messages, newest first, with their subject and body
/// folded once (``TextFolder``) into one contiguous buffer, so that search
/// as you type is one scan of that buffer per keystroke: `memchr` for the
/// query's rarest byte (by a histogram of the buffer), then `memcmp`, and a
/// jump to the next message after a hit. A few milliseconds for 10,000
/// messages, whatever the query.
final class TimelineIndex: Sendable {
    let messages: [TimelineMessage]
    /// Folded "subject \n body \0" of every message, in order.
    let folded: [UInt8]
    /// Where each message's folded text starts in `folded` (plus the end).
    let starts: [Int]
    /// Message position by key (`school/id`).
    let positions: [String: Int]
    /// How often each byte occurs in `folded`.
    let histogram: [Int]

    init(_ messages: [TimelineMessage]) {
        self.messages = messages
        var folder = TextFolder()
        var buffer: [UInt8] = []
        buffer.reserveCapacity(messages.reduce(0) { $0 + $1.message.subject.utf8.count + $1.message.body.utf8.count + 2 })
        var starts: [Int] = []
        starts.reserveCapacity(messages.count + 1)
        var positions: [String: Int] = [:]
        positions.reserveCapacity(messages.count)
        for (i, m) in messages.enumerated() {
            starts.append(buffer.count)
            folder.fold(m.message.subject, into: &buffer)
            buffer.append(0x0A)
            folder.fold(m.message.body, into: &buffer)
            buffer.append(0)
            positions[m.ref.key] = i
        }
        starts.append(buffer.count)
        var histogram = [Int](repeating: 0, count: 256)
        for b in buffer { histogram[Int(b)] += 1 }
        self.histogram = histogram
        folded = buffer
        self.starts = starts
        self.positions = positions
    }

    /// Positions of the messages holding every word (folded), in order.
    func search(_ words: [[UInt8]]) -> [Int] {
        guard let first = words.max(by: { $0.count < $1.count }) else { return Array(messages.indices) }
        let others = words.filter { $0 != first }
        var out: [Int] = []
        folded.withUnsafeBytes { hay in
            guard let base = hay.baseAddress else { return }
            var offset = 0
            var message = 0
            while let at = find(first, in: base, from: offset, to: hay.count) {
                while starts[message + 1] <= at { message += 1 }
                let range = starts[message]..<starts[message + 1]
                if others.allSatisfy({ find($0, in: base, from: range.lowerBound, to: range.upperBound) != nil }) {
                    out.append(message)
                }
                offset = range.upperBound
                message += 1
            }
        }
        return out
    }

    /// The first occurrence of `needle` in `base[from..<to]`.
    func find(_ needle: [UInt8], in base: UnsafeRawPointer, from: Int, to: Int) -> Int? {
        let n = needle.count
        guard n > 0, to - from >= n else { return nil }
        // Anchor on the needle's rarest byte: fewest false starts.
        var anchor = 0
        for i in 1..<n where histogram[Int(needle[i])] < histogram[Int(needle[anchor])] { anchor = i }
        let byte = Int32(needle[anchor])
        return needle.withUnsafeBytes { needleBytes -> Int? in
            var scan = from + anchor
            let last = to - (n - anchor) // the anchor's last possible position
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
