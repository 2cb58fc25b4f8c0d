/// A POSIX `TZ` rule such as `GMT0BST,M3.5.0/1,M10.5.0`: a standard offset,
/// and optionally a daylight-saving offset with the rule for when it is in
/// force. A TZif file ends with one (RFC 8536, section 3.3), for the
/// instants after its last listed transition.
struct PosixZoneRule: Sendable, Equatable {
    /// Seconds east of UTC (POSIX writes them west: `EST5` is -18,000).
    let standardOffset: Int
    let daylight: Daylight?

    struct Daylight: Sendable, Equatable {
        let offset: Int
        let start: Change
        let end: Change
    }

    /// When a change happens: a day of the year, then a time on it (local
    /// time before the change; hours may go from -167 to 167).
    struct Change: Sendable, Equatable {
        enum Day: Sendable, Equatable {
            /// `Jn`: 1...365, February 29 never counted.
            case julian(Int)
            /// `n`: 0...365, February 29 counted in leap years.
            case zeroBased(Int)
            /// `Mm.w.d`: weekday d (0 is Sunday) of week w (5 is the last)
            /// of month m.
            case monthWeekDay(month: Int, week: Int, weekday: Int)
        }
        let day: Day
        let seconds: Int
    }

    /// The seconds east of UTC in force at `instant` (seconds since 1970).
    func offset(at instant: Int) -> Int {
        let year = CivilDate(daysSinceEpoch: Self.floorDiv(instant + standardOffset, 86_400)).year
        // Outside the years a date can have (`Date.distantPast` is year 1),
        // standard time, rather than a change in a year that cannot be.
        guard let daylight, (2...9998).contains(year) else { return standardOffset }
        // A change near new year can belong to the year before or after.
        for y in [year - 1, year, year + 1].reversed() {
            let start = daylight.start.instant(in: y) - standardOffset
            let end = daylight.end.instant(in: y) - daylight.offset
            if start <= end {
                if instant >= end { return standardOffset }
                if instant >= start { return daylight.offset }
            } else {
                // Southern hemisphere: daylight time across new year.
                if instant >= start { return daylight.offset }
                if instant >= end { return standardOffset }
            }
        }
        return standardOffset
    }

    static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }

    /// nil for text this parser does not read (the caller then asks
    /// Foundation), including daylight time without a rule.
    init?(_ text: String) {
        var scanner = Scanner(Array(text.utf8))
        guard scanner.name(), let standard = scanner.offset() else { return nil }
        standardOffset = -standard
        if scanner.atEnd {
            daylight = nil
            return
        }
        guard scanner.name() else { return nil }
        var daylightOffset = standardOffset + 3600
        if !scanner.peek(","), let offset = scanner.offset() { daylightOffset = -offset }
        guard scanner.take(","), let start = scanner.change(), scanner.take(","), let end = scanner.change(),
            scanner.atEnd
        else { return nil }
        daylight = Daylight(offset: daylightOffset, start: start, end: end)
    }

    private struct Scanner {
        let bytes: [UInt8]
        var i = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { i == bytes.count }
        func peek(_ c: Character) -> Bool { i < bytes.count && bytes[i] == c.asciiValue }
        mutating func take(_ c: Character) -> Bool {
            guard peek(c) else { return false }
            i += 1
            return true
        }

        /// `GMT`, or `<+0330>` quoted.
        mutating func name() -> Bool {
            if take("<") {
                let start = i
                while i < bytes.count, bytes[i] != UInt8(ascii: ">") { i += 1 }
                guard i > start, take(">") else { return false }
                return true
            }
            let start = i
            while i < bytes.count, (bytes[i] | 0x20) >= UInt8(ascii: "a"), (bytes[i] | 0x20) <= UInt8(ascii: "z") {
                i += 1
            }
            return i - start >= 3
        }

        mutating func number() -> Int? {
            let start = i
            var value = 0
            while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9"), i - start < 4 {
                value = value * 10 + Int(bytes[i] - UInt8(ascii: "0"))
                i += 1
            }
            return i > start ? value : nil
        }

        /// `[+-]hh[:mm[:ss]]` in seconds.
        mutating func offset() -> Int? {
            var sign = 1
            if take("-") { sign = -1 } else { _ = take("+") }
            guard let hours = number(), hours <= 167 else { return nil }
            var seconds = hours * 3600
            if take(":") {
                guard let minutes = number(), minutes < 60 else { return nil }
                seconds += minutes * 60
                if take(":") {
                    guard let s = number(), s < 60 else { return nil }
                    seconds += s
                }
            }
            return sign * seconds
        }

        mutating func change() -> Change? {
            let day: Change.Day
            if take("M") {
                guard let m = number(), (1...12).contains(m), take("."), let w = number(), (1...5).contains(w),
                    take("."), let d = number(), d <= 6
                else { return nil }
                day = .monthWeekDay(month: m, week: w, weekday: d)
            } else if take("J") {
                guard let n = number(), (1...365).contains(n) else { return nil }
                day = .julian(n)
            } else {
                guard let n = number(), n <= 365 else { return nil }
                day = .zeroBased(n)
            }
            var seconds = 7200
            if take("/") {
                guard let time = offset() else { return nil }
                seconds = time
            }
            return Change(day: day, seconds: seconds)
        }
    }
}

extension PosixZoneRule.Change {
    /// Seconds since 1970 of this change in `year`, read as UTC (the
    /// caller takes the offset in force before the change off).
    func instant(in year: Int) -> Int {
        let january1 = CivilDate(year: year, month: 1, day: 1)!.daysSinceEpoch
        let days: Int
        switch day {
        case .julian(let n):
            let leap = CivilDate.daysIn(month: 2, year: year) == 29
            days = january1 + n - 1 + (leap && n >= 60 ? 1 : 0)
        case .zeroBased(let n):
            days = january1 + n
        case .monthWeekDay(let month, let week, let weekday):
            let firstOfMonth = CivilDate(year: year, month: month, day: 1)!
            let first = firstOfMonth.daysSinceEpoch
            // POSIX counts from Sunday 0, ISO from Monday 1 (Sunday 7).
            let firstWeekday = firstOfMonth.weekday % 7
            var day = first + (weekday - firstWeekday + 7) % 7 + (week - 1) * 7
            let next = first + CivilDate.daysIn(month: month, year: year)
            while day >= next { day -= 7 }
            days = day
        }
        return days * 86_400 + seconds
    }
}
