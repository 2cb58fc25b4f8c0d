import Foundation
import Testing

@testable import SchoolStore

/// `store validate` on absence reports (the `absence` field of an inbox
/// record) and the school's acknowledgements: every problem names the
/// file, the record and the field.
@Suite struct AbsenceValidationTests {
    static let file = "schools/green-abbey/inbox/k1.json"
    static let absence =
        #"{"student": "S1", "from": "2026-03-16", "to": "2026-03-17", "part": "both", "sessions": ["2026-03-16 AM", "2026-03-16 PM", "2026-03-17 AM", "2026-03-17 PM"], "reason": "illness", "late": false}"#

    static func item(_ absence: String = AbsenceValidationTests.absence) -> String {
        #"{"key": "k1", "contacts": ["C123"], "students": ["S1"], "topic": "Absence report", "body": "Ill", "createdAt": "2026-03-16T08:00:00Z", "absence": "#
            + absence + "}"
    }

    func problems(_ overrides: [String: String?]) throws -> [String] {
        let store = try TinyStore(overriding: overrides)
        defer { store.remove() }
        return store.problems()
    }

    func problems(absence: String) throws -> [String] { try problems([Self.file: Self.item(absence)]) }

    func edited(_ from: String, _ to: String) -> String { Self.absence.replacingOccurrences(of: from, with: to) }

    @Test func aWellFormedReportAndItsAcknowledgementAreValid() throws {
        #expect(try problems(absence: Self.absence) == [])
        let ack = #"{"report": "k1", "acknowledgedAt": "2026-03-16T09:12:00Z"}"#
        #expect(try problems([Self.file: Self.item(), "schools/green-abbey/acknowledgements/k1.json": ack]) == [])
    }

    /// `late` is what `createdAt` makes it: "late": false on a report made
    /// at 09:30 for that morning told the office it came in time.
    @Test func aReportMadeAfterASessionBeganMustSayItIsLate() throws {
        let made = Self.item().replacingOccurrences(of: "2026-03-16T08:00:00Z", with: "2026-03-16T09:30:00Z")
        #expect(
            try problems([Self.file: made]) == [
                "\(Self.file): item k1: absence.late: false, but 2026-03-16 AM had begun when the report was made (2026-03-16T09:30:00Z): it is a late report"
            ])
        #expect(
            try problems([Self.file: made.replacingOccurrences(of: #""late": false"#, with: #""late": true"#)]) == [])
        let dayAfter = Self.item().replacingOccurrences(of: "2026-03-16T08:00:00Z", with: "2026-03-17T07:00:00Z")
        #expect(try problems([Self.file: dayAfter]).count == 1)
    }

    /// A report for a bank holiday in term (Mon 4 May 2026), which the app's
    /// form refuses, is a warning, as a holiday is (validate said nothing).
    @Test func aBankHolidayInTermIsAWarning() throws {
        let may =
            #"{"student": "S1", "from": "2026-05-04", "to": "2026-05-04", "part": "am", "sessions": ["2026-05-04 AM"], "reason": "illness"}"#
        let longTerm = TinyStore.edit(
            "schools/green-abbey/school.json", #""end": "2026-03-27"}"#, #""end": "2026-05-22"}"#)
        let store = try TinyStore(overriding: longTerm.merging([Self.file: Self.item(may)]) { a, _ in a })
        defer { store.remove() }
        let report = StoreValidator(root: store.root).validate()
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(
            report.warnings.map(\.description).contains {
                $0.contains("absence.sessions[0]: 2026-05-04 AM is a bank holiday (Early May bank holiday)")
            }, "\(report.warnings)")
    }

    /// A day the calendar has as a "Holiday" event (an INSET day, a
    /// polling-station closure), which the form skips: a warning, as a half
    /// term's day is (validate said nothing).
    @Test func aCalendarHolidayOnAReportedDayIsAWarning() throws {
        let closure =
            #"[{"id": "E-AUD-1", "title": "School closed: polling station", "start": "2026-03-17", "category": "Holiday", "publishedAt": "2026-03-01T09:00:00Z"}]"#
        let store = try TinyStore(
            overriding: [Self.file: Self.item(), "schools/green-abbey/calendar/2025-26.json": closure])
        defer { store.remove() }
        let report = StoreValidator(root: store.root).validate()
        #expect(report.problems.isEmpty, "\(report.problems)")
        let said = report.warnings.map(\.description)
        #expect(
            said.contains {
                $0.contains(
                    "item k1: absence.sessions[2]: 2026-03-17 is a school holiday in the calendar (School closed: polling station)"
                )
            }, "\(said)")
        #expect(!said.contains { $0.contains("2026-03-16 is a school holiday") })
    }

    /// A record a parent's device wrote, listed and then gone before it is
    /// read (a registration withdrawn at logout while validate or doctor
    /// runs): no problem of the store ("missing" was said, three times in
    /// forty doctor runs during a logout).
    @Test func aWriteBackRecordGoneSinceTheListingIsNoProblem() throws {
        let store = try TinyStore(overriding: [:])
        defer { store.remove() }
        let validation = SchoolValidation(
            store: try FileStore(root: store.root), id: "green-abbey", usesFastPath: false)
        let gone = validation.checkWriteBack(
            kind: 2, file: "schools/green-abbey/registrations/s-gone.json", name: "s-gone.json", school: nil)
        #expect(gone.problems.isEmpty, "\(gone.problems)")
    }

    /// Schools have no sessions at weekends: a report of one (hand-written;
    /// the app's form refuses them) is a problem. A holiday is a warning
    /// (the test below).
    @Test func weekendsAndHolidaysAreNotSchoolDays() throws {
        let p = "\(Self.file): item k1: "
        let weekend =
            #"{"student": "S1", "from": "2026-03-21", "to": "2026-03-21", "part": "both", "sessions": ["2026-03-21 AM", "2026-03-21 PM"], "reason": "illness"}"#
        #expect(
            try problems(absence: weekend) == [
                p + "absence.sessions[0]: 2026-03-21 AM is a Saturday: schools have no sessions at weekends",
                p + "absence.sessions[1]: 2026-03-21 PM is a Saturday: schools have no sessions at weekends",
            ])
        // The tiny store's one term ends on Fri 27 Mar: Mon 30 Mar, before any
        // later term the school lists, is not checked (nothing is known of it),
        // but a day inside the terms that is no school day is.
        let easter =
            #"{"student": "S1", "from": "2026-03-30", "to": "2026-03-30", "part": "am", "sessions": ["2026-03-30 AM"], "reason": "illness"}"#
        #expect(try problems(absence: easter) == [])
    }

    /// A report made against the calendar of the day stays valid when the
    /// school moves a half term onto its days afterwards (an audit found the
    /// error made the store invalid, which stopped `school absences`,
    /// `acknowledge` and `send` for everyone): a warning names it.
    @Test func aHolidayMovedOntoReportedDaysIsAWarningNotAProblem() throws {
        let moved = TinyStore.edit(
            "schools/green-abbey/school.json", #""end": "2026-03-27"}"#,
            #""end": "2026-03-27", "halfTermStart": "2026-03-17", "halfTermEnd": "2026-03-18"}"#)
        let store = try TinyStore(overriding: moved.merging([Self.file: Self.item()]) { a, _ in a })
        defer { store.remove() }
        let report = StoreValidator(root: store.root).validate()
        #expect(report.problems.isEmpty)
        #expect(
            report.warnings.map(\.description).filter { $0.contains("absence.sessions") }
                == [2, 3].map {
                    "\(Self.file): item k1: absence.sessions[\($0)]: 2026-03-17 \($0 == 2 ? "AM" : "PM") is in a holiday at Green Abbey School now (not a school day in its terms): the calendar changed after the report, or the record was written by hand"
                })
    }

    @Test func malformedReportsNameFileRecordAndField() throws {
        let p = "\(Self.file): item k1: "
        #expect(
            try problems(absence: edited(#""reason": "illness""#, #""reason": "flu""#))
                == [
                    p
                        + #"absence.reason: unknown reason (expected illness, medical, religious, familyEmergency, other) "flu""#
                ])
        #expect(
            try problems(absence: edited(#""reason": "illness""#, #""reason": "other""#))
                == [p + "absence.note: required when the reason is other"])
        #expect(
            try problems(absence: edited("\"2026-03-17 PM\"", "\"2026-03-18 PM\""))
                == [p + "absence.sessions[3]: 2026-03-18 PM is outside 2026-03-16...2026-03-17"])
        #expect(
            try problems(absence: edited("\"2026-03-16 PM\", ", ""))
                == [p + "absence.sessions: 2026-03-16 PM is missing: part both covers it"])
        #expect(
            try problems(absence: edited("\"2026-03-17 AM\"", "\"2026-03-16 AM\""))
                == [
                    p
                        + "absence.sessions[2]: 2026-03-16 AM is out of order or repeated (sessions are listed once, oldest first)"
                ])
        #expect(
            try problems(absence: edited("\"2026-03-16 AM\"", "\"2026-03-16 morning\""))
                == [
                    p
                        + #"absence.sessions[0]: malformed session "2026-03-16 morning" (expected YYYY-MM-DD AM or YYYY-MM-DD PM)"#
                ])
        #expect(
            try problems(absence: edited(#""part": "both""#, #""part": "am""#))
                == [
                    p + "absence.sessions[1]: 2026-03-16 PM is not a session of part am",
                    p + "absence.sessions[3]: 2026-03-17 PM is not a session of part am",
                ])
        // Several days may start on the first afternoon and end on the last morning.
        #expect(
            try problems(
                absence: edited(#""part": "both""#, #""part": "to-am""#).replacingOccurrences(
                    of: #", "2026-03-17 PM""#, with: "")) == [])
        #expect(
            try problems(absence: edited(#""part": "both""#, #""part": "from-pm-to-am""#))
                == [
                    p + "absence.sessions[0]: 2026-03-16 AM is not a session of part from-pm-to-am",
                    p + "absence.sessions[3]: 2026-03-17 PM is not a session of part from-pm-to-am",
                ])
        #expect(
            try problems(absence: edited(#""student": "S1""#, #""student": "S9""#))
                == [p + #"absence.student: "S9" is not one of the record's students"#])
        #expect(
            try problems(absence: edited(#""late": false"#, #""late": "no""#))
                == [p + "absence.late: expected true or false, found a string"])
        #expect(
            try problems(absence: edited(#""to": "2026-03-17""#, #""to": "2026-03-15""#)).contains(
                p + "absence.to: the last day (2026-03-15) is before the first (2026-03-16)"))
        #expect(
            try problems(absence: edited(#""late": false"#, #""late": false, "mood": "sad""#)) == [
                p + "absence.mood: unknown field"
            ])
        #expect(try problems(absence: #""ill""#) == [p + "absence: expected an object, found a string"])
        #expect(
            try problems(
                absence: edited(
                    #""sessions": ["2026-03-16 AM", "2026-03-16 PM", "2026-03-17 AM", "2026-03-17 PM"]"#,
                    #""sessions": []"#))
                == [p + "absence.sessions: must list at least one session"])
    }

    /// A one-day report is both, am or pm (validate took "from-pm").
    @Test func aOneDayReportsPartIsOfOneDay() throws {
        let oneDay =
            #"{"student": "S1", "from": "2026-03-16", "to": "2026-03-16", "part": "from-pm", "sessions": ["2026-03-16 PM"], "reason": "illness", "late": false}"#
        #expect(
            try problems(absence: oneDay) == [
                "\(Self.file): item k1: absence.part: a one-day report is both, am or pm, not from-pm"
            ])
        #expect(try problems(absence: oneDay.replacingOccurrences(of: "from-pm", with: "pm")) == [])
    }

    /// The sessions cover the first and the last day as the part says: a
    /// report of "both" listing the morning only, or of three days listing
    /// the first only, was valid (and listed as fewer sessions than made).
    @Test func theSessionsCoverTheFirstAndLastDaysOfThePart() throws {
        let p = "\(Self.file): item k1: absence.sessions: "
        #expect(
            try problems(absence: edited(#", "2026-03-16 PM""#, "")) == [
                p + "2026-03-16 PM is missing: part both covers it"
            ])
        #expect(
            try problems(absence: edited(#", "2026-03-17 AM", "2026-03-17 PM""#, "")) == [
                p + "2026-03-17 AM is missing: part both covers it",
                p + "2026-03-17 PM is missing: part both covers it",
            ])
    }

    @Test func acknowledgementsAreChecked() throws {
        let dir = "schools/green-abbey/acknowledgements"
        let ack = #"{"report": "k1", "acknowledgedAt": "2026-03-16T09:12:00Z"}"#
        // An acknowledgement of a message, not an absence report (`school
        // acknowledge` refuses one; validate took it).
        let message = Self.item().replacingOccurrences(of: #", "absence": "# + Self.absence, with: "")
        #expect(
            try problems([Self.file: message, "\(dir)/k1.json": ack]) == [
                "\(dir)/k1.json: acknowledgement k1: report: k1 in schools/green-abbey/inbox/ is a message, not an absence report: only absence reports are acknowledged"
            ])
        #expect(
            try problems(["\(dir)/k1.json": ack]) == [
                "\(dir)/k1.json: acknowledgement k1: report: no absence report k1 in schools/green-abbey/inbox/"
            ])
        #expect(
            try problems([Self.file: Self.item(), "\(dir)/k2.json": ack])
                == ["\(dir)/k2.json: acknowledgement k1: report: does not match the file name k2.json"])
        #expect(
            try problems([
                Self.file: Self.item(),
                "\(dir)/k1.json": ack.replacingOccurrences(of: "2026-03-16T09:12:00Z", with: "at nine"),
            ])
                == [
                    #"\#(dir)/k1.json: acknowledgement k1: acknowledgedAt: impossible or malformed time "at nine" (expected ISO 8601 such as 2025-09-03T08:52:00+01:00)"#
                ])
        #expect(
            try problems([
                Self.file: Self.item(),
                "\(dir)/k1.json": #"{"report": "k1", "acknowledgedAt": "2026-03-16T09:12:00Z", "by": "Mrs Okafor"}"#,
            ])
                == ["\(dir)/k1.json: acknowledgement k1: by: unknown field"])
        // The school cannot have read a report before it was made (made at 08:00).
        #expect(
            try problems([
                Self.file: Self.item(),
                "\(dir)/k1.json": ack.replacingOccurrences(of: "2026-03-16T09:12:00Z", with: "2026-03-16T07:59:00Z"),
            ])
                == [
                    "\(dir)/k1.json: acknowledgement k1: acknowledgedAt: 2026-03-16T07:59:00Z is before the report was made (2026-03-16T08:00:00Z)"
                ])
    }

    @Test func theSchoolSideWritesAnAcknowledgementOnce() throws {
        let store = try TinyStore(overriding: [Self.file: Self.item()])
        defer { store.remove() }
        let writer = StoreWriter(root: store.root, files: PosixFileLayer())
        let zone = SchoolTimeZone(identifier: "Europe/London")!
        let at = Timestamp.parse("2026-03-16T09:12:00Z")!
        #expect(
            try writer.acknowledge(
                AbsenceAcknowledgement(report: "k1", acknowledgedAt: at), school: "green-abbey", zone: zone))
        #expect(
            try !writer.acknowledge(
                AbsenceAcknowledgement(report: "k1", acknowledgedAt: at.addingTimeInterval(60)), school: "green-abbey",
                zone: zone))
        #expect(try writer.acknowledgement(of: "k1", school: "green-abbey")?.acknowledgedAt == at)
        #expect(try writer.acknowledgement(of: "k2", school: "green-abbey") == nil)
        #expect(try writer.absenceReports(school: "green-abbey").map(\.key) == ["k1"])
        #expect(store.problems() == [])
    }
}
