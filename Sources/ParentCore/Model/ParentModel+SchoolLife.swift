import Foundation
import SchoolStore

extension ParentModel {
    /// Calendar events still to come (or under way) at `now`, soonest
    /// first: for one child or all, and only those for the children's year
    /// groups (an event without `years` is for everyone). The year group is
    /// the one in the event's academic year: an event in next year's
    /// calendar for Year 10 is for this year's Year 9. A leaver is concerned
    /// only by events starting on or before the leaving date.
    public func upcomingEvents(child: ChildRef? = nil, now: Date, limit: Int = 20) -> [UpcomingEvent] {
        var out: [UpcomingEvent] = []
        for details in schools where child == nil || child?.school == details.id {
            guard let part = state.schools[details.id], part.school.offers(.calendar) else { continue }
            let today = part.school.zone.civilDate(of: now)
            let kids = state.children(of: details.id).filter { child == nil || $0.ref == child }
            guard !kids.isEmpty else { continue }
            var seen = Set<String>()
            for events in part.calendar.keys.sorted().compactMap({ part.calendar[$0] }) {
                for e in events where e.lastDay >= today && seen.insert(e.id).inserted {
                    let concerned = kids.filter { k in
                        if k.student.leaver, let left = k.student.leftOn, e.start > left { return false }
                        guard !e.years.isEmpty else { return true }
                        return ParentModel.yearGroup(of: k.student, in: AcademicYear(containing: e.start)).map(
                            e.years.contains) ?? false
                    }
                    guard !concerned.isEmpty else { continue }
                    out.append(
                        UpcomingEvent(
                            school: details.id, schoolName: details.name, event: e, children: concerned.map(\.ref)))
                }
            }
        }
        out.sort { a, b in
            if a.event.start != b.event.start { return a.event.start < b.event.start }
            if (a.event.time ?? "") != (b.event.time ?? "") { return (a.event.time ?? "") < (b.event.time ?? "") }
            return (a.school, a.event.id) < (b.school, b.event.id)
        }
        return Array(out.prefix(limit))
    }

    /// A student's year group in an academic year: that year's enrolment,
    /// or the latest earlier one moved on a year for each year since (a
    /// calendar for next September comes before next year's enrolments).
    static func yearGroup(of student: Student, in year: AcademicYear) -> Int? {
        if let exact = student.enrolments.last(where: { $0.academicYear == year }) { return exact.year }
        guard let earlier = student.enrolments.last(where: { $0.academicYear < year }) else { return nil }
        return earlier.year + (year.startYear - earlier.academicYear.startYear)
    }

    /// The academic year at `now` at a school (in its time zone; UTC for a
    /// school the model does not hold): what "this year" means on its screens.
    public func academicYear(school: String, now: Date) -> AcademicYear {
        AcademicYear(containing: (state.schools[school]?.school.zone ?? .utc).civilDate(of: now))
    }

    /// The latest behaviour events of every academic year held, newest
    /// first; each has its `date` (see `AcademicYear.dateText(_:)`).
    public func behaviour(for child: ChildRef, limit: Int = 20) -> [ConductEvent] {
        latest(state.children[child]?.behaviour, limit: limit)
    }

    /// The latest achievements of every academic year held, newest first;
    /// each has its `date` (see `AcademicYear.dateText(_:)`).
    public func achievements(for child: ChildRef, limit: Int = 20) -> [ConductEvent] {
        latest(state.children[child]?.achievements, limit: limit)
    }

    func latest(_ byYear: [AcademicYear: [ConductEvent]]?, limit: Int) -> [ConductEvent] {
        let all = (byYear ?? [:]).values.flatMap { $0 }
        return Array(all.sorted { ($0.recordedAt, $0.id) > ($1.recordedAt, $1.id) }.prefix(limit))
    }

    /// Behaviour or achievement points this academic year: events dated
    /// in the academic year at `now` only (last year's never count).
    public func points(_ feature: EnhancedFeature, for child: ChildRef, now: Date) -> Int {
        guard let part = state.children[child] else { return 0 }
        let year = academicYear(school: child.school, now: now)
        let events = feature == .behaviour ? part.behaviour[year] : part.achievements[year]
        return (events ?? []).filter { year.contains($0.date) }.reduce(0) { $0 + $1.points }
    }

    /// This academic year's timetable, by week, day and start time.
    public func timetable(for child: ChildRef, now: Date) -> [Lesson] {
        guard let part = state.children[child], let school = state.schools[child.school]?.school else { return [] }
        let year = AcademicYear(containing: school.zone.civilDate(of: now))
        return (part.timetable[year]?.lessons ?? []).sorted {
            (($0.week ?? ""), $0.day, $0.start) < (($1.week ?? ""), $1.day, $1.start)
        }
    }

    /// Assessment results of every academic year held, newest first, each
    /// with the academic year it belongs to (and the child's year group then).
    public func assessments(for child: ChildRef) -> [AssessmentEntry] {
        guard let part = state.children[child] else { return [] }
        let all = part.assessments.flatMap { year, results in
            results.map {
                AssessmentEntry(
                    academicYear: year, yearGroup: part.student.enrolments.last { $0.academicYear == year }?.year,
                    result: $0)
            }
        }
        return all.sorted { ($0.date, $0.subject, $0.id) > ($1.date, $1.subject, $1.id) }
    }
}
