/// Validation's fast path for an attendance file: one pass over its bytes
/// that vouches for a file the full decoder would find no problem in, and
/// gives the same report (students defined and referred to, marks counted,
/// the warnings about marks after leaving and on holidays). nil when it
/// cannot vouch for the file; then the full decoder checks it and names
/// every problem.
struct FastAttendanceCheck {
    let file: String
    let year: AcademicYear
    let check: AttendanceCheck
    /// The school's terms in `year`, and for each day of the year whether it
    /// is a half-term or holiday day (empty without terms).
    let terms: [Term]
    let holidays: [Bool]

    init(file: String, year: AcademicYear, check: AttendanceCheck) {
        self.file = file
        self.year = year
        self.check = check
        terms = check.terms(in: year)
        holidays = AttendanceCheck.holidayTable(year, terms: terms)
    }

    func run(_ buffer: UnsafeBufferPointer<UInt8>) -> FileReport? {
        MarkScan.codes.withUnsafeBufferPointer { codes in
            do throws(ByteCursor.Miss) { return try scan(buffer, codes: codes) } catch { return nil }
        }
    }

    private func scan(_ buffer: UnsafeBufferPointer<UInt8>, codes: UnsafeBufferPointer<UInt8>) throws(ByteCursor.Miss)
        -> FileReport
    {
        var c = ByteCursor(buffer)
        var report = FileReport(file: file)
        var findings = AttendanceCheck.Findings(file: file)
        var seen = Set<String>()
        let firstDay = year.firstDay.daysSinceEpoch
        let lastDay = year.lastDay.daysSinceEpoch
        // Sessions seen in the current record: bit (day - firstDay) * 2 + pm.
        // A year has at most 366 days, so 732 sessions, and a record that
        // passes holds each at most once.
        let sessions = UnsafeMutablePointer<UInt64>.allocate(capacity: 12)
        // Days of the current record's marks, in file order.
        let days = UnsafeMutablePointer<Int32>.allocate(capacity: 12 * 64)
        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
        defer {
            sessions.deallocate()
            days.deallocate()
            scratch.deallocate()
        }

        var dates = MarkScan.DateCache()
        try c.expect(0x5B)
        var firstRecord = true
        while try c.nextElement(&firstRecord) {
            report.records += 1
            try c.expect(0x7B)
            var student: String?
            var sawMarks = false
            var count = 0
            sessions.update(repeating: 0, count: 12)
            var firstKey = true
            while let key = try c.nextKey(&firstKey) {
                if c.equals(key, "marks") {
                    guard !sawMarks else { throw ByteCursor.Miss() }
                    sawMarks = true
                    try c.expect(0x5B)
                    var firstMark = true
                    while try c.nextElement(&firstMark) {
                        let mark = try self.mark(&c, codes: codes, dates: &dates, scratch: scratch)
                        guard mark.day >= firstDay, mark.day <= lastDay else { throw ByteCursor.Miss() }
                        let bit = (mark.day - firstDay) * 2 + (mark.pm ? 1 : 0)
                        let word = bit >> 6
                        let mask = UInt64(1) << UInt64(bit & 63)
                        guard sessions[word] & mask == 0 else { throw ByteCursor.Miss() }
                        sessions[word] |= mask
                        days[count] = Int32(truncatingIfNeeded: mark.day)
                        count += 1
                    }
                } else if c.equals(key, "student") {
                    guard student == nil else { throw ByteCursor.Miss() }
                    student = c.string(try c.nonBlank())
                } else {
                    throw ByteCursor.Miss()
                }
            }
            guard let student, sawMarks, seen.insert(student).inserted else { throw ByteCursor.Miss() }
            report.marks += count
            report.definedKeys.append(student)
            report.studentReferences.append(("student \(student)", "student", student))
            warn(
                student: student, days: UnsafeBufferPointer(start: days, count: count), firstDay: firstDay,
                into: &findings)
        }
        try c.expectEnd()
        report.warnings = findings.lines()
        return report
    }

    /// The mark at the cursor, which must pass `MarkScan`. A canonical mark
    /// is checked where it lies: every byte of an accepted mark is one
    /// `MarkScan` checks (digits, `-`, `:`, spaces, `AM`/`PM`, a code), so it
    /// holds no quote, control character or stray backslash, and the quote
    /// after it ends the string. Anything else is read as a string first.
    @inline(__always)
    private func mark(
        _ c: inout ByteCursor, codes: UnsafeBufferPointer<UInt8>, dates: inout MarkScan.DateCache,
        scratch: UnsafeMutablePointer<UInt8>
    ) throws(ByteCursor.Miss) -> MarkScan.Mark {
        c.skipSpace()
        let b = c.bytes
        let n = b.count
        let s = c.i + 1
        if c.i < n, b[c.i] == 0x22, s + 28 < n {
            let raw = b.baseAddress! + s
            if raw[27] == 0x22 && raw[14] != 0x5C {
                if let m = MarkScan.scan(UnsafeBufferPointer(start: raw, count: 27), codes: codes, cache: &dates) {
                    c.i = s + 28
                    return m
                }
            } else if raw[28] == 0x22 {
                if raw[14] != 0x5C {
                    if let m = MarkScan.scan(UnsafeBufferPointer(start: raw, count: 28), codes: codes, cache: &dates) {
                        c.i = s + 29
                        return m
                    }
                } else if raw[15] == 0x5C || raw[15] == 0x2F {
                    // The afternoon mark's `\\` (or `\/`).
                    scratch.update(from: raw, count: 14)
                    scratch[14] = raw[15]
                    (scratch + 15).update(from: raw + 16, count: 12)
                    if let m = MarkScan.scan(
                        UnsafeBufferPointer(start: scratch, count: 27), codes: codes, cache: &dates)
                    {
                        c.i = s + 29
                        return m
                    }
                }
            }
        }
        let text = try c.string()
        let found: MarkScan.Mark?
        if text.isEscaped {
            let length = try decodeMark(c, text, into: scratch)
            found = MarkScan.scan(UnsafeBufferPointer(start: scratch, count: length), codes: codes, cache: &dates)
        } else {
            found = MarkScan.scan(UnsafeBufferPointer(rebasing: b[text.start..<text.end]), codes: codes, cache: &dates)
        }
        guard let found else { throw ByteCursor.Miss() }
        return found
    }

    /// Decodes a mark's escapes (`\\`, `\/`, `\"`) into `scratch`; any other
    /// escape, or a text too long to be a mark, is a miss.
    private func decodeMark(_ c: ByteCursor, _ text: ByteCursor.Text, into scratch: UnsafeMutablePointer<UInt8>)
        throws(ByteCursor.Miss) -> Int
    {
        guard text.count <= 64 else { throw ByteCursor.Miss() }
        var n = 0
        var k = text.start
        while k < text.end {
            var b = c.bytes[k]
            if b == 0x5C {
                b = c.bytes[k + 1]
                guard b == 0x5C || b == 0x2F || b == 0x22 else { throw ByteCursor.Miss() }
                k += 1
            }
            scratch[n] = b
            n += 1
            k += 1
        }
        return n
    }

    /// The warnings of one record, as `AttendanceCheck.inspect` finds them.
    private func warn(
        student: String, days: UnsafeBufferPointer<Int32>, firstDay: Int, into findings: inout AttendanceCheck.Findings
    ) {
        let left = check.leavers[student]
        var afterLeaving: AttendanceCheck.FirstMark?
        if let left {
            let leftDay = left.daysSinceEpoch
            for (i, day) in days.enumerated() where Int(day) > leftDay {
                if afterLeaving == nil {
                    afterLeaving = .init(count: 0, index: i, date: CivilDate(daysSinceEpoch: Int(day)))
                }
                afterLeaving!.count += 1
            }
        }
        var onHoliday: AttendanceCheck.FirstMark?
        if !holidays.isEmpty {
            for (i, day) in days.enumerated() where holidays[Int(day) - firstDay] {
                if onHoliday == nil { onHoliday = .init(count: 0, index: i, date: CivilDate(daysSinceEpoch: Int(day))) }
                onHoliday!.count += 1
            }
        }
        var onWeekend: AttendanceCheck.FirstMark?
        for (i, day) in days.enumerated() where CivilDate(daysSinceEpoch: Int(day)).isWeekend {
            if onWeekend == nil { onWeekend = .init(count: 0, index: i, date: CivilDate(daysSinceEpoch: Int(day))) }
            onWeekend!.count += 1
        }
        if afterLeaving != nil || onHoliday != nil || onWeekend != nil {
            check.add(
                student: student, left: left, afterLeaving: afterLeaving, onHoliday: onHoliday, onWeekend: onWeekend,
                terms: terms, into: &findings)
        }
    }
}
