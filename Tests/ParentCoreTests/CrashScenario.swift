import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// The state before one sync that has everything to do, saved so it can be
/// restored before each crash: Liz's model filled at 10:42, then two
/// messages and a reply queued and a message opened (a read receipt); in
/// the store meanwhile the school sent a message to 9A, a message to the
/// whole school, removed Liz's link to Amy, and the afternoon marks came
/// out (the clock is at 14:20). (The messages are about Ben: nothing is
/// sent about a child the school unlinked.) The sync must send three items to the
/// inbox and one receipt, and write timeline, child and school parts, and
/// remove Amy's.
struct CrashScenario {
    let fixture: SyncFixture
    let keys: Set<String>
    let receiptKeys: Set<String>
    /// The model before the sync and after a sync that nothing interrupted.
    let before: ModelState
    let after: ModelState

    var dataDirectory: String { fixture.dataDirectory }
    var saved: String { fixture.directory.file("data.saved") }
    var inbox: String { "\(fixture.store)/schools/green-abbey/inbox" }
    var receipts: String { "\(fixture.store)/schools/green-abbey/receipts" }

    init(in directory: TestDirectory) throws {
        let f = try SyncFixture(in: directory)
        fixture = f
        let engine = try f.engine()
        try engine.sync()
        let a = try engine.compose(
            school: "green-abbey", topic: "Absence", body: "Ben has a dentist appointment on Friday at 2pm.")
        let b = try engine.compose(
            school: "green-abbey", topic: "Uniform", body: "Ben has lost his blazer.", children: [SyncFixture.ben])
        let c = try engine.reply(
            to: MessageRef(school: "green-abbey", id: "GA-DEMO-2"), body: "Tuesday at 10:40 is fine, thank you.")
        try engine.markRead(MessageRef(school: "green-abbey", id: "GA-DEMO-3"))
        keys = [a.key, b.key, c.key]
        receiptKeys = Set(try engine.outbox.items().filter { $0.kind == .receipt }.map(\.key))
        f.clock.set(Timestamp.parse("2026-03-18T14:20:00Z")!)
        try f.send("CRASH-1", to: .group("9A"), subject: "Science homework", category: .homework)
        try f.send("CRASH-2", to: .school, subject: "Snow: school open as normal", category: .emergency)
        try f.editRecords(StoreLayout.contactsFile("green-abbey")) { records in
            for i in records.indices where records[i]["id"] == .string("GA-C-LIZ") {
                guard case .array(let links)? = records[i]["students"] else { continue }
                records[i] = records[i].setting("students", .array(links.filter { $0["student"] != .string("GA-AMY") }))
            }
        }
        before = CrashScenario.content(
            try LocalModel(dataDirectory: f.dataDirectory, session: f.session.id, files: PosixFileLayer()).state)
        try FileManager.default.copyItem(atPath: f.dataDirectory, toPath: directory.file("data.saved"))

        // The sync nothing interrupts, for reference.
        let clean = try f.engine()
        let report = try clean.sync()
        guard report.isClean, report.outbox.sent.count == 4 else {
            throw SyncFixture.FixtureError("clean run: \(report.summaryLines)")
        }
        after = CrashScenario.content(clean.model.state)
        guard before != after else { throw SyncFixture.FixtureError("the scenario changes nothing") }
        try restore()
    }

    /// The model's content, without which files hold it.
    static func content(_ state: ModelState) -> ModelState {
        var s = state
        s.generation = 0
        s.files = [:]
        // What the inbox folders looked like when the reports were read: a
        // cache of the store's folders, which each run here makes afresh.
        for (id, part) in s.schools {
            var p = part
            p.reportsStamp = nil
            p.reportsSeenUpTo = nil
            s.schools[id] = p
        }
        return s
    }

    /// Back to the state before the sync.
    func restore() throws {
        try PosixFileLayer().removeTree(dataDirectory)
        try FileManager.default.copyItem(atPath: saved, toPath: dataDirectory)
        try PosixFileLayer().removeTree(inbox)
        try PosixFileLayer().removeTree(receipts)
    }

    func filed(_ directory: String) throws -> [String] {
        try PosixFileLayer().list(directory).filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
    }

    /// After a crash (or failure) at some point: the model on disk is the
    /// old state or the new one, never a mix, never empty; nothing queued
    /// was lost; the store holds nothing twice and nothing unknown.
    func checkAfterInterruption(_ label: String) throws {
        let model = try LocalModel(dataDirectory: dataDirectory, session: fixture.session.id, files: PosixFileLayer())
        #expect(model.damage == nil, "\(label): \(model.damage ?? "")")
        let content = CrashScenario.content(model.state)
        #expect(content == before || content == after, "\(label): the model is neither the old state nor the new one")
        let outbox = try Outbox(dataDirectory: dataDirectory, files: PosixFileLayer()).items()
        let queued = Set(outbox.map(\.key))
        #expect(keys.isSubset(of: queued), "\(label): an outbox item was lost")
        let inbox = try filed(inbox)
        #expect(Set(inbox).isSubset(of: keys), "\(label): the inbox holds something unknown")
        #expect(inbox.count == Set(inbox).count)
        let receipts = try filed(receipts)
        #expect(Set(receipts).isSubset(of: receiptKeys) && receipts.count <= 1, "\(label): receipts \(receipts)")
        // An item marked sent is in the store.
        for item in outbox {
            if case .sent = item.state {
                #expect(
                    inbox.contains(item.key) || receipts.contains(item.key),
                    "\(label): \(item.key) marked sent but not filed")
            }
        }
    }

    /// Restarting and syncing again reaches the new state, with every item
    /// filed exactly once.
    func checkRecovery(_ label: String) throws {
        let engine = try fixture.engine()
        let report = try engine.sync()
        #expect(report.problems.isEmpty, "\(label): recovery problems \(report.problems)")
        #expect(CrashScenario.content(engine.model.state) == after, "\(label): recovery did not reach the new state")
        let filedNow = try filed(inbox)
        #expect(Set(filedNow) == keys, "\(label): inbox \(filedNow)")
        #expect(Set(try filed(receipts)) == receiptKeys, "\(label): receipts")
        #expect(try engine.outbox.items().allSatisfy { !$0.isUnsent }, "\(label): items left unsent")
        #expect(engine.snapshot.children.map(\.ref) == [SyncFixture.ben, SyncFixture.tom])
    }
}
