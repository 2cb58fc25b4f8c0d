import Foundation
import Testing

@testable import SchoolStore

/// `store validate` warnings: legal data that blocks or hurts parents. They
/// never make a store invalid.
@Suite struct ValidateWarningTests {
    func report(_ overrides: [String: String?]) throws -> StoreValidator.Report {
        let store = try TinyStore(overriding: overrides)
        defer { store.remove() }
        return StoreValidator(root: store.root).validate()
    }

    static let contacts = "schools/green-abbey/contacts.json"
    static let attendance = "schools/green-abbey/attendance/2025-26.json"

    func withPhones(_ phones: String) -> [String: String?] {
        TinyStore.edit(
            Self.contacts,
            #"[{"number": "01632 960001", "type": "home"}, {"number": "07700 100001", "type": "mobile"}]"#, phones)
    }

    @Test func theFixtureHasNoWarnings() throws {
        #expect(try report([:]).warnings.isEmpty)
    }

    @Test func aStoreWithoutASecretIsWarnedThatLoginLimitsAreOnlyPerDevice() throws {
        let r = try report(["store.json": #"{"format": "xpressions-store", "version": 1, "name": "Tiny"}"#])
        #expect(r.isValid)
        #expect(
            r.warnings.map(\.description) == [
                "store.json: secret: missing: login attempts are then limited on each device only (deleting its data directory resets the count); `store generate` writes one, or add 64 random hex digits"
            ])
    }

    @Test func numbersThatCannotBeReadAreWarnings() throws {
        let r = try report(
            withPhones(
                #"[{"number": "07400 500001 (mum)", "type": "mobile"}, {"number": "07400/500004", "type": "home"}]"#))
        #expect(r.isValid)
        #expect(
            r.warnings.map(\.description) == [
                #"\#(Self.contacts): contact C123: phones[0].number: "07400 500001 (mum)" can't be read as a phone number, so it never matches the number a parent types"#,
                #"\#(Self.contacts): contact C123: phones[1].number: "07400/500004" can't be read as a phone number, so it never matches the number a parent types"#,
            ])
    }

    // The last three are global service numbers (+800, +979, +808): no
    // country's, not a mobile by the login's rule, and they went unwarned.
    @Test(arguments: [
        "01632 960002", "070 1234 5678", "07640 123456", "07700 900123", "+800 1234 5678", "+979 1 2345 6789",
        "+808 1234 5678",
    ])
    func mobileTypedNumbersOutsideTheMobileRangesAreWarnings(_ number: String) throws {
        let r = try report(withPhones("[{\"number\": \"\(number)\", \"type\": \"mobile\"}]"))
        #expect(r.isValid)
        #expect(r.warnings.count == 1)
        #expect(
            r.warnings.first?.description.hasPrefix(
                "\(Self.contacts): contact C123: phones[0].number: typed Mobile, but \"\(number)\" is not a mobile, so a parent cannot log in with it."
            ) == true)
    }

    @Test(arguments: [
        "07700 100001", "07797 712345", "07781 123456", "07624 123456", "+33 6 12 34 56 78", "+33 1 42 68 53 00",
    ])
    func mobilesOfTheUKAndCrownDependenciesAndOtherCountriesAreNot(_ number: String) throws {
        #expect(try report(withPhones("[{\"number\": \"\(number)\", \"type\": \"mobile\"}]")).warnings.isEmpty)
    }

    @Test func marksAfterALeaverLeftAreWarnings() throws {
        var overrides = TinyStore.edit(
            "schools/green-abbey/students.json",
            #""surname": "Abbot", "enrolments": [{"academicYear": "2025-26", "year": 9"#,
            #""surname": "Abbot", "leaver": true, "leftOn": "2026-03-13", "enrolments": [{"academicYear": "2025-26", "year": 9"#
        )
        let r = try report(overrides)
        #expect(r.isValid)
        #expect(
            r.warnings.map(\.description) == [
                "\(Self.attendance): student S1: marks[0]: 2 marks after the student left on 2026-03-13 (the first on 2026-03-16); attendance stops at the leaving date"
            ])
        overrides[Self.attendance] = #"[{"student": "S1", "marks": ["2026-03-13 AM / 08:52 09:41"]}]"#
        #expect(try report(overrides).warnings.isEmpty)
    }

    @Test func marksOnHalfTermAndHolidayDaysAreWarnings() throws {
        var overrides = TinyStore.edit(
            "schools/green-abbey/school.json", #""end": "2026-03-27"}"#,
            #""end": "2026-03-27", "halfTermStart": "2026-02-16", "halfTermEnd": "2026-02-20"}"#)
        overrides[Self.attendance] =
            #"[{"student": "S1", "marks": ["2026-02-17 AM / 08:52 09:41", "2026-02-18 AM / 08:52 09:41", "2026-03-16 AM / 08:52 09:41"]}, {"student": "S2", "marks": ["2026-04-01 AM / 08:52 09:41"]}]"#
        let r = try report(overrides)
        #expect(r.isValid)
        #expect(
            r.warnings.map(\.description) == [
                "\(Self.attendance): student S1: marks[0]: 2 marks on half-term or holiday days (the first on 2026-02-17, half term of Spring 2026)",
                "\(Self.attendance): student S2: marks[0]: 1 mark on half-term or holiday days (the first on 2026-04-01, a holiday outside the school's terms)",
            ])
    }

    /// Weekend marks count in the parent's figures, but their grid shows
    /// Monday to Friday: said (figures went up with nothing to see, and
    /// validate was silent).
    @Test func marksOnAWeekendAreWarnings() throws {
        let overrides: [String: String?] = [
            Self.attendance:
                #"[{"student": "S1", "marks": ["2026-03-13 AM / 08:52 09:41", "2026-03-14 AM O 09:00 09:30", "2026-03-15 PM G 13:30 13:40"]}]"#
        ]
        let r = try report(overrides)
        #expect(r.isValid)
        #expect(
            r.warnings.map(\.description) == [
                "\(Self.attendance): student S1: marks[1]: 2 marks on a weekend (the first on Sat 14 Mar 2026): counted in the parent's figures, but their grid shows Monday to Friday"
            ])
    }

    @Test func manyStudentsWithTheSameFindingAreSummarised() throws {
        let records = (1...30).map { #"{"student": "S\#($0)", "marks": ["2026-04-01 AM / 08:52 09:41"]}"# }
        let students = (1...30).map {
            #"{"id": "S\#($0)", "forename": "A", "surname": "B", "enrolments": [{"academicYear": "2025-26", "year": 9, "group": "9A"}]}"#
        }
        let r = try report([
            Self.attendance: "[\(records.joined(separator: ","))]",
            "schools/green-abbey/students.json": "[\(students.joined(separator: ","))]",
        ])
        #expect(r.warnings.count == AttendanceCheck.perFile + 1)
        #expect(
            r.warnings.last?.description
                == "\(Self.attendance): 10 more students have marks on half-term or holiday days")
    }
}
