import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// The store is the school's servers and may be away or broken: a
/// logged-in parent still unlocks, reads everything, writes (queued) and
/// opens messages on the local model; only login, sync and registration
/// need the store.
@Suite struct OfflineTests {
    typealias F = SyncFixture

    /// Ways for the store to be unusable, and the kind of trouble each is.
    enum Breakage: CaseIterable {
        case missing, notADirectory, storeFileIsADirectory, storeFileInvalid

        /// A store.json that is a directory is refused as the wrong kind of
        /// file: the store is there but broken (invalid), not out of reach.
        var kind: StoreTrouble.Kind {
            self == .storeFileInvalid || self == .storeFileIsADirectory ? .invalid : .unreachable
        }

        func apply(_ f: F) throws {
            let fm = FileManager.default
            try fm.moveItem(atPath: f.store, toPath: f.store + ".away")
            switch self {
            case .missing: break
            case .notADirectory: try Data("not a store".utf8).write(to: URL(fileURLWithPath: f.store))
            case .storeFileIsADirectory:
                try fm.copyItem(atPath: f.store + ".away", toPath: f.store)
                try fm.removeItem(atPath: "\(f.store)/store.json")
                try fm.createDirectory(atPath: "\(f.store)/store.json", withIntermediateDirectories: false)
            case .storeFileInvalid:
                try fm.copyItem(atPath: f.store + ".away", toPath: f.store)
                try Data("{\"format\": ".utf8).write(to: URL(fileURLWithPath: "\(f.store)/store.json"))
            }
        }

        func repair(_ f: F) throws {
            if self != .missing { try FileManager.default.removeItem(atPath: f.store) }
            try FileManager.default.moveItem(atPath: f.store + ".away", toPath: f.store)
        }
    }

    @Test(arguments: Breakage.allCases)
    func aLoggedInParentUnlocksReadsAndWritesWithoutTheStore(_ breakage: Breakage) throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            try f.setPIN()
            let first = try f.engine()
            try first.sync()
            let count = first.snapshot.messageCount
            try breakage.apply(f)

            // A restarted app, with a store that cannot be opened.
            let account = f.lazyAccount()
            #expect(throws: StoreUnavailable.self) { _ = try account.store }
            guard case .locked = try account.status() else {
                Issue.record("\(breakage): not asking for the PIN")
                return
            }
            guard case .unlocked = try account.unlock(pin: "7391") else {
                Issue.record("\(breakage): unlock failed")
                return
            }
            let session = try #require(try account.loadSession())
            let engine = try SyncEngine(account: account, session: session)
            let snapshot = engine.snapshot
            #expect(snapshot.messageCount == count)
            #expect(snapshot.children.map(\.ref) == [F.ben, F.amy, F.tom])
            let ref = MessageRef(school: "green-abbey", id: "GA-DEMO-2")
            #expect(try engine.markRead(ref).isRead(ref))
            let item = try engine.compose(school: "green-abbey", topic: "Absence", body: "Ben is unwell today.")
            #expect(engine.snapshot.outbox.first { $0.key == item.key }?.state == .queued)

            // A sync says what is wrong, typed, and since when; nothing is lost.
            f.clock.advance(by: 60)
            let report = try engine.sync()
            #expect(report.storeUnavailable?.kind == breakage.kind)
            #expect(report.problems.count == 1)
            #expect(report.problems.first?.file != nil)
            // The summary says the message waits (it said nothing of it).
            #expect(
                report.summaryLines.contains(
                    "outbox: 1 waiting: sent when the school data can be reached (kept on this device meanwhile)"))
            #expect(!report.isClean)
            let trouble = try #require(engine.snapshot.storeTrouble)
            #expect(trouble.kind == breakage.kind)
            #expect(trouble.since == f.clock.now())
            #expect(trouble.message.contains(f.store))
            #expect(engine.snapshot.trouble(school: "riverside-primary") == trouble)
            #expect(engine.snapshot.messageCount == count)
            #expect(engine.snapshot.unsentCount == 1)

            // Logging in needs the store: refused with the reason, nothing counted against the parent.
            #expect(throws: StoreUnavailable.self) {
                try account.logIn(email: "liz.abbot@example.com", mobile: "07700 100001", lastFour: "0001")
            }

            // The store comes back: the message goes, once, and the trouble clears.
            try breakage.repair(f)
            let back = try engine.sync()
            #expect(back.outbox.sent.map(\.key).contains(item.key))
            #expect(try f.writer.inbox(school: "green-abbey").map(\.key) == [item.key])
            #expect(engine.snapshot.storeTrouble == nil)
            try engine.sync()
            #expect(try f.writer.inbox(school: "green-abbey").map(\.key) == [item.key])
        }
    }

    @Test func aStoreAwayFromTheStartIsTriedAgainAtEveryNeed() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            try FileManager.default.moveItem(atPath: f.store, toPath: f.store + ".away")
            let connection = StoreConnection(root: f.store)
            let away = try #require(connection.unavailability())
            #expect(away.kind == .unreachable)
            #expect(
                away.description
                    == "the school data store at \(f.store) cannot be reached (store.json: missing: the store directory is not there)"
            )
            // A file given in its place is said as such.
            try "x".write(toFile: f.store, atomically: true, encoding: .utf8)
            #expect(connection.unavailability()?.description.contains("the store path is not a directory") == true)
            try FileManager.default.removeItem(atPath: f.store)
            try FileManager.default.moveItem(atPath: f.store + ".away", toPath: f.store)
            #expect(connection.unavailability() == nil)
            #expect(try connection.open().info.name == (try FileStore(root: f.store)).info.name)
            // Once open, it stays usable while store.json is there.
            try FileManager.default.moveItem(atPath: f.store, toPath: f.store + ".away")
            #expect(connection.unavailability()?.kind == .unreachable)
        }
    }

    /// The store moved away with the login form up (the store opened for
    /// the form, say): the login waits, no attempt counts, and nothing is
    /// made at the store's path. It said "those details don't match", filed
    /// a failure each time in a lone store of one record made there, and the
    /// real store put back landed inside it.
    @Test func aLoginWithTheStoreGoneSinceItOpenedWaitsAndCountsNothing() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let account = f.lazyAccount()
            _ = try account.store  // opened, as the login form's start does
            try FileManager.default.moveItem(atPath: f.store, toPath: f.store + ".away")
            for _ in 0..<3 {
                #expect(throws: StoreUnavailable.self) {
                    try account.logIn(email: "liz.abbot@example.com", mobile: "07700 100001", lastFour: "0001")
                }
            }
            #expect(!FileManager.default.fileExists(atPath: f.store), "a store was made at the path")
            try FileManager.default.moveItem(atPath: f.store + ".away", toPath: f.store)
            guard
                case .loggedIn = try account.logIn(
                    email: "liz.abbot@example.com", mobile: "07700 100001", lastFour: "0001")
            else {
                Issue.record("the right details were refused once the store was back")
                return
            }
        }
    }

    /// store.json broken while the app runs, the store already open: the
    /// store is invalid, as at start, and a message waits. An auditor saw
    /// the open app go on syncing ("Updated just now") and send into it.
    @Test func aStoreFileBrokenWhileOpenMakesTheStoreInvalidUntilMended() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let storeFile = URL(fileURLWithPath: "\(f.store)/store.json")
            let good = try Data(contentsOf: storeFile)
            try Data("{\"broken".utf8).write(to: storeFile)
            let item = try engine.compose(school: "green-abbey", topic: "Absence", body: "Ben is unwell today?")
            f.clock.advance(by: 60)
            let report = try engine.sync()
            #expect(report.storeUnavailable?.kind == .invalid)
            #expect(report.problems.first?.file == "store.json")
            #expect(engine.snapshot.storeTrouble?.kind == .invalid)
            #expect(try f.writer.inbox(school: "green-abbey").isEmpty, "nothing sent into a broken store")
            #expect(try engine.sendOutbox().retrying.map(\.key) == [item.key])
            #expect(try f.writer.inbox(school: "green-abbey").isEmpty, "nor by a send now")
            #expect(engine.snapshot.outbox.first { $0.key == item.key }?.state == .queued)

            try good.write(to: storeFile)
            f.clock.advance(by: 60)
            let back = try engine.sync()
            #expect(back.storeUnavailable == nil)
            #expect(try f.writer.inbox(school: "green-abbey").map(\.key) == [item.key])
            #expect(engine.snapshot.storeTrouble == nil)
        }
    }
}
