import Foundation
import Testing

@testable import ParentCore
@testable import SchoolStore

/// Every demo family exhibits the case the README claims.
@Suite struct IdentityMatcherTests {
    let store: FileStore
    init() throws { store = try FileStore(root: DemoStoreCopy.original) }

    func match(_ email: String, _ mobile: String) throws -> IdentityMatch {
        try IdentityMatcher(store: store).match(email: email, mobile: mobile, at: DemoStoreCopy.now)
    }

    func names(_ m: IdentityMatch) -> [String] {
        m.children.map { ref in m.qualifying.flatMap(\.children).first { $0.child == ref }!.name }
    }

    @Test func lizSeesThreeChildrenAtTwoSchoolsWithSiblingsOnOneRecord() throws {
        let m = try match("liz.abbot@example.com", "07700 100001")
        #expect(m.canLogIn)
        #expect(names(m) == ["Ben Abbot (9A)", "Amy Abbot (7B)", "Tom Abbot (3A)"])
        #expect(Set(m.children.map(\.school)) == ["green-abbey", "riverside-primary"])
        let greenAbbey = m.qualifying.filter { $0.school == "green-abbey" }
        #expect(greenAbbey.count == 1 && greenAbbey[0].children.count == 2)  // one record, two siblings
        #expect(m.duplicates.isEmpty)
        #expect(try store.student("RP-TOM", school: "riverside-primary")?.value.photo == nil)  // Tom has no photo
        #expect(try store.school("riverside-primary").serviceLevel == .core)
        #expect(try store.school("green-abbey").serviceLevel == .enhanced)
    }

    @Test(arguments: [
        "07700 100001", "+44 7700 100001", "0044 7700 100001", "447700100001", "+44 (0)7700 100001",
        "07700-100-001", "07700.100.001", "(07700) 100001", " 0 7 7 0 0 1 0 0 0 0 1 ",
    ])
    func everyWayOfWritingTheNumberMatches(_ mobile: String) throws {
        #expect(try match("  Liz.Abbot@EXAMPLE.com ", mobile).children.count == 3)
    }

    @Test func duplicateContactRecordsAreMergedAndReported() throws {
        let m = try match("sarah.patel@example.com", "07700100002")
        #expect(names(m) == ["Aisha Patel (10B)", "Rohan Patel (7A)"])
        #expect(
            m.duplicates == [
                DuplicateContacts(
                    school: "green-abbey",
                    records: [
                        .init(
                            contactID: "GA-C-SARAH-1", children: [ChildRef(school: "green-abbey", student: "GA-AISHA")],
                            childNames: ["Aisha Patel (10B)"]),
                        .init(
                            contactID: "GA-C-SARAH-2", children: [ChildRef(school: "green-abbey", student: "GA-ROHAN")],
                            childNames: ["Rohan Patel (7A)"]),
                    ])
            ])
        #expect(m.duplicates[0].contactIDs == ["GA-C-SARAH-1", "GA-C-SARAH-2"])
        #expect(m.duplicates[0].childrenHiddenWithoutMerging == ["Aisha Patel (10B)", "Rohan Patel (7A)"])
    }

    func failed(_ m: IdentityMatch) -> [RuleCheck.Rule] { m.assessments.flatMap(\.failedChecks).map(\.rule) }

    @Test func aMobileTypedHomeNeverMatches() throws {
        let m = try match("gareth.hughes@example.com", "07700 100003")
        #expect(!m.identified && !m.canLogIn)
        #expect(failed(m) == [.numberTypedMobile])
    }

    @Test func aMalformedEmailIsIgnored() throws {
        let m = try match("agnieszka.nowak@example", "07700 100004")
        #expect(!m.identified)
        #expect(failed(m) == [.emailProperForm])
    }

    @Test func noEmailMeansNoLogin() throws {
        let m = try match("kwame.mensah@example.com", "07700 100005")
        #expect(!m.identified)
        #expect(failed(m) == [.emailHeld])
        #expect(m.assessments[0].failedChecks[0].detail.contains("no email address"))
    }

    @Test func aNumberOutsideTheUKMobileRangesDoesNotQualify() throws {
        let m = try match("piotr.kowalski@example.com", "07700 900123")  // Ofcom's drama range
        #expect(failed(m) == [.numberInMobileRange])
    }

    @Test func noParentalResponsibilityShowsNoChild() throws {
        let m = try match("margaret.abbot@example.com", "07700 100012")
        #expect(m.identified && !m.canLogIn)
        #expect(m.assessments[0].children[0].reasons == ["no parental responsibility"])
    }

    @Test func correspondenceNotAllowedShowsNoChild() throws {
        let m = try match("sean.obrien@example.com", "07700 100014")
        #expect(m.identified && !m.canLogIn)
        #expect(m.assessments[0].children[0].reasons == ["correspondence not allowed"])
    }

    @Test func leaversStayVisibleOnlyWithinPersistence() throws {
        let m = try match("siobhan.obrien@example.com", "07700 100007")
        #expect(names(m) == ["Zoë O'Brien (11A)"])
        let sean = m.assessments[0].children.first { $0.child.student == "GA-SEAN" }!
        #expect(!sean.visible && sean.reasons[0].hasPrefix("a leaver (left 2025-07-18)"))
        // Three months after she left (13 Feb), Zoë goes too.
        let later = try IdentityMatcher(store: store).match(
            email: "siobhan.obrien@example.com", mobile: "07700 100007",
            at: Timestamp.parse("2026-05-14T09:00:00Z")!)
        #expect(!later.canLogIn)
    }

    @Test func namesInCJKCharacters() throws {
        let m = try match("wang.li@example.com", "07700 100008")
        #expect(names(m) == ["王小明 (8A)"])
    }

    @Test func otherPeoplesRecordsAreNeverAssessed() throws {
        // A mix of one person's email and another's number finds exactly those two records.
        let m = try match("liz.abbot@example.com", "07700 100002")
        #expect(Set(m.assessments.map(\.contactID)) == ["GA-C-LIZ", "RP-C-LIZ", "GA-C-SARAH-1", "GA-C-SARAH-2"])
        #expect(!m.identified)
        #expect(try match("nobody@example.com", "07700 100999").assessments.isEmpty)
    }

    @Test func everyDemoLoginInTheStoreWorks() throws {
        for login in store.info.demoLogins {
            #expect(try match(login.email, login.mobile).canLogIn, "\(login.email)")
        }
        #expect(store.info.demoLogins.count == 5)
    }
}
