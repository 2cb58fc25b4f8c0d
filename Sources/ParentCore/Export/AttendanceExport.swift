import Foundation
import SchoolStore

/// Attendance taken out of the app, for `xpressions export attendance`:
/// for each child whose school shares attendance, every session of this
/// academic year the attendance tab shows (oldest first), then the figures
/// it shows (this week, this term, this year), counted as the DfE counts
/// them. A leaver's stop at the leaving date, as on the screen.
public enum AttendanceExport {
    /// The CSV columns. A row is a session (`kind` = `session`: the first
    /// ten columns) or a summary (`kind` = `summary`: `child`, `student`,
    /// `school` and the last eight columns).
    public static let csvColumns = [
        "kind", "child", "student", "school", "date", "session", "code", "meaning", "category", "recorded_at",
        "period", "from", "through", "counted_through", "attendance_percent", "attended", "possible_sessions",
        "authorised_absence", "unauthorised_absence",
    ]

    /// RFC 4180: CRLF line ends, fields with a comma, double quote, CR or LF
    /// quoted and inner quotes doubled, every row the same number of
    /// fields. A field starting with `=`, `+`, `-`, `@`, a tab or a carriage
    /// return is prefixed with `'` (as the store audit's CSV does), so a
    /// spreadsheet shows it rather than running it as a formula.
    public static func csv(model: ParentModel, child: ChildRef? = nil, now: Date) -> String {
        var rows = [csvColumns]
        for report in reports(model: model, child: child, now: now) {
            let c = report.summary
            let zone = model.school(c.school)?.zone ?? .utc
            for m in report.report.marks.reversed() {
                rows.append(
                    [
                        "session", c.name, c.ref.student, c.schoolName, m.date.description, m.session.rawValue, m.code,
                        m.meaning,
                        categoryName(m.category), zone.format(m.recordedAt, numericOffset: true),
                    ] + Array(repeating: "", count: 9))
            }
            for s in summaries(report.report) {
                rows.append(
                    ["summary", c.name, c.ref.student, c.schoolName] + Array(repeating: "", count: 6)
                        + [
                            s.label, s.from.description, s.through.description, s.countedThrough.description,
                            percentText(s),
                            "\(s.attended)", "\(s.possibleSessions)", "\(s.authorisedAbsence)",
                            "\(s.unauthorisedAbsence)",
                        ])
            }
        }
        return rows.map(row).joined(separator: "\r\n") + "\r\n"
    }

    /// One CSV row, each field quoted as needed and guarded (the store
    /// audit's rule).
    static func row(_ fields: [String]) -> String {
        fields.map(StoreAuditReport.field).joined(separator: ",")
    }

    /// A stable JSON shape (fields are only ever added):
    /// `{"format": "xpressions-attendance", "version": 1, "exportedAt",
    /// "children": [{"student", "school", "name", "schoolName",
    /// "academicYear", "leftOn", "completeUpTo", "sessions": [{"date",
    /// "session", "code", "meaning", "category", "possible", "attended",
    /// "recordedAt"}], "summaries": [{"period", "label", "from", "through",
    /// "countedThrough", "attendancePercent", "attended", "possibleSessions",
    /// "present", "approvedEducationalActivity", "authorisedAbsence",
    /// "unauthorisedAbsence", "notCounted"}]}]}`.
    public static func json(model: ParentModel, child: ChildRef? = nil, now: Date) -> String {
        var children: [JSONValue] = []
        for report in reports(model: model, child: child, now: now) {
            let c = report.summary
            let r = report.report
            let zone = model.school(c.school)?.zone ?? .utc
            var o = JSONObjectBuilder()
            o.set("student", c.ref.student)
            o.set("school", c.school)
            o.set("name", c.name)
            o.set("schoolName", c.schoolName)
            o.set("academicYear", model.academicYear(school: c.school, now: now).description)
            o.set("leftOn", r.leftOn.map { .string($0.description) } ?? .null)
            o.set("completeUpTo", r.completeUpTo.map { .string(zone.format($0, numericOffset: true)) } ?? .null)
            o.set(
                "sessions",
                .array(
                    r.marks.reversed().map { m in
                        var s = JSONObjectBuilder()
                        s.set("date", m.date)
                        s.set("session", m.session.rawValue)
                        s.set("code", m.code)
                        s.set("meaning", m.meaning)
                        s.set("category", categoryName(m.category))
                        s.set("possible", m.category.isPossibleSession)
                        s.set("attended", m.category.isAttendance)
                        // As the CSV writes it: the offset written out all year
                        // (`+00:00` in winter; the JSON said `Z`).
                        s.set("recordedAt", zone.format(m.recordedAt, numericOffset: true))
                        return s.value
                    }))
            let periods = ["week", "term", "year"]
            o.set(
                "summaries",
                .array(
                    zip(periods, [r.week, r.term, r.year]).compactMap { period, stats in
                        guard let stats else { return nil }
                        var s = JSONObjectBuilder()
                        s.set("period", period)
                        s.set("label", stats.label)
                        s.set("from", stats.from)
                        s.set("through", stats.through)
                        s.set("countedThrough", stats.countedThrough)
                        s.set("attendancePercent", percent(stats).map { .number($0) } ?? .null)
                        s.set("attended", stats.attended)
                        s.set("possibleSessions", stats.possibleSessions)
                        s.set("present", stats.present)
                        s.set("approvedEducationalActivity", stats.approvedEducationalActivity)
                        s.set("authorisedAbsence", stats.authorisedAbsence)
                        s.set("unauthorisedAbsence", stats.unauthorisedAbsence)
                        s.set("notCounted", stats.notCounted)
                        return s.value
                    }))
            children.append(o.value)
        }
        var top = JSONObjectBuilder()
        top.set("format", "xpressions-attendance")
        top.set("version", 1)
        top.set("exportedAt", Timestamp.format(now))
        top.set("children", .array(children))
        return JSONWriter().string(top.value)
    }

    /// The children whose school shares attendance (one, or all), with their reports.
    static func reports(model: ParentModel, child: ChildRef?, now: Date) -> [(
        summary: ChildSummary, report: AttendanceReport
    )] {
        model.children.filter { child == nil || $0.ref == child }.compactMap { c in
            model.attendance(for: c.ref, now: now).map { (c, $0) }
        }
    }

    /// This week, this term (when there is one), this year: the screen's figures.
    static func summaries(_ r: AttendanceReport) -> [AttendanceStatistics] {
        [r.week, r.term, r.year].compactMap { $0 }
    }

    /// The attendance percentage to one decimal, as the screen shows it (nil: no possible sessions).
    static func percent(_ s: AttendanceStatistics) -> Double? {
        guard let rate = s.rate else { return nil }
        return Double(Int((rate * 1000).rounded())) / 10
    }

    /// "96.4" (the screen's "96.4%" without the sign), or "" with no possible sessions.
    static func percentText(_ s: AttendanceStatistics) -> String {
        guard let rate = s.rate else { return "" }
        let tenths = Int((rate * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// The DfE category in the export's words: present, approved educational
    /// activity, authorised, unauthorised, not possible (administrative
    /// codes are not possible sessions either).
    public static func categoryName(_ c: AttendanceCode.Category) -> String {
        switch c {
        case .present: return "present"
        case .approvedEducationalActivity: return "approved educational activity"
        case .authorisedAbsence: return "authorised"
        case .unauthorisedAbsence: return "unauthorised"
        case .notPossible, .administrative: return "not possible"
        }
    }
}
