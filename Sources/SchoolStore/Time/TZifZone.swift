/// A time zone read from the system's time zone database
/// (`/usr/share/zoneinfo`, TZif files, RFC 8536): the UTC offset at any
/// instant, from the file's transitions and then its POSIX rule.
///
/// ``SchoolTimeZone`` reads its zone this way before asking Foundation:
/// Foundation's first `TimeZone` sets up ICU's zone data and its own caches,
/// which was about 40% of opening the store before the login screen (a
/// `perf` profile of 100 starts); reading the file (3.6 KB for London)
/// takes microseconds.
struct TZifZone: Sendable {
    /// Transition instants (seconds since 1970), ascending.
    let transitions: [Int]
    /// The offset from each transition on (seconds east of UTC).
    let offsets: [Int]
    /// The offset before the first transition (the file's first type).
    let initialOffset: Int
    /// For instants after the last transition, when the file has one.
    let rule: PosixZoneRule?

    static let directory = "/usr/share/zoneinfo"

    /// Zones read so far, by name (nil for a name with no file this reads):
    /// a school's zone is looked up again wherever its dates are shown.
    private static let read = Locked<[String: TZifZone?]>([:])

    /// ``init(identifier:)``, each name read from its file once.
    static func named(_ identifier: String) -> TZifZone? {
        if let known = read.withLock({ $0[identifier] }) { return known }
        let zone = TZifZone(identifier: identifier)
        read.withLock { $0[identifier] = zone }
        return zone
    }

    /// The zone named `identifier` in the system's database; nil when the
    /// name is not a plain zone name, the file is missing, or it is not a
    /// TZif file this reader takes (leap seconds, a rule it cannot read).
    init?(identifier: String) {
        let parts = identifier.split(separator: "/", omittingEmptySubsequences: false)
        guard !parts.isEmpty,
            parts.allSatisfy({ part in
                !part.isEmpty && part != "." && part != ".."
                    && part.utf8.allSatisfy { c in
                        (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "z"))
                            || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
                            || c == UInt8(ascii: "_") || c == UInt8(ascii: "-") || c == UInt8(ascii: "+")
                    }
            }),
            parts[0] != "posix", parts[0] != "right",
            let bytes = try? RawFile.read("\(Self.directory)/\(identifier)")
        else { return nil }
        self.init(tzif: bytes)
    }

    /// Parses the bytes of a TZif file (version 1 to 4).
    init?(tzif bytes: [UInt8]) {
        func be32(_ at: Int) -> Int? {
            guard at + 4 <= bytes.count else { return nil }
            let v =
                UInt32(bytes[at]) << 24 | UInt32(bytes[at + 1]) << 16 | UInt32(bytes[at + 2]) << 8
                | UInt32(bytes[at + 3])
            return Int(Int32(bitPattern: v))
        }
        func be64(_ at: Int) -> Int? {
            guard at + 8 <= bytes.count, let high = be32(at), let low = be32(at + 4) else { return nil }
            return high << 32 | Int(UInt32(bitPattern: Int32(truncatingIfNeeded: low)))
        }
        func header(_ at: Int) -> (isut: Int, isstd: Int, leap: Int, time: Int, type: Int, char: Int)? {
            guard at + 44 <= bytes.count, bytes[at..<at + 4].elementsEqual("TZif".utf8),
                let isut = be32(at + 20), let isstd = be32(at + 24), let leap = be32(at + 28),
                let time = be32(at + 32), let type = be32(at + 36), let char = be32(at + 40),
                [isut, isstd, leap, time, char].allSatisfy({ $0 >= 0 }), type > 0
            else { return nil }
            return (isut, isstd, leap, time, type, char)
        }
        guard let first = header(0), first.leap == 0 else { return nil }
        let version = bytes[4]
        var at = 44
        var counts = first
        var timeSize = 4
        if version >= UInt8(ascii: "2") {
            // Skip the version 1 block for the 64-bit one after it.
            at += first.time * 5 + first.type * 6 + first.char + first.leap * 8 + first.isstd + first.isut
            guard let second = header(at), second.leap == 0 else { return nil }
            counts = second
            at += 44
            timeSize = 8
        }
        let typesAt = at + counts.time * timeSize + counts.time
        let end = typesAt + counts.type * 6 + counts.char + counts.isstd + counts.isut
        guard end <= bytes.count else { return nil }
        var typeOffsets: [Int] = []
        for t in 0..<counts.type {
            guard let offset = be32(typesAt + t * 6) else { return nil }
            typeOffsets.append(offset)
        }
        var transitions: [Int] = []
        var offsets: [Int] = []
        for t in 0..<counts.time {
            guard let instant = timeSize == 8 ? be64(at + t * 8) : be32(at + t * 4) else { return nil }
            let type = Int(bytes[at + counts.time * timeSize + t])
            guard type < typeOffsets.count, transitions.last.map({ $0 < instant }) ?? true else { return nil }
            transitions.append(instant)
            offsets.append(typeOffsets[type])
        }
        var rule: PosixZoneRule? = nil
        if version >= UInt8(ascii: "2") {
            // "\n<rule>\n"; an empty rule says nothing after the last transition.
            guard end < bytes.count, bytes[end] == UInt8(ascii: "\n"),
                let close = bytes[(end + 1)...].firstIndex(of: UInt8(ascii: "\n"))
            else { return nil }
            if close > end + 1 {
                guard let parsed = PosixZoneRule(String(decoding: bytes[(end + 1)..<close], as: UTF8.self)) else {
                    return nil
                }
                rule = parsed
            }
        }
        self.transitions = transitions
        self.offsets = offsets
        self.initialOffset = typeOffsets[0]
        self.rule = rule
    }

    /// Seconds east of UTC in force at `instant` (seconds since 1970).
    func offset(at instant: Int) -> Int {
        guard let last = transitions.last else { return rule?.offset(at: instant) ?? initialOffset }
        if instant >= last, let rule { return rule.offset(at: instant) }
        guard instant >= transitions[0] else { return initialOffset }
        // The last transition at or before the instant.
        var low = 0
        var high = transitions.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if transitions[middle] <= instant { low = middle } else { high = middle - 1 }
        }
        return offsets[low]
    }
}
