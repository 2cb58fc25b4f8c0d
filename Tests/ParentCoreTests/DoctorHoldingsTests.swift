import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// Doctor shows what the school holds: the emails and numbers of the records
/// it matched exactly as the MIS holds them (`--redact` masks them), and
/// says when a held value cannot be read instead of "a different" one.
@Suite struct DoctorHoldingsTests {
    let demo: FileStore
    init() throws { demo = try FileStore(root: DemoStoreCopy.original) }

    func report(_ store: FileStore, _ email: String, _ mobile: String, _ disclosure: Disclosure) throws -> DoctorReport
    {
        let match = try IdentityMatcher(store: store, disclosure: disclosure).match(
            email: email, mobile: mobile, at: DemoStoreCopy.now, unreadable: true)
        var schools: [String: School] = [:]
        for a in match.assessments { schools[a.school] = try store.school(a.school) }
        return DoctorReport(match: match, schools: schools, at: DemoStoreCopy.now, disclosure: disclosure)
    }

    /// A copy of the demo store with Liz's Green Abbey record edited.
    func withLiz(phones: [(String, String)]? = nil, emails: [String]? = nil, _ body: (FileStore) throws -> Void) throws
    {
        try withTestDirectory { dir in
            let root = try DemoStoreCopy.copy(into: dir)
            let file = "\(root)/schools/green-abbey/contacts.json"
            var records = try JSONParser.parseArray(try RawFile.read(file)).values
            let i = try #require(records.firstIndex { $0["id"] == .string("GA-C-LIZ") })
            if let phones {
                records[i] = records[i].setting(
                    "phones", .array(phones.map { .object([("number", .string($0.0)), ("type", .string($0.1))]) }))
            }
            if let emails { records[i] = records[i].setting("emails", .array(emails.map(JSONValue.string))) }
            try Data(JSONWriter().writeRecords(records)).write(to: URL(fileURLWithPath: file))
            #expect(StoreValidator(root: root).validate().problems == [])
            try body(try FileStore(root: root))
        }
    }

    @Test func doctorPrintsWhatTheMatchedRecordsHoldAsTheMISHoldsThem() throws {
        let text = try report(demo, "liz.abbot@example.com", "07700 100001", .asHeld).text()
        #expect(
            text.contains(
                "the school holds: email \"liz.abbot@example.com\", Mobile \"07700 100001\", Home \"01632 960001\""))
        // Riverside, as typed there
        #expect(text.contains("the school holds: email \"liz.abbot@example.com\", Mobile \"+44 (0)7700 100001\""))
        // The duplicate's stray space and capitals are shown as held.
        let sarah = try report(demo, "sarah.patel@example.com", "07700 100002", .asHeld).text()
        #expect(sarah.contains("email \" Sarah.Patel@example.com\", Mobile \"+44 7700 100002\""))
    }

    @Test func redactMasksThemForATicket() throws {
        let r = try report(demo, "liz.abbot@example.com", "07700 100001", .redacted)
        let text = r.text()
        #expect(
            text.contains(
                "the school holds: email \"l***@example.com\", Mobile \"07*** ****01\", Home \"01*** ****01\""))
        for secret in ["liz.abbot@example.com", "100001", "960001"] { #expect(!text.contains(secret), "\(secret)") }
        let json = JSONWriter().string(r.json())
        #expect(json.contains("\"redacted\": true") && !json.contains("100001") && !json.contains("liz.abbot@"))
    }

    @Test func theJSONGainsTheHeldValuesAndWhetherEachNumberCanBeRead() throws {
        try withLiz(phones: [("07700 100001", "mobile"), ("07400 500001 (mum)", "home")]) { store in
            let json = try report(store, "liz.abbot@example.com", "07700 100001", .asHeld).json()
            #expect(json["redacted"] == .bool(false))
            guard case .array(let schools)? = json["schools"], case .array(let contacts)? = schools.first?["contacts"]
            else {
                Issue.record("no contacts")
                return
            }
            #expect(contacts[0]["emails"] == .array([.string("liz.abbot@example.com")]))
            #expect(
                contacts[0]["phones"]
                    == .array([
                        .object([
                            ("number", .string("07700 100001")), ("type", .string("mobile")), ("readable", .bool(true)),
                        ]),
                        .object([
                            ("number", .string("07400 500001 (mum)")), ("type", .string("home")),
                            ("readable", .bool(false)),
                        ]),
                    ]))
            #expect(
                try report(store, "liz.abbot@example.com", "07700 100001", .asHeld).text()
                    .contains("Home \"07400 500001 (mum)\" (can't be read as a phone number)"))
            // Redacted, a note typed into a phone field goes too (an auditor
            // saw "(Funmi's sister Ada)" and an email address in a ticket).
            let redacted = try report(store, "liz.abbot@example.com", "07700 100001", .redacted).text()
            #expect(redacted.contains("Home \"07*** ****01 (***)\""), "\(redacted)")
            #expect(!redacted.contains("mum"))
        }
    }

    /// Neither detail held as the login reads it, but the record holds the
    /// mobile with a note, or the email with one: found and said so (doctor
    /// said no record held either).
    @Test func aRecordHoldingBothDetailsOnlyUnreadablyIsFound() throws {
        try withLiz(phones: [("07700 123456 (mum)", "mobile")], emails: ["liz.home@example.com (home)"]) { store in
            for (email, mobile) in [
                ("someone@example.com", "07700 123456"), ("liz.home@example.com", "07700 999999"),
            ] {
                let r = try report(store, email, mobile, .asHeld)
                #expect(r.match.assessments.map(\.contactID) == ["GA-C-LIZ"], "\(email) \(mobile)")
                #expect(!r.text().contains("No contact record in any school holds"))
                #expect(r.text().contains("can't be read as"), "\(r.text())")
            }
            // The login itself never looks so far: nothing found.
            let login = try IdentityMatcher(store: store).match(
                email: "someone@example.com", mobile: "07700 123456", at: DemoStoreCopy.now)
            #expect(login.assessments.isEmpty)
        }
    }

    @Test func aHeldNumberThatCannotBeReadIsSaidSoNotCalledDifferent() throws {
        try withLiz(phones: [("07700/100001", "mobile")]) { store in
            let r = try report(store, "liz.abbot@example.com", "07700 100001", .asHeld)
            let check = try #require(
                r.match.assessments.first { $0.school == "green-abbey" }?.checks.first { $0.rule == .numberHeld })
            #expect(!check.passed)
            #expect(
                check.detail
                    == "the school holds \"07700/100001\" (typed Mobile), which can't be read as a phone number, so it never matches the number given"
            )
            #expect(!r.text().contains("holds a different mobile number"))
            let redacted = try report(store, "liz.abbot@example.com", "07700 100001", .redacted)
            #expect(
                redacted.text().contains(
                    "the school holds \"07***/****01\" (typed Mobile), which can't be read as a phone number"))
        }
    }

    @Test func aDifferentMobileIsShownAsHeld() throws {
        try withLiz(phones: [("07700 100099", "mobile")]) { store in
            let r = try report(store, "liz.abbot@example.com", "07700 100001", .asHeld)
            let check = try #require(
                r.match.assessments.first { $0.school == "green-abbey" }?.checks.first { $0.rule == .numberHeld })
            #expect(check.detail == "holds a different mobile number (\"07700 100099\")")
            #expect(
                try report(store, "liz.abbot@example.com", "07700 100001", .redacted).text()
                    .contains("holds a different mobile number (\"07*** ****99\")"))
        }
    }

    @Test func aHeldEmailThatCannotBeReadIsSaidSo() throws {
        try withLiz(emails: ["liz.abbot@example"]) { store in
            let r = try report(store, "liz.abbot@example.com", "07700 100001", .asHeld)
            let check = try #require(
                r.match.assessments.first { $0.school == "green-abbey" }?.checks.first { $0.rule == .emailHeld })
            #expect(
                check.detail
                    == "the school holds \"liz.abbot@example\", which can't be read as an email address: it has no top-level domain (.tld) after the domain"
            )
        }
        try withLiz(emails: ["liz@example.org"]) { store in
            let r = try report(store, "liz.abbot@example.com", "07700 100001", .asHeld)
            #expect(r.text().contains("holds a different email address (\"liz@example.org\")"))
            #expect(
                try report(store, "liz.abbot@example.com", "07700 100001", .redacted).text()
                    .contains("holds a different email address (\"l***@example.org\")"))
        }
    }

    @Test(arguments: [
        ("07700 100001", "07*** ****01"), ("+44 (0)7700 100001", "+44 (*)**** ****01"),
        ("07400/500004", "07***/****04"),
        ("07400 500001 (mum)", "07*** ****01 (***)"), ("1234", "****"), ("", ""),
    ])
    func numbersAreMaskedKeepingTheirShape(_ held: String, _ masked: String) {
        #expect(Disclosure.maskNumber(held) == masked)
        #expect(Disclosure.redacted.number(held) == "\"\(masked)\"")
        #expect(Disclosure.asHeld.number(held) == "\"\(held)\"")
    }

    @Test func emailsAreMaskedToTheirFirstLetterAndDomain() {
        #expect(Disclosure.maskEmail(" Sarah.Patel@example.com") == "S***@example.com")
        #expect(Disclosure.maskEmail("no-at-sign") == "***")
        // Two addresses in one field, whatever runs them together: neither shows.
        #expect(Disclosure.maskEmail("liz@a.example; liz@work.example") == "l**@*.*******; ***@****.*******")
        #expect(
            Disclosure.maskEmail("sam.chen3@example.com/sam@example.org") == "s**.*****@*******.***/***@*******.***")
        #expect(Disclosure.maskEmail("a@x.org|b@y.org") == "a@*.***|*@*.***")
        // one value never breaks a line
        #expect(Disclosure.asHeld.email("line\nbreak@x.com") == "\"line\\nbreak@x.com\"")
    }
}
