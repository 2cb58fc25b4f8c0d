import Foundation
import SchoolStore

/// An absence report checked against the school's calendar: the sessions
/// it covers, and whether it is late. Pure: the form shows it as the
/// parent edits, and ``SyncEngine/reportAbsence(_:)`` checks it again.
///
/// - the first and last day are school days (no weekends, holidays, half
///   term), the last not before the first; closed days between are skipped;
/// - the last day at most 30 school days after today;
/// - a past day is allowed (this school year), but the report is late;
/// - a reason, and a note for Other.
public struct AbsencePlan: Sendable, Equatable {
    public static let maximumSchoolDaysAhead = 30

    public var sessions: [AbsenceSession]
    /// Some session was already under way when it was reported: a day
    /// before today, or today's morning after 09:00 or afternoon after
    /// 13:30 (school time; ``started(at:zone:)``).
    public var late: Bool

    /// When a session counts as begun, in minutes after midnight school time:
    /// the morning register by 09:00, the afternoon's by 13:30.
    public static let sessionStarts: [RegisterSession: Int] = [.am: 9 * 60, .pm: 13 * 60 + 30]

    /// Today's sessions already begun at `now`.
    public static func started(at now: Date, zone: SchoolTimeZone) -> Set<RegisterSession> {
        let minutes = zone.minutesAfterMidnight(of: now)
        return Set(sessionStarts.filter { minutes >= $0.value }.map(\.key))
    }

    /// "Mon 16 Mar AM and PM, Tue 17 Mar AM: 3 sessions".
    public var summary: String { AbsenceReport.summary(sessions) }

    /// The dates alone: the sessions, or why there are none. Reason and
    /// note are not looked at (see ``check(_:calendar:today:)``).
    public static func sessions(
        from: CivilDate, to: CivilDate, part: AbsencePart, calendar: AbsenceCalendar,
        today: CivilDate, startedToday: Set<RegisterSession> = []
    ) -> Result<AbsencePlan, AbsenceRefusal> {
        guard calendar.school.incomingEnabled else {
            return .failure(.schoolTakesNoMessages(schoolName: calendar.school.name, phone: calendar.school.phone))
        }
        guard from <= to else { return .failure(.lastBeforeFirst) }
        if let why = calendar.closed(from) { return .failure(.closed(from, why: why)) }
        if let why = calendar.closed(to) { return .failure(.closed(to, why: why)) }
        if from < AcademicYear(containing: today).firstDay { return .failure(.tooLongAgo(from)) }
        if calendar.schoolDays(after: today, through: to) > maximumSchoolDaysAhead {
            return .failure(.tooFarAhead(to, limit: maximumSchoolDaysAhead))
        }
        var sessions: [AbsenceSession] = []
        var d = from
        while d <= to {
            if calendar.isSchoolDay(d) {
                sessions += part.sessions(on: d, first: from, last: to).map { AbsenceSession(date: d, session: $0) }
            }
            d = d.adding(days: 1)
        }
        let late = from < today || sessions.contains { $0.date == today && startedToday.contains($0.session) }
        return .success(AbsencePlan(sessions: sessions, late: late))
    }

    /// The whole draft: dates, reason and note. The report to file on success.
    public static func check(
        _ draft: AbsenceDraft, calendar: AbsenceCalendar, today: CivilDate,
        startedToday: Set<RegisterSession> = []
    ) -> Result<AbsenceReport, AbsenceRefusal> {
        let plan: AbsencePlan
        switch sessions(
            from: draft.from, to: draft.to, part: draft.part, calendar: calendar, today: today,
            startedToday: startedToday)
        {
        case .failure(let refusal): return .failure(refusal)
        case .success(let p): plan = p
        }
        guard let reason = draft.reason else { return .failure(.noReason) }
        let note = draft.note.trimmingCharacters(in: .whitespacesAndNewlines)
        if reason == .other && note.isEmpty { return .failure(.noteRequired) }
        if note.count > AbsenceReport.noteLimit { return .failure(.noteTooLong(limit: AbsenceReport.noteLimit)) }
        return .success(
            AbsenceReport(
                student: draft.child.student, from: draft.from, to: draft.to,
                part: draft.from == draft.to ? draft.part.singleDay : draft.part,
                sessions: plan.sessions, reason: reason, note: note.isEmpty ? nil : note, late: plan.late))
    }
}
