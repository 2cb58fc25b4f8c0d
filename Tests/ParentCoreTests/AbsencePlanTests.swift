import Foundation
import Testing

@testable import ParentCore
@testable import SchoolStore

/// The absence form's rules, on Green Abbey's calendar (Spring term to
/// Friday 27 March 2026, Easter holidays, Summer term from Monday 13 April;
/// an INSET day on Friday 10 April), with today Wednesday 18 March.
@Suite struct AbsencePlanTests {
    static let today = HandBuiltModel.date("2026-03-18")

    static func calendar(incoming: Bool = true) -> AbsenceCalendar {
        var school = HandBuiltModel.school
        school.xpressions.incomingEnabled = incoming
        var built = HandBuiltModel()
        let inset = CalendarEvent(
            id: "INSET-1", title: "INSET day (school closed to students)", start: HandBuiltModel.date("2026-04-10"),
            category: "Holiday", publishedAt: Timestamp.parse("2025-09-01T08:00:00Z")!)
        built.state.put(
            .school(
                SchoolPart(school: school, children: ["GA-BEN", "GA-AMY"], calendar: [HandBuiltModel.year: [inset]])))
        return built.model().absenceCalendar(school: "green-abbey")!
    }

    static func d(_ s: String) -> CivilDate { HandBuiltModel.date(s) }

    func plan(_ from: String, _ to: String, _ part: AbsencePart = .both, incoming: Bool = true) -> Result<
        AbsencePlan, AbsenceRefusal
    > {
        AbsencePlan.sessions(
            from: Self.d(from), to: Self.d(to), part: part, calendar: Self.calendar(incoming: incoming),
            today: Self.today)
    }

    @Test func aTwoDayAbsenceCountsItsSessions() throws {
        let p = try plan("2026-03-18", "2026-03-19").get()
        #expect(p.sessions.count == 4)
        #expect(p.summary == "Wed 18 Mar AM and PM, Thu 19 Mar AM and PM: 4 sessions")
        #expect(!p.late)
        #expect(try plan("2026-03-18", "2026-03-18", .am).get().summary == "Wed 18 Mar AM: 1 session")
        #expect(try plan("2026-03-19", "2026-03-20", .pm).get().summary == "Thu 19 Mar PM, Fri 20 Mar PM: 2 sessions")
    }

    /// A report for today made after its session began is late (it was
    /// not: only a day before today was): the morning from 09:00, the
    /// afternoon from 13:30, school time.
    @Test func todaysSessionsAlreadyBegunMakeTheReportLate() throws {
        let zone = SchoolTimeZone(identifier: "Europe/London")!
        func started(_ hhmm: String) -> Set<RegisterSession> {
            AbsencePlan.started(at: Timestamp.parse("2026-03-18T\(hhmm):00Z")!, zone: zone)
        }
        #expect(started("08:30") == [])
        #expect(started("10:00") == [.am])
        #expect(started("19:27") == [.am, .pm])
        func late(_ part: AbsencePart, at hhmm: String, to: String = "2026-03-18") throws -> Bool {
            try AbsencePlan.sessions(
                from: Self.today, to: Self.d(to), part: part, calendar: Self.calendar(), today: Self.today,
                startedToday: started(hhmm)
            ).get().late
        }
        #expect(try !late(.both, at: "08:30"))
        #expect(try late(.both, at: "10:00"))
        #expect(try !late(.pm, at: "10:00"))
        #expect(try late(.pm, at: "19:27"))
        #expect(try late(.both, at: "19:27", to: "2026-03-19"))
    }

    @Test func theSummaryMatchesTheIssuesExample() {
        let sessions = [
            AbsenceSession(date: Self.d("2026-03-16"), session: .am),
            AbsenceSession(date: Self.d("2026-03-16"), session: .pm),
            AbsenceSession(date: Self.d("2026-03-17"), session: .am),
        ]
        #expect(AbsenceReport.summary(sessions) == "Mon 16 Mar AM and PM, Tue 17 Mar AM: 3 sessions")
    }

    /// A report of six days: a parent's screen shows four of them, the
    /// school's listing and the record's body every one (17 and 18 Dec were
    /// left out of what the school read).
    @Test func theSchoolReadsEveryDayOfALongReport() {
        let days = ["2026-12-14", "2026-12-15", "2026-12-16", "2026-12-17", "2026-12-18", "2027-01-05"]
        let sessions = days.flatMap {
            [AbsenceSession(date: Self.d($0), session: .am), AbsenceSession(date: Self.d($0), session: .pm)]
        }
        #expect(AbsenceReport.summary(sessions).contains("… Tue 5 Jan"))
        #expect(!AbsenceReport.summary(sessions).contains("17 Dec"))
        let full = AbsenceReport.summary(sessions, full: true)
        for day in ["14 Dec", "15 Dec", "16 Dec", "17 Dec", "18 Dec", "5 Jan"] { #expect(full.contains(day), "\(day)") }
        #expect(!full.contains("…") && full.hasSuffix(": 12 sessions"))
    }

    /// "Off from Monday, back Tuesday afternoon" is one report: several days
    /// can start with the first afternoon and end with the last morning.
    @Test func aRangeCanStartAtLunchtimeAndEndAtLunchtime() throws {
        #expect(
            try plan("2026-03-18", "2026-03-19", .toAM).get().summary
                == "Wed 18 Mar AM and PM, Thu 19 Mar AM: 3 sessions")
        #expect(
            try plan("2026-03-18", "2026-03-19", .fromPM).get().summary
                == "Wed 18 Mar PM, Thu 19 Mar AM and PM: 3 sessions")
        #expect(
            try plan("2026-03-18", "2026-03-20", .fromPMToAM).get().summary
                == "Wed 18 Mar PM, Thu 19 Mar AM and PM, Fri 20 Mar AM: 4 sessions")
        // Over a weekend the ends are still the first and last days.
        #expect(
            try plan("2026-03-20", "2026-03-23", .fromPMToAM).get().summary
                == "Fri 20 Mar PM, Mon 23 Mar AM: 2 sessions")
        // On one day those parts are the nearest one-day part, and the report says so.
        #expect(try plan("2026-03-18", "2026-03-18", .toAM).get().summary == "Wed 18 Mar AM: 1 session")
        #expect(AbsencePart.choices(multiDay: false) == [.both, .am, .pm])
        #expect(AbsencePart.choices(multiDay: true).count == 6)
        let draft = AbsenceDraft(
            child: ChildRef(school: "green-abbey", student: "GA-BEN"), from: Self.d("2026-03-18"),
            to: Self.d("2026-03-18"), part: .fromPM, reason: .illness, note: "")
        #expect(try AbsencePlan.check(draft, calendar: Self.calendar(), today: Self.today).get().part == .pm)
    }

    @Test func weekendsBetweenAreSkippedButNotAllowedAtEitherEnd() throws {
        let p = try plan("2026-03-20", "2026-03-23").get()  // Fri to Mon
        #expect(
            p.sessions.map(\.date) == [
                Self.d("2026-03-20"), Self.d("2026-03-20"), Self.d("2026-03-23"), Self.d("2026-03-23"),
            ])
        #expect(plan("2026-03-21", "2026-03-23") == .failure(.closed(Self.d("2026-03-21"), why: "a Saturday")))
        #expect(plan("2026-03-20", "2026-03-22") == .failure(.closed(Self.d("2026-03-22"), why: "a Sunday")))
    }

    /// Bank holidays close schools in England and Wales, whether or not the
    /// school's calendar lists them (the form offered Mon 4 May 2026).
    @Test func bankHolidaysInTermAreRefused() {
        #expect(
            plan("2026-05-04", "2026-05-04")
                == .failure(.closed(Self.d("2026-05-04"), why: "a bank holiday (Early May bank holiday)")))
        let p = try? plan("2026-05-01", "2026-05-05").get()  // Fri to Tue, over the bank holiday Monday
        #expect(
            p?.sessions.map(\.date) == [
                Self.d("2026-05-01"), Self.d("2026-05-01"), Self.d("2026-05-05"), Self.d("2026-05-05"),
            ])
        // GOV.UK's list for 2026, and the moved days of 2027 and 2021.
        let days2026 = BankHolidays.englandAndWales(2026).keys.sorted().map(\.description)
        #expect(
            days2026 == [
                "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25",
                "2026-12-28",
            ])
        #expect(BankHolidays.englandAndWales(2027)[Self.d("2027-12-27")] != nil)
        #expect(BankHolidays.englandAndWales(2027)[Self.d("2027-12-28")] != nil)
        #expect(BankHolidays.englandAndWales(2021)[Self.d("2021-12-27")] != nil)
        #expect(BankHolidays.englandAndWales(2022)[Self.d("2022-01-03")] == "New Year's Day")
    }

    @Test func holidaysAndInsetDaysAreRefused() {
        #expect(
            plan("2026-04-01", "2026-04-01") == .failure(.closed(Self.d("2026-04-01"), why: "in the school holidays")))
        #expect(
            plan("2026-04-10", "2026-04-10")
                == .failure(
                    .closed(Self.d("2026-04-10"), why: "a school holiday (INSET day (school closed to students))")))
        if case .failure(let refusal) = plan("2026-04-01", "2026-04-01") {
            #expect(refusal.description == "Wed 1 Apr 2026 is in the school holidays: the school is closed that day.")
        }
        // A range across the Easter holidays covers only school days.
        let p = try? plan("2026-03-27", "2026-04-13").get()
        #expect(p?.sessions.count == 4)
    }

    @Test func theHalfTermIsRefused() {
        #expect(
            plan("2026-05-26", "2026-05-26") == .failure(.closed(Self.d("2026-05-26"), why: "in the half-term holiday"))
        )
    }

    @Test func atMostThirtySchoolDaysAhead() throws {
        // 19 Mar to 27 Mar is 7 school days; 13 Apr to 14 May is 23 more
        // (the early May bank holiday, Mon 4 May, is not one).
        #expect(try plan("2026-05-14", "2026-05-14").get().sessions.count == 2)
        #expect(plan("2026-05-15", "2026-05-15") == .failure(.tooFarAhead(Self.d("2026-05-15"), limit: 30)))
        #expect(plan("2026-03-18", "2026-05-15") == .failure(.tooFarAhead(Self.d("2026-05-15"), limit: 30)))
    }

    @Test func aPastDayIsALateReport() throws {
        let p = try plan("2026-03-16", "2026-03-18").get()
        #expect(p.late)
        #expect(p.sessions.count == 6)
        #expect(plan("2025-07-14", "2025-07-14") == .failure(.tooLongAgo(Self.d("2025-07-14"))))
    }

    @Test func theLastDayCannotComeBeforeTheFirst() {
        #expect(plan("2026-03-19", "2026-03-18") == .failure(.lastBeforeFirst))
    }

    @Test func aSchoolThatTakesNoMessagesIsRefusedWithItsPhone() {
        let result = plan("2026-03-18", "2026-03-18", incoming: false)
        #expect(result == .failure(.schoolTakesNoMessages(schoolName: "Green Abbey School", phone: "01632 960344")))
        if case .failure(let refusal) = result {
            #expect(refusal.description.contains("Please phone the school on 01632 960344"))
        }
    }

    @Test func aReasonIsNeededAndOtherNeedsANote() throws {
        let cal = Self.calendar()
        var draft = AbsenceDraft(
            child: HandBuiltModel.ben, from: Self.d("2026-03-18"), to: Self.d("2026-03-18"), reason: nil)
        #expect(AbsencePlan.check(draft, calendar: cal, today: Self.today) == .failure(.noReason))
        draft.reason = .other
        #expect(AbsencePlan.check(draft, calendar: cal, today: Self.today) == .failure(.noteRequired))
        draft.note = "   "
        #expect(AbsencePlan.check(draft, calendar: cal, today: Self.today) == .failure(.noteRequired))
        draft.note = String(repeating: "x", count: AbsenceReport.noteLimit + 1)
        #expect(
            AbsencePlan.check(draft, calendar: cal, today: Self.today)
                == .failure(.noteTooLong(limit: AbsenceReport.noteLimit)))
        draft.note = " Grandad's funeral "
        let report = try AbsencePlan.check(draft, calendar: cal, today: Self.today).get()
        #expect(report.note == "Grandad's funeral")
        #expect(report.reason == .other && report.student == "GA-BEN" && !report.late)
        draft.reason = .illness
        draft.note = ""
        #expect(try AbsencePlan.check(draft, calendar: cal, today: Self.today).get().note == nil)
    }

    @Test func aReportSurvivesItsOwnRecordFormat() throws {
        let cal = Self.calendar()
        let draft = AbsenceDraft(
            child: HandBuiltModel.ben, from: Self.d("2026-03-17"), to: Self.d("2026-03-19"), part: .am,
            reason: .medical, note: "Orthodontist")
        let report = try AbsencePlan.check(draft, calendar: cal, today: Self.today).get()
        #expect(report.late)
        let problems = ProblemList()
        let decoded = FieldReader(report.json, file: "x", record: nil, problems: problems).flatMap {
            AbsenceReport.decode($0)
        }
        #expect(problems.isEmpty)
        #expect(decoded == report)
    }
}
