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
