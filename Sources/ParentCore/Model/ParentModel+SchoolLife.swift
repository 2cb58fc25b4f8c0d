import Foundation
import SchoolStore

extension ParentModel {
    /// Calendar events still to come (or under way) at `now`, soonest
    /// first: for one child or all, and only those for the children's year
    /// groups (an event without `years` is for everyone).
    public func upcomingEvents(child: ChildRef? = nil, now: Date, limit: Int = 20) -> [UpcomingEvent] {
        var out: [UpcomingEvent] = []
        for details in schools where child == nil || child?.school == details.id {
            guard let part = state.schools[details.id], part.school.offers(.calendar) else { continue }
            let today = part.school.zone.civilDate(of: now)
            let year = AcademicYear(containing: today)
            let kids = state.children(of: details.id).filter { child == nil || $0.ref == child }
            guard !kids.isEmpty else { continue }
            var seen = Set<String>()
            for events in part.calendar.keys.sorted().compactMap({ part.calendar[$0] }) {
                for e in events where e.lastDay >= today && seen.insert(e.id).inserted {
                    let concerned = kids.filter { k in
                        e.years.isEmpty || k.student.enrolment(in: year).map { e.years.contains($0.year) } ?? false
                    }
                    guard !concerned.isEmpty else { continue }
                    out.append(UpcomingEvent(school: details.id, schoolName: details.name, event: e, children: concerned.map(\.ref)))
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

    /// The latest behaviour events, newest first.
    public func behaviour(for child: ChildRef, limit: Int = 20) -> [ConductEvent] {
        latest(state.children[child]?.behaviour, limit: limit)
    }

    /// The latest achievements, newest first.
    public func achievements(for child: ChildRef, limit: Int = 20) -> [ConductEvent] {
        latest(state.children[child]?.achievements, limit: limit)
    }

    func latest(_ byYear: [AcademicYear: [ConductEvent]]?, limit: Int) -> [ConductEvent] {
        let all = (byYear ?? [:]).values.flatMap { $0 }
        return Array(all.sorted { ($0.recordedAt, $0.id) > ($1.recordedAt, $1.id) }.prefix(limit))
    }

    /// Behaviour or achievement points this academic year.
    public func points(_ feature: EnhancedFeature, for child: ChildRef, now: Date) -> Int {
        guard let part = state.children[child], let school = state.schools[child.school]?.school else { return 0 }
        let year = AcademicYear(containing: school.zone.civilDate(of: now))
        let events = feature == .behaviour ? part.behaviour[year] : part.achievements[year]
        return (events ?? []).reduce(0) { $0 + $1.points }
    }

    /// This academic year's timetable, by week, day and start time.
    public func timetable(for child: ChildRef, now: Date) -> [Lesson] {
        guard let part = state.children[child], let school = state.schools[child.school]?.school else { return [] }
        let year = AcademicYear(containing: school.zone.civilDate(of: now))
        return (part.timetable[year]?.lessons ?? []).sorted {
            (($0.week ?? ""), $0.day, $0.start) < (($1.week ?? ""), $1.day, $1.start)
        }
    }

    /// Assessment results, newest first.
    public func assessments(for child: ChildRef) -> [AssessmentResult] {
        let all = (state.children[child]?.assessments ?? [:]).values.flatMap { $0 }
        return all.sorted { ($0.date, $0.subject, $0.id) > ($1.date, $1.subject, $1.id) }
    }
}
