import Foundation

/// Validation's fast path for the per-student yearly files other than
/// attendance (timetable, behaviour, achievements, assessments): one pass
/// over the bytes that vouches for a file in which the full decoders would
/// find no problem, with the same report. nil when it cannot vouch (then
/// the decoders check the file and name every problem).
struct FastYearlyCheck {
    let file: String
    let kind: StoreLayout.YearlyKind
    let year: AcademicYear

    func run(_ buffer: UnsafeBufferPointer<UInt8>) -> FileReport? {
        guard kind.isPerStudent, kind != .attendance else { return nil }
        do throws(ByteCursor.Miss) { return try scan(buffer) } catch { return nil }
    }

    private func scan(_ buffer: UnsafeBufferPointer<UInt8>) throws(ByteCursor.Miss) -> FileReport {
        var c = ByteCursor(buffer)
        var report = FileReport(file: file)
        var students = Set<String>()
        var ids = SeenIDs()
        let firstDay = year.firstDay
        let lastDay = year.lastDay
        try c.expect(0x5B)
        var firstRecord = true
        while try c.nextElement(&firstRecord) {
            report.records += 1
            try c.expect(0x7B)
            var student: String?
            var sawList = false
            var sawPublished = false
            var firstKey = true
            while let key = try c.nextKey(&firstKey) {
                if c.equals(key, "student") {
                    guard student == nil else { throw ByteCursor.Miss() }
                    student = c.string(try c.nonBlank())
                    continue
                }
                switch kind {
                case .timetable:
                    if c.equals(key, "lessons") {
                        guard !sawList else { throw ByteCursor.Miss() }
                        sawList = true
                        try c.expect(0x5B)
                        var first = true
                        while try c.nextElement(&first) { try lesson(&c) }
                    } else if c.equals(key, "publishedAt") {
                        guard !sawPublished else { throw ByteCursor.Miss() }
                        sawPublished = true
                        _ = try c.instant()
                    } else {
                        throw ByteCursor.Miss()
                    }
                case .behaviour, .achievements:
                    guard c.equals(key, "events"), !sawList else { throw ByteCursor.Miss() }
                    sawList = true
                    ids.removeAll()
                    try c.expect(0x5B)
                    var first = true
                    while try c.nextElement(&first) {
                        let (id, date) = try event(&c)
                        guard ids.insert(id), date >= firstDay, date <= lastDay else { throw ByteCursor.Miss() }
                    }
                case .assessments:
                    guard c.equals(key, "results"), !sawList else { throw ByteCursor.Miss() }
                    sawList = true
                    ids.removeAll()
                    try c.expect(0x5B)
                    var first = true
                    while try c.nextElement(&first) {
                        guard ids.insert(try result(&c)) else { throw ByteCursor.Miss() }
                    }
                case .attendance, .calendar:
                    throw ByteCursor.Miss()
                }
            }
            guard let student, sawList, students.insert(student).inserted else { throw ByteCursor.Miss() }
            report.definedKeys.append(student)
            report.studentReferences.append(("student \(student)", "student", student))
        }
        try c.expectEnd()
        return report
    }

    /// A lesson (`Lesson.decode`): the day Mon to Fri, period, start and end
    /// times with the end after the start, subject, teacher, room, and
    /// optionally the week.
    private func lesson(_ c: inout ByteCursor) throws(ByteCursor.Miss) {
        try c.expect(0x7B)
        var seen: UInt8 = 0
        var start = -1
        var end = -1
        var first = true
        while let key = try c.nextKey(&first) {
            let bit: UInt8
            if c.equals(key, "day") {
                bit = 1
                let t = try c.nonBlank()
                guard
                    c.equals(t, "Mon") || c.equals(t, "Tue") || c.equals(t, "Wed") || c.equals(t, "Thu")
                        || c.equals(t, "Fri")
                else {
                    throw ByteCursor.Miss()
                }
            } else if c.equals(key, "period") {
                bit = 2
                _ = try c.nonBlank()
            } else if c.equals(key, "start") {
                bit = 4
                start = try c.minutes()
            } else if c.equals(key, "end") {
                bit = 8
                end = try c.minutes()
            } else if c.equals(key, "subject") {
                bit = 16
                _ = try c.nonBlank()
            } else if c.equals(key, "teacher") {
                bit = 32
                _ = try c.nonBlank()
            } else if c.equals(key, "room") {
                bit = 64
                _ = try c.nonBlank()
            } else if c.equals(key, "week") {
                bit = 128
                _ = try c.nonBlank()
            } else {
                throw ByteCursor.Miss()
            }
            guard seen & bit == 0 else { throw ByteCursor.Miss() }
            seen |= bit
        }
        guard seen & 0x7F == 0x7F, end > start else { throw ByteCursor.Miss() }
    }

    /// A behaviour or achievement event (`ConductEvent.decode` and the id
    /// rule): its id's hash and its date.
    private func event(_ c: inout ByteCursor) throws(ByteCursor.Miss) -> (UInt64, CivilDate) {
        try c.expect(0x7B)
        var seen: UInt16 = 0
        var id: UInt64 = 0
        var date = CivilDate(daysSinceEpoch: 0)
        var recorded = Date(timeIntervalSince1970: 0)
        var published = recorded
        var first = true
        while let key = try c.nextKey(&first) {
            let bit: UInt16
            if c.equals(key, "id") {
                bit = 1
                id = try c.identifier().hash
            } else if c.equals(key, "date") {
                bit = 2
                date = try c.date()
            } else if c.equals(key, "recordedAt") {
                bit = 4
                recorded = try c.instant()
            } else if c.equals(key, "publishedAt") {
                bit = 8
                published = try c.instant()
            } else if c.equals(key, "type") {
                bit = 16
                _ = try c.nonBlank()
            } else if c.equals(key, "points") {
                bit = 32
                let points = try c.integer()
                guard points >= -100, points <= 100 else { throw ByteCursor.Miss() }
            } else if c.equals(key, "description") {
                bit = 64
                _ = try c.nonBlank()
            } else if c.equals(key, "staff") {
                bit = 128
                _ = try c.nonBlank()
            } else if c.equals(key, "action") {
                bit = 256
                _ = try c.nonBlank()
            } else {
                throw ByteCursor.Miss()
            }
            guard seen & bit == 0 else { throw ByteCursor.Miss() }
            seen |= bit
        }
        // The order of PublicationRule.check's comparisons, on the same values.
        guard seen & 0xFF == 0xFF, !(published < recorded),
            !(published.timeIntervalSince(recorded) > ConductEvent.maximumPublicationDelay)
        else {
            throw ByteCursor.Miss()
        }
        return (id, date)
    }

    /// An assessment result (`AssessmentResult.decode` and the id rule): its
    /// id's hash.
    private func result(_ c: inout ByteCursor) throws(ByteCursor.Miss) -> UInt64 {
        try c.expect(0x7B)
        var seen: UInt8 = 0
        var id: UInt64 = 0
        var first = true
        while let key = try c.nextKey(&first) {
            let bit: UInt8
            if c.equals(key, "id") {
                bit = 1
                id = try c.identifier().hash
            } else if c.equals(key, "subject") {
                bit = 2
                _ = try c.nonBlank()
            } else if c.equals(key, "assessment") {
                bit = 4
                _ = try c.nonBlank()
            } else if c.equals(key, "grade") {
                bit = 8
                _ = try c.nonBlank()
            } else if c.equals(key, "date") {
                bit = 16
                _ = try c.date()
            } else if c.equals(key, "publishedAt") {
                bit = 32
                _ = try c.instant()
            } else if c.equals(key, "target") {
                bit = 64
                _ = try c.nonBlank()
            } else {
                throw ByteCursor.Miss()
            }
            guard seen & bit == 0 else { throw ByteCursor.Miss() }
            seen |= bit
        }
        guard seen & 0x3F == 0x3F else { throw ByteCursor.Miss() }
        return id
    }
}
