import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// Messages outlive sessions: a session that ends for any reason but the
/// parent's explicit discard leaves its unsent messages held (never sent,
/// never shown to another parent) and offers them to the same parent after
/// a new login.
@Suite struct HeldOutboxTests {
    typealias F = SyncFixture

    /// A full login: the details, then the PIN, which makes it a session.
    static func logIn(_ account: ParentAccount, _ email: String, _ mobile: String) throws -> Session {
        guard
            case .loggedIn(let pending) = try account.logIn(
                email: email, mobile: mobile, lastFour: String(mobile.suffix(4))),
            try account.setPIN("739184", confirmation: "739184", for: pending) == nil,
            let session = try account.loadSession()
        else {
            throw F.FixtureError("\(email)'s login failed")
        }
        return session
    }

    static func lizLogsIn(_ account: ParentAccount) throws -> Session {
        try logIn(account, "liz.abbot@example.com", "07700 100001")
    }

    static func davidLogsIn(_ account: ParentAccount) throws -> Session {
        try logIn(account, "david.abbot@example.com", "07700 100011")
    }

    /// Liz queues a message and a reply, opens a message, then her session
    /// ends by `end`; another parent (David, Ben and Amy's father, on the
    /// same device) logs in and sees and sends nothing of hers; Liz logs in
    /// again and is offered both.
    func heldThenRecovered(_ label: String, end: (F) throws -> Void) throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            try f.setPIN()
            let engine = try f.engine()
            try engine.sync()
            let message = try engine.compose(
                school: "green-abbey", topic: "Absence", body: "Ben has a dentist appointment.")
            let reply = try engine.reply(
                to: MessageRef(school: "green-abbey", id: "GA-DEMO-2"), body: "Tuesday is fine.")
            try engine.markRead(MessageRef(school: "green-abbey", id: "GA-DEMO-3"))
            try end(f)
            #expect(try f.account.loadSession() == nil, "\(label): the session did not end")
            let outbox = Outbox(dataDirectory: f.dataDirectory, files: PosixFileLayer())
            #expect(
                Set(try outbox.items().filter { $0.kind != .receipt }.map(\.key)) == [message.key, reply.key],
                "\(label): messages stay")
            #expect(try outbox.items().filter { $0.kind == .receipt }.count == 1, "\(label): the receipt stays too")
            #expect(try outbox.items().allSatisfy(\.isHeld), "\(label)")

            // Another parent on this device: nothing of Liz's shown, nothing sent.
            let david = try Self.davidLogsIn(f.account)
            let his = try SyncEngine(account: f.account, session: david)
            #expect(his.snapshot.outbox.isEmpty && his.snapshot.recovered.isEmpty, "\(label)")
            #expect(his.snapshot.unsentCount == 0)
            try his.sync()
            #expect(try f.writer.inbox(school: "green-abbey").isEmpty, "\(label): a held item was sent")
            #expect(try !his.release(message.key))
            try his.discard(message.key)
            #expect(try outbox.item(message.key) != nil, "\(label): another parent discarded it")
            #expect(try his.account.logOut(.onlyIfNothingUnsent) == .loggedOut(unregistered: true))
            #expect(try outbox.items().count == 3, "\(label): another parent's logout took them")
            #expect(try f.writer.receipts(school: "green-abbey").isEmpty, "\(label): her receipt went for him")

            // Liz again: offered both; one sent (once, with its own key), one discarded.
            let liz = try Self.lizLogsIn(f.account)
            let mine = try SyncEngine(account: f.account, session: liz)
            #expect(Set(mine.snapshot.recovered.map(\.key)) == [message.key, reply.key], "\(label)")
            #expect(mine.snapshot.recovered.allSatisfy { $0.heldReason != nil })
            try mine.sync()
            #expect(try f.writer.inbox(school: "green-abbey").isEmpty, "\(label): sent before being released")
            // Her receipt went without asking: the school knows she read it.
            #expect(try f.writer.receipts(school: "green-abbey").map(\.message) == ["GA-DEMO-3"], "\(label)")
            #expect(try mine.release(message.key))
            try mine.discard(reply.key)
            #expect(mine.snapshot.recovered.isEmpty)
            #expect(mine.snapshot.outbox.map(\.key) == [message.key])
            try mine.sync()
            try mine.sync()
            #expect(try f.writer.inbox(school: "green-abbey").map(\.key) == [message.key], "\(label)")
        }
    }

    @Test func tooManyWrongPINs() throws {
        try heldThenRecovered("wrong PINs") { f in
            for _ in 0..<10 { _ = try f.account.unlock(pin: "000000") }
        }
    }

    @Test func theThirtyDayRule() throws {
        try heldThenRecovered("30 days") { f in
            f.clock.advance(by: 31 * 86_400)
            guard case .loggedOut(let reason?) = try f.account.status() else { throw F.FixtureError("not logged out") }
            #expect(reason.contains("2 messages you had not sent are kept on this device"))
        }
    }

    @Test func aNewLoginOverTheOldSession() throws {
        try heldThenRecovered("new login") { f in
            _ = try Self.davidLogsIn(f.account)
            _ = try f.account.logOut(.discardUnsent)  // David's, with nothing of his own
        }
    }

    @Test func aDamagedSession() throws {
        try heldThenRecovered("damaged session") { f in
            #expect(try !f.writer.registrations(school: "green-abbey").isEmpty)
            try f.plant("session.json", "{")
            _ = try f.account.status()
            // Its registrations go as at any session's end (the model's
            // manifest names the session): they stayed, and the school took
            // the device for registered after the parent logged out.
            for school in ["green-abbey", "riverside-primary"] {
                #expect(try f.writer.registrations(school: school).isEmpty, "\(school)")
            }
        }
    }

    /// Liz logs out with messages kept from before on the device: logging
    /// out counts them, as unsent ones (an audit found "y" logged out and
    /// left their text on the device after "removes this device's copy");
    /// discarding removes them, and sending first sends them, once.
    @Test func loggingOutCountsMessagesKeptFromBefore() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            try f.setPIN()
            let outbox = Outbox(dataDirectory: f.dataDirectory, files: PosixFileLayer())
            /// Liz writes `body`, then David logs in over her session (her
            /// message is held) and out; Liz logs in again.
            func keptFromBefore(_ body: String) throws -> (SyncEngine, OutboxItem) {
                let liz = try SyncEngine(account: f.account, session: try Self.lizLogsIn(f.account))
                try liz.sync()
                let item = try liz.compose(school: "green-abbey", topic: "Absence", body: body)
                _ = try Self.davidLogsIn(f.account)
                _ = try f.account.logOut(.discardUnsent)
                let again = try SyncEngine(account: f.account, session: try Self.lizLogsIn(f.account))
                #expect(again.snapshot.recovered.map(\.key) == [item.key] && again.snapshot.unsentOrKeptCount == 1)
                return (again, item)
            }
            // Logging out asks; discarding removes its text from the device.
            let (first, secret) = try keptFromBefore("Secret from Liz.")
            guard case .unsent(let items) = try first.account.logOut(.onlyIfNothingUnsent) else {
                Issue.record("logged out over a kept message")
                return
            }
            #expect(items.map(\.key) == [secret.key])
            #expect(try first.account.logOut(.discardUnsent) == .loggedOut(unregistered: true))
            #expect(try outbox.item(secret.key) == nil, "its text was left on the device")
            // One without a topic (the app closed while it was written) is
            // never sent as it is: sending first leaves it, and the logout
            // waits (it was filed with an empty topic, an invalid record).
            let liz = try SyncEngine(account: f.account, session: try Self.lizLogsIn(f.account))
            try liz.sync()
            let draft = try liz.keepUnsent(
                school: "green-abbey", topic: nil, body: "Half-written", inReplyTo: nil, children: [],
                reason: "You were writing this when the app was closed")
            guard case .unsent = try SyncCoordinator(engine: liz).logOut(.sendFirst) else {
                Issue.record("logged out over a message without a topic")
                return
            }
            #expect(try f.writer.inbox(school: "green-abbey").isEmpty)
            #expect(try outbox.item(draft.key) != nil)
            #expect(try liz.account.logOut(.discardUnsent) == .loggedOut(unregistered: true))
            // Sending first sends it, once, then logs out.
            let (second, kept) = try keptFromBefore("Second from Liz.")
            #expect(try SyncCoordinator(engine: second).logOut(.sendFirst) == .loggedOut(unregistered: true))
            #expect(try f.writer.inbox(school: "green-abbey").map(\.key) == [kept.key])
            #expect(try outbox.items().isEmpty)
        }
    }

    /// The school gives Liz's contact records to someone else (her email
    /// and mobile were wrong, and now hold another person's): her session
    /// ends at the next sync and her message is held. The new person logs
    /// in on the same device with the same contact records: her message is
    /// never shown to them, nor sent (it was offered by contact record
    /// alone, and went). When the records hold Liz's details again, Liz is
    /// offered it.
    @Test func aKeptMessageIsOfferedOnlyToTheParentWhoWroteIt() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            try f.setPIN()
            let engine = try f.engine()
            try engine.sync()
            let message = try engine.compose(school: "green-abbey", topic: "Absence", body: "Hello from Liz about Ben?")
            #expect(message.writer == f.session.writer && message.writer != nil)
            func give(_ email: String, _ mobile: String) throws {
                for (file, id) in [
                    (IdentityRecheckTests.greenAbbey, "GA-C-LIZ"), (IdentityRecheckTests.riverside, "RP-C-LIZ"),
                ] {
                    try IdentityRecheckTests.edit(f, file, id) {
                        $0.setting("emails", .array([.string(email)]))
                            .setting("phones", IdentityRecheckTests.phones([(mobile, "mobile")]))
                    }
                }
            }
            try give("new.person@example.com", "07711 999001")
            f.clock.advance(by: 60)
            // The outbox goes first: offline, so the re-check holds it first.
            try FileManager.default.moveItem(atPath: f.store, toPath: dir.file("away"))
            _ = try? engine.sync()
            try FileManager.default.moveItem(atPath: dir.file("away"), toPath: f.store)
            _ = try engine.sync()
            #expect(try f.account.loadSession() == nil, "the session did not end")
            #expect(try f.writer.inbox(school: "green-abbey").isEmpty)

            let other = try Self.logIn(f.account, "new.person@example.com", "07711 999001")
            #expect(other.schools.first { $0.school == "green-abbey" }?.contacts == ["GA-C-LIZ"])
            let theirs = try SyncEngine(account: f.account, session: other)
            #expect(theirs.snapshot.recovered.isEmpty, "Liz's message was offered to someone else")
            #expect(try !theirs.release(message.key))
            try theirs.sync()
            #expect(try f.writer.inbox(school: "green-abbey").isEmpty, "Liz's message was sent for someone else")

            try give("liz.abbot@example.com", "07700 100001")
            let liz = try Self.lizLogsIn(f.account)
            let mine = try SyncEngine(account: f.account, session: liz)
            #expect(mine.snapshot.recovered.map(\.key) == [message.key])
            #expect(try mine.release(message.key))
            try mine.sync()
            #expect(try f.writer.inbox(school: "green-abbey").map(\.key) == [message.key])
        }
    }

    /// The school renumbers Liz's record (GA-C-LIZ becomes GA-C-LIZ2, the
    /// same details): a message queued for the old record goes with the
    /// record she holds now, which links the same children, at the sync
    /// that finds it (it was stranded until GA-C-LIZ came back, then
    /// offered to be sent by hand).
    @Test func aMessageForARenumberedRecordGoesWithTheNewOne() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            try f.setPIN()
            let engine = try f.engine()
            try engine.sync()
            let message = try engine.compose(school: "green-abbey", topic: "Absence", body: "Ben is unwell.")
            try IdentityRecheckTests.edit(f, IdentityRecheckTests.greenAbbey, "GA-C-LIZ") {
                $0.setting("id", .string("GA-C-LIZ2"))
            }
            f.clock.advance(by: 60)
            try FileManager.default.moveItem(atPath: f.store, toPath: dir.file("away"))
            _ = try? engine.sync()
            try FileManager.default.moveItem(atPath: dir.file("away"), toPath: f.store)
            _ = try engine.sync()
            let session = try #require(try f.account.loadSession())
            #expect(session.schools.first { $0.school == "green-abbey" }?.contacts == ["GA-C-LIZ2"])
            #expect(engine.snapshot.recovered.isEmpty, "nothing to send by hand")
            try engine.sync()
            let filed = try f.writer.inbox(school: "green-abbey")
            #expect(filed.map(\.key) == [message.key])
            #expect(filed.first?.contacts == ["GA-C-LIZ2"])
        }
    }

    @Test func sendingNeverSpeaksForContactRecordsTheSessionDoesNotHold() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let outbox = engine.outbox
            let now = f.clock.now()
            // Written by an earlier build (no session), for David's contact record; and a held one for Liz's.
            let foreign = OutboxItem(
                key: Outbox.newKey(), kind: .message, school: "green-abbey", contacts: ["GA-C-DAVID"],
                students: ["GA-BEN"], topic: "Absence", body: "Not Liz's to send.", createdAt: now)
            let mixed = OutboxItem(
                key: Outbox.newKey(), kind: .message, school: "green-abbey", contacts: ["GA-C-LIZ", "GA-C-DAVID"],
                students: ["GA-BEN"], topic: "Absence", body: "Partly not Liz's.", createdAt: now)
            let held = OutboxItem(
                key: Outbox.newKey(), kind: .message, school: "green-abbey", contacts: ["GA-C-LIZ"],
                students: ["GA-BEN"], topic: "Absence", body: "Held.", createdAt: now, session: "s-earlier",
                heldAt: now, heldReason: "Too many wrong PINs")
            let legacy = OutboxItem(
                key: Outbox.newKey(), kind: .message, school: "green-abbey", contacts: ["GA-C-LIZ"],
                students: ["GA-BEN"], topic: "Absence", body: "Liz's, from an earlier build.", createdAt: now)
            for item in [foreign, mixed, held, legacy] { try outbox.add(item) }
            let report = try outbox.send(source: engine.source, session: f.session, now: now)
            #expect(report.sent.map(\.key) == [legacy.key])
            #expect(try f.writer.inbox(school: "green-abbey").map(\.key) == [legacy.key])
            #expect(try outbox.item(foreign.key)?.state == .queued)
            #expect(try outbox.item(held.key)?.state == .queued)
            let snapshot = try f.engine().snapshot
            #expect(snapshot.outbox.map(\.key) == [legacy.key])
            #expect(snapshot.recovered.map(\.key) == [held.key])
        }
    }

    /// Items a session end left unheld (it was cut short after the session
    /// went) are held when the next session's engine opens.
    @Test func itemsOfAnEndedSessionLeftUnheldAreHeldOnOpening() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let item = try engine.compose(school: "green-abbey", topic: "Absence", body: "Ben is unwell.")
            try FileManager.default.removeItem(atPath: "\(f.dataDirectory)/session.json")  // the end, cut short
            let liz = try Self.lizLogsIn(f.account)
            let fresh = try SyncEngine(account: f.account, session: liz)
            #expect(fresh.snapshot.recovered.map(\.key) == [item.key])
            #expect(try fresh.outbox.item(item.key)?.heldReason == "Written in an earlier login")
            try fresh.sync()
            #expect(try f.writer.inbox(school: "green-abbey").isEmpty)
        }
    }

    /// A crash at every write point of holding (the session ending) and of
    /// releasing then sending: the item is never lost and filed at most once,
    /// and after a restart it is filed exactly once.
    @Test func aCrashAtAnyPointOfHoldingOrReleasingKeepsTheItemAndSendsItOnce() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            try f.setPIN()
            let engine = try f.engine()
            try engine.sync()
            let item = try engine.compose(school: "green-abbey", topic: "Absence", body: "Ben is unwell.")
            for _ in 0..<9 { _ = try f.account.unlock(pin: "000000") }
            try FileManager.default.copyItem(atPath: f.dataDirectory, toPath: dir.file("saved"))
            func restore() throws {
                try FileManager.default.removeItem(atPath: f.dataDirectory)
                try FileManager.default.copyItem(atPath: dir.file("saved"), toPath: f.dataDirectory)
                try? FileManager.default.removeItem(atPath: "\(f.store)/schools/green-abbey/inbox")
            }
            let outbox = Outbox(dataDirectory: f.dataDirectory, files: PosixFileLayer())
            func filed() throws -> [String] { try f.writer.inbox(school: "green-abbey").map(\.key) }

            // Holding: the tenth wrong PIN ends the session.
            func hold(_ plan: FaultPlan) throws -> Int {
                let layer = FaultyFileLayer(wrapping: PosixFileLayer(), plan: plan, countsSteps: true)
                do { _ = try f.lazyAccount(files: layer).unlock(pin: "000000") } catch is SimulatedCrash {}
                return layer.faultPointCount
            }
            let holdPoints = try hold(.none)
            #expect(try outbox.item(item.key)?.isHeld == true)
            try restore()
            for k in 1...holdPoints {
                _ = try hold(.simulatedCrashAt(k))
                #expect(try outbox.item(item.key) != nil, "hold k=\(k): lost")
                #expect(try filed().isEmpty, "hold k=\(k)")
                try restore()
            }

            // Releasing after Liz logs in again, then sending.
            _ = try hold(.none)
            let liz = try Self.lizLogsIn(f.account)
            try SyncEngine(account: f.account, session: liz).sync()  // the new session's model, before the release
            try FileManager.default.removeItem(atPath: dir.file("saved"))
            try FileManager.default.copyItem(atPath: f.dataDirectory, toPath: dir.file("saved"))
            func release(_ plan: FaultPlan) throws -> Int {
                // Write points only: the steps inside an atomic write are the crash harnesses' (CrashHarnessTests).
                let layer = FaultyFileLayer(wrapping: PosixFileLayer(), plan: plan, countsSteps: false)
                do {
                    let e = try SyncEngine(account: f.lazyAccount(files: layer), session: liz)
                    _ = try e.release(item.key)
                    try e.sync()
                } catch is SimulatedCrash {}
                return layer.faultPointCount
            }
            let releasePoints = try release(.none)
            #expect(try filed() == [item.key])
            try restore()
            for k in 1...releasePoints {
                _ = try release(.simulatedCrashAt(k))
                #expect(try outbox.item(item.key) != nil, "release k=\(k): lost")
                #expect(try filed().count <= 1, "release k=\(k): filed twice")
                // The restarted app: release (if it did not happen) and sync.
                let e = try SyncEngine(account: f.lazyAccount(), session: liz)
                _ = try e.release(item.key)
                try e.sync()
                try e.sync()
                #expect(try filed() == [item.key], "release k=\(k): not filed exactly once")
                try restore()
            }
        }
    }
}

/// Who is offered a held message: the login that wrote it, never the next
/// person the school gives the contact record to.
@Suite struct HeldOutboxWriterTests {
    static func session(_ email: String?, _ mobile: String?) -> Session {
        Session(
            id: "s-\(email ?? "none")-\(mobile ?? "none")", createdAt: Date(timeIntervalSince1970: 0),
            lastUnlockedAt: Date(timeIntervalSince1970: 0), emailDigest: email, mobileDigest: mobile,
            schools: [SessionSchool(school: "green-abbey", contacts: ["GA-C-LIZ"], registration: "r1")], children: [])
    }

    static func held(by session: Session) -> OutboxItem {
        OutboxItem(
            key: "x1", kind: .message, school: "green-abbey", contacts: ["GA-C-LIZ"], students: [], topic: "Absence",
            body: "Ben is ill.", createdAt: Date(timeIntervalSince1970: 0), session: session.id,
            heldAt: Date(timeIntervalSince1970: 1), heldReason: "ended", writer: session.writer)
    }

    /// A session an earlier build saved without the mobile's digest still
    /// signs what it writes with the email's: the next holder of the record
    /// (other details, same contact id) is not offered it; the same parent is.
    @Test func aMessageFromAnEmailOnlySessionGoesOnlyToTheSameEmail() {
        let emailOnly = Self.session("e-rebecca", nil)
        let item = Self.held(by: emailOnly)
        #expect(item.writer == "e-rebecca.")
        #expect(!item.isRecoverable(by: Self.session("e-new-person", "m-new-person")))
        #expect(item.isRecoverable(by: Self.session("e-rebecca", "m-rebecca")))
        #expect(item.isRecoverable(by: Self.session("e-rebecca", nil)))
        // Full digests: both must match.
        let full = Self.held(by: Self.session("e-rebecca", "m-rebecca"))
        #expect(!full.isRecoverable(by: Self.session("e-rebecca", "m-other")))
        #expect(full.isRecoverable(by: Self.session("e-rebecca", "m-rebecca")))
        // Nothing at all to go by (a session with no digest): the records it was written for.
        let legacy = Self.held(by: Self.session(nil, nil))
        #expect(legacy.writer == nil)
        #expect(legacy.isRecoverable(by: Self.session("e-anyone", "m-anyone")))
    }
}

extension HeldOutboxTests {
    /// What is kept while written is held on the real clock, as a session's
    /// end holds (it was stamped with the shown clock, a demo date, beside
    /// items held on the real one).
    @Test func aKeptDraftIsHeldOnTheRealClock() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            try f.setPIN()
            let real = ManualClock(Timestamp.parse("2026-12-01T01:00:00Z")!)
            let account = f.lazyAccount(securityClock: real)
            let engine = try SyncEngine(account: account, session: try #require(try account.loadSession()))
            try engine.sync()
            let draft = try engine.keepUnsent(
                school: "green-abbey", topic: nil, body: "Half-written", inReplyTo: nil, children: [],
                reason: "You were writing this when your login ended")
            #expect(draft.heldAt == real.now(), "\(String(describing: draft.heldAt))")
            #expect(draft.createdAt == f.clock.now(), "written on the shown clock, as every item")
        }
    }
}
