import Foundation
import SchoolStore

/// The school calendar as iCalendar (RFC 5545), for `xpressions export
/// calendar` and the calendar tab's `e`: the events of the parent's
/// children's schools that concern them (the year groups an event is for,
/// a leaver only up to the leaving date, as the calendar tab counts them),
/// and optionally their timetable lessons, day by day, over a range of
/// dates.
///
/// - UIDs are stable (`event-E2025-015@green-abbey.xpressions`,
///   `lesson-GA-BEN-20260318-1@green-abbey.xpressions`): importing a later
///   export updates events instead of adding them again.
/// - All-day events are DATE values with an exclusive DTEND; timed ones are
///   local times with `TZID=Europe/London` and its VTIMEZONE for a school in
///   Europe/London, otherwise UTC.
/// - Lines end CRLF, are folded at 75 octets (never inside a UTF-8
///   character), and TEXT is escaped (`\\`, `\;`, `\,`, `\n`).
///
/// Lessons fall on a school's school days: weekdays in one of its terms,
/// outside the half term (any weekday when it lists no terms for that
/// academic year), and not on a day of a calendar event of category
/// "Holiday" (an INSET day). Each date takes that academic year's
/// timetable. A two-week timetable (lessons with `week` "A" and "B")
/// starts with its first week (in alphabetical order) in the week of the
/// first term's start, and moves on one each week that has a school day
/// (from the week of 1 September when no terms are listed).
public enum CalendarExport {
    /// The iCalendar text. `child`: one child, else all. `from` and `to`
    /// (inclusive) limit events and lessons to the days they cover; without
    /// them every event the app holds is written, and lessons run from
    /// today to the end of the current term (of the next one in a holiday;
    /// four weeks when the school lists no terms). `now` is the DTSTAMP and
    /// says what "today" is.
    public static func ics(
        model: ParentModel, child: ChildRef? = nil, from: CivilDate? = nil, to: CivilDate? = nil,
        timetable: Bool = false, now: Date
    ) -> String {
        var entries = events(model: model, child: child, from: from, to: to)
        if timetable { entries += lessons(model: model, child: child, from: from, to: to, now: now) }
        entries.sort { $0.sortKey < $1.sortKey }
        var w = ICalendarWriter()
        w.begin("VCALENDAR")
        w.raw("VERSION", "2.0")
        w.text("PRODID", "-//Xpressions//xpressions//EN")
        w.raw("CALSCALE", "GREGORIAN")
        w.raw("METHOD", "PUBLISH")
        let who = child.flatMap { model.child($0)?.name }
        w.text("X-WR-CALNAME", who.map { "School calendar: \($0)" } ?? "School calendar")
        // An empty calendar still holds one component (RFC 5545 §3.6 asks for
        // at least one, and importers refuse none): the zone.
        if entries.isEmpty || entries.contains(where: \.usesLondon) { w.londonTimeZone() }
        for entry in entries { entry.write(to: &w, stamp: now) }
        w.end("VCALENDAR")
        return String(decoding: w.bytes, as: UTF8.self)
    }

    /// A file name for an export made on `day`: `xpressions-calendar-2026-03-18.ics`,
    /// or `xpressions-calendar-ben-2026-03-18.ics` for one child.
    public static func fileName(child: ChildSummary?, on day: CivilDate) -> String {
        var name = "xpressions-calendar"
        if let child {
            // Accents folded first ("Zoë" is "zoe", as --child zoe takes it; it was "zo").
            let folded = child.forename.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            let slug = String(
                folded.lowercased().unicodeScalars.filter {
                    $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))
                })
            name += "-" + (slug.isEmpty ? CalendarEntry.uidPart(child.ref.student).lowercased() : slug)
        }
        return "\(name)-\(day).ics"
    }

    // MARK: - Events

    /// The calendar events that concern the children (one child, or all)
    /// and touch the range, once each.
    static func events(model: ParentModel, child: ChildRef?, from: CivilDate?, to: CivilDate?) -> [CalendarEntry] {
        var out: [CalendarEntry] = []
        for details in model.schools where child == nil || child?.school == details.id {
            guard let part = model.state.schools[details.id], part.school.offers(.calendar) else { continue }
            let kids = model.state.children(of: details.id).filter { child == nil || $0.ref == child }
            guard !kids.isEmpty else { continue }
            var seen = Set<String>()
            for year in part.calendar.keys.sorted() {
                for e in part.calendar[year] ?? [] where seen.insert(e.id).inserted {
                    if let from, e.lastDay < from { continue }
                    if let to, e.start > to { continue }
                    let concerned = kids.filter { k in
                        if k.student.leaver, let left = k.student.leftOn, e.start > left { return false }
                        guard !e.years.isEmpty else { return true }
                        return ParentModel.yearGroup(of: k.student, in: AcademicYear(containing: e.start)).map(
                            e.years.contains) ?? false
                    }
                    guard !concerned.isEmpty else { continue }
                    let names = concerned.map { model.names[$0.ref] ?? $0.student.fullName }
                    out.append(
                        CalendarEntry(
                            uid: "event-\(CalendarEntry.uidPart(e.id))@\(CalendarEntry.uidPart(details.id)).xpressions",
                            summary: e.title, description: "\(details.name): \(e.category)\nFor \(list(names))",
                            location: e.location, categories: [e.category], when: when(e), zone: part.school.zone,
                            lastModified: e.publishedAt))
                }
            }
        }
        return out
    }

    /// All day, or the event's `time` ("18:00-20:00") from its first day
    /// to its last (an end before the start on a one-day event is the next
    /// morning; one at the start is a moment, "10:00-10:00", which was
    /// exported as 24 hours).
    static func when(_ e: CalendarEvent) -> CalendarEntry.When {
        if let time = e.time {
            let parts = time.split(separator: "-")
            if parts.count == 2, let start = CalendarEntry.minutes(parts[0]), let end = CalendarEntry.minutes(parts[1])
            {
                var endDay = e.lastDay
                if endDay == e.start && end < start { endDay = endDay.adding(days: 1) }
                return .times(startDay: e.start, startMinutes: start, endDay: endDay, endMinutes: end)
            }
        }
        return .days(first: e.start, last: e.lastDay)
    }

    /// "Ben", "Ben and Amy", "Ben, Amy and Tom".
    public static func list(_ names: [String]) -> String {
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " and " + names.last!
    }

    // MARK: - Lessons

    /// The lessons of the children (one child, or all) on each school day
    /// of the range.
    static func lessons(model: ParentModel, child: ChildRef?, from: CivilDate?, to: CivilDate?, now: Date)
        -> [CalendarEntry]
    {
        var out: [CalendarEntry] = []
        for details in model.schools where child == nil || child?.school == details.id {
            guard let part = model.state.schools[details.id], part.school.offers(.timetable) else { continue }
            let school = part.school
            let first = from ?? school.zone.civilDate(of: now)
            let last = to ?? defaultEnd(school, from: first)
            guard first <= last else { continue }
            let closed = closedDays(part, from: first, to: last)
            var weeks = SchoolWeeks(school: school)
            for kid in model.state.children(of: details.id) where child == nil || kid.ref == child {
                let leftOn = kid.student.leaver ? kid.student.leftOn : nil
                let forename = model.child(kid.ref)?.forename ?? kid.student.displayForename
                let name = model.names[kid.ref] ?? kid.student.fullName
                var day = first
                while day <= last {
                    defer { day = day.adding(days: 1) }
                    if let leftOn, day > leftOn { break }
                    guard !day.isWeekend, !closed.contains(day), weeks.isSchoolDay(day), weeks.bankHoliday(day) == nil,
                        let lessons = kid.timetable[AcademicYear(containing: day)]?.lessons
                    else { continue }
                    let label = weeks.label(of: day, labels: Set(lessons.compactMap(\.week)))
                    var used = Set<String>()
                    for lesson in lessons
                    where lesson.day == day.weekday && (lesson.week == nil || lesson.week == label) {
                        guard let start = CalendarEntry.minutes(Substring(lesson.start)),
                            let end = CalendarEntry.minutes(Substring(lesson.end)),
                            end > start
                        else { continue }
                        var uid =
                            "lesson-\(CalendarEntry.uidPart(kid.student.id))-\(ICalendarWriter.date(day))-\(CalendarEntry.uidPart(lesson.period))"
                        var n = 2
                        let base = uid
                        while !used.insert(uid).inserted {
                            uid = "\(base)~\(n)"
                            n += 1
                        }
                        out.append(
                            CalendarEntry(
                                uid: "\(uid)@\(CalendarEntry.uidPart(details.id)).xpressions",
                                summary: "\(lesson.subject) (\(forename))",
                                description: "Period \(lesson.period), \(lesson.teacher)\n\(name), \(details.name)",
                                location: lesson.room, categories: ["Lesson"],
                                when: .times(startDay: day, startMinutes: start, endDay: day, endMinutes: end),
                                zone: school.zone))
                    }
                }
            }
        }
        return out
    }

    /// The end of the term `from` is in (or of the next one), or four weeks on.
    static func defaultEnd(_ school: School, from: CivilDate) -> CivilDate {
        if let term = school.terms.sorted(by: { $0.start < $1.start }).first(where: { $0.end >= from }) {
            return term.end
        }
        return from.adding(days: 27)
    }

    /// Days covered by a calendar event of category "Holiday" (INSET days, half terms).
    static func closedDays(_ part: SchoolPart, from: CivilDate, to: CivilDate) -> Set<CivilDate> {
        var out = Set<CivilDate>()
        for events in part.calendar.values {
            for e in events
            where e.isHoliday && e.lastDay >= from && e.start <= to {
                var d = max(e.start, from)
                while d <= min(e.lastDay, to) {
                    out.insert(d)
                    d = d.adding(days: 1)
                }
            }
        }
        return out
    }
}
