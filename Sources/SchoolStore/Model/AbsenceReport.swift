import Foundation

/// A parent's report that a child is or was absent: the `absence` field of
/// an inbox record (`schools/<id>/inbox/<key>.json`), written by the parent's
/// app. The record's `topic` is "Absence report" and its `body` says the same
/// in words, so tools that know nothing of reports still show something.
public struct AbsenceReport: Sendable, Equatable {
    /// The topic of an inbox record that carries a report.
    public static let topic = "Absence report"
    /// The longest note accepted, in characters.
    public static let noteLimit = 2000

    /// The child (one of the record's `students`).
    public var student: String
    public var from: CivilDate
    public var to: CivilDate
    public var part: AbsencePart
    /// Every session covered, in order: the school days from `from` to `to`
    /// (no weekends or holidays), the part of each day chosen.
    public var sessions: [AbsenceSession]
    public var reason: AbsenceReason
    /// Required for `other`.
    public var note: String?
    /// Some session was already past when the parent reported it.
    public var late: Bool

    public init(
        student: String, from: CivilDate, to: CivilDate, part: AbsencePart, sessions: [AbsenceSession],
        reason: AbsenceReason, note: String? = nil, late: Bool = false
    ) {
        self.student = student
        self.from = from
        self.to = to
        self.part = part
        self.sessions = sessions
        self.reason = reason
        self.note = note
        self.late = late
    }

    /// "Mon 16 Mar AM and PM, Tue 17 Mar AM: 3 sessions" (days after the
    /// fourth are counted, not listed).
    /// `full`: every day named, for the school (its listing and the
    /// record's body left out the days between the third and the last of
    /// a long report); else at most four, as a parent's screen has room for.
    public static func summary(_ sessions: [AbsenceSession], full: Bool = false) -> String {
        var days: [(CivilDate, [RegisterSession])] = []
        for s in sessions.sorted() {
            if let last = days.last, last.0 == s.date {
                days[days.count - 1].1.append(s.session)
            } else {
                days.append((s.date, [s.session]))
            }
        }
        func day(_ d: (CivilDate, [RegisterSession])) -> String {
            "\(CivilDate.weekdayShortNames[d.0.weekday - 1]) \(d.0.shortText) \(d.1.map(\.rawValue).joined(separator: " and "))"
        }
        var parts = days.prefix(full ? days.count : days.count > 4 ? 3 : 4).map(day)
        if !full, days.count > 4 { parts.append("… \(day(days[days.count - 1]))") }
        let n = sessions.count
        return "\(parts.joined(separator: ", ")): \(n) session\(n == 1 ? "" : "s")"
    }

    /// The record's `body`: the report in words.
    public func body(childName: String) -> String {
        var text = "\(childName) is absent: \(AbsenceReport.summary(sessions, full: true)). Reason: \(reason.label)."
        if let note, !note.isEmpty { text += " Note: \(note)" }
        if late { text += " (Reported late.)" }
        return text
    }

    /// Reads the `absence` object, checking it against itself: the sessions
    /// lie between `from` and `to`, in order, each once, on weekdays, and are
    /// of the part chosen; Other has a note. (The school's holidays are
    /// checked by validate, which has its terms.) `noteWithheld`: a copy
    /// kept on a device other than the one it was written on, whose note is
    /// left out (the parent's own words stay where they wrote them), so
    /// Other without one is whole (it was dropped as invalid, and the
    /// report vanished from the other parent's grid and digest).
    public static func decode(_ r: FieldReader, noteWithheld: Bool = false) -> AbsenceReport? {
        r.rejectUnknownFields(["student", "from", "to", "part", "sessions", "reason", "note", "late"])
        let student = r.string("student")
        let from = r.date("from")
        let to = r.date("to")
        let part = r.choice("part", AbsencePart.init(rawValue:), expected: "part (expected \(AbsencePart.names))")
        let reason = r.choice(
            "reason", AbsenceReason.init(rawValue:), expected: "reason (expected \(AbsenceReason.names))")
        let note = r.string("note", required: false, allowEmpty: true)
        let late = r.bool("late", default: false)
        var sessions: [AbsenceSession] = []
        var sessionsOK = true
        if let texts = r.stringArray("sessions", required: true) {
            if texts.isEmpty {
                r.report("sessions", "must list at least one session")
                sessionsOK = false
            }
            for (i, t) in texts.enumerated() {
                guard let s = AbsenceSession(parsing: t) else {
                    r.report(
                        "sessions[\(i)]",
                        "malformed session \(Quote.value(t)) (expected YYYY-MM-DD AM or YYYY-MM-DD PM)")
                    sessionsOK = false
                    continue
                }
                if let last = sessions.last, !(last < s) {
                    r.report(
                        "sessions[\(i)]", "\(t) is out of order or repeated (sessions are listed once, oldest first)")
                    sessionsOK = false
                }
                if let from, let to, s.date < from || s.date > to {
                    r.report("sessions[\(i)]", "\(t) is outside \(from)...\(to)")
                    sessionsOK = false
                }
                if s.date.isWeekend {
                    r.report(
                        "sessions[\(i)]",
                        "\(t) is a \(s.date.weekday == 6 ? "Saturday" : "Sunday"): schools have no sessions at weekends"
                    )
                    sessionsOK = false
                }
                if let part, let from, let to, !part.sessions(on: s.date, first: from, last: to).contains(s.session) {
                    r.report("sessions[\(i)]", "\(t) is not a session of part \(part.rawValue)")
                    sessionsOK = false
                }
                sessions.append(s)
            }
        } else {
            sessionsOK = false
        }
        // The first and the last day are school days the report covers (the
        // form allows no other): each has every session its part gives it
        // ("both" listing only the morning was valid, and lists showed
        // "AM: 1 session" for a report of the whole day).
        if sessionsOK, let from, let to, to >= from, let part {
            for day in from == to ? [from] : [from, to] {
                for wanted in part.sessions(on: day, first: from, last: to)
                where !sessions.contains(AbsenceSession(date: day, session: wanted)) {
                    r.report(
                        "sessions",
                        "\(AbsenceSession(date: day, session: wanted)) is missing: part \(part.rawValue) covers it")
                    sessionsOK = false
                }
            }
        }
        if let from, let to, to < from { r.report("to", "the last day (\(to)) is before the first (\(from))") }
        // A one-day report is the day's morning, afternoon or both, as the
        // format says (validate took "from-pm" for one day).
        if let from, let to, let part, from == to, ![.both, .am, .pm].contains(part) {
            r.report("part", "a one-day report is both, am or pm, not \(part.rawValue)")
            sessionsOK = false
        }
        if let note, note.count > noteLimit { r.report("note", "too long: at most \(noteLimit) characters") }
        if reason == .other, !noteWithheld, FieldReader.isBlank(note ?? "") {
            r.report("note", "required when the reason is other")
        }
        guard let student, let from, let to, to >= from, let part, let reason, sessionsOK else { return nil }
        return AbsenceReport(
            student: student, from: from, to: to, part: part, sessions: sessions, reason: reason,
            note: note.flatMap { $0.isEmpty ? nil : $0 }, late: late)
    }

    public var json: JSONValue {
        var o = JSONObjectBuilder()
        o.set("student", student)
        o.set("from", from)
        o.set("to", to)
        o.set("part", part.rawValue)
        o.set("sessions", sessions.map(\.description))
        o.set("reason", reason.rawValue)
        o.setIfPresent("note", note)
        o.set("late", late)
        return o.value
    }
}
