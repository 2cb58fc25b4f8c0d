import Foundation
import SchoolStore

/// The evening digest of `xpressions digest`: for each child, what came
/// since the digest's start (`--since`) and what tomorrow holds, worked out
/// from the local model alone (run after `xpressions sync`):
///
/// - messages that arrived since the start (their publication time, else
///   their sending time), newest first: subject, category, first line;
/// - attendance: the marks of today's sessions (and marks for earlier days
///   recorded today), with DfE codes and meanings, and this week's figure;
/// - behaviour and achievement events published since the start;
/// - homework messages of the last 7 days;
/// - tomorrow's lessons and calendar events;
/// - reported absences and where they stand (``DigestAbsences``).
///
/// "Since" goes by when the school sent or published each item. A digest
/// that follows an earlier one also knows which messages and events that
/// one could see (``seenKeys``, remembered with its time): an item dated
/// up to ``lateArrivalWindow`` before the start that the earlier digest
/// could not see (a sync brought it only afterwards, the school data having
/// been away) is new too.
///
/// Days and times are each school's (Europe/London for the demo). Nothing
/// after `now` is included. Text, mail and JSON are written by
/// ``DigestText``, ``DigestMail`` and ``DigestJSON``.
public struct Digest: Sendable {
    /// Where the digest's start came from.
    public enum SinceSource: String, Sendable, Equatable {
        /// The end of the last digest of this login.
        case lastDigest = "last-digest"
        /// `--since last` with no earlier digest: the last 24 hours.
        case firstDigest = "first-digest"
        /// `--since DURATION`.
        case duration
    }

    /// Characters of a message's first line kept.
    public static let firstLineLength = 120
    /// How far back homework messages are listed: 7 days.
    public static let homeworkWindow: TimeInterval = 7 * 86_400
    /// How long before the start an item the last digest did not see still
    /// counts as new: 7 days (and so how far back ``seenKeys`` reach).
    public static let lateArrivalWindow: TimeInterval = 7 * 86_400

    public var generatedAt: Date
    public var since: Date
    public var sinceSource: SinceSource
    /// The first school's zone, for the digest's own dates.
    public var zone: SchoolTimeZone
    /// The oldest last sync of the children's schools: the digest shows
    /// the local model as of then (nil: one of them was never synced).
    public var syncedAt: Date?
    public var children: [DigestChild]
    /// The messages and events of these children this digest could see,
    /// dated within ``lateArrivalWindow`` of `now` (`message school/id`,
    /// `event school/student/id`), sorted: remembered for the next digest.
    public var seenKeys: [String]

    /// The digest of `model` (one child, or all) for the window from `since`
    /// to `now`. `seen`: what the last digest could see (``seenKeys``), when
    /// `since` is its end; nil otherwise.
    public static func make(
        model: ParentModel, child: ChildRef? = nil, since: Date, sinceSource: SinceSource, now: Date,
        seen: Set<String>? = nil
    ) -> Digest {
        let kids = model.children.filter { child == nil || $0.ref == child }
        let zone = model.schools.first?.zone ?? .utc
        let messages = model.index.messages.enumerated().filter { _, m in m.message.visibleFrom <= now }
        let lateFrom = since.addingTimeInterval(-lateArrivalWindow)
        /// New: after the start, or not seen by the last digest and not long before it.
        func isNew(_ key: String, _ at: Date) -> Bool {
            at > since || (at > lateFrom && seen.map { !$0.contains(key) } ?? false)
        }
        let seenFrom = now.addingTimeInterval(-lateArrivalWindow)
        var seenKeys = Set<String>()
        let children = kids.map { summary -> DigestChild in
            let ref = summary.ref
            let school = model.school(ref.school)
            let zone = school?.zone ?? .utc
            let mine = messages.filter { _, m in m.children.contains(ref) }
            for (_, m) in mine where m.message.visibleFrom > seenFrom { seenKeys.insert(key(m.ref)) }
            let fresh = mine.filter { _, m in isNew(key(m.ref), m.message.visibleFrom) }.map { p, m in
                item(m, unread: !model.readFlags[p])
            }
            let homework = mine.filter { _, m in
                m.message.category == .homework && m.message.sentAt > now.addingTimeInterval(-homeworkWindow)
            }.map { p, m in item(m, unread: !model.readFlags[p]) }
            let features = summary.features
            func events(_ byYear: [AcademicYear: [ConductEvent]]?) -> [ConductEvent] {
                let visible = (byYear ?? [:]).values.flatMap { $0 }.filter { $0.publishedAt <= now }
                for e in visible where e.publishedAt > seenFrom { seenKeys.insert(key(ref, e)) }
                return visible.filter { isNew(key(ref, $0), $0.publishedAt) }.sorted {
                    ($0.recordedAt, $0.id) > ($1.recordedAt, $1.id)
                }
            }
            let part = model.childPart(ref)
            return DigestChild(
                ref: ref, name: summary.name, forename: summary.forename, schoolName: summary.schoolName, zone: zone,
                newMessages: fresh,
                attendance: features.contains(.attendance)
                    ? attendance(model: model, child: ref, zone: zone, now: now) : nil,
                behaviour: features.contains(.behaviour) ? events(part?.behaviour) : nil,
                achievements: features.contains(.achievements) ? events(part?.achievements) : nil,
                homework: homework,
                tomorrow: tomorrow(model: model, child: summary, zone: zone, now: now),
                absences: DigestAbsences.lines(model: model, child: ref, now: now))
        }
        let synced = Set(kids.map(\.school)).map { model.lastUpdated(school: $0) }
        let oldest: Date? = synced.contains { $0 == nil } ? nil : synced.compactMap { $0 }.min()
        return Digest(
            generatedAt: now, since: since, sinceSource: sinceSource, zone: zone, syncedAt: oldest, children: children,
            seenKeys: seenKeys.sorted())
    }

    /// `message green-abbey/GA-DEMO-2`.
    static func key(_ ref: MessageRef) -> String { "message \(ref.school)/\(ref.id)" }

    /// `event green-abbey/GA-BEN/B-1` (behaviour and achievement ids are the school's own).
    static func key(_ child: ChildRef, _ e: ConductEvent) -> String { "event \(child.school)/\(child.student)/\(e.id)" }

    static func item(_ m: TimelineMessage, unread: Bool) -> DigestChild.Message {
        DigestChild.Message(
            ref: m.ref, subject: m.message.subject, category: m.message.category, sender: m.message.sender,
            sentAt: m.message.sentAt, firstLine: firstLine(m.message.body), isUnread: unread)
    }

    /// The first line of `body` with text on it, trimmed, at most
    /// ``firstLineLength`` characters (cut ones end with "…"). A greeting
    /// ("Dear Parents and Carers,", "Hello Year 9,") is passed over when
    /// more text follows: it says nothing in a digest.
    public static func firstLine(_ body: String) -> String {
        let lines = body.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
        let line = lines.first { !isGreeting($0) } ?? lines.first ?? ""
        let clean = visible(line)
        guard clean.count > firstLineLength else { return clean }
        return clean.prefix(firstLineLength - 1).trimmingCharacters(in: .whitespaces) + "…"
    }

    /// One line of text as a report shows it: line breaks and tabs as
    /// spaces, any other control character in caret notation (ESC as `^[`:
    /// seen, never acted on by a terminal).
    static func visible(_ text: String) -> String {
        let spaced = String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { [0x09, 0x0A, 0x0B, 0x0C, 0x0D].contains($0.value) ? " " : $0 }))
        return TerminalSafe.text(spaced)
    }

    /// "Dear Mrs Abbot,", "Hello 9A:", "Hi all,": a short line opening with a greeting and ending with a comma or colon.
    static func isGreeting(_ line: String) -> Bool {
        guard line.count <= 60, line.hasSuffix(",") || line.hasSuffix(":") else { return false }
        let first =
            line.split(separator: " ").first.map { $0.lowercased().trimmingCharacters(in: .punctuationCharacters) }
            ?? ""
        return ["dear", "hello", "hi"].contains(first)
    }

    /// Today's marks (and today's corrections of earlier days) and this
    /// week's figure; nil when the model holds no attendance for the child.
    static func attendance(model: ParentModel, child: ChildRef, zone: SchoolTimeZone, now: Date) -> DigestChild
        .Attendance?
    {
        guard let report = model.attendance(for: child, now: now) else { return nil }
        let today = zone.civilDate(of: now)
        let marks = report.marks.filter { m in
            m.publishedAt <= now
                && (m.date == today || (zone.civilDate(of: m.recordedAt) == today && m.recordedAt <= now))
        }.sorted { ($0.date, $0.session) < ($1.date, $1.session) }
        var result = DigestChild.Attendance(today: today, marks: marks, week: report.week)
        if let left = report.leftOn, today > left { result.leftOn = left }
        if let part = model.state.schools[child.school] { result.noSchool = noSchool(on: today, part: part) }
        return result
    }

    /// Why `day` is no school day at the school ("weekend", a "Holiday"
    /// event's title, "school holiday", a bank holiday's name); nil on a
    /// school day. As tomorrow's lessons are placed, and today's register.
    static func noSchool(on day: CivilDate, part: SchoolPart) -> String? {
        let weeks = SchoolWeeks(school: part.school)
        let holiday = part.calendar.values.joined().first { $0.isHoliday && $0.covers(day) }
        if day.isWeekend { return "weekend" }
        if let holiday { return holiday.title }
        if !weeks.isSchoolDay(day) { return "school holiday" }
        return weeks.bankHoliday(day)
    }

    /// Tomorrow's lessons (as the calendar export places them: school days
    /// by the terms, not on a "Holiday" event, the week of a two-week
    /// timetable) and calendar events for the child.
    static func tomorrow(model: ParentModel, child: ChildSummary, zone: SchoolTimeZone, now: Date)
        -> DigestChild.Tomorrow
    {
        let day = zone.civilDate(of: now).adding(days: 1)
        var result = DigestChild.Tomorrow(date: day, lessons: nil, noLessons: nil, events: nil)
        if child.features.contains(.calendar) {
            result.events = model.upcomingEvents(child: child.ref, now: now, limit: Int.max)
                .filter { $0.event.start <= day && $0.event.lastDay >= day }.map(\.event)
        }
        guard child.features.contains(.timetable), let part = model.state.schools[child.school],
            let kid = model.childPart(child.ref)
        else {
            return result
        }
        result.lessons = []
        var weeks = SchoolWeeks(school: part.school)
        if kid.student.leaver, let left = kid.student.leftOn, day > left {
            result.noLessons = "left school"
        } else if let why = noSchool(on: day, part: part) {
            result.noLessons = why
        } else if let lessons = kid.timetable[AcademicYear(containing: day)]?.lessons {
            let label = weeks.label(of: day, labels: Set(lessons.compactMap(\.week)))
            result.lessons = lessons.filter { $0.day == day.weekday && ($0.week == nil || $0.week == label) }
                .sorted { ($0.start, $0.period) < ($1.start, $1.period) }
        }
        return result
    }

    /// "Xpressions: Ben 2 new, Amy attendance 96%", or "Xpressions: nothing new".
    public var subject: String {
        let lines = children.compactMap(\.headline)
        return "Xpressions: " + (lines.isEmpty ? "nothing new" : lines.joined(separator: ", "))
    }
}
