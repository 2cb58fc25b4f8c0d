import Foundation
import Testing

@testable import ParentCore
@testable import SchoolStore

/// "This year" means the current academic year; entries from other years
/// say which year they are from (issue 8, "Dates and lists").
@Suite struct DatesAndYearsTests {
    typealias H = HandBuiltModel
    static let now = Timestamp.parse("2026-03-18T10:00:00Z")!
    static let lastYear = AcademicYear(startYear: 2024)

    static func event(_ id: String, _ day: String, _ points: Int) -> ConductEvent {
        let at = H.zone.instant(on: H.date(day), minutesAfterMidnight: 600)
        return ConductEvent(
            id: id, date: H.date(day), recordedAt: at, publishedAt: at.addingTimeInterval(3600), type: "Merit",
            points: points, description: "Merit in Maths.", staff: "Mr Hughes")
    }

    static func result(_ id: String, _ assessment: String, _ grade: String, _ day: String) -> AssessmentResult {
        AssessmentResult(
            id: id, subject: "Maths", assessment: assessment, grade: grade, target: "7", date: H.date(day),
            publishedAt: H.zone.instant(on: H.date(day), minutesAfterMidnight: 960))
    }

    /// Ben in Year 8 (8A) last year and Year 9 (9A) this year, with merits,
    /// a detention and assessments in both years.
    static func model() -> ParentModel {
        var h = H()
        var part = h.state.children[H.ben]!
        part.student.enrolments.insert(Enrolment(academicYear: lastYear, year: 8, registrationGroup: "8A"), at: 0)
        part.achievements[lastYear] = [event("A0", "2025-07-10", 5)]
        part.achievements[H.year] = [event("A1", "2025-10-01", 2), event("A2", "2026-03-02", 1)]
        part.behaviour[lastYear] = [event("B0", "2025-06-20", -3)]
        part.behaviour[H.year] = [event("B1", "2026-02-02", -1)]
        part.assessments[lastYear] = [result("R0", "Summer exam", "5", "2025-06-27")]
        part.assessments[H.year] = [
            result("R1", "Autumn assessment", "6", "2025-11-28"), result("R2", "Spring assessment", "7", "2026-03-13"),
        ]
        h.state.put(.child(part))
        return h.model()
    }

    @Test func thisYearsPointsCountOnlyTheCurrentAcademicYear() {
        let m = Self.model()
        #expect(m.points(.achievements, for: H.ben, now: Self.now) == 3)
        #expect(m.points(.behaviour, for: H.ben, now: Self.now) == -1)
        // In July 2025 "this year" was 2024-25.
        #expect(m.points(.achievements, for: H.ben, now: Timestamp.parse("2025-07-15T10:00:00Z")!) == 5)
        // A new academic year starts from nothing.
        #expect(m.points(.achievements, for: H.ben, now: Timestamp.parse("2026-09-07T10:00:00Z")!) == 0)
    }

    @Test func anEventFiledInTheWrongYearDoesNotCountForThisYear() {
        var h = H()
        var part = h.state.children[H.ben]!
        part.achievements[H.year] = [Self.event("A1", "2025-10-01", 2), Self.event("OLD", "2025-08-29", 10)]
        h.state.put(.child(part))
        #expect(h.model().points(.achievements, for: H.ben, now: Self.now) == 2)
    }

    @Test func assessmentsSayWhichAcademicYearTheyBelongTo() {
        let results = Self.model().assessments(for: H.ben)
        #expect(results.map(\.id) == ["R2", "R1", "R0"])
        #expect(results.map(\.academicYear) == [H.year, H.year, Self.lastYear])
        #expect(results.map(\.yearGroup) == [9, 9, 8])
        #expect(results.map(\.academicYear.description) == ["2025-26", "2025-26", "2024-25"])
        #expect(results[2].grade == "5" && results[2].assessment == "Summer exam" && results[2].result.target == "7")
        #expect(Self.model().assessments(for: H.amy).isEmpty)
    }

    @Test func datesOutsideTheCurrentAcademicYearShowTheirYear() {
        let m = Self.model()
        let year = m.academicYear(school: "green-abbey", now: Self.now)
        #expect(year == H.year)
        #expect(m.achievements(for: H.ben).map { year.dateText($0.date) } == ["2 Mar", "1 Oct", "10 Jul 2025"])
        #expect(m.behaviour(for: H.ben).map { year.dateText($0.date) } == ["2 Feb", "20 Jun 2025"])
        #expect(m.assessments(for: H.ben).map { year.dateText($0.date) } == ["13 Mar", "28 Nov", "27 Jun 2025"])
        #expect(year.dateText(H.date("2026-09-01")) == "1 Sep 2026")
        #expect(year.dateText(H.date("2025-09-01")) == "1 Sep")
        #expect(year.dateText(H.date("2026-08-31")) == "31 Aug")
    }

    @Test func theAcademicYearTurnsAtMidnightSchoolTime() {
        let m = Self.model()
        // 23:30 UTC on 31 August is 00:30 on 1 September in London (BST).
        #expect(
            m.academicYear(school: "green-abbey", now: Timestamp.parse("2026-08-31T23:30:00Z")!)
                == AcademicYear(startYear: 2026))
        #expect(
            m.academicYear(school: "green-abbey", now: Timestamp.parse("2026-08-31T22:30:00Z")!)
                == AcademicYear(startYear: 2025))
    }

    @Test func nextYearsCalendarUsesNextYearsYearGroups() {
        var h = H()
        var part = h.state.schools["green-abbey"]!
        let published = Timestamp.parse("2026-03-01T09:00:00Z")!
        part.calendar[H.year] = [
            CalendarEvent(
                id: "E1", title: "Year 9 options evening", start: H.date("2026-03-25"), category: "Parents' evening",
                years: [9],
                publishedAt: published)
        ]
        part.calendar[H.year.next] = [
            CalendarEvent(
                id: "N1", title: "Year 10 welcome", start: H.date("2026-09-03"), category: "Event", years: [10],
                publishedAt: published),
            CalendarEvent(
                id: "N2", title: "Year 9 camp", start: H.date("2026-09-10"), category: "Trip", years: [9],
                publishedAt: published),
            CalendarEvent(
                id: "N3", title: "Year 8 camp", start: H.date("2026-09-17"), category: "Trip", years: [8],
                publishedAt: published),
        ]
        h.state.put(.school(part))
        let events = h.model().upcomingEvents(now: Self.now)
        #expect(events.map(\.event.id) == ["E1", "N1", "N3"])
        #expect(events.first { $0.event.id == "N1" }?.children == [H.ben])  // Ben, Year 9 now, is in Year 10 then
        #expect(events.first { $0.event.id == "N3" }?.children == [H.amy])  // Amy, Year 7 now, is in Year 8 then
        // Once next year's enrolment is in the records, it is used as it stands.
        var child = h.state.children[H.ben]!
        // repeating Year 9
        child.student.enrolments.append(Enrolment(academicYear: H.year.next, year: 9, registrationGroup: "9C"))
        h.state.put(.child(child))
        #expect(h.model().upcomingEvents(child: H.ben, now: Self.now).map(\.event.id) == ["E1", "N2"])
    }

    @Test func aLeaverIsNotConcernedByEventsAfterLeaving() {
        var h = H()
        var part = h.state.schools["green-abbey"]!
        let published = Timestamp.parse("2026-01-01T09:00:00Z")!
        part.calendar[H.year] = [
            CalendarEvent(
                id: "E1", title: "Sports day", start: H.date("2026-03-20"), category: "Event", publishedAt: published),
            CalendarEvent(
                id: "E2", title: "Summer fair", start: H.date("2026-06-20"), category: "Event", publishedAt: published),
        ]
        h.state.put(.school(part))
        var amy = h.state.children[H.amy]!
        amy.student.leaver = true
        amy.student.leftOn = H.date("2026-03-20")
        h.state.put(.child(amy))
        let events = h.model().upcomingEvents(now: Self.now)
        #expect(events.map(\.event.id) == ["E1", "E2"])
        #expect(events[0].children == [H.ben, H.amy])  // on her last day
        #expect(events[1].children == [H.ben])
        #expect(h.model().upcomingEvents(child: H.amy, now: Self.now).map(\.event.id) == ["E1"])
    }
}
