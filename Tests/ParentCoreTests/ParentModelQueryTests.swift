import Foundation
import Testing

@testable import ParentCore
@testable import SchoolStore

@Suite struct ParentModelQueryTests {
    typealias H = HandBuiltModel

    // MARK: - Attendance, as the DfE counts it

    /// Ben's register, counted by hand:
    ///
    /// | when | marks | present | AEA | auth | unauth | not counted |
    /// |---|---|---|---|---|---|---|
    /// | Mon 16 Mar | / \ | 2 | | | | |
    /// | Tue 17 Mar | L I | 1 | | 1 | | |
    /// | Wed 18 Mar | V Y2 | | 1 | | | 1 |
    /// | this week | | 3 | 1 | 1 | 0 | 1 | → 4 / 5 = 80.0%
    /// | Mon 9 Mar | N O | | | | 2 | |
    /// | Tue 10 Mar | # X | | | | | 2 |
    /// | Thu 8 Jan | G M | | | 1 | 1 | |
    /// | Fri 9 Jan | D Z | | | | | 2 |
    /// | Spring 2026 | | 3 | 1 | 2 | 3 | 5 | → 4 / 9 = 44.4%
    /// | Thu 4 Sep | / \ | 2 | | | | |
    /// | Wed 1 Oct | P U | | 1 | | 1 | |
    /// | Mon 1 Dec | Q C | | | 1 | | 1 |
    /// | 2025-26 | | 5 | 2 | 3 | 4 | 6 | → 7 / 14 = 50.0%
    static let benMarks: [AttendanceMark] = [
        H.mark("2025-09-04", .am, "/"), H.mark("2025-09-04", .pm, "\\"),
        H.mark("2025-10-01", .am, "P"), H.mark("2025-10-01", .pm, "U"),
        H.mark("2025-12-01", .am, "Q"), H.mark("2025-12-01", .pm, "C"),
        H.mark("2026-01-08", .am, "G"), H.mark("2026-01-08", .pm, "M"),
        H.mark("2026-01-09", .am, "D"), H.mark("2026-01-09", .pm, "Z"),
        H.mark("2026-03-09", .am, "N"), H.mark("2026-03-09", .pm, "O"),
        H.mark("2026-03-10", .am, "#"), H.mark("2026-03-10", .pm, "X"),
        H.mark("2026-03-16", .am, "/"), H.mark("2026-03-16", .pm, "\\"),
        H.mark("2026-03-17", .am, "L"), H.mark("2026-03-17", .pm, "I"),
        H.mark("2026-03-18", .am, "V"), H.mark("2026-03-18", .pm, "Y2"),
    ]

    /// Present, approved educational activity, authorised, unauthorised, not counted.
    static func counts(_ s: AttendanceStatistics) -> [Int] {
        [s.present, s.approvedEducationalActivity, s.authorisedAbsence, s.unauthorisedAbsence, s.notCounted]
    }

    @Test func attendanceIsCountedAsTheDfECountsIt() throws {
        var h = H()
        h.setMarks(H.ben, Self.benMarks)
        let synced = Timestamp.parse("2026-03-18T16:00:00Z")!
        let report = try #require(
            h.model(synced: synced).attendance(for: H.ben, now: Timestamp.parse("2026-03-18T16:05:00Z")!))

        #expect(report.week.label == "This week")
        #expect((report.week.from, report.week.through) == (H.date("2026-03-16"), H.date("2026-03-22")))
        #expect(Self.counts(report.week) == [3, 1, 1, 0, 1])
        #expect(report.week.possibleSessions == 5 && report.week.attended == 4)
        #expect(report.week.percentageText == "80.0%")

        let term = try #require(report.term)
        #expect(term.label == "Spring 2026")
        #expect(Self.counts(term) == [3, 1, 2, 3, 5])
        #expect(term.possibleSessions == 9)
        #expect(term.percentageText == "44.4%")

        #expect(report.year.label == "2025-26")
        #expect(Self.counts(report.year) == [5, 2, 3, 4, 6])
        #expect(report.year.possibleSessions == 14 && report.year.attended == 7)
        #expect(report.year.rate == 0.5)
        #expect(report.year.percentageText == "50.0%")

        // Every mark, newest first, with what its code means.
        #expect(report.marks.count == 20)
        #expect(report.marks.first?.code == "Y2")
        #expect(report.marks.first?.meaning == "Unable to attend: widespread disruption to travel")
        #expect(report.marks.first?.category == .notPossible)
        #expect(report.marks.last?.code == "/")
        #expect(report.marks.first { $0.code == "#" }?.category == .administrative)
        // "As of": complete up to the last sync minus the 92-minute publication delay.
        #expect(report.completeUpTo == synced.addingTimeInterval(-92 * 60))
    }

    @Test func holidaysCountTheTermJustEndedAndAnEmptyWeekHasNoPercentage() throws {
        var h = H()
        h.setMarks(H.ben, Self.benMarks)
        // Wednesday 1 April 2026: Easter holiday, after Spring 2026 (ends 27 March).
        let report = try #require(h.model().attendance(for: H.ben, now: Timestamp.parse("2026-04-01T10:00:00Z")!))
        #expect(report.term?.label == "Spring 2026")
        #expect(report.term?.possibleSessions == 9)
        #expect(report.week.possibleSessions == 0)
        #expect(report.week.rate == nil)
        #expect(report.week.percentageText == "–")
        #expect(report.completeUpTo == nil)  // never synced
        // Before the first term of the year there is no term, and marks
        // after today (none would be published yet) are not counted.
        let early = try #require(h.model().attendance(for: H.ben, now: Timestamp.parse("2025-09-01T10:00:00Z")!))
        #expect(early.term == nil)
        #expect(early.year.possibleSessions == 0)
    }

    @Test func attendanceIsOnlyForEnhancedSchoolsThatShowIt() {
        var h = H()
        var part = h.state.schools["green-abbey"]!
        part.school.enhancedData = [.calendar]
        h.state.put(.school(part))
        #expect(h.model().attendance(for: H.ben, now: Date(timeIntervalSince1970: 1_773_800_000)) == nil)
        part.school.enhancedData = EnhancedFeature.allCases
        part.school.serviceLevel = .core
        h.state.put(.school(part))
        #expect(h.model().attendance(for: H.ben, now: Date(timeIntervalSince1970: 1_773_800_000)) == nil)
        #expect(h.model().children.allSatisfy { $0.features.isEmpty })
    }

    // MARK: - Timeline

    static func timelineModel() -> HandBuiltModel {
        var h = H()
        h.addMessages([
            (
                H.message("M1", "Zoë's museum trip", "The coach leaves at 8:30am.", .trip, at: "2026-03-02T10:15:00Z"),
                .year(9), ["GA-BEN"]
            ),
            (
                H.message("M2", "Homework: ÉCOLE project", "Bring your notes.", .homework, at: "2026-03-05T16:00:00Z"),
                .group("7B"), ["GA-AMY"]
            ),
            (
                H.message(
                    "M3", "Weekly newsletter", "Café au lait mornings return on Friday.", .newsletter,
                    at: "2026-02-27T15:30:00Z"),
                .school, ["GA-BEN", "GA-AMY"]
            ),
            (
                H.message(
                    "M4", "A note about Amy", "Amy helped Zoe\u{308} settle in this week.", .general,
                    at: "2026-03-10T11:00:00Z",
                    translatedTo: "Polski"), .student("GA-AMY"), ["GA-AMY"]
            ),
        ])
        return h
    }

    @Test func searchIsCaseAndAccentInsensitiveAndNewestFirst() {
        let m = Self.timelineModel().model()
        func ids(_ q: TimelineQuery) -> [String] { m.timeline(q).map(\.ref.id) }
        #expect(ids(TimelineQuery()) == ["M4", "M2", "M1", "M3"])
        #expect(ids(TimelineQuery(search: "zoe")) == ["M4", "M1"])  // "Zoë" and a decomposed "Zoë"
        #expect(ids(TimelineQuery(search: "ZOË")) == ["M4", "M1"])
        #expect(ids(TimelineQuery(search: "cafe")) == ["M3"])
        #expect(ids(TimelineQuery(search: "CAFÉ")) == ["M3"])
        #expect(ids(TimelineQuery(search: "ecole")) == ["M2"])
        #expect(ids(TimelineQuery(search: "zoe museum")) == ["M1"])  // every word must appear
        #expect(ids(TimelineQuery(search: "  museum   zoe ")) == ["M1"])
        #expect(ids(TimelineQuery(search: "z")) == ["M4", "M1"])
        #expect(ids(TimelineQuery(search: "qxz")).isEmpty)
        // A question as a parent types it: the punctuation around words is not searched for.
        #expect(ids(TimelineQuery(search: "museum?")) == ["M1"])
        #expect(ids(TimelineQuery(search: "(Zoë's) museum!")) == ["M1"])
        #expect(ids(TimelineQuery(search: "8:30am?")) == ["M1"])
        #expect(ids(TimelineQuery(search: "?")) == ["M4", "M2", "M1", "M3"])
        // As typed, keystroke by keystroke.
        let typed = "newsl".indices.map { ids(TimelineQuery(search: String("newsl"[...$0]))) }
        #expect(typed.last == ["M3"])
        #expect(typed.first == ["M4", "M2", "M3"])  // "n": not in "Zoë's museum trip / The coach leaves at 8:30am."
        #expect(typed[1] == ["M3"])
    }

    @Test func searchTextIsFoldedOnceOnFirstUseOrWhenPrepared() {
        let m = Self.timelineModel().model()
        // Building a snapshot folds nothing: the first screen does not need it.
        #expect(!m.isSearchPrepared)
        #expect(m.timeline().count == 4)
        #expect(!m.isSearchPrepared)
        // The first search folds (once), as does preparing it ahead.
        #expect(m.timeline(TimelineQuery(search: "museum")).map(\.ref.id) == ["M1"])
        #expect(m.isSearchPrepared)
        let other = Self.timelineModel().model()
        other.prepareSearch()
        #expect(other.isSearchPrepared)
        // Preparing from many threads at once folds one text that all of them search.
        let racing = Self.timelineModel().model()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in racing.prepareSearch() }
        #expect(racing.timeline(TimelineQuery(search: "zoe")).map(\.ref.id) == ["M4", "M1"])
    }

    @Test func categoryAndChildFiltersAndUnreadCounts() throws {
        let h = Self.timelineModel()
        let m = h.model()
        #expect(m.timeline(TimelineQuery(category: .homework)).map(\.ref.id) == ["M2"])
        #expect(m.timeline(TimelineQuery(child: H.ben)).map(\.ref.id) == ["M1", "M3"])
        #expect(m.timeline(TimelineQuery(child: H.amy)).map(\.ref.id) == ["M4", "M2", "M3"])
        #expect(m.timeline(TimelineQuery(child: H.amy, search: "zoe")).map(\.ref.id) == ["M4"])
        #expect(m.timeline(TimelineQuery(child: H.amy, category: .trip)).isEmpty)
        #expect(m.timeline(TimelineQuery(child: ChildRef(school: "green-abbey", student: "NOBODY"))).isEmpty)
        #expect(m.categories == [.general, .homework, .trip, .newsletter])
        #expect(m.unreadCount() == 4)
        #expect(m.unreadCount(child: H.ben) == 2)
        #expect(m.unreadCount(child: H.amy) == 3)
        #expect(m.children.map(\.unreadCount) == [2, 3])

        // Reading the newsletter (both children's) counts for both.
        var read = h
        read.state.read = ReadPart(read: ["green-abbey/M3"])
        let r = read.model()
        #expect(r.unreadCount() == 3)
        #expect(r.children.map(\.unreadCount) == [1, 2])
        #expect(r.timeline(TimelineQuery(unreadOnly: true)).map(\.ref.id) == ["M4", "M2", "M1"])
        #expect(r.timeline().first { $0.ref.id == "M3" }?.isUnread == false)
        // A queued read receipt counts as read too (the model may not have saved it yet).
        let receipt = OutboxItem(
            key: "r1", kind: .receipt, school: "green-abbey", contacts: ["GA-C-LIZ"], students: ["GA-AMY"],
            message: "M2", createdAt: Date(timeIntervalSince1970: 0))
        #expect(h.model(outbox: [receipt]).unreadCount(child: H.amy) == 2)
    }

    @Test func aMessageInFull() throws {
        let m = Self.timelineModel().model()
        let detail = try #require(m.message(MessageRef(school: "green-abbey", id: "M4")))
        #expect(detail.schoolName == "Green Abbey School")
        #expect(detail.childNames == ["Amy Abbot (7B)"])
        #expect(detail.audience == nil)
        #expect(detail.translatedTo == "Polski")
        #expect(detail.translationWarningLink == "https://greenabbey.example.sch.uk/translation-notice")
        #expect(detail.canReply)
        #expect(detail.topics == ["Absence", "General enquiry", "Homework", "Trips and payments", "Uniform"])
        #expect(detail.isUnread)
        let trip = try #require(m.message(MessageRef(school: "green-abbey", id: "M1")))
        #expect(trip.audience == "Year 9")
        #expect(trip.translationWarningLink == nil)
        #expect(m.message(MessageRef(school: "green-abbey", id: "M9")) == nil)
    }

    @Test func childrenShowTheirGroupSchoolAndPhoto() {
        var h = H()
        var part = h.state.children[H.amy]!
        part.student.leaver = true
        part.student.leftOn = H.date("2026-02-13")
        h.state.put(.child(part))
        let m = h.model(synced: Timestamp.parse("2026-03-18T10:00:00Z")!)
        #expect(m.children.map(\.name) == ["Ben Abbot (9A)", "Amy Abbot (7B)"])
        #expect(m.children.map(\.photo) == ["photos/GA-BEN.ppm", nil])
        #expect(m.children.map(\.initials) == ["BA", "AA"])
        #expect(m.children.map(\.isLeaver) == [false, true])
        #expect(m.children.map(\.serviceLevel) == [.enhanced, .enhanced])
        #expect(m.children[0].schoolName == "Green Abbey School")
        var hidden = h
        var school = hidden.state.schools["green-abbey"]!
        school.school.showRegistrationGroup = false
        hidden.state.put(.school(school))
        #expect(hidden.model().children.map(\.name) == ["Ben Abbot", "Amy Abbot"])
        #expect(
            m.updatedText(school: "green-abbey", now: Timestamp.parse("2026-03-18T10:05:30Z")!)
                == "updated 5 minutes ago")
        #expect(h.model().updatedText(school: "green-abbey", now: Date()) == "not updated yet")
        #expect(
            ParentModel.ago(Timestamp.parse("2026-03-18T10:00:00Z")!, now: Timestamp.parse("2026-03-18T10:00:59Z")!)
                == "just now")
        #expect(
            ParentModel.ago(Timestamp.parse("2026-03-18T10:00:00Z")!, now: Timestamp.parse("2026-03-18T11:00:00Z")!)
                == "1 hour ago")
    }

    // MARK: - Calendar and school life

    @Test func upcomingEventsRespectYearGroups() {
        var h = H()
        var part = h.state.schools["green-abbey"]!
        let published = Timestamp.parse("2025-08-01T09:00:00Z")!
        part.calendar[H.year] = [
            CalendarEvent(
                id: "E1", title: "Year 9 parents' evening", start: H.date("2026-03-25"), time: "16:00-19:00",
                category: "Parents' evening",
                years: [9], publishedAt: published),
            CalendarEvent(
                id: "E2", title: "Year 7 trip", start: H.date("2026-03-20"), category: "Trip", years: [7],
                publishedAt: published),
            CalendarEvent(
                id: "E3", title: "Sports day", start: H.date("2026-07-07"), category: "Event", publishedAt: published),
            CalendarEvent(
                id: "E4", title: "Half term", start: H.date("2026-02-16"), end: H.date("2026-02-20"),
                category: "Holiday", publishedAt: published),
            CalendarEvent(
                id: "E5", title: "Year 11 exams", start: H.date("2026-05-11"), category: "Exams", years: [11],
                publishedAt: published),
            CalendarEvent(
                id: "E6", title: "Easter holiday", start: H.date("2026-03-30"), end: H.date("2026-04-10"),
                category: "Holiday",
                publishedAt: published),
        ]
        h.state.put(.school(part))
        let now = Timestamp.parse("2026-03-18T10:00:00Z")!
        let all = h.model().upcomingEvents(now: now)
        #expect(all.map(\.event.id) == ["E2", "E1", "E6", "E3"])
        #expect(all.first { $0.event.id == "E3" }?.children == [H.ben, H.amy])
        #expect(all.first { $0.event.id == "E1" }?.children == [H.ben])
        #expect(h.model().upcomingEvents(child: H.ben, now: now).map(\.event.id) == ["E1", "E6", "E3"])
        #expect(h.model().upcomingEvents(now: now, limit: 2).count == 2)
        // An event under way is still upcoming until its last day.
        #expect(
            h.model().upcomingEvents(now: Timestamp.parse("2026-04-02T10:00:00Z")!).map(\.event.id) == ["E6", "E3"])
    }

    @Test func latestBehaviourAchievementsTimetableAndAssessments() {
        var h = H()
        var part = h.state.children[H.ben]!
        func event(_ id: String, _ day: String, _ points: Int) -> ConductEvent {
            let at = HandBuiltModel.zone.instant(on: H.date(day), minutesAfterMidnight: 600)
            return ConductEvent(
                id: id, date: H.date(day), recordedAt: at, publishedAt: at.addingTimeInterval(3600), type: "Merit",
                points: points, description: "Merit in Maths.", staff: "Mr Hughes")
        }
        part.achievements[H.year] = [
            event("A1", "2026-01-10", 1), event("A2", "2026-03-01", 2), event("A3", "2025-10-01", 5),
        ]
        part.behaviour[H.year] = [event("B1", "2026-02-02", -1)]
        part.timetable[H.year] = StudentTimetable(
            student: "GA-BEN",
            lessons: [
                Lesson(
                    day: 2, period: "1", start: "08:50", end: "09:50", subject: "Maths", teacher: "Mr Hughes",
                    room: "M1"),
                Lesson(
                    day: 1, period: "2", start: "09:50", end: "10:50", subject: "English", teacher: "Ms Reid",
                    room: "E2"),
                Lesson(
                    day: 1, period: "1", start: "08:50", end: "09:50", subject: "Science", teacher: "Dr Shah",
                    room: "S3"),
            ])
        part.assessments[H.year] = [
            AssessmentResult(
                id: "R1", subject: "Maths", assessment: "Autumn assessment", grade: "6", target: "7",
                date: H.date("2025-11-28"),
                publishedAt: Timestamp.parse("2025-11-29T16:00:00Z")!),
            AssessmentResult(
                id: "R2", subject: "Maths", assessment: "Spring assessment", grade: "7", target: "7",
                date: H.date("2026-03-13"),
                publishedAt: Timestamp.parse("2026-03-14T16:00:00Z")!),
        ]
        h.state.put(.child(part))
        let m = h.model()
        let now = Timestamp.parse("2026-03-18T10:00:00Z")!
        #expect(m.achievements(for: H.ben).map(\.id) == ["A2", "A1", "A3"])
        #expect(m.achievements(for: H.ben, limit: 1).map(\.id) == ["A2"])
        #expect(m.points(.achievements, for: H.ben, now: now) == 8)
        #expect(m.behaviour(for: H.ben).map(\.id) == ["B1"])
        #expect(m.behaviour(for: H.amy).isEmpty)
        #expect(m.timetable(for: H.ben, now: now).map(\.subject) == ["Science", "English", "Maths"])
        #expect(m.assessments(for: H.ben).map(\.id) == ["R2", "R1"])
    }
}
