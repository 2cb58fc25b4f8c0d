import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// `store audit`: the seed's post-installation check, cause by cause, with
/// the login's own phone and email rules.
@Suite struct StoreAuditTests {
    let demo: FileStore
    let greenAbbey: School
    init() throws {
        demo = try FileStore(root: DemoStoreCopy.original)
        greenAbbey = try demo.school("green-abbey")
    }

    func contact(
        _ id: String, phones: [(String, PhoneType)] = [("07700 100001", .mobile)], emails: [String] = ["a@example.com"],
        links: [(String, Bool, Bool)] = [("GA-BEN", true, true)], name: String = "Test"
    ) -> Contact {
        Contact(
            id: id, title: "Mrs", forename: name, surname: id,
            phones: phones.map { ContactPhone(number: $0.0, type: $0.1) }, emails: emails,
            students: links.map {
                StudentLink(
                    student: $0.0, relationship: "Mother", priority: 1, parentalResponsibility: $0.1,
                    correspondence: $0.2)
            })
    }

    func causes(_ audit: SchoolAudit, _ id: String) -> [AuditCause] {
        audit.findings.filter { $0.contactID == id }.map(\.cause)
    }

    @Test func theDemoSchoolsCasesFallUnderTheirCauses() throws {
        let audits = try StoreAudit(store: demo).run(schools: ["green-abbey", "riverside-primary"])
        let ga = audits[0]
        #expect(ga.school == "green-abbey" && audits[1].school == "riverside-primary")
        #expect(causes(ga, "GA-C-GARETH") == [.noMobile])
        #expect(ga.findings(.noMobile).first { $0.contactID == "GA-C-GARETH" }?.value == "Home 07700 100003")
        #expect(causes(ga, "GA-C-PIOTR") == [.notAMobile])
        #expect(ga.findings(.notAMobile).first?.value == "07700 900123")
        #expect(causes(ga, "GA-C-AGNIESZKA") == [.email] && causes(ga, "GA-C-KWAME") == [.email])
        #expect(ga.findings(.email).first { $0.contactID == "GA-C-AGNIESZKA" }?.value == "agnieszka.nowak@example")
        #expect(ga.findings(.email).first { $0.contactID == "GA-C-KWAME" }?.value == "")
        #expect(ga.findings(.duplicate).map(\.contactID) == ["GA-C-SARAH-1", "GA-C-SARAH-2"])
        #expect(ga.findings(.duplicate).allSatisfy { $0.canLogIn })
        #expect(ga.findings(.duplicate)[1].value == " Sarah.Patel@example.com; +44 7700 100002")  // as the MIS holds it
        #expect(causes(ga, "GA-C-SEAN") == [.correspondence])
        #expect(ga.findings(.correspondence).first?.canLogIn == false)
        // A grandparent without parental responsibility is not audited.
        #expect(causes(ga, "GA-C-MARGARET").isEmpty)
        let responsible = try demo.allContacts(school: "green-abbey").filter {
            $0.students.contains(where: \.parentalResponsibility)
        }
        #expect(ga.contacts == responsible.count)
        #expect(ga.cannotLogIn == Set(ga.findings.filter { !$0.canLogIn }.map(\.contactID)).count)
        for id in ["GA-C-LIZ", "GA-C-DAVID", "GA-C-SIOBHAN", "GA-C-WANGLI"] { #expect(causes(ga, id).isEmpty, "\(id)") }
        // Those who can log in are listed, not only counted (text and CSV).
        #expect(ga.loggingIn.count == ga.canLogIn)
        #expect(ga.loggingIn.contains { $0.contactID == "GA-C-LIZ" && $0.contactName.contains("Liz") })
        #expect(!ga.loggingIn.contains { $0.contactID == "GA-C-GARETH" })
        let report = StoreAuditReport(audits: audits, unaudited: [])
        #expect(report.text().contains("  can log in (\(ga.canLogIn)):\n"))
        #expect(report.text().contains("    GA-C-LIZ "))
        #expect(
            report.csv().contains("green-abbey,GA-C-LIZ,Mrs Liz Abbot,can-log-in,yes,,can log in and see a child\r\n"))
    }

    /// The audit uses the login's rules: a contact the audit says can log
    /// in is identified by a login with its own email and mobile, and one
    /// it says cannot (for its phones or emails) is identified by none of
    /// its email and number pairs.
    @Test func canLogInAgreesWithTheLoginForEveryDemoContact() throws {
        for school in demo.schoolIDs() {
            let audit = try StoreAudit(store: demo).run(schools: [school])[0]
            let blocked = Set(
                audit.findings.filter { [.noMobile, .notAMobile, .email].contains($0.cause) }.map(\.contactID))
            for c in try demo.allContacts(school: school) where c.students.contains(where: \.parentalResponsibility) {
                var identifies = false
                for e in c.emails where !identifies {
                    for p in c.phones where !identifies {
                        let m = try IdentityMatcher(store: demo).match(
                            email: e, mobile: p.number, at: DemoStoreCopy.now)
                        identifies = m.qualifying.contains { $0.school == school && $0.contactID == c.id }
                    }
                }
                #expect(identifies == !blocked.contains(c.id), "\(school) \(c.id)")
            }
        }
    }

    @Test func numbersThatCannotBeReadOrAreNotMobilesAreNamed() {
        let audit = StoreAudit.audit(
            school: greenAbbey,
            contacts: [
                contact("MUM", phones: [("07400 500001 (mum)", .mobile)]),
                contact("SLASH", phones: [("07400/500004", .mobile), ("01632 960001", .mobile)]),
                contact("ONE-GOOD", phones: [("07400/500004", .mobile), ("07700 100001", .mobile)]),
                contact("JERSEY", phones: [("07797 712345", .mobile)]),
                contact("FRANCE", phones: [("+33 6 12 34 56 78", .mobile)]),
                contact("HOME-ONLY", phones: [("07400 500001 (mum)", .home)]),
                contact("NONE", phones: []),
            ])
        #expect(audit.findings(.notAMobile).map(\.contactID) == ["MUM", "SLASH"])
        #expect(audit.findings(.notAMobile)[0].value == "07400 500001 (mum)")
        #expect(
            audit.findings(.notAMobile)[0].detail
                == "can't be read as a phone number, so it cannot register the parent or receive SMS")
        #expect(audit.findings(.notAMobile)[1].value == "07400/500004; 01632 960001")
        #expect(
            audit.findings(.notAMobile)[1].detail
                == "\"07400/500004\" can't be read as a phone number; \"01632 960001\" is not in any UK mobile range (nor a Jersey, Guernsey or Isle of Man one), so it cannot register the parent or receive SMS"
        )
        #expect(audit.findings(.noMobile).map(\.contactID) == ["HOME-ONLY", "NONE"])
        #expect(audit.findings(.noMobile)[0].value == "Home 07400 500001 (mum)")
        #expect(audit.findings(.noMobile)[1].detail == "no phone number at all")
        #expect(audit.contacts == 7 && audit.canLogIn == 3)  // ONE-GOOD, JERSEY, FRANCE
    }

    /// A global service number is of no country: the audit says so, not
    /// "not in any UK mobile range", which sent the data manager looking
    /// for a UK mistake.
    @Test func aGlobalServiceNumberIsNamedAsOne() {
        let audit = StoreAudit.audit(
            school: greenAbbey, contacts: [contact("FREEPHONE", phones: [("+800 1234 5678", .mobile)])])
        #expect(
            audit.findings(.notAMobile).first?.detail
                == "is a global service number (+800 freephone, +808, +878, +888 or +979 premium rate), of no country, not a mobile, so it cannot register the parent or receive SMS"
        )
    }

    @Test func emailsMustBeInProperForm() {
        let audit = StoreAudit.audit(
            school: greenAbbey,
            contacts: [
                contact("NONE", emails: []),
                contact("BAD", emails: ["jo bloggs@example.com"]),
                contact("TWO-BAD", emails: ["jo@example", "jo@@example.com"]),
                contact("ONE-GOOD", emails: ["jo@example", "jo@example.com"]),
            ])
        #expect(audit.findings(.email).map(\.contactID) == ["NONE", "BAD", "TWO-BAD"])
        #expect(audit.findings(.email)[1].detail == "contains spaces, so the system does not recognise it")
        #expect(audit.findings(.email)[2].value == "jo@example; jo@@example.com")
        #expect(audit.canLogIn == 1)
    }

    @Test func duplicatesAreRecordsOneLoginAcceptsTogether() {
        let audit = StoreAudit.audit(
            school: greenAbbey,
            contacts: [
                contact("A", phones: [("07700 100001", .mobile)], emails: ["jo@example.com"]),
                contact(
                    "B", phones: [("+44 (0)7700 100001", .mobile)], emails: [" JO@Example.com"],
                    links: [("GA-AMY", true, true)]),
                contact(
                    "C", phones: [("07700 100001", .mobile), ("07700 100099", .mobile)], emails: ["other@example.com"]),
                contact("D", phones: [("07700 100099", .mobile)], emails: ["other@example.com"]),
                // A family address with two mobiles, a shared phone with two addresses: not the same person.
                contact("E", phones: [("07700 100050", .mobile)], emails: ["family@example.com"]),
                contact("F", phones: [("07700 100051", .mobile)], emails: ["family@example.com"]),
                contact("G", phones: [("07700 100060", .mobile)], emails: ["g1@example.com"]),
                contact("H", phones: [("07700 100060", .mobile)], emails: ["g2@example.com"]),
                // The same pair typed Home on one record: that record cannot log in, so it is no duplicate.
                contact("I", phones: [("07700 100070", .mobile)], emails: ["i@example.com"]),
                contact("J", phones: [("07700 100070", .home)], emails: ["i@example.com"]),
            ])
        #expect(audit.findings(.duplicate).map(\.contactID) == ["A", "B", "C", "D"])
        let a = audit.findings(.duplicate)[0]
        let b = audit.findings(.duplicate)[1]
        #expect(a.detail.hasPrefix("the same person as B (the same email and mobile)"))
        #expect(b.value == " JO@Example.com; +44 (0)7700 100001")
        #expect(audit.findings(.duplicate)[2].detail.hasPrefix("the same person as D"))
        #expect(audit.findings(.duplicate).allSatisfy { $0.canLogIn })
        #expect(audit.findings.filter { $0.contactID == "J" }.map(\.cause) == [.noMobile])
    }

    @Test func correspondenceRefusedForSomeChildrenIsListedButDoesNotStopTheLogin() {
        let audit = StoreAudit.audit(
            school: greenAbbey,
            contacts: [
                contact("ALL", links: [("GA-BEN", true, false)]),
                contact("SOME", links: [("GA-BEN", true, false), ("GA-AMY", true, true)]),
                contact("NO-PR", links: [("GA-BEN", false, false)]),
            ])
        #expect(audit.contacts == 2)  // NO-PR has no parental responsibility
        #expect(audit.findings(.correspondence).map(\.contactID) == ["ALL", "SOME"])
        #expect(audit.findings(.correspondence).map(\.canLogIn) == [false, true])
        #expect(
            audit.findings(.correspondence)[1].detail
                == "correspondence is not allowed about GA-BEN, so that child is not shown to them")
        #expect(audit.canLogIn == 1)
    }

    /// A contact whose only child left longer ago than the school's leaver
    /// persistence: identified, but no child shown, as doctor says (the
    /// audit counted them as able to log in). Seán O'Brien left long ago;
    /// Zoë within the 3 months.
    @Test func aContactOfLeaversPastPersistenceSeesNoChild() throws {
        let students = try demo.allStudents(school: "green-abbey")
        let sean = try #require(students.first { $0.forename.hasPrefix("Se") && $0.leaver })
        let zoe = try #require(students.first { $0.forename.hasPrefix("Zo") && $0.leaver })
        let audit = StoreAudit.audit(
            school: greenAbbey,
            contacts: [
                contact("ONLY-SEAN", links: [(sean.id, true, true)]),
                contact("BOTH", links: [(sean.id, true, true), (zoe.id, true, true)]),
            ], students: students, at: DemoStoreCopy.now)
        #expect(audit.findings(.noChildShown).map(\.contactID) == ["ONLY-SEAN"])
        #expect(audit.findings(.noChildShown).first?.canLogIn == false)
        #expect(
            audit.findings(.noChildShown).first?.detail.hasSuffix("so they are identified but see no child") == true)
        #expect(audit.canLogIn == 1)
        // A record that does not identify anyone (no mobile) is not said to.
        let unidentified = StoreAudit.audit(
            school: greenAbbey, contacts: [contact("NO-MOBILE", phones: [], links: [(sean.id, true, true)])],
            students: students, at: DemoStoreCopy.now)
        #expect(
            unidentified.findings(.noChildShown).first?.detail.hasSuffix(
                "so no child would be shown even once that is mended") == true)
        // Without a time, leavers are not looked at (a school's records alone).
        #expect(
            StoreAudit.audit(school: greenAbbey, contacts: [contact("ONLY-SEAN", links: [(sean.id, true, true)])])
                .canLogIn == 1)
    }

    @Test func theCSVIsRFC4180AndSafeInASpreadsheet() throws {
        let audit = StoreAudit.audit(
            school: greenAbbey,
            contacts: [
                contact(
                    "Q", phones: [("+44 7400 500001 (\"mum\")", .mobile)], emails: ["=HYPERLINK(\"x\")"],
                    name: "Jo, \"JJ\"")
            ])
        let csv = StoreAuditReport(audits: [audit]).csv()
        #expect(csv.hasSuffix("\r\n") && !csv.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines[0] == "school,contact,name,cause,can_log_in,value,detail")
        #expect(lines.count == 3)  // one row per contact and cause
        #expect(
            lines[1].hasPrefix(
                "green-abbey,Q,\"Mrs Jo, \"\"JJ\"\" Q\",not-a-mobile,no,\"'+44 7400 500001 (\"\"mum\"\")\","))
        #expect(lines[2].hasPrefix("green-abbey,Q,\"Mrs Jo, \"\"JJ\"\" Q\",email,no,\"'=HYPERLINK(\"\"x\"\")\","))
        #expect(
            StoreAuditReport.field("a\nb") == "\"a\nb\"" && StoreAuditReport.field("-1") == "'-1"
                && StoreAuditReport.field("plain") == "plain")
    }

    @Test func theTextGivesCountsPerSchoolAndCauseThenTheContacts() throws {
        let report = StoreAuditReport(audits: try StoreAudit(store: demo).run(schools: demo.schoolIDs().sorted()))
        let text = report.text()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(
            lines[0]
                == "2 schools, \(report.contacts) contacts with parental responsibility: \(report.canLogIn) can log in, \(report.cannotLogIn) cannot"
        )
        #expect(
            lines[2].hasPrefix("school ")
                && lines[2].hasSuffix(
                    "no Mobile  not a mobile  email  duplicates  correspondence  no child  unreadable")
        )
        #expect(
            lines[3].hasPrefix("green-abbey ") && lines[4].hasPrefix("riverside-primary ")
                && lines[5].hasPrefix("total "))
        #expect(text.contains("  duplicate records (2; they can log in: this app merges them):\n"))
        #expect(text.contains("    GA-C-PIOTR  Mr Piotr Kowalski  \"07700 900123\": is not in any UK mobile range"))
        #expect(report.count(.duplicate) == 2 && report.count(.correspondence) == 1)
    }

    @Test func progressIsReportedOncePerSchool() throws {
        let seen = Locked<[Int]>([])
        _ = try StoreAudit(store: demo).run(schools: ["green-abbey", "riverside-primary"]) { done, total, _ in
            #expect(total == 2)
            seen.withLock { $0.append(done) }
        }
        #expect(seen.withLock { $0.sorted() } == [1, 2])
    }

    @Test func aSchoolWhoseContactsCannotBeReadIsNamed() throws {
        try withTestDirectory { dir in
            let root = try DemoStoreCopy.copy(into: dir)
            try Data("[{\"id\": \"X\"".utf8).write(
                to: URL(fileURLWithPath: "\(root)/schools/riverside-primary/contacts.json"))
            #expect {
                try StoreAudit(store: try FileStore(root: root)).run(schools: ["green-abbey", "riverside-primary"])
            } throws: { error in
                (error as? StoreProblems)?.problems.first?.description.hasPrefix(
                    "schools/riverside-primary/contacts.json: malformed JSON") == true
            }
        }
    }

    /// A phone typed "Mobile" (not "mobile") in one record: that contact is
    /// an "unreadable" finding, naming the file, record and field, and the
    /// school's other records are audited (the whole school was "not
    /// audited", and the report said the app logged in none of its parents,
    /// while the app and doctor logged the others in: an audit).
    @Test func oneRecordThatCannotBeReadIsAFindingNotTheWholeSchool() throws {
        try withTestDirectory { dir in
            let root = try DemoStoreCopy.copy(into: dir)
            let path = "\(root)/schools/riverside-primary/contacts.json"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let first = try #require(text.range(of: "\"type\": \"mobile\""))
            try text.replacingCharacters(in: first, with: "\"type\": \"Mobile\"").write(
                toFile: path, atomically: true, encoding: .utf8)
            let before = try StoreAudit(store: try FileStore(root: DemoStoreCopy.original)).run(schools: [
                "riverside-primary"
            ])
            let (audits, unaudited) = StoreAudit(store: try FileStore(root: root)).runAll(schools: [
                "green-abbey", "riverside-primary",
            ])
            #expect(unaudited.isEmpty && audits.map(\.school) == ["green-abbey", "riverside-primary"])
            let riverside = audits[1]
            let found = riverside.findings(.unreadable)
            #expect(found.count == 1 && found.first?.value == "Mobile", "\(found)")
            #expect(found.first?.detail.contains("contacts.json: contact ") == true)
            #expect(found.first?.detail.contains("phones[0].type: unknown phone type \"Mobile\"") == true)
            // Every other record as before: one fewer can log in, at most.
            #expect(riverside.canLogIn >= before[0].canLogIn - 1 && riverside.canLogIn < before[0].canLogIn + 1)
            let csv = StoreAuditReport(audits: audits, unaudited: []).csv()
            #expect(csv.contains(",unreadable,no,Mobile,"), "\(csv)")
        }
    }

    /// A contacts file that is not a list of records at all: the school is
    /// named as not audited in the table, the text and the CSV, as the
    /// data manager reads them, and the other school is still audited (it
    /// said "0 schools, 0 contacts" with the school left out).
    @Test func aSchoolThatCannotBeAuditedIsNamedInTheReportAndTheCSV() throws {
        try withTestDirectory { dir in
            let root = try DemoStoreCopy.copy(into: dir)
            let path = "\(root)/schools/riverside-primary/contacts.json"
            try "[{\"id\": ".write(toFile: path, atomically: true, encoding: .utf8)
            let (audits, unaudited) = StoreAudit(store: try FileStore(root: root)).runAll(schools: [
                "green-abbey", "riverside-primary",
            ])
            #expect(audits.map(\.school) == ["green-abbey"])
            #expect(unaudited.map(\.school) == ["riverside-primary"])
            #expect(unaudited.first?.name == "Riverside Primary School")
            let report = StoreAuditReport(audits: audits, unaudited: unaudited)
            let lines = report.text().split(separator: "\n").map(String.init)
            #expect(lines[0].hasSuffix("; 1 school not audited (below)"))
            #expect(
                lines.contains {
                    $0.hasPrefix("riverside-primary") && $0.hasSuffix("not audited: its files cannot be read")
                })
            #expect(
                lines.contains(
                    "Riverside Primary School (riverside-primary): not audited: its files have \(unaudited[0].problems.count) problem\(unaudited[0].problems.count == 1 ? "" : "s"), and until they are fixed the app logs in none of its parents to see its children:"
                ))
            #expect(lines.contains { $0.contains("contacts.json") && $0.contains("malformed JSON") })
            let csv = report.csv().split(separator: "\r\n").map(String.init)
            #expect(
                csv.contains {
                    $0.hasPrefix("riverside-primary,,,school-not-audited,no,schools/riverside-primary/contacts.json,")
                })
        }
    }
}
