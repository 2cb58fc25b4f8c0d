import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

@Suite struct OutboxTests {
    typealias F = SyncFixture

    static func inbox(_ f: F, _ school: String = "green-abbey") throws -> [InboxItem] {
        try f.writer.inbox(school: school)
    }

    /// The school unlinks a child (parental responsibility removed) after
    /// a message about them was queued: the outbox, which goes before the
    /// school's data is read, sends nothing about that child (it sent the
    /// message); a message about two goes about the one still linked.
    @Test func nothingIsSentAboutAChildTheSchoolUnlinked() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let aboutBen = try engine.compose(
                school: "green-abbey", topic: "Absence", body: "Ben is unwell?", children: [F.ben])
            let aboutBoth = try engine.compose(
                school: "green-abbey", topic: "Absence", body: "Both are unwell.", children: [F.ben, F.amy])
            // Saved with the school's name, said if the school later leaves the device.
            #expect(
                try Outbox(dataDirectory: f.dataDirectory, files: PosixFileLayer()).item(aboutBen.key)?.schoolName
                    == "Green Abbey School")
            try IdentityRecheckTests.edit(f, IdentityRecheckTests.greenAbbey, "GA-C-LIZ") { record in
                guard case .array(let links)? = record["students"] else { return record }
                return record.setting(
                    "students",
                    .array(
                        links.map { link in
                            link["student"] == .string("GA-BEN")
                                ? link.setting("parentalResponsibility", .bool(false)) : link
                        }))
            }
            f.clock.advance(by: 60)
            let report = try engine.sync()
            #expect(report.outbox.failed.map(\.key) == [aboutBen.key])
            guard case .failed(let reason)? = report.outbox.failed.first?.state else {
                Issue.record("not failed")
                return
            }
            #expect(reason.hasPrefix("Green Abbey School no longer lists you for the child it is about"))
            let filed = try Self.inbox(f)
            #expect(filed.map(\.key) == [aboutBoth.key])
            #expect(filed.first?.students == ["GA-AMY"])
        }
    }

    /// The summary counts what the parent wrote: a read receipt sent with a
    /// message is said apart ("2 sent" read as more than was waiting).
    @Test func theSummaryCountsReadReceiptsApart() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            _ = try engine.compose(school: "green-abbey", topic: "Absence", body: "Ben is unwell?")
            try engine.markRead(try #require(engine.snapshot.timeline(TimelineQuery(unreadOnly: true)).first).ref)
            let report = try engine.sync()
            #expect(report.summaryLines.contains("outbox: 1 sent, 0 queued, 0 failed; 1 read receipt sent"))
        }
    }

    @Test func composingChecksTheSchoolsSettings() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            #expect(
                throws: ComposeError.unknownTopic(
                    "Parking", offered: ["Absence", "General enquiry", "Homework", "Trips and payments", "Uniform"])
            ) {
                try engine.compose(school: "green-abbey", topic: "Parking", body: "Hello")
            }
            #expect(throws: ComposeError.incomingDisabled(schoolName: "Riverside Primary School")) {
                try engine.compose(school: "riverside-primary", topic: "Absence", body: "Hello")
            }
            #expect(throws: ComposeError.emptyBody) {
                try engine.compose(school: "green-abbey", topic: "Absence", body: " \n ")
            }
            #expect(throws: ComposeError.bodyTooLong(limit: 4000)) {
                try engine.compose(school: "green-abbey", topic: "Absence", body: String(repeating: "a", count: 4001))
            }
            #expect(throws: ComposeError.unknownChild(F.tom)) {
                try engine.compose(school: "green-abbey", topic: "Absence", body: "Hello", children: [F.tom])
            }
            #expect(throws: ComposeError.unknownSchool("elsewhere")) {
                try engine.compose(school: "elsewhere", topic: "Absence", body: "Hi")
            }
            let riversideMessage = try #require(engine.snapshot.timeline(TimelineQuery(child: F.tom)).first?.ref)
            #expect(throws: ComposeError.incomingDisabled(schoolName: "Riverside Primary School")) {
                try engine.reply(to: riversideMessage, body: "Thank you")
            }
            #expect(try engine.outbox.items().isEmpty)
            #expect(ComposeError.emptyBody.description == "Write your message first.")
        }
    }

    @Test func aMessageIsSavedBeforeItIsQueuedAndDeliveredExactlyOnce() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let item = try engine.compose(
                school: "green-abbey", topic: "Absence", body: "  Ben has a dentist appointment on Friday at 2pm.  ",
                children: [F.ben])
            // Durable before "queued": another instance reads it back from disk.
            let onDisk = try #require(
                try Outbox(dataDirectory: f.dataDirectory, files: PosixFileLayer()).item(item.key))
            #expect(onDisk.state == .queued)
            #expect(onDisk.body == "Ben has a dentist appointment on Friday at 2pm.")
            #expect(engine.snapshot.outbox.map(\.key) == [item.key])
            #expect(engine.snapshot.unsentCount == 1)
            #expect(try Self.inbox(f).isEmpty)

            f.clock.advance(by: 60)
            let report = try engine.sync()
            #expect(report.outbox.sent.map(\.key) == [item.key])
            let filed = try Self.inbox(f)
            #expect(filed.map(\.key) == [item.key])
            #expect(filed.first?.topic == "Absence")
            #expect(filed.first?.students == ["GA-BEN"])
            #expect(filed.first?.contacts == ["GA-C-LIZ"])
            #expect(filed.first?.inReplyTo == nil)
            #expect(engine.snapshot.outbox.first?.state == .sent(at: f.clock.now()))
            #expect(engine.snapshot.unsentCount == 0)

            // Sending again, syncing again: still exactly one.
            try engine.sendOutbox()
            try engine.sync()
            #expect(try Self.inbox(f).map(\.key) == [item.key])
        }
    }

    @Test func aReplyNamesTheMessageAndItsChildren() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let ref = MessageRef(school: "green-abbey", id: "GA-DEMO-2")
            let item = try engine.reply(to: ref, body: "Tuesday at 10:40 is fine, thank you.")
            #expect(item.kind == .reply)
            try engine.sendOutbox()
            let filed = try #require(try Self.inbox(f).first)
            #expect(filed.key == item.key)
            #expect(filed.inReplyTo == "GA-DEMO-2")
            #expect(filed.topic == "Re: Ben's Year 9 options interview")
            #expect(filed.students == ["GA-BEN"])
            #expect(throws: ComposeError.unknownMessage(MessageRef(school: "green-abbey", id: "NOPE"))) {
                try engine.reply(to: MessageRef(school: "green-abbey", id: "NOPE"), body: "Hi")
            }
        }
    }

    @Test func openingAMessageRecordsOneReadReceipt() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let ref = MessageRef(school: "green-abbey", id: "GA-DEMO-2")
            let unreadBefore = engine.snapshot.unreadCount(child: F.ben)
            let after = try engine.markRead(ref)
            #expect(after.message(ref)?.isUnread == false)
            #expect(after.unreadCount(child: F.ben) == unreadBefore - 1)
            try engine.markRead(ref)  // opened again
            #expect(try engine.outbox.items().filter { $0.kind == .receipt }.count == 1)
            // Saved in the model: a restarted app shows it read.
            #expect(try f.engine().snapshot.message(ref)?.isUnread == false)

            try engine.sync()
            let receipts = try f.writer.receipts(school: "green-abbey")
            #expect(receipts.map(\.message) == ["GA-DEMO-2"])
            #expect(receipts.first?.contacts == ["GA-C-LIZ"])
            // Once the model holds the read state, the sent receipt leaves the outbox.
            #expect(try engine.outbox.items().isEmpty)
            try engine.markRead(ref)
            try engine.sync()
            #expect(try f.writer.receipts(school: "green-abbey").count == 1)
            #expect(engine.snapshot.message(ref)?.isUnread == false)
        }
    }

    /// The parent logs in again (here: on a second device): a message they
    /// opened before starts read, and opening it again sends no second
    /// receipt (it came back unread, and a second receipt was filed).
    @Test func aMessageOpenedBeforeALoginStaysReadAndIsReceiptedOnce() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let ref = MessageRef(school: "green-abbey", id: "GA-DEMO-2")
            try engine.markRead(ref)
            try engine.sync()
            #expect(try f.writer.receipts(school: "green-abbey").count == 1)

            let again = try F(in: dir, dataName: "data-again")
            let second = try again.engine()
            try second.sync()
            #expect(second.snapshot.message(ref)?.isUnread == false, "read before: read here too")
            try second.markRead(ref)
            try second.sync()
            #expect(try f.writer.receipts(school: "green-abbey").count == 1, "one receipt, as the README says")
        }
    }

    @Test func aSchoolThatTurnsOffMessagesFailsItWithAReasonAndRetryingWorksLater() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let item = try engine.compose(school: "green-abbey", topic: "Uniform", body: "Is the blue jumper allowed?")
            let schoolFile = StoreLayout.schoolFile("green-abbey")
            let original = try f.read(schoolFile)
            try f.overwrite(
                schoolFile,
                with: original.replacingOccurrences(of: "\"incomingEnabled\": true", with: "\"incomingEnabled\": false")
            )
            let report = try engine.sync()
            #expect(report.outbox.failed.map(\.key) == [item.key])
            guard case .failed(let reason)? = engine.snapshot.outbox.first?.state else {
                Issue.record("not failed")
                return
            }
            #expect(reason.contains("Green Abbey School has turned off messages from parents"))
            #expect(try Self.inbox(f).isEmpty)
            #expect(engine.snapshot.unsentCount == 1)
            #expect(report.summaryLines.contains { $0.hasPrefix("outbox: 0 sent, 0 queued, 1 failed") })
            try engine.sync()  // a failed item is not retried by itself
            #expect(try Self.inbox(f).isEmpty)

            try f.overwrite(schoolFile, with: original)
            try engine.retry(item.key)
            #expect(engine.snapshot.outbox.first?.state == .queued)
            try engine.sync()
            #expect(try Self.inbox(f).map(\.key) == [item.key])

            // A topic the school withdrew.
            let other = try engine.compose(school: "green-abbey", topic: "Homework", body: "Which exercise?")
            try f.overwrite(schoolFile, with: original.replacingOccurrences(of: "\"Homework\", ", with: ""))
            try engine.sendOutbox()
            guard case .failed(let why)? = try engine.outbox.item(other.key)?.state else {
                Issue.record("not failed")
                return
            }
            #expect(why.contains("no longer offers the topic \"Homework\""))
            try engine.discard(other.key)
            #expect(try engine.outbox.item(other.key) == nil)
        }
    }

    @Test func anUnreachableStoreKeepsItemsQueuedWithTheReason() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let item = try engine.compose(
                school: "green-abbey", topic: "Absence", body: "Amy is unwell today.", children: [F.amy])
            try FileManager.default.moveItem(atPath: f.store, toPath: f.store + ".away")
            let report = try engine.sendOutbox()
            #expect(report.retrying.map(\.key) == [item.key])
            let queued = try #require(try engine.outbox.item(item.key))
            #expect(queued.state == .queued)
            #expect(queued.attempts == 1)
            #expect(queued.lastError?.contains("will be sent later") == true)
            try FileManager.default.moveItem(atPath: f.store + ".away", toPath: f.store)
            try engine.sync()
            #expect(try Self.inbox(f).map(\.key) == [item.key])
            #expect(try engine.outbox.item(item.key)?.lastError == nil)
        }
    }

    /// Something that is not a record where the message's file belongs (a
    /// directory made by hand), or an inbox that is a link leading outside
    /// the store: the message stays queued with the reason, never "Sent"
    /// while the school cannot see it, and nothing is written outside.
    @Test func aMessageIsNeverSentIntoSomethingTheSchoolDoesNotRead() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let item = try engine.compose(
                school: "green-abbey", topic: "Absence", body: "Amy is unwell today.", children: [F.amy])
            let inbox = "\(f.store)/\(StoreLayout.inboxDirectory("green-abbey"))"
            try FileManager.default.createDirectory(
                atPath: "\(inbox)/\(item.key).json", withIntermediateDirectories: true)
            let report = try engine.sendOutbox()
            #expect(report.sent.isEmpty)
            let queued = try #require(try engine.outbox.item(item.key))
            #expect(queued.state == .queued)
            #expect(queued.lastError?.contains("is a directory") == true)

            // The inbox a link to a folder outside the store.
            try FileManager.default.removeItem(atPath: inbox)
            let outside = dir.file("elsewhere")
            try FileManager.default.createDirectory(
                atPath: outside, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            try FileManager.default.createSymbolicLink(atPath: inbox, withDestinationPath: outside)
            let again = try engine.sendOutbox()
            #expect(again.sent.isEmpty)
            #expect(try engine.outbox.item(item.key)?.state == .queued)
            #expect(try engine.outbox.item(item.key)?.lastError?.contains("outside the store") == true)
            #expect(try FileManager.default.contentsOfDirectory(atPath: outside).isEmpty)
            // Nor is the folder outside touched (making the directory set 0700 through the link).
            #expect(try FileManager.default.attributesOfItem(atPath: outside)[.posixPermissions] as? Int == 0o755)

            // Put right: sent once.
            try FileManager.default.removeItem(atPath: inbox)
            #expect(try engine.sendOutbox().sent.map(\.key) == [item.key])
            #expect(try Self.inbox(f).map(\.key) == [item.key])
        }
    }

    @Test func anItemTheStoreAlreadyHoldsIsMarkedSentNotFiledAgain() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let item = try engine.compose(school: "green-abbey", topic: "Absence", body: "Ben will be late.")
            // An earlier attempt got through, then the app died before marking it sent.
            #expect(try f.writer.deliver(item.inboxItem, school: "green-abbey", zone: F.london))
            // Even with the school's messages turned off since, it counts as sent.
            let schoolFile = StoreLayout.schoolFile("green-abbey")
            try f.overwrite(
                schoolFile,
                with: try f.read(schoolFile).replacingOccurrences(
                    of: "\"incomingEnabled\": true", with: "\"incomingEnabled\": false"))
            let report = try engine.sendOutbox()
            #expect(report.sent.map(\.key) == [item.key])
            #expect(try Self.inbox(f).map(\.key) == [item.key])
        }
    }

    @Test func loggingOutCountsWhatIsUnsentSendsItAndWipes() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let coordinator = SyncCoordinator(engine: try f.engine())
            coordinator.start(.opening)
            coordinator.waitUntilIdle()
            _ = try coordinator.engine.compose(school: "green-abbey", topic: "Absence", body: "Off sick.")
            _ = try coordinator.engine.compose(school: "green-abbey", topic: "Uniform", body: "Lost jumper.")
            try coordinator.engine.markRead(MessageRef(school: "green-abbey", id: "GA-DEMO-2"))
            #expect(coordinator.unsentCount == 2)  // receipts are not counted
            let sent = try coordinator.sendNow()
            #expect(sent.sent.count == 3)
            #expect(coordinator.unsentCount == 0)
            #expect(try Self.inbox(f).count == 2)
            #expect(try coordinator.logOut() == .loggedOut(unregistered: true))
            #expect(!FileManager.default.fileExists(atPath: "\(f.dataDirectory)/outbox"))
            #expect(!FileManager.default.fileExists(atPath: "\(f.dataDirectory)/model"))
            #expect(try f.account.loadSession() == nil)
        }
    }
}
