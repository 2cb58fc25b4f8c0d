import Foundation
import SchoolStore

extension ParentModel {
    /// A child's attendance this academic year (at `now` in the school's
    /// time zone): every mark with its meaning, newest first, and the DfE
    /// statistics for this week, this term and this year, so far. Nil for a child
    /// the model does not hold or whose school does not show attendance.
    ///
    /// A leaver's marks and statistics stop at `leftOn`: anything the store
    /// holds after the leaving date is not the parent's concern (a school
    /// may go on marking a child who has left until the MIS catches up).
    /// Marks on a half-term or holiday day of the school's terms (`store
    /// validate` warns about them) are not counted or shown either: there
    /// was no school that day, as the grid says (they were counted in the
    /// figures beside a legend saying "no school that day").
    public func attendance(for child: ChildRef, now: Date) -> AttendanceReport? {
        guard let part = state.children[child], let school = state.schools[child.school]?.school,
            school.offers(.attendance)
        else { return nil }
        let today = school.zone.civilDate(of: now)
        let year = AcademicYear(containing: today)
        let leftOn = part.student.leaver ? part.student.leftOn : nil
        // As the parent would have seen it at `now`: a mark published after
        // it was not there yet (an export with --now a morning counted the
        // afternoon's marks, which the app at the same --now did not show).
        let marks = (part.attendance[year] ?? []).filter { m in
            year.contains(m.date) && leftOn.map { m.date <= $0 } ?? true && school.holiday(on: m.date) == nil
                && m.publishedAt <= now
        }
        let entries = marks.sorted { ($0.date, $0.session) > ($1.date, $1.session) }.map {
            AttendanceEntry(
                date: $0.date, session: $0.session, code: $0.code.code, meaning: $0.code.meaning,
                category: $0.code.category, recordedAt: $0.recordedAt, publishedAt: $0.publishedAt)
        }
        let last = leftOn.map { min($0, today) } ?? today
        let monday = today.startOfWeek
        let week = AttendanceStatistics.of(
            marks, label: "This week", from: monday, through: monday.adding(days: 6), upTo: last)
        let term = ParentModel.term(of: school, on: today).map {
            AttendanceStatistics.of(marks, label: $0.name, from: $0.start, through: $0.end, upTo: last)
        }
        let whole = AttendanceStatistics.of(
            marks, label: year.description, from: year.firstDay, through: year.lastDay, upTo: last)
        return AttendanceReport(
            child: child, marks: entries, week: week, term: term, year: whole, leftOn: leftOn,
            completeUpTo: lastUpdated(school: child.school).map {
                min($0, now).addingTimeInterval(-AttendanceMark.maximumPublicationDelay)
            }
        )
    }

    /// The term a date falls in or, in a holiday, the term just ended (in
    /// the same academic year); nil before the year's first term.
    static func term(of school: School, on date: CivilDate) -> Term? {
        if let t = school.term(containing: date) { return t }
        let year = AcademicYear(containing: date)
        return school.terms.last { $0.end < date && year.contains($0.start) }
    }
}
