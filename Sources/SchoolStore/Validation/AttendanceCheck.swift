/// `store validate` warnings about attendance marks that are legal but wrong
/// for parents: marks after a leaver's `leftOn` (the DfE figures stop at the
/// leaving date), and marks on half-term or holiday days of the school's
/// terms. One warning per student record, at most ``perFile`` of each kind
/// per file, then one line counting the rest.
struct AttendanceCheck: Sendable {
    /// Leavers and the day they left (from students.json).
    let leavers: [String: CivilDate]
    /// The school's terms (school.json).
    let terms: [Term]

    static let perFile = 20

    /// The terms of an academic year; empty when the school lists none for
    /// it (then holidays are not checked: nothing says when they are).
    func terms(in year: AcademicYear) -> [Term] { terms.filter { year.contains($0.start) } }

    struct Findings {
        let file: String
        var afterLeaving: [StoreProblem] = []
        var afterLeavingMore = 0
        var holidays: [StoreProblem] = []
        var holidaysMore = 0
        var weekends: [StoreProblem] = []
        var weekendsMore = 0

        init(file: String) { self.file = file }

        func lines() -> [StoreProblem] {
            var out = afterLeaving
            if afterLeavingMore > 0 {
                out.append(
                    StoreProblem(
                        file: file, message: "\(Quote.count(afterLeavingMore)) more students have marks after they left"
                    ))
            }
            out += holidays
            if holidaysMore > 0 {
                out.append(
                    StoreProblem(
                        file: file,
                        message: "\(Quote.count(holidaysMore)) more students have marks on half-term or holiday days"))
            }
            out += weekends
            if weekendsMore > 0 {
                out.append(
                    StoreProblem(
                        file: file, message: "\(Quote.count(weekendsMore)) more students have marks on a weekend"))
            }
            return out
        }
    }

    /// Why `date` is not a school day of `terms` ("half term", "a holiday
    /// between terms"); nil on a term day (weekends are left alone: some
    /// schools register Saturday sessions: those are warned about apart).
    static func holiday(_ date: CivilDate, terms: [Term]) -> String? {
        guard let term = terms.first(where: { $0.contains(date) }) else {
            return "a holiday outside the school's terms"
        }
        if let start = term.halfTermStart, let end = term.halfTermEnd, date >= start, date <= end {
            return "half term of \(Quote.clip(term.name, limit: 40))"
        }
        return nil
    }

    /// The first mark of a kind in a student's record, and how many there are.
    struct FirstMark {
        var count: Int
        var index: Int
        var date: CivilDate
    }

    func inspect(_ record: StudentAttendance, terms: [Term], into findings: inout Findings) {
        let left = leavers[record.student]
        var afterLeaving: FirstMark?
        if let left {
            for (i, mark) in record.marks.enumerated() where mark.date > left {
                if afterLeaving == nil { afterLeaving = FirstMark(count: 0, index: i, date: mark.date) }
                afterLeaving!.count += 1
            }
        }
        var onHoliday: FirstMark?
        if !terms.isEmpty {
            for (i, mark) in record.marks.enumerated() where AttendanceCheck.holiday(mark.date, terms: terms) != nil {
                if onHoliday == nil { onHoliday = FirstMark(count: 0, index: i, date: mark.date) }
                onHoliday!.count += 1
            }
        }
        var onWeekend: FirstMark?
        for (i, mark) in record.marks.enumerated() where mark.date.isWeekend {
            if onWeekend == nil { onWeekend = FirstMark(count: 0, index: i, date: mark.date) }
            onWeekend!.count += 1
        }
        add(
            student: record.student, left: left, afterLeaving: afterLeaving, onHoliday: onHoliday,
            onWeekend: onWeekend, terms: terms, into: &findings)
    }

    /// The warnings of one student's record, from what its marks showed
    /// (the full decoder and the fast path both end here).
    func add(
        student: String, left: CivilDate?, afterLeaving: FirstMark?, onHoliday: FirstMark?, onWeekend: FirstMark?,
        terms: [Term], into findings: inout Findings
    ) {
        let file = findings.file
        /// One kind's warning for this record ("2 marks …"), or one more
        /// counted past ``perFile``.
        func note(_ first: FirstMark, _ list: inout [StoreProblem], _ more: inout Int, _ what: (String) -> String) {
            guard list.count < AttendanceCheck.perFile else {
                more += 1
                return
            }
            let marks = first.count == 1 ? "1 mark" : "\(Quote.count(first.count)) marks"
            list.append(
                StoreProblem(
                    file: file, record: "student \(student)", field: "marks[\(first.index)]",
                    message: what(marks)))
        }
        if let left, let first = afterLeaving {
            note(first, &findings.afterLeaving, &findings.afterLeavingMore) {
                "\($0) after the student left on \(left) (the first on \(first.date)); attendance stops at the leaving date"
            }
        }
        if let first = onHoliday, let why = AttendanceCheck.holiday(first.date, terms: terms) {
            note(first, &findings.holidays, &findings.holidaysMore) {
                "\($0) on half-term or holiday days (the first on \(first.date), \(why))"
            }
        }
        // Counted in the figures (a school may register a Saturday
        // session), but the parent's grid shows Monday to Friday: said, so
        // figures that do not add up in the grid are explained.
        if let first = onWeekend {
            note(first, &findings.weekends, &findings.weekendsMore) {
                "\($0) on a weekend (the first on \(first.date.longText)): counted in the parent's figures, but their grid shows Monday to Friday"
            }
        }
    }

    /// For each day of an academic year (from its first day), whether it is
    /// a half-term or holiday day of `terms`; empty when there are no terms.
    static func holidayTable(_ year: AcademicYear, terms: [Term]) -> [Bool] {
        guard !terms.isEmpty else { return [] }
        let first = year.firstDay.daysSinceEpoch
        let last = year.lastDay.daysSinceEpoch
        return (first...last).map { holiday(CivilDate(daysSinceEpoch: $0), terms: terms) != nil }
    }
}
