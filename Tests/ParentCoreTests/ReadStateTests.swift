import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// The read state as a parent meets it: a first login does not bury them
/// in years of unread history, "mark all read" and "mark unread" change
/// only what the parent sees (the school hears only of messages opened),
/// and a message marked unread stays so through syncs and restarts.
@Suite struct ReadStateTests {
    func receipts(_ engine: SyncEngine) throws -> [OutboxItem] {
        try engine.outbox.items().filter { $0.kind == .receipt }
    }

    @Test func theFirstSyncMarksMessagesOverAFortnightOldReadWithoutReceipts() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            let engine = try f.engine()
            let report = try engine.sync()
            let cutoff = f.clock.now().addingTimeInterval(-14 * 86_400)
            let model = engine.snapshot
            let all = model.timeline()
            #expect(all.count > 0)
            for m in model.index.messages {
                let published = m.message.publishedAt ?? m.message.sentAt
                #expect(model.message(m.ref)?.isUnread == (published >= cutoff), "\(m.message.subject) \(published)")
            }
            let marked = report.schools.reduce(0) { $0 + $1.historyMarkedRead }
            #expect(marked == all.filter { !$0.isUnread }.count && marked > 0)
            // Said on Home for a day, whichever process synced: the app
            // opened after `xpressions sync` did the first sync finds it
            // (Home never said it), and never among the identity notes.
            let opened = try f.engine().snapshot
            #expect(
                opened.historyNotices.compactMap(\.history).sorted()
                    == report.schools.filter { $0.historyMarkedRead > 0 }.map(\.historyMarkedRead).sorted())
            #expect(opened.historyNotices.first?.text.contains("over 14 days old start read") == true)
            // Each names its school (Home sums them, and leaves a school gone).
            #expect(
                Set(opened.historyNotices.compactMap(\.school))
                    == Set(report.schools.filter { $0.historyMarkedRead > 0 }.map(\.school)))
            #expect(opened.identityNotices.isEmpty)
            #expect(model.unreadCount() == all.count - marked && model.unreadCount() > 0)
            #expect(try receipts(engine).isEmpty)

            // Later syncs leave what arrives unread, however old its date.
            try f.send("LATE-OLD", to: .school, at: f.clock.now().addingTimeInterval(-40 * 86_400))
            let again = try engine.sync()
            #expect(again.schools.allSatisfy { $0.historyMarkedRead == 0 })
            #expect(engine.snapshot.message(MessageRef(school: "green-abbey", id: "LATE-OLD"))?.isUnread == true)
        }
    }

    @Test func markAllReadChangesOnlyWhatTheParentSees() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let bens = engine.snapshot.timeline(TimelineQuery(child: SyncFixture.ben, unreadOnly: true))
            #expect(bens.count > 1)
            let (model, marked) = try engine.markAllRead(bens.refs)
            #expect(marked == bens.count)
            #expect(model.unreadCount(child: SyncFixture.ben) == 0)
            #expect(model.unreadCount(child: SyncFixture.tom) > 0, "another child's messages stay unread")
            #expect(try receipts(engine).isEmpty, "no read receipts for messages never opened")
            // Nothing to mark a second time.
            #expect(try engine.markAllRead(bens.refs).marked == 0)
            // A restarted app sees the same.
            #expect(try f.engine().snapshot.unreadCount(child: SyncFixture.ben) == 0)
        }
    }

    /// The audit's case: a message marked read by "mark all read" (or the
    /// first login's history) and opened later never told the school, so
    /// doctor --message said the parent never read it. Opening it sends the
    /// receipt, once.
    @Test func openingAMessageMarkedReadWithoutReadingSendsItsReceiptOnce() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let bens = engine.snapshot.timeline(TimelineQuery(child: SyncFixture.ben, unreadOnly: true))
            let ref = try #require(bens.refs.first)
            _ = try engine.markAllRead(bens.refs)
            #expect(try receipts(engine).isEmpty)
            let directory = "\(f.store)/schools/\(ref.school)/receipts"
            let before = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            try engine.markRead(ref)  // opened
            #expect(try receipts(engine).map(\.message) == [ref.id])
            try engine.sync()
            let stored = try FileManager.default.contentsOfDirectory(atPath: directory)
            #expect(stored.count == before.count + 1)
            // Opened again: nothing more (the store has it).
            try engine.markRead(ref)
            #expect(try receipts(engine).filter { $0.message == ref.id && $0.isUnsent }.isEmpty)
            try engine.sync()
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == stored)
        }
    }

    @Test func aMessageMarkedUnreadStaysUnreadThroughSyncsAndRestartsUntilOpened() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let ref = try #require(engine.snapshot.timeline(TimelineQuery(unreadOnly: true)).first).ref
            try engine.markRead(ref)
            #expect(try receipts(engine).count == 1)
            let before = engine.snapshot.unreadCount()
            let model = try engine.markUnread(ref)
            #expect(model.message(ref)?.isUnread == true)
            #expect(model.unreadCount() == before + 1)
            try engine.sync()  // the receipt goes; the mark stays
            #expect(engine.snapshot.message(ref)?.isUnread == true)
            #expect(try f.engine().snapshot.message(ref)?.isUnread == true)
            // Opened again: read, and no second receipt is queued (one was,
            // and the next sync said "1 read receipt sent" for nothing).
            let queuedBefore = try engine.outbox.items().filter { $0.kind == .receipt }.count
            try engine.markRead(ref)
            #expect(try engine.outbox.items().filter { $0.kind == .receipt }.count == queuedBefore)
            #expect(try engine.sync().outbox.sent.filter { $0.kind == .receipt }.isEmpty)
            #expect(engine.snapshot.message(ref)?.isUnread == false)
            #expect(try f.engine().snapshot.message(ref)?.isUnread == false)
        }
    }

    @Test func theReadPartKeepsMarksOfUnreadAndReadsOlderModelsWithout() throws {
        let part = ReadPart(read: ["a/1", "a/2"], unread: ["a/2"])
        #expect(try Self.decode(part.encode()) == part)
        #expect(try Self.decode(Array(#"{"part": "read", "read": ["a/1"]}"#.utf8)) == ReadPart(read: ["a/1"]))
    }

    static func decode(_ bytes: [UInt8]) throws -> ReadPart? {
        FieldReader(try JSONParser.parse(bytes), file: "read.json", record: nil, problems: ProblemList()).flatMap(
            ReadPart.decode)
    }
}
