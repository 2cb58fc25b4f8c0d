import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// One rule for the mobile check, in login and doctor: a +44 number (UK,
/// Jersey, Guernsey, Isle of Man) typed Mobile must be in a mobile range;
/// another country's number typed Mobile is accepted, and doctor says its
/// range could not be checked.
@Suite struct MobileRuleTests {
    static let numbers: [(id: String, email: String, number: String)] = [
        ("GA-C-FR-MOBILE", "fr.mobile@example.com", "+33 6 12 34 56 78"),
        ("GA-C-FR-LANDLINE", "fr.landline@example.com", "+33 1 42 68 53 00"),
        ("GA-C-JERSEY", "jersey@example.com", "07797 712345"),
        ("GA-C-UK-LANDLINE", "uk.landline@example.com", "01632 960777"),
        ("GA-C-MANX", "manx@example.com", "07624 312345"),
    ]

    /// A copy of the demo store with one contact per number, each typed
    /// Mobile and linked to Ben with parental responsibility.
    func withContacts(_ body: (FileStore) throws -> Void) throws {
        try withTestDirectory { directory in
            let root = try DemoStoreCopy.copy(into: directory)
            let file = "\(root)/schools/green-abbey/contacts.json"
            var records = try JSONParser.parseArray(try RawFile.read(file)).values
            for n in Self.numbers {
                records.append(
                    .object([
                        ("id", .string(n.id)), ("forename", .string("Test")), ("surname", .string(n.id)),
                        ("phones", .array([.object([("number", .string(n.number)), ("type", .string("mobile"))])])),
                        ("emails", .array([.string(n.email)])),
                        (
                            "students",
                            .array([
                                .object([
                                    ("student", .string("GA-BEN")), ("relationship", .string("Carer")),
                                    ("priority", .number(3)),
                                    ("parentalResponsibility", .bool(true)), ("correspondence", .bool(true)),
                                ])
                            ])
                        ),
                    ]))
            }
            try Data(JSONWriter().writeRecords(records)).write(to: URL(fileURLWithPath: file))
            #expect(StoreValidator(root: root).validate().problems == [])
            try body(try FileStore(root: root))
        }
    }

    func match(_ store: FileStore, _ index: Int) throws -> IdentityMatch {
        let n = Self.numbers[index]
        return try IdentityMatcher(store: store).match(email: n.email, mobile: n.number, at: DemoStoreCopy.now)
    }

    func rangeCheck(_ m: IdentityMatch) -> RuleCheck? {
        m.assessments.first?.checks.first { $0.rule == .numberInMobileRange }
    }

    @Test func aFrenchMobileLogsInAndDoctorSaysItsRangeWasNotChecked() throws {
        try withContacts { store in
            let m = try match(store, 0)
            #expect(m.canLogIn)
            let check = try #require(rangeCheck(m))
            #expect(check.passed)
            #expect(check.detail.contains("+33 number: its range could not be checked"))
            let text = DoctorReport(
                match: m, schools: ["green-abbey": try store.school("green-abbey")], at: DemoStoreCopy.now
            ).text()
            #expect(text.contains("its range could not be checked"))
        }
    }

    @Test func aFrenchLandlineTypedMobileIsAcceptedAsTypedUnderTheSameRule() throws {
        try withContacts { store in
            let m = try match(store, 1)
            #expect(m.canLogIn)
            #expect(rangeCheck(m)?.detail.contains("could not be checked") == true)
        }
    }

    @Test func aJerseyMobileLogsIn() throws {
        try withContacts { store in
            let m = try match(store, 2)
            #expect(m.canLogIn)
            #expect(
                rangeCheck(m)
                    == RuleCheck(
                        .numberInMobileRange, true, "the number is in a Jersey mobile range (+44, the UK's plan)"))
        }
    }

    @Test func anIsleOfManMobileLogsInAndIsNamedAsOne() throws {
        try withContacts { store in
            let m = try match(store, 4)
            #expect(m.canLogIn)
            #expect(rangeCheck(m)?.detail == "the number is in an Isle of Man mobile range (+44, the UK's plan)")
        }
    }

    @Test func aUKLandlineTypedMobileCannotLogIn() throws {
        try withContacts { store in
            let m = try match(store, 3)
            #expect(!m.canLogIn)
            let check = try #require(rangeCheck(m))
            #expect(!check.passed)
            #expect(check.detail.contains("is typed Mobile but is not in any UK mobile range"))
        }
    }
}
