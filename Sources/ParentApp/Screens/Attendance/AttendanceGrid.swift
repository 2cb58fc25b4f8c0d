import ParentCore
import TerminalKit

/// The attendance grid laid out for a height: one row per week (newest
/// first), AM and PM per day, and a legend of every code the visible weeks
/// show, in the DfE's words. The grid gives up weeks until it and its legend
/// fit, so no code on screen goes unexplained. A session the parent reported
/// absent that has no register mark yet shows "R?" (the reason in the
/// legend); once the register is taken, its code wins.
struct AttendanceGrid {
    /// Every week with marks (its Monday), newest first.
    let weeks: [CivilDate]
    /// The first visible week.
    let first: Int
    /// The visible weeks.
    let visible: ArraySlice<CivilDate>
    /// The visible rows, drawn.
    let rows: [[(String, Role)]]
    /// The legend's lines.
    let legend: [[(String, Role)]]

    /// What a reported session without a mark shows.
    static let reportedMark = "R?"
    /// What a session of a report still queued on this device shows: the
    /// school has not been told yet (it showed R?, "reported to the school",
    /// while the store was away).
    static let queuedMark = "Q?"

    /// nil when there are no marks (and nothing reported). `rows` is the
    /// height for the grid rows, a blank line and the legend. `reported`:
    /// sessions the parent reported absent, with the reason. `scroll` is
    /// the first week shown; nil shows `today`'s week first (with weeks
    /// reported ahead above it, a scroll away), as it opens.
    init?(
        report: AttendanceReport, school: SchoolDetails?, scroll: Int?, width: Int, rows height: Int, glyphs: Glyphs,
        reported: [AbsenceSession: AbsenceReason] = [:], queued: Set<AbsenceSession> = [],
        today: CivilDate? = nil, calendar: AbsenceCalendar? = nil
    ) {
        var days = report.marks.map(\.date) + reported.keys.map(\.date)
        guard let marked = days.max(), let earliest = days.min() else { return nil }
        // This week has a row before its first mark (a Monday morning, a
        // half-term week, the first morning after the Easter holidays, with
        // the holiday weeks between), unless the marks stopped for good: a
        // leaver's after leaving, or last school year's (the summer
        // holidays). It stopped at 14 days, so a new term's first week was
        // missing after a two-week holiday.
        if let today, today > marked,
            AcademicYear(containing: today) == AcademicYear(containing: marked),
            report.leftOn.map({ today <= $0 }) ?? true
        {
            days.append(today)
        }
        let latest = days.max() ?? marked
        var byDay: [CivilDate: (am: AttendanceEntry?, pm: AttendanceEntry?)] = [:]
        for m in report.marks {
            var day = byDay[m.date] ?? (nil, nil)
            if m.session == .am { day.am = m } else { day.pm = m }
            byDay[m.date] = day
        }
        var weeks: [CivilDate] = []
        var monday = latest.startOfWeek
        while monday >= earliest.startOfWeek {
            weeks.append(monday)
            monday = monday.adding(days: -7)
        }
        self.weeks = weeks
        let noSchool = glyphs == .ascii ? "-" : "–"

        // The school's calendar closes days its terms do not (an INSET day,
        // a bank holiday): no school, as the absence form says (the grid
        // showed "no mark" on them).
        func isSchoolDay(_ d: CivilDate) -> Bool {
            calendar.map { $0.isSchoolDay(d) } ?? school?.isSchoolDay(d) ?? !d.isWeekend
        }
        func build(_ visible: ArraySlice<CivilDate>) -> (rows: [[(String, Role)]], legend: [[(String, Role)]]) {
            var rows: [[(String, Role)]] = []
            var seen: [String: (String, AttendanceCode.Category)] = [:]
            // A day before the one marks are complete up to has had its
            // register: no mark there is none recorded, not "no mark yet".
            let complete = report.completeUpTo.flatMap { at in school.map { $0.zone.civilDate(of: at) } }
            var sawUnmarked = false
            var sawUnrecorded = false
            var sawHoliday = false
            var reasons: [AbsenceReason] = []
            var queuedReasons: [AbsenceReason] = []
            for week in visible {
                var row: [(String, Role)] = [(TextWidth.pad(week.shortText, toWidth: 13), .text)]
                let days = (0..<5).map { week.adding(days: $0) }
                if days.allSatisfy({ !isSchoolDay($0) && byDay[$0] == nil }) {
                    let halfTerm =
                        school?.terms.contains { t in
                            t.halfTermStart.map { $0 <= days[4] } == true && t.halfTermEnd.map { $0 >= days[0] } == true
                        } ?? false
                    row.append((halfTerm ? "Half term: no school" : "Holiday: no school", .dim))
                    rows.append(row)
                    continue
                }
                for day in days {
                    let marks = byDay[day]
                    for (mark, session) in [(marks?.am, RegisterSession.am), (marks?.pm, .pm)] {
                        let text: String
                        let role: Role
                        // Not on a day the school has since closed (a calendar
                        // Holiday): no register will come ("–" like the others).
                        let asked = AbsenceSession(date: day, session: session)
                        if mark == nil, isSchoolDay(day), let reason = reported[asked] {
                            if queued.contains(asked) {
                                text = AttendanceGrid.queuedMark
                                if !queuedReasons.contains(reason) { queuedReasons.append(reason) }
                            } else {
                                text = AttendanceGrid.reportedMark
                                if !reasons.contains(reason) { reasons.append(reason) }
                            }
                            role = .warning
                        } else if let mark {
                            text = mark.code
                            role = Theme.role(for: mark.category)
                            seen[mark.code] = (mark.meaning, mark.category)
                        } else if let left = report.leftOn, day > left {
                            text = ""  // after leaving no mark will come ("Left on …" says so above)
                            role = .dim
                        } else if isSchoolDay(day) {
                            text = "·"
                            role = .dim
                            if let complete, day < complete { sawUnrecorded = true } else { sawUnmarked = true }
                        } else {
                            text = noSchool
                            role = .dim
                            sawHoliday = true
                        }
                        row.append((TextWidth.pad(text, toWidth: 3), role))
                    }
                    row.append(("  ", .text))
                }
                rows.append(row)
            }
            var entries: [[(String, Role)]] = AttendanceCode.all.compactMap { code in
                seen[code.code].map { [(code.code, Theme.role(for: $0.1)), (" " + $0.0, .dim)] }
            }
            for code in seen.keys.sorted() where AttendanceCode.named(code) == nil {  // not a national code
                entries.append([(code, .text), (" " + (seen[code]?.0 ?? ""), .dim)])
            }
            // First: a legend cut short at 80x24 still says what R? is
            // (the parent has just reported it; the codes page has the rest).
            // On one line in the longest words that fit (wrapped, its second
            // line was the one a short legend dropped: "no register"; two
            // long reasons were cut at "Medical or dental").
            let forms: [(String, [AbsenceReason], (String) -> [String])] = [
                (
                    AttendanceGrid.queuedMark, queuedReasons,
                    { [" absence report queued, not sent to the school yet (\($0))", " not sent yet (\($0))"] }
                ),
                (
                    AttendanceGrid.reportedMark, reasons,
                    {
                        [
                            " absence reported to the school (\($0)); no register mark yet",
                            " reported absent (\($0)); no mark yet", " reported (\($0))",
                        ]
                    }
                ),
            ]
            for (mark, said, words) in forms where !said.isEmpty {
                let texts = words(said.map(\.label).joined(separator: ", "))
                let text = texts.first { (mark + $0).displayWidth <= width } ?? texts[texts.count - 1]
                entries.insert([(mark, .warning), (text, .dim)], at: 0)
            }
            switch (sawUnmarked, sawUnrecorded) {
            case (true, false): entries.append([("·", .dim), (" no mark yet", .dim)])
            case (false, true): entries.append([("·", .dim), (" no mark recorded", .dim)])
            case (true, true): entries.append([("·", .dim), (" no mark (yet, or none recorded)", .dim)])
            case (false, false): break
            }
            if sawHoliday { entries.append([(noSchool, .dim), (" no school that day (holiday)", .dim)]) }
            return (rows, AttendanceGrid.flow(entries, width: width))
        }

        // It opens on this week; with a report in the next week or the one
        // after, on that week, so what the parent has just reported shows
        // (above this week, it was a scroll away at 80x24).
        let thisWeek = today.flatMap { t in weeks.firstIndex { $0 <= t.startOfWeek } } ?? 0
        let reportedWeeks = Set(reported.keys.map(\.date.startOfWeek))
        let nearestAhead = weeks[..<thisWeek].lastIndex { reportedWeeks.contains($0) }
        let opening = nearestAhead.map { thisWeek - $0 <= 2 ? $0 : thisWeek } ?? thisWeek
        let start = min(max(0, scroll ?? opening), max(0, weeks.count - 1))
        var count = max(1, min(weeks.count - start, height))
        var built = build(weeks[start..<(start + count)])
        // Two weeks at least where the rows allow (the legend is cut then,
        // saying where the rest is): opened on next week's reports, this
        // week stays in view.
        let fewest = min(2, weeks.count - start, max(1, height - 3))
        while count > fewest, count + 1 + built.legend.count > height {
            count -= 1
            built = build(weeks[start..<(start + count)])
        }
        // Scrolled to the end: show as many weeks as fit, not fewer.
        var first = start
        while first > 0, first + count == weeks.count {
            let more = build(weeks[(first - 1)..<weeks.count])
            guard more.rows.count + 1 + more.legend.count <= height else { break }
            first -= 1
            count += 1
            built = more
        }
        self.first = first
        visible = weeks[first..<(first + count)]
        rows = built.rows
        legend = built.legend
    }

    /// Lays legend entries out in lines: as many whole entries per line as
    /// fit, an entry wider than a line wrapped by words.
    static func flow(_ entries: [[(String, Role)]], width: Int) -> [[(String, Role)]] {
        let gap = "   "
        var lines: [[(String, Role)]] = []
        var line: [(String, Role)] = []
        var used = 0
        for entry in entries {
            let w = entry.reduce(0) { $0 + $1.0.displayWidth }
            if !line.isEmpty, used + gap.count + w <= width {
                line.append((gap, .text))
                line += entry
                used += gap.count + w
                continue
            }
            if !line.isEmpty { lines.append(line) }
            if w <= width {
                line = entry
                used = w
            } else {
                // The meaning wrapped beside its code, its later lines
                // under its first (they started at the left edge).
                let code = entry.first ?? ("", .text)
                let indent = code.0.displayWidth + 1
                let meaning = entry.dropFirst().map(\.0).joined().trimmingCharacters(in: .whitespaces)
                let wrapped = TextWidth.wrap(meaning, width: max(8, width - indent))
                for (i, part) in wrapped.enumerated() {
                    lines.append(
                        i == 0
                            ? [code, (" " + part, .dim)] : [(String(repeating: " ", count: indent) + part, .dim)])
                }
                line = []
                used = 0
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
