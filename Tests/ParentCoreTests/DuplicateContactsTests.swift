import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// Doctor on duplicate records (issue 8): the records are compared as their
/// links stand at `--now`, and what doctor says is true in every case.
@Suite struct DuplicateContactsTests {
    static let zone = SchoolTimeZone(identifier: "Europe/London")!
    static let aisha = "Aisha Patel (10B)", rohan = "Rohan Patel (7A)"

    /// A copy of the demo store with Sarah Patel's two records linked as given,
    /// and Rohan a leaver when `rohanLeftOn` is set.
    static func store(in dir: TestDirectory, sarah1: [String], sarah2: [String], rohanLeftOn: String? = nil) throws
        -> FileStore
    {
        let root = try DemoStoreCopy.copy(into: dir)
        let store = try FileStore(root: root)
        var contacts = try store.allContacts(school: "green-abbey")
        for (id, students) in [("GA-C-SARAH-1", sarah1), ("GA-C-SARAH-2", sarah2)] {
            let i = contacts.firstIndex { $0.id == id }!
            contacts[i].students = students.map {
                StudentLink(
                    student: $0, relationship: "Mother", priority: 1, parentalResponsibility: true, correspondence: true
                )
            }
        }
        try Data(JSONWriter().writeRecords(contacts.map { $0.json(zone: zone) }))
            .write(to: URL(fileURLWithPath: "\(root)/schools/green-abbey/contacts.json"))
        if let rohanLeftOn {
            var students = try store.allStudents(school: "green-abbey")
            let i = students.firstIndex { $0.id == "GA-ROHAN" }!
            students[i].leaver = true
            students[i].leftOn = CivilDate(parsing: rohanLeftOn)
            try Data(JSONWriter().writeRecords(students.map { $0.json(zone: zone) }))
                .write(to: URL(fileURLWithPath: "\(root)/schools/green-abbey/students.json"))
        }
        return try FileStore(root: root)
    }

    static func sarah(_ store: FileStore, at now: String = "2026-03-18T10:42:00Z") throws -> (IdentityMatch, String) {
        let at = Timestamp.parse(now)!
        let match = try IdentityMatcher(store: store).match(
            email: "sarah.patel@example.com", mobile: "07700 100002", at: at)
        let schools = ["green-abbey": try store.school("green-abbey")]
        return (match, DoctorReport(match: match, schools: schools, at: at).text())
    }

    @Test func recordsLinkingTheSameChildrenHideNothing() throws {
        try withTestDirectory { dir in
            let store = try Self.store(in: dir, sarah1: ["GA-AISHA", "GA-ROHAN"], sarah2: ["GA-ROHAN", "GA-AISHA"])
            let (match, text) = try Self.sarah(store)
            let d = try #require(match.duplicates.first)
            #expect(d.linkTheSameChildren)
            #expect(d.childrenHiddenWithoutMerging.isEmpty)
            #expect(
                text.contains(
                    "Both link the same children the parent may see at this time (\(Self.aisha), \(Self.rohan)), so nothing would be hidden without merging."
                ))
        }
    }

    @Test func aRecordWhoseOnlyChildLeftLongAgoLinksNoVisibleChild() throws {
        try withTestDirectory { dir in
            // Rohan left on 1 October 2025: visible until 1 January 2026, not on 18 March.
            let store = try Self.store(in: dir, sarah1: ["GA-AISHA"], sarah2: ["GA-ROHAN"], rohanLeftOn: "2025-10-01")
            let (match, text) = try Self.sarah(store)
            let d = try #require(match.duplicates.first)
            #expect(!d.linkTheSameChildren)
            #expect(d.records.map(\.childNames) == [[Self.aisha], []])
            #expect(d.childrenHiddenWithoutMerging == [Self.aisha])
            #expect(!text.contains("same children"))
            #expect(
                text.contains(
                    "They link different children at this time, so a system that takes one record alone would hide some:"
                ))
            #expect(text.contains("GA-C-SARAH-1 links \(Self.aisha); taken alone it would hide nothing."))
            #expect(
                text.contains(
                    "GA-C-SARAH-2 links no child the parent may see at this time; taken alone it would hide \(Self.aisha)."
                ))
            #expect(text.contains("past the school's leaver persistence of 3 months"))

            // At a time within the persistence, the same store compares as it stood then.
            let (before, beforeText) = try Self.sarah(store, at: "2025-11-20T10:00:00Z")
            #expect(
                before.duplicates.first?.records.map(\.childNames) == [["Aisha Patel (10B)"], ["Rohan Patel (7A)"]])
            #expect(beforeText.contains("GA-C-SARAH-2 links \(Self.rohan); taken alone it would hide \(Self.aisha)."))
        }
    }

    @Test func bothRecordsLinkingOnlyLeaversPastPersistenceShowNoChild() throws {
        try withTestDirectory { dir in
            let store = try Self.store(in: dir, sarah1: ["GA-ROHAN"], sarah2: ["GA-ROHAN"], rohanLeftOn: "2025-10-01")
            let (match, text) = try Self.sarah(store)
            #expect(match.duplicates.first?.linkTheSameChildren == true)
            #expect(!text.contains("same children"))
            #expect(
                text.contains(
                    "Neither links a child the parent may see at this time, so merging them shows no child either."))
        }
    }

    @Test func aRecordWithAnExtraChildIsNamedWhicheverRecordComesFirst() throws {
        for (first, second) in [(["GA-AISHA", "GA-ROHAN"], ["GA-AISHA"]), (["GA-AISHA"], ["GA-AISHA", "GA-ROHAN"])] {
            try withTestDirectory { dir in
                let store = try Self.store(in: dir, sarah1: first, sarah2: second)
                let (match, text) = try Self.sarah(store)
                let d = try #require(match.duplicates.first)
                #expect(!d.linkTheSameChildren)
                #expect(d.childrenHiddenWithoutMerging == [Self.rohan])
                #expect(!text.contains("same children"))
                let shorter = first.count == 1 ? "GA-C-SARAH-1" : "GA-C-SARAH-2"
                let longer = first.count == 1 ? "GA-C-SARAH-2" : "GA-C-SARAH-1"
                #expect(text.contains("\(shorter) links \(Self.aisha); taken alone it would hide \(Self.rohan)."))
                #expect(
                    text.contains("\(longer) links \(Self.aisha), \(Self.rohan); taken alone it would hide nothing."))
            }
        }
    }

    @Test func theDemoDuplicateHidesEitherChildDependingOnTheRecord() throws {
        let (match, text) = try Self.sarah(try FileStore(root: DemoStoreCopy.original))
        #expect(match.duplicates.first?.childrenHiddenWithoutMerging == [Self.aisha, Self.rohan])
        #expect(text.contains("GA-C-SARAH-1 links \(Self.aisha); taken alone it would hide \(Self.rohan)."))
        #expect(text.contains("GA-C-SARAH-2 links \(Self.rohan); taken alone it would hide \(Self.aisha)."))
    }
}
