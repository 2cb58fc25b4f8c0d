import Foundation
import Testing

@testable import ParentCore
@testable import SchoolStore

/// A leaver's attendance stops at `leftOn` (issue 8): "attendance and
/// statistics stop at the leaving date; anything the store holds after it is
/// not the parent's concern".
@Suite struct LeaverAttendanceTests {
    typealias H = HandBuiltModel
    static let now = Timestamp.parse("2026-03-18T10:42:00Z")!

    /// Amy's Spring 2026 register: every weekday from Wed 7 January to Fri 13
    /// February (28 days, 56 sessions), present but for one day off ill
    /// (I I): 54 / 56 = 96.4%. After she left on 13 February the school's
    /// register still marked her absent, no reason yet (N), for 7 sessions:
    /// counting those gives 54 / 63 = 85.7%.
    static func marks() -> [AttendanceMark] {
        var out: [AttendanceMark] = []
        var day = H.date("2026-01-07")
        while day <= H.date("2026-02-13") {
            if day.weekday <= 5 {
                let ill = day == H.date("2026-01-21")
                out.append(H.mark(day.description, .am, ill ? "I" : "/"))
                out.append(H.mark(day.description, .pm, ill ? "I" : "\\"))
            }
            day = day.adding(days: 1)
        }
        for (d, session) in [
            ("2026-02-23", RegisterSession.am), ("2026-02-23", .pm), ("2026-02-24", .am), ("2026-02-24", .pm),
            ("2026-02-25", .am), ("2026-02-25", .pm), ("2026-02-26", .am),
        ] {
            out.append(H.mark(d, session, "N"))
        }
        return out
    }

    static func model(leftOn: String?) -> ParentModel {
        var h = H()
        var part = h.state.children[H.amy]!
        part.student.leaver = leftOn != nil
        part.student.leftOn = leftOn.map(H.date)
        h.state.put(.child(part))
        h.setMarks(H.amy, marks())
        return h.model()
    }

    @Test func aLeaversFiguresStopAtTheLeavingDate() throws {
        let report = try #require(Self.model(leftOn: "2026-02-13").attendance(for: H.amy, now: Self.now))
        let term = try #require(report.term)
        #expect(term.label == "Spring 2026")
        #expect((term.attended, term.possibleSessions) == (54, 56))
        #expect(term.unauthorisedAbsence == 0)
        #expect(term.percentageText == "96.4%")
        #expect(term.countedThrough == H.date("2026-02-13"))
        #expect((report.year.attended, report.year.possibleSessions) == (54, 56))
        #expect(report.year.percentageText == "96.4%")
        #expect(report.year.countedThrough == H.date("2026-02-13"))
        #expect(report.week.possibleSessions == 0)  // she has left: nothing this week
        #expect(report.leftOn == H.date("2026-02-13"))
    }

    @Test func theGridShowsNoMarkAfterTheLeavingDate() throws {
        let report = try #require(Self.model(leftOn: "2026-02-13").attendance(for: H.amy, now: Self.now))
        #expect(report.marks.count == 56)
        #expect(report.marks.allSatisfy { $0.date <= H.date("2026-02-13") })
        #expect(!report.marks.contains { $0.code == "N" })
        let newest = try #require(report.marks.first)
        #expect(newest.date == H.date("2026-02-13") && newest.session == .pm)
    }

    /// Marks on a half-term day (validate warns about them) are neither
    /// counted nor shown: the grid says there was no school that day, and
    /// the figures counted them beside it (66/72 where 64/70 was right).
    @Test func marksOnAHalfTermDayAreNotCountedOrShown() throws {
        var h = H()
        let school = try #require(h.state.schools["green-abbey"]?.school)
        let halfTerm = H.date("2026-02-18")
        #expect(school.holiday(on: halfTerm)?.hasPrefix("half term of") == true)
        h.setMarks(H.amy, Self.marks() + [H.mark("2026-02-18", .am, "/"), H.mark("2026-02-18", .pm, "\\")])
        let report = try #require(h.model().attendance(for: H.amy, now: Self.now))
        let term = try #require(report.term)
        #expect((term.attended, term.possibleSessions) == (54, 63))
        #expect(!report.marks.contains { $0.date == halfTerm })
    }

    @Test func aPupilWhoHasNotLeftCountsEveryMark() throws {
        let report = try #require(Self.model(leftOn: nil).attendance(for: H.amy, now: Self.now))
        let term = try #require(report.term)
        #expect((term.attended, term.possibleSessions) == (54, 63))
        #expect(term.percentageText == "85.7%")
        #expect(term.countedThrough == H.date("2026-03-18"))  // today
        #expect(report.marks.count == 63)
        #expect(report.leftOn == nil)
    }

    @Test func theLeavingDayItselfCountsAndTheWeekStopsThere() throws {
        // Left on Tuesday 24 February: that day's marks count, Wednesday's and Thursday's do not.
        let now = Timestamp.parse("2026-02-26T16:00:00Z")!
        let report = try #require(Self.model(leftOn: "2026-02-24").attendance(for: H.amy, now: now))
        #expect(report.week.from == H.date("2026-02-23"))
        #expect(report.week.countedThrough == H.date("2026-02-24"))
        #expect((report.week.unauthorisedAbsence, report.week.possibleSessions) == (4, 4))
        #expect(report.marks.count == 60)
        // Before the leaving date arrives, counting stops at today as for anyone.
        let earlier = try #require(
            Self.model(leftOn: "2026-02-24").attendance(for: H.amy, now: Timestamp.parse("2026-02-23T16:00:00Z")!))
        #expect(earlier.week.countedThrough == H.date("2026-02-23"))
        #expect(earlier.week.possibleSessions == 2)
    }
}
