import Foundation
import Testing

@testable import SchoolStore

@Suite struct TimeTests {
    @Test func civilDateArithmetic() {
        let d = CivilDate(year: 2026, month: 3, day: 18)!
        #expect(d.weekday == 3)  // Wednesday
        #expect(CivilDate(daysSinceEpoch: d.daysSinceEpoch) == d)
        #expect(d.adding(days: 14).description == "2026-04-01")
        #expect(CivilDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 2025, month: 2, day: 29) == nil)
        #expect(CivilDate(parsing: "2025-13-01") == nil)
        #expect(d.startOfWeek.description == "2026-03-16")
        #expect(d.longText == "Wed 18 Mar 2026")
    }

    @Test func timestampsParseWithOffsetsAndFormatBack() {
        let a = Timestamp.parse("2025-09-03T08:52:00+01:00")!
        let b = Timestamp.parse("2025-09-03T07:52:00Z")!
        #expect(a == b)
        #expect(Timestamp.format(a) == "2025-09-03T07:52:00Z")
        #expect(Timestamp.parse("2025-09-03T08:52+01:00") == a)
        #expect(Timestamp.parse("2025-02-30T08:52:00Z") == nil)
        #expect(Timestamp.parse("2025-09-03 25:00:00Z") == nil)
        #expect(Timestamp.parse("yesterday") == nil)
    }

    @Test func schoolTimeZoneFollowsBritishSummerTime() {
        let london = SchoolTimeZone(identifier: "Europe/London")!
        let summer = london.instant(on: CivilDate(year: 2025, month: 9, day: 3)!, minutesAfterMidnight: 8 * 60 + 52)
        #expect(Timestamp.format(summer) == "2025-09-03T07:52:00Z")
        #expect(london.format(summer) == "2025-09-03T08:52:00+01:00")
        let winter = london.instant(on: CivilDate(year: 2026, month: 1, day: 14)!, minutesAfterMidnight: 8 * 60 + 52)
        #expect(london.format(winter) == "2026-01-14T08:52:00Z")
        #expect(london.clockText(winter) == "08:52")
        #expect(london.civilDate(of: winter).description == "2026-01-14")
    }

    @Test func academicYears() {
        #expect(AcademicYear(containing: CivilDate(year: 2026, month: 3, day: 18)!).description == "2025-26")
        #expect(AcademicYear(containing: CivilDate(year: 2025, month: 9, day: 1)!).description == "2025-26")
        #expect(AcademicYear(containing: CivilDate(year: 2025, month: 8, day: 31)!).description == "2024-25")
        #expect(AcademicYear(parsing: "2025-27") == nil)
        #expect(AcademicYear(parsing: "1999-00")?.startYear == 1999)
    }

    @Test func termDatesAreWeekdaysWithHalfTerms() {
        for term in TermCalendar.terms(for: AcademicYear(startYear: 2025)) {
            #expect(!term.start.isWeekend)
            #expect(!term.end.isWeekend)
            #expect(term.halfTermStart!.weekday == 1)
            #expect(term.contains(term.halfTermStart!))
        }
    }
}
