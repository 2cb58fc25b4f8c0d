import Foundation
import SchoolStore

/// A ``Digest`` as JSON, a stable shape (keys in this order; fields are only
/// ever added; a section the school does not share is `null`, an empty one
/// `[]`); times are ISO 8601 with the school's offset, dates `YYYY-MM-DD`:
///
///     {"format": "xpressions-digest", "version": 1, "generatedAt", "since",
///      "sinceSource": "last-digest"|"first-digest"|"duration",
///      "syncedAt": string|null (the oldest last sync of the children's schools), "subject",
///      "children": [{"student", "school", "name", "forename", "schoolName",
///        "headline": string|null,
///        "newMessages": [MESSAGE],
///        "attendance": null|{"today", "leftOn", "marks": [{"date", "session", "code",
///          "meaning", "category", "recordedAt"}], "week": {"label", "from",
///          "through", "attendancePercent": number|null, "attended",
///          "possibleSessions", "authorisedAbsence", "unauthorisedAbsence"},
///          "noSchool": string|null},
///        "behaviour": null|[EVENT], "achievements": null|[EVENT],
///        "homework": [MESSAGE],
///        "tomorrow": {"date", "lessons": null|[{"period", "start", "end",
///          "subject", "teacher", "room"}], "noLessons": string|null,
///          "events": null|[{"id", "title", "start", "end", "time",
///          "location", "category"}]},
///        "absences": [{"summary", "status", "key", "state", "acknowledgedAt",
///          "report": {"student", "from", "to", "part", "sessions", "reason",
///          "note", "late"}}]}]}
///
/// MESSAGE is `{"id", "school", "subject", "category", "sender", "sentAt",
/// "firstLine", "unread"}`; EVENT is `{"id", "date", "recordedAt", "type",
/// "points", "description", "staff", "action": string|null}`.
public enum DigestJSON {
    public static func render(_ digest: Digest) -> String {
        var top = JSONObjectBuilder()
        top.set("format", "xpressions-digest")
        top.set("version", 1)
        top.set("generatedAt", digest.generatedAt, zone: digest.zone)
        top.set("since", digest.since, zone: digest.zone)
        top.set("sinceSource", digest.sinceSource.rawValue)
        top.set("syncedAt", digest.syncedAt.map { .string(digest.zone.format($0)) } ?? .null)
        top.set("subject", digest.subject)
        top.set("children", .array(digest.children.map(child)))
        return JSONWriter().string(top.value)
    }

    static func child(_ c: DigestChild) -> JSONValue {
        let zone = c.zone
        var o = JSONObjectBuilder()
        o.set("student", c.ref.student)
        o.set("school", c.ref.school)
        o.set("name", c.name)
        o.set("forename", c.forename)
        o.set("schoolName", c.schoolName)
        o.set("headline", c.headline.map { .string($0) } ?? .null)
        o.set("newMessages", .array(c.newMessages.map { message($0, zone: zone) }))
        if let a = c.attendance {
            var x = JSONObjectBuilder()
            x.set("today", a.today)
            x.set("leftOn", a.leftOn.map { .string($0.description) } ?? .null)
            x.set(
                "marks",
                .array(
                    a.marks.map { m in
                        var s = JSONObjectBuilder()
                        s.set("date", m.date)
                        s.set("session", m.session.rawValue)
                        s.set("code", m.code)
                        s.set("meaning", m.meaning)
                        s.set("category", AttendanceExport.categoryName(m.category))
                        s.set("recordedAt", m.recordedAt, zone: zone)
                        return s.value
                    }))
            var w = JSONObjectBuilder()
            w.set("label", a.week.label)
            w.set("from", a.week.from)
            w.set("through", a.week.through)
            w.set("attendancePercent", AttendanceExport.percent(a.week).map { .number($0) } ?? .null)
            w.set("attended", a.week.attended)
            w.set("possibleSessions", a.week.possibleSessions)
            w.set("authorisedAbsence", a.week.authorisedAbsence)
            w.set("unauthorisedAbsence", a.week.unauthorisedAbsence)
            x.set("week", w.value)
            x.set("noSchool", a.noSchool.map { .string($0) } ?? .null)
            o.set("attendance", x.value)
        } else {
            o.set("attendance", .null)
        }
        o.set("behaviour", c.behaviour.map { .array($0.map { event($0, zone: zone) }) } ?? .null)
        o.set("achievements", c.achievements.map { .array($0.map { event($0, zone: zone) }) } ?? .null)
        o.set("homework", .array(c.homework.map { message($0, zone: zone) }))
        var t = JSONObjectBuilder()
        t.set("date", c.tomorrow.date)
        t.set(
            "lessons",
            c.tomorrow.lessons.map { lessons in
                .array(
                    lessons.map { l in
                        var x = JSONObjectBuilder()
                        x.set("period", l.period)
                        x.set("start", l.start)
                        x.set("end", l.end)
                        x.set("subject", l.subject)
                        x.set("teacher", l.teacher)
                        x.set("room", l.room)
                        return x.value
                    })
            } ?? .null)
        t.set("noLessons", c.tomorrow.noLessons.map { .string($0) } ?? .null)
        t.set(
            "events",
            c.tomorrow.events.map { events in
                .array(
                    events.map { e in
                        var x = JSONObjectBuilder()
                        x.set("id", e.id)
                        x.set("title", e.title)
                        x.set("start", e.start)
                        x.set("end", e.lastDay)
                        x.set("time", e.time.map { .string($0) } ?? .null)
                        x.set("location", e.location.map { .string($0) } ?? .null)
                        x.set("category", e.category)
                        return x.value
                    })
            } ?? .null)
        o.set("tomorrow", t.value)
        // Extension point: reported absences (DigestAbsences).
        o.set(
            "absences",
            .array(
                c.absences.map { a in
                    var x = JSONObjectBuilder()
                    x.set("summary", a.summary)
                    x.set("status", a.status)
                    x.set("key", a.key)
                    x.set("state", a.state)
                    x.set("acknowledgedAt", a.acknowledgedAt.map { .string(zone.format($0)) } ?? .null)
                    x.set("report", a.report.map(DigestJSON.report) ?? .null)
                    return x.value
                }))
        return o.value
    }

    static func message(_ m: DigestChild.Message, zone: SchoolTimeZone) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("id", m.ref.id)
        o.set("school", m.ref.school)
        o.set("subject", m.subject)
        o.set("category", m.category.rawValue)
        o.set("sender", m.sender)
        o.set("sentAt", m.sentAt, zone: zone)
        o.set("firstLine", m.firstLine)
        o.set("unread", m.isUnread)
        return o.value
    }

    static func event(_ e: ConductEvent, zone: SchoolTimeZone) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("id", e.id)
        o.set("date", e.date)
        o.set("recordedAt", e.recordedAt, zone: zone)
        o.set("type", e.type)
        o.set("points", e.points)
        o.set("description", e.description)
        o.set("staff", e.staff)
        o.set("action", e.action.map { .string($0) } ?? .null)
        return o.value
    }

    /// An absence report in the digest's fixed shape: every key always
    /// there, in the documented order ("note" null when there is none, as
    /// `school absences --json` has it; the store's record leaves it out).
    static func report(_ r: AbsenceReport) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("student", r.student)
        o.set("from", r.from)
        o.set("to", r.to)
        o.set("part", r.part.rawValue)
        o.set("sessions", r.sessions.map(\.description))
        o.set("reason", r.reason.rawValue)
        if let note = r.note { o.set("note", note) } else { o.set("note", .null) }
        o.set("late", r.late)
        return o.value
    }
}
