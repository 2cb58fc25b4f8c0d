import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// Issue 13, "the first screen before everything else": the lock screen
/// opens the session's model ahead (``ParentService/prepare()``) beside the
/// PIN's hash; unlocking then follows that model, and a session that ends
/// first never gets it.
@Suite struct ModelOpeningTests {
    static func service(_ f: SyncFixture) -> ParentService {
        ParentService(
            storeRoot: f.store, dataDirectory: f.dataDirectory, files: PosixFileLayer(), clock: f.clock,
            securityClock: f.clock, settings: f.account.settings)
    }

    @Test func theModelOpenedAheadIsTheOneFollowedAfterThePin() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            try f.engine().sync()
            let service = Self.service(f)
            guard case .locked = try service.open().status else {
                Issue.record("not locked")
                return
            }
            service.prepare()
            service.prepare()  // the lock screen shown twice (a resize): still one opening
            guard case .unlocked = try service.unlock(pin: "739184") else {
                Issue.record("the PIN did not unlock")
                return
            }
            let model = try #require(try service.follow { _ in })
            #expect(model.session == f.session.id)
            #expect(model.messageCount == (try f.engine().snapshot.messageCount))
            #expect(model.messageCount > 0)
            // Followed once: a second follow is the same model, not another opening.
            #expect(try service.follow { _ in }?.generation == model.generation)
        }
    }

    @Test func nothingIsOpenedAheadWhenNobodyIsLoggedIn() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            #expect(try f.account.logOut() == .loggedOut(unregistered: true))
            let service = Self.service(f)
            service.prepare()
            #expect(try service.follow { _ in } == nil)
            #expect(!FileManager.default.fileExists(atPath: "\(f.dataDirectory)/model/manifest.json"))
        }
    }

    /// session.json damaged while the app is open, then the right PIN:
    /// no wrong PIN is counted and nothing is wiped ("Too many wrong
    /// PINs… data removed" it said); the model is still followed, so what
    /// the parent was writing can be kept for them, and only then is the
    /// file set aside, with the reason a parent reads.
    @Test func aSessionDamagedWhileOpenIsUnreadableNotWipedAndSetAsideAfter() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            try f.engine().sync()
            let service = Self.service(f)
            guard case .locked = try service.open().status, case .unlocked = try service.unlock(pin: "739184") else {
                Issue.record("not unlocked")
                return
            }
            _ = try service.follow { _ in }
            let sessionFile = "\(f.dataDirectory)/session.json"
            let text = try String(contentsOfFile: sessionFile, encoding: .utf8)
            try f.plant("session.json", String(text.prefix(100)))
            #expect(try service.unlock(pin: "739184") == .unreadable)
            #expect(f.damagedNames.isEmpty, "nothing set aside before the app keeps what was written")
            let kept = try service.keepUnsent(
                school: "green-abbey", topic: "Absence", body: "Draft three about Ben", inReplyTo: nil,
                children: [], reason: "You were writing this when the app was closed")
            #expect(kept != nil, "the model is still followed: the draft is kept")
            let reason = try service.endUnreadableSession()
            #expect(reason.hasPrefix("Your saved login on this device could not be read, so please log in again."))
            #expect(f.damagedNames.count == 1 && f.damagedNames[0].hasPrefix("session."))
            #expect(!FileManager.default.fileExists(atPath: sessionFile))
            #expect(FileManager.default.fileExists(atPath: "\(f.dataDirectory)/model/manifest.json"), "the model stays")
            let outbox = try Outbox(dataDirectory: f.dataDirectory, files: PosixFileLayer()).items()
            #expect(outbox.contains { $0.body == "Draft three about Ben" && $0.isHeld })
            #expect(service.snapshot == nil, "no longer followed")
            // The same parent logs in again: the draft is offered to them.
            let account = f.lazyAccount()
            let session = try HeldOutboxTests.logIn(account, "liz.abbot@example.com", "07700 100001")
            let next = try SyncEngine(account: account, session: session)
            #expect(next.snapshot.recovered.map(\.body) == ["Draft three about Ben"])
        }
    }

    @Test func aSessionWipedByWrongPinsNeverGetsTheModelOpenedAhead() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            try f.engine().sync()
            let service = Self.service(f)
            service.prepare()
            var outcome = try service.unlock(pin: "000000")
            while case .wrong = outcome { outcome = try service.unlock(pin: "000000") }
            #expect(outcome == .wiped)
            #expect(try service.follow { _ in } == nil)
            #expect(service.snapshot == nil)
        }
    }
}
