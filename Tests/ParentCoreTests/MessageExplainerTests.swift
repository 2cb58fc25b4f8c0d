import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// `doctor --message`: each reason a parent does or does not see a message,
/// in the seeds' terms, on the demo store (and a copy with the messages the
/// demo lacks: contact lists, later publication).
@Suite struct MessageExplainerTests {
    typealias F = SyncFixture
    static let now = DemoStoreCopy.now
    static let nextDay = Timestamp.parse("2026-03-19T12:00:00Z")!

    let demo: FileStore
    init() throws { demo = try FileStore(root: DemoStoreCopy.original) }

    func explain(
        _ store: FileStore, _ email: String, _ mobile: String, id: String, at: Date = now,
        disclosure: Disclosure = .asHeld, school: String? = nil
    ) throws -> MessageExplanation {
        let match = try IdentityMatcher(store: store, disclosure: disclosure).match(
            email: email, mobile: mobile, at: at)
        let found = try MessageLookup(store: store, schools: school.map { [$0] } ?? store.schoolIDs()).byID(id)
        try #require(found.count == 1)
        return try MessageExplainer(store: store, disclosure: disclosure).explain(found[0], match: match, at: at)
    }

    func liz(_ id: String, at: Date = now, school: String? = nil) throws -> MessageExplanation {
        try explain(demo, "liz.abbot@example.com", "07700 100001", id: id, at: at, school: school)
    }

    @Test func aGroupMessageConcernsTheChildInThatGroupThatYearOnly() throws {
        let e = try liz("GA-DEMO-3")
        #expect(e.seen)
        #expect(e.audienceText == "Group 9A")
        #expect(e.located.year.description == "2025-26")
        #expect(e.concerned.map(\.name) == ["Ben Abbot (9A)"])
        let amy = try #require(e.children.first { $0.child.student == "GA-AMY" })
        #expect(amy.exclusions == [.otherRegistrationGroup(enrolled: "7B", scope: "9A", AcademicYear(startYear: 2025))])
        let text = e.text()
        #expect(text.contains("✓ Ben Abbot (9A): Year 9, group 9A in 2025-26; the message concerns them"))
        #expect(text.contains("✗ Amy Abbot (7B): in registration group 7B in 2025-26, not 9A"))
        #expect(text.contains("Result: the parent sees this message, about Ben Abbot (9A)."))
        // Tom is at another school: not a child of this message's school.
        #expect(!e.children.contains { $0.child.school != "green-abbey" })
    }

    /// An id used at two schools: the candidates newest first, as a
    /// subject's are (green-abbey's 3 September came before riverside's 4th).
    @Test func anIDAtTwoSchoolsListsTheNewestFirst() throws {
        let found = try MessageLookup(store: demo, schools: demo.schoolIDs()).byID("M2024-000004")
        #expect(found.count == 2)
        #expect(found.map(\.message.sentAt) == found.map(\.message.sentAt).sorted(by: >), "\(found.map(\.school))")
    }

    @Test func lastYearsGroupIsTheGroupOfThatYear() throws {
        // M2024-000227 went to 9A in 2024-25, when Ben was in 8A: not his.
        let e = try liz("M2024-000227", school: "green-abbey")
        #expect(!e.seen)
        let ben = try #require(e.children.first { $0.child.student == "GA-BEN" })
        #expect(ben.exclusions == [.otherRegistrationGroup(enrolled: "8A", scope: "9A", AcademicYear(startYear: 2024))])
        let amy = try #require(e.children.first { $0.child.student == "GA-AMY" })
        #expect(amy.exclusions == [.notEnrolled(AcademicYear(startYear: 2024))])
        #expect(e.text().contains("not on the school's roll in 2024-25 (no enrolment that academic year)"))
    }

    @Test func aMessageToALeaversGroupAfterSheLeftDoesNotConcernHer() throws {
        let siobhan = { (id: String, at: Date) in
            try self.explain(self.demo, "siobhan.obrien@example.com", "07700 100007", id: id, at: at)
        }
        let after = try siobhan("M2025-001218", Self.now)  // D&T homework to 11A, 3 March; Zoë left 13 February
        #expect(!after.seen)
        let zoe = try #require(after.children.first { $0.child.student == "GA-ZOE" })
        #expect(zoe.notShown.isEmpty)  // still within the 3 months' persistence
        #expect(
            zoe.exclusions == [
                .sentAfterLeaving(leftOn: CivilDate(parsing: "2026-02-13")!, sentOn: CivilDate(parsing: "2026-03-03")!)
            ])
        #expect(after.text().contains("a leaver: left on 2026-02-13, and the message was sent on 2026-03-03"))
        // Seán left too long ago: not shown at all.
        let sean = try #require(after.children.first { $0.child.student == "GA-SEAN" })
        #expect(sean.notShown.first?.contains("past the school's leaver persistence of 3 months") == true)
        // Before she left, the same group's messages were hers.
        #expect(try siobhan("M2025-001190", Self.now).seen)  // 12 February
    }

    @Test func noParentalResponsibilityAndCorrespondenceNotAllowedAreNamed() throws {
        let margaret = try explain(demo, "margaret.abbot@example.com", "07700 100012", id: "GA-DEMO-2")
        #expect(!margaret.seen)
        #expect(margaret.audienceText == "Ben Abbot (9A) only")
        #expect(margaret.children.first?.notShown == ["no parental responsibility"])
        #expect(margaret.children.first?.inAudience == true)
        let sean = try explain(demo, "sean.obrien@example.com", "07700 100014", id: "M2025-001442")
        #expect(!sean.seen)
        #expect(sean.children.first?.notShown == ["correspondence not allowed"])
        #expect(sean.whyNot.contains("it concerns none of the children this parent sees (see each child above)"))
    }

    @Test func aRecordThatDoesNotIdentifyTheParentIsNamed() throws {
        let e = try explain(demo, "gareth.hughes@example.com", "07700 100003", id: "GA-DEMO-3")
        #expect(!e.seen)
        #expect(e.identifyingRecords.isEmpty && e.records.map(\.contactID) == ["GA-C-GARETH"])
        #expect(e.whyNot.first == "no record at Green Abbey School identifies the parent, so they cannot log in there")
        let finley = try #require(e.children.first)
        #expect(finley.inAudience)  // Finley is in 9A
        #expect(finley.notShown == ["linked only by GA-C-GARETH, which does not identify the parent"])
        #expect(e.text().contains("the number is typed Home in the MIS, not Mobile"))
    }

    @Test func nobodysMessageSaysNoRecordHoldsTheDetails() throws {
        let e = try explain(demo, "nobody@example.com", "07700 100999", id: "GA-DEMO-3")
        #expect(!e.seen)
        #expect(e.records.isEmpty && e.children.isEmpty)
        #expect(e.whyNot == ["no contact record at Green Abbey School holds this email address or this mobile number"])
    }

    @Test func duplicateRecordsAreMergedAndTheChildLinkedByOneIsNoted() throws {
        let e = try explain(demo, "sarah.patel@example.com", "07700 100002", id: "M2025-001441")  // Rohan's own
        #expect(e.seen)
        let rohan = try #require(e.children.first { $0.child.student == "GA-ROHAN" })
        #expect(rohan.concerned)
        #expect(
            rohan.notes.first?.hasPrefix(
                "linked only by GA-C-SARAH-2 of the duplicate records GA-C-SARAH-1, GA-C-SARAH-2 (one person)") == true)
        #expect(
            e.text().contains("GA-C-SARAH-1, GA-C-SARAH-2 are duplicate records of one person: this app merges them"))
        // The note is shown for Rohan, in the audience, not for Aisha, who is not.
        #expect(e.text().contains("      linked only by GA-C-SARAH-2 of the duplicate records"))
        #expect(!e.text().contains("linked only by GA-C-SARAH-1 of the duplicate records"))
        #expect(e.children.first { $0.child.student == "GA-AISHA" }?.notes.count == 1)  // still in the JSON
    }

    @Test func anotherStudentsMessageSaysNothingOfThem() throws {
        let e = try liz("GA-DEMO-1")  // to 王小明's own file
        #expect(!e.seen && e.toAnotherStudent)
        #expect(e.audienceText == "another student (not one of this parent's children)")
        let text = e.text()
        for other in ["小明", "王", "XIAOMING", "Wang", "数学"] { #expect(!text.contains(other), "\(other)") }
        #expect(text.contains("subject withheld"))
        #expect(e.json()["message"]?["subject"] == .null && e.json()["message"]?["file"] == .null)
        #expect(e.json()["message"]?["category"] == .null && e.json()["message"]?["sender"] == .null)
        #expect(text.contains("(schools/green-abbey/messages/2025-26/ (another student's file))"))
        #expect(e.children.allSatisfy { $0.exclusions == [.anotherStudent] })
    }

    @Test func theJSONFormIsStable() throws {
        let json = try liz("GA-DEMO-3").json()
        #expect(json["seen"] == .bool(true))
        #expect(json["at"] == .string("2026-03-18T10:42:00Z"))
        let m = try #require(json["message"])
        #expect(
            m["id"] == .string("GA-DEMO-3") && m["scope"] == .string("group-9A")
                && m["academicYear"] == .string("2025-26"))
        #expect(m["audience"] == .string("Group 9A") && m["visibleAtNow"] == .bool(true) && m["contacts"] == .null)
        #expect(m["file"] == .string("schools/green-abbey/messages/2025-26/group-9A.json"))
        guard case .array(let children)? = json["children"] else {
            Issue.record("no children")
            return
        }
        #expect(children.map { $0["student"] } == [.string("GA-BEN"), .string("GA-AMY")])
        #expect(children.map { $0["concerned"] } == [.bool(true), .bool(false)])
        #expect(json["device"] == .null && json["read"] == .bool(false) && json["replied"] == .bool(false))
        #expect(json["backupSMS"]?["afterMinutes"] == .number(30) && json["backupSMS"]?["applies"] == .bool(true))
        #expect(json["whyNot"] == .array([]))
    }

    // MARK: - On a copy with the messages the demo store lacks

    func withExtraMessages(_ body: (SyncFixture, FileStore) throws -> Void) throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            try MessageExplainerSyncAgreementTests.addMessages(f)
            try body(f, try FileStore(root: f.store))
        }
    }

    @Test func aContactListAdmitsOnlyTheRecordsItNames() throws {
        try withExtraMessages { _, store in
            let liz = try explain(store, "liz.abbot@example.com", "07700 100001", id: "T-LIZ-ONLY")
            #expect(liz.seen)
            #expect(liz.contactsNamed == ["GA-C-LIZ"])
            #expect(
                liz.text().contains(
                    "✓ limited to 1 contact record of the students in its audience, among them this parent's GA-C-LIZ"))
            let david = try explain(store, "david.abbot@example.com", "07700 100011", id: "T-LIZ-ONLY")
            #expect(!david.seen && david.contactsNamed == [])
            #expect(
                david.whyNot.contains(
                    "the message is limited to other contacts: its contacts list names none of the records that identify this parent"
                ))
            #expect(
                david.text().contains(
                    "✗ limited to 1 contact record of the students in its audience, none of them this parent's"))
            #expect(!david.text().contains("GA-C-LIZ"))  // never names other people's records
            // The child's reason is in the JSON's "reasons" as in the text (it was `[]` there).
            let child = "in the audience, but the contacts list leaves this parent out"
            #expect(david.text().contains(child))
            let json = JSONWriter().string(david.json())
            #expect(json.contains(child), "\(json)")
            // A list naming one of two duplicate records reaches the person.
            let sarah = try explain(store, "sarah.patel@example.com", "07700 100002", id: "T-SARAH-2")
            #expect(sarah.seen && sarah.contactsNamed == ["GA-C-SARAH-2"])
            // as sync files it: the whole school
            #expect(sarah.concerned.map(\.child.student) == ["GA-AISHA", "GA-ROHAN"])
        }
    }

    /// A line break in a store value (a sender written as two lines) shows
    /// as `^J` on its own line: it never forges a line of the report
    /// ("✓ read at …" under a message nobody read).
    @Test func aLineBreakInAStoreValueCannotForgeAReportLine() throws {
        try withExtraMessages { f, store in
            let forged = SchoolMessage(
                id: "T-FORGED", category: .general, sender: "Mrs Okafor)\n  ✓ read at 2026-03-18T09:00:00Z (receipt",
                sentAt: Timestamp.parse("2026-03-17T09:00:00Z")!, subject: "Trip letter", body: "x")
            try f.writer.send(forged, scope: .group("9A"), school: "green-abbey", zone: F.london)
            let text = try explain(store, "liz.abbot@example.com", "07700 100001", id: "T-FORGED").text()
            #expect(text.contains("from Mrs Okafor)^J  ✓ read at 2026-03-18T09:00:00Z (receipt)"), "\(text)")
            #expect(!text.split(separator: "\n").contains { $0.hasPrefix("  ✓ read at") }, "\(text)")
        }
    }

    @Test func aMessageIsSeenOnlyFromItsPublication() throws {
        try withExtraMessages { _, store in
            let before = try explain(store, "liz.abbot@example.com", "07700 100001", id: "T-LATER")
            #expect(!before.seen && !before.visibleAtNow)
            #expect(before.whyNot == ["not published until 2026-03-19T11:00:00Z"])
            #expect(before.text().contains("not visible at this time (parents see it from 2026-03-19T11:00:00Z)"))
            #expect(before.children.first { $0.child.student == "GA-BEN" }?.inAudience == true)
            let after = try explain(store, "liz.abbot@example.com", "07700 100001", id: "T-LATER", at: Self.nextDay)
            #expect(after.seen && after.visibleAtNow)
        }
    }

    @Test func theDeviceSaysWhetherTheAppSyncedAndOpenedItWithoutChangingAFile() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let located = try #require(
                try MessageLookup(store: try FileStore(root: f.store), schools: ["green-abbey"]).byID("GA-DEMO-3").first
            )
            func read(_ email: String = "liz.abbot@example.com", data: String? = nil) throws -> DeviceRecord {
                try DeviceRecord.read(
                    dataDirectory: data ?? f.dataDirectory, email: email, located: located, zone: F.london,
                    files: PosixFileLayer())
            }
            var device = try read()
            #expect(device.session == .thisParent(contacts: ["GA-C-LIZ"]) && device.model == .none && !device.synced)

            let engine = try f.engine()
            _ = try engine.sync()
            let before = dir.walk().map { "\($0.path) \($0.mode)" }
            device = try read()
            #expect(device.model == .present && device.synced && device.children == ["GA-BEN"])
            #expect(device.lastSync == DemoStoreCopy.now && !device.readOnDevice)
            #expect(dir.walk().map { "\($0.path) \($0.mode)" } == before)  // read-only

            _ = try engine.markRead(MessageRef(school: "green-abbey", id: "GA-DEMO-3"))
            #expect(try read().readOnDevice)
            #expect(try read("David.Abbot@example.com").session == .anotherParent)
            #expect(try read(data: dir.file("nobody-here")).session == .none)

            // Explained with the device, the text says so.
            let store = try FileStore(root: f.store)
            let match = try IdentityMatcher(store: store).match(
                email: "liz.abbot@example.com", mobile: "07700 100001", at: DemoStoreCopy.now)
            let text = try MessageExplainer(store: store).explain(
                located, match: match, at: DemoStoreCopy.now, device: try read()
            ).text()
            #expect(text.contains("✓ this parent is logged in there, syncing GA-C-LIZ at Green Abbey School"))
            #expect(
                text.contains(
                    "✓ synced: the local model holds it for Ben Abbot (9A) (last sync of Green Abbey School 2026-03-18T10:42:00Z)"
                ))
            #expect(text.contains("✓ opened on this device"))
            #expect(!text.contains("this device's data is as it stands now"))
            // Asked as of an hour before: the device's facts are said to be
            // today's (a sync after --now beside "no read receipt" then read
            // as a contradiction).
            let earlier = DemoStoreCopy.now.addingTimeInterval(-3600)
            let asOf = try MessageExplainer(store: store).explain(
                located, match: match, at: earlier, device: try read()
            ).text()
            #expect(asOf.contains("(this device's data is as it stands now, synced after"), "\(asOf)")
        }
    }

    @Test func aMessagePublishedAfterTheLastSyncIsNotSyncedYet() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            _ = try f.engine().sync()
            f.clock.advance(by: 600)
            try f.send("T-NEW", to: .group("9A"))
            let store = try FileStore(root: f.store)
            let located = try #require(try MessageLookup(store: store, schools: ["green-abbey"]).byID("T-NEW").first)
            let device = try DeviceRecord.read(
                dataDirectory: f.dataDirectory, email: "liz.abbot@example.com", located: located,
                zone: F.london, files: PosixFileLayer())
            #expect(!device.synced)
            let match = try IdentityMatcher(store: store).match(
                email: "liz.abbot@example.com", mobile: "07700 100001", at: f.clock.now())
            let e = try MessageExplainer(store: store).explain(located, match: match, at: f.clock.now(), device: device)
            #expect(e.seen)
            #expect(
                e.text().contains(
                    "✗ not synced yet: published after the last sync (last sync of Green Abbey School 2026-03-18T10:42:00Z); the next sync brings it"
                ))
        }
    }

    /// A message added by hand after the last sync but dated before it (a
    /// school back-dating an entry): not on the device, and doctor says
    /// why, its file changed since that sync (it said "not in the local
    /// model" and nothing more, beside "the app shows it since").
    @Test func aMessageBackDatedAfterTheLastSyncIsSaidAsItsFileChanged() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            _ = try f.engine().sync()
            try f.send("T-OLD", to: .group("9A"), at: f.clock.now().addingTimeInterval(-600))
            let store = try FileStore(root: f.store)
            let located = try #require(try MessageLookup(store: store, schools: ["green-abbey"]).byID("T-OLD").first)
            func device(_ root: String?) throws -> DeviceRecord {
                try DeviceRecord.read(
                    dataDirectory: f.dataDirectory, email: "liz.abbot@example.com", located: located,
                    zone: F.london, files: PosixFileLayer(), storeRoot: root)
            }
            #expect(try device(f.store).fileChangedSinceSync == true)
            #expect(try device(nil).fileChangedSinceSync == nil)
            let match = try IdentityMatcher(store: store).match(
                email: "liz.abbot@example.com", mobile: "07700 100001", at: f.clock.now())
            let e = try MessageExplainer(store: store).explain(
                located, match: match, at: f.clock.now(), device: try device(f.store))
            #expect(
                e.text().contains(
                    "✗ not synced yet: its file (schools/green-abbey/messages/2025-26/group-9A.json) changed after the last sync"
                ), "\(e.text())")
            #expect(e.json()["device"]?["fileChangedSinceSync"] == .bool(true))
            // Synced, it is there, and nothing is said of its file.
            f.clock.advance(by: 60)
            _ = try f.engine().sync()
            #expect(try device(f.store).synced && (try device(f.store)).fileChangedSinceSync == nil)
        }
    }

    @Test func readReceiptsAndRepliesInTheStoreAreFound() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            _ = try engine.sync()
            let ref = MessageRef(school: "green-abbey", id: "GA-DEMO-2")
            _ = try engine.markRead(ref)
            _ = try engine.reply(to: ref, body: "10:40 is fine.")
            f.clock.advance(by: 60)
            _ = try engine.sendOutbox()
            let e = try explain(
                try FileStore(root: f.store), "liz.abbot@example.com", "07700 100001", id: "GA-DEMO-2",
                at: f.clock.now())
            #expect(e.receipts.count == 1 && e.receipts[0].readAt == DemoStoreCopy.now)
            #expect(e.replies.count == 1 && e.replies[0].topic == "Re: Ben's Year 9 options interview")
            let text = e.text()
            #expect(text.contains("✓ read at 2026-03-18T10:42:00Z (read receipt from GA-C-LIZ)"))
            #expect(text.contains("✓ replied at 2026-03-18T10:42:00Z (topic \"Re: Ben's Year 9 options interview\")"))
            #expect(!text.contains("10:40 is fine"))  // what the parent wrote stays in the inbox
            // David, on the same children, did not read it.
            let david = try explain(
                try FileStore(root: f.store), "david.abbot@example.com", "07700 100011", id: "GA-DEMO-2",
                at: f.clock.now())
            #expect(david.receipts.isEmpty && david.replies.isEmpty)
            // Asked about a moment before she read and replied: neither yet
            // (an as-of look showed "✓ read" beside "not visible at this time").
            let before = try explain(
                try FileStore(root: f.store), "liz.abbot@example.com", "07700 100001", id: "GA-DEMO-2",
                at: DemoStoreCopy.now.addingTimeInterval(-60))
            #expect(before.receipts.isEmpty && before.replies.isEmpty)
        }
    }

    @Test func theBackupSMSAppliesOnlyWithoutARegistrationWhenItWasDue() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)  // logging in registered Liz at both schools, at 10:42 on the 18th
            let store = try FileStore(root: f.store)
            // A message sent after the app registered: it goes to the app.
            _ = try f.send("GA-AFTER", to: .student("GA-BEN"), at: Self.now.addingTimeInterval(600))
            var e = try explain(
                store, "liz.abbot@example.com", "07700 100001", id: "GA-AFTER", at: Self.now.addingTimeInterval(3600))
            #expect(!e.backupSMS.applies && e.backupSMS.registeredRecords == ["GA-C-LIZ"])
            #expect(
                e.backupSMS.detail(disclosure: .asHeld, visibleFrom: e.message.visibleFrom, zone: F.london)
                    .hasSuffix(
                        "the store holds a notification registration for GA-C-LIZ (registered 2026-03-18T10:42:00Z), so the Xpression goes to the app and no SMS applies"
                    ))
            // Sent the day before the app registered: the SMS went at 16:35, before the app was there.
            e = try explain(store, "liz.abbot@example.com", "07700 100001", id: "GA-DEMO-3")
            #expect(e.backupSMS.applies && e.backupSMS.registrations.isEmpty)
            #expect(e.backupSMS.laterRegistration == Self.now)
            #expect(
                e.text().contains(
                    "an SMS would have gone to \"07700 100001\" at 2026-03-17T16:35:00Z; the app registered at 2026-03-18T10:42:00Z, after it was due"
                ))
            #expect(e.json()["backupSMS"]?["registeredLater"] == .string("2026-03-18T10:42:00Z"))
            // Asked at a moment before the SMS was due: it has not gone yet,
            // and the registration made the next day is not there yet.
            let early = try explain(
                store, "liz.abbot@example.com", "07700 100001", id: "GA-DEMO-3",
                at: Timestamp.parse("2026-03-17T16:20:00Z")!)
            #expect(!early.backupSMS.applies && early.backupSMS.laterRegistration == nil)
            #expect(
                early.text().contains(
                    "an SMS goes to \"07700 100001\" at 2026-03-17T16:35:00Z, unless an app registers"),
                "\(early.text())")

            try FileManager.default.removeItem(
                atPath: "\(f.store)/schools/green-abbey/registrations/\(f.session.id).json")
            e = try explain(store, "liz.abbot@example.com", "07700 100001", id: "GA-DEMO-3")
            #expect(e.backupSMS.applies && e.backupSMS.numbers == ["07700 100001"] && e.backupSMS.afterMinutes == 30)
            #expect(e.text().contains("an SMS would have gone to \"07700 100001\" at 2026-03-17T16:35:00Z"))
            let redacted = try explain(
                store, "liz.abbot@example.com", "07700 100001", id: "GA-DEMO-3", disclosure: .redacted)
            #expect(
                redacted.text().contains("an SMS would have gone to \"07*** ****01\"")
                    && !redacted.text().contains("100001"))

            // Sarah's duplicate records write her one mobile two ways: one SMS, to the number once.
            let sarah = try explain(store, "sarah.patel@example.com", "07700 100002", id: "M2025-001245")
            #expect(sarah.backupSMS.addressedRecords.count == 2)
            #expect(sarah.backupSMS.numbers == ["07700 100002"])

            // Riverside Primary sends no backup SMS.
            let riverside = try explain(store, "liz.abbot@example.com", "07700 100001", id: "M2025-000773")
            #expect(riverside.seen && riverside.backupSMS.afterMinutes == nil && !riverside.backupSMS.applies)
            // And whether the app could have been told, the other half of "why
            // didn't he see it": a parent who never logged in has no registration.
            // Liz's app registered at her login, after this message was published:
            // it was not told of it then (the audit's case: "so the app was told").
            #expect(riverside.backupSMS.registrations.isEmpty && riverside.backupSMS.laterRegistration != nil)
            #expect(
                riverside.text().contains("the school sends no backup SMS")
                    && riverside.text().contains("when it was published (the app registered at"))
            for file in try FileManager.default.contentsOfDirectory(
                atPath: "\(f.store)/schools/riverside-primary/registrations")
            {
                try FileManager.default.removeItem(atPath: "\(f.store)/schools/riverside-primary/registrations/\(file)")
            }
            let unregistered = try explain(store, "liz.abbot@example.com", "07700 100001", id: "M2025-000773")
            #expect(
                unregistered.text().contains("this parent has no app logged in to be told"), "\(unregistered.text())")
            #expect(unregistered.text().contains("there when they log in"))
            // A parent whose details cannot log in has no "when they log in"
            // to wait for (doctor said so, then "cannot log in there").
            let sms = BackupSMS(
                afterMinutes: nil, addressedRecords: ["C1"], registrations: [], numbers: [], published: true)
            let cannot = sms.detail(disclosure: .redacted, visibleFrom: Date(), zone: .utc, canLogIn: false)
            #expect(cannot.contains("these details cannot log in to read it") && !cannot.contains("when they log in"))
            // Not addressed to the parent: no SMS either.
            let other = try explain(
                store, "liz.abbot@example.com", "07700 100001", id: "M2024-000227", school: "green-abbey")
            #expect(other.backupSMS.addressedRecords.isEmpty && !other.backupSMS.applies)
            // A record without parental responsibility is shown nothing, so
            // sent no SMS either (doctor said one went to Margaret).
            let margaret = try explain(store, "margaret.abbot@example.com", "07700 100012", id: "GA-DEMO-3")
            #expect(!margaret.seen)
            #expect(margaret.backupSMS.addressedRecords.isEmpty && !margaret.backupSMS.applies)
            #expect(!margaret.text().contains("an SMS would have gone to"))
        }
    }

    // MARK: - Finding the message

    @Test func aSubjectMatchesIgnoringCaseAccentsAndSpacing() throws {
        let siobhan: Set<ChildRef> = [
            ChildRef(school: "green-abbey", student: "GA-ZOE"), ChildRef(school: "green-abbey", student: "GA-SEAN"),
        ]
        let lookup = MessageLookup(store: demo, schools: ["green-abbey"])
        #expect(
            try lookup.bySubject("  ZOE is   not in SCHOOL ", children: siobhan).map(\.message.id) == ["M2025-001442"])
        // Another family's personal messages are not searched.
        #expect(try lookup.bySubject("Zoë is not in school", children: []).isEmpty)
        // An exact subject wins over subjects containing it.
        #expect(
            try lookup.bySubject("maths homework: SIMULTANEOUS equations", children: []).map(\.message.id) == [
                "GA-DEMO-3"
            ])
        let several = try lookup.bySubject("simultaneous", children: [])
        #expect(several.map(\.message.id).contains("GA-DEMO-3"))
        let pe = try lookup.bySubject("pe project", children: [])
        #expect(pe.count > 2)
        #expect(zip(pe, pe.dropFirst()).allSatisfy { $0.message.sentAt >= $1.message.sentAt })  // newest first
        #expect(MessageLookup.fold("Zoë  O’Brien\u{FF21}") == "zoe obriena")
        // Punctuation as support types it (or does not): the audit's misses.
        #expect(MessageLookup.fold("Leo : rendez-vous café") == MessageLookup.fold("leo: rendez-vous cafe"))
        #expect(MessageLookup.fold("rendez vous cafe") == "rendez vous cafe")
        #expect(MessageLookup.fold("Ben's Year 9 options") == MessageLookup.fold("ben’s year 9 options"))
        #expect(MessageLookup.fold("bens year 9") == "bens year 9")
        #expect(
            try lookup.bySubject("Maths homework simultaneous equations", children: []).map(\.message.id) == [
                "GA-DEMO-3"
            ])
    }
}
