import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// Issue 15, "A way back for a forgotten PIN" (the core side of the lock
/// screen's "Forgot your PIN? Log in again"): a full login while a locked
/// session exists replaces it only when the new PIN is set, keeps its
/// queued messages for the same parent, and does not reset its wrong-PIN
/// count unless the full login succeeds.
@Suite struct ForgottenPinTests {
    static let liz = (email: "liz.abbot@example.com", mobile: "07700 100001", lastFour: "0001")

    @Test func aFullLoginReplacesTheLockedSessionOnlyWhenItsPinIsSet() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let opened = try #require(engine.snapshot.timeline().first { !engine.snapshot.isRead($0.ref) })
            try engine.markRead(opened.ref)
            let queued = try engine.compose(school: "green-abbey", topic: "Absence", body: "Ben is unwell today.")
            // The PIN is forgotten: seven wrong ones.
            for left in (3...9).reversed() {
                #expect(try f.account.unlock(pin: "000000") == .wrong(attemptsLeft: left))
            }
            let old = try #require(try f.account.loadSession())
            #expect(old.pinFailures == 7)

            // "Forgot your PIN?": a full login with the wrong last 4 changes nothing of the session.
            f.clock.advance(by: 1)  // (a failure at the very instant of the login's success counts as settled)
            let wrong = try f.account.logIn(email: Self.liz.email, mobile: Self.liz.mobile, lastFour: "1234")
            #expect(wrong == .rejected(message: LoginOutcome.rejectionText, attemptsLeft: 4), "\(wrong)")
            #expect(try f.account.loadSession() == old)
            // The right details, PIN not set yet (the parent goes back to the PIN screen): still nothing.
            guard
                case .loggedIn(let pending) = try f.account.logIn(
                    email: Self.liz.email, mobile: Self.liz.mobile, lastFour: Self.liz.lastFour)
            else {
                Issue.record("the full login failed")
                return
            }
            #expect(try f.account.loadSession() == old)
            #expect(try f.account.status() == .locked(old))
            // The count goes on where it was: it was not reset by the login alone.
            #expect(try f.account.unlock(pin: "000000") == .wrong(attemptsLeft: 2))

            // The new PIN is set: now the old session goes, its message held for her.
            #expect(try f.account.setPIN("582937", confirmation: "582937", for: pending) == nil)
            let new = try #require(try f.account.loadSession())
            #expect(new.id == pending.id && new.id != old.id)
            #expect(new.pinFailures == 0)
            #expect(try f.writer.registrations(school: "green-abbey").map(\.id) == [new.id])
            let next = try SyncEngine(account: f.account, session: new)
            #expect(next.snapshot.recovered.map(\.key) == [queued.key])
            // Her model is hers still: what she read, and every school, at
            // once (it started again, her read messages unread).
            #expect(next.snapshot.isRead(opened.ref) && next.snapshot.children.count == 3)
            #expect(next.snapshot.outbox.isEmpty)
            guard case .unlocked = try f.account.unlock(pin: "582937") else {
                Issue.record("the new PIN does not unlock")
                return
            }
            // Sent once, when she chooses.
            #expect(try next.release(queued.key))
            let sent = try next.sync()
            // (with the read receipt of the message she opened)
            #expect(sent.outbox.sent.filter { $0.kind != .receipt }.map(\.key) == [queued.key], "\(sent.summaryLines)")
        }
    }

    @Test func theServiceDropsAnAbandonedLoginAndFollowsOnlyTheNewSession() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            var settings = f.account.settings
            settings.pinCost = 1
            let service = ParentService(
                storeRoot: f.store, dataDirectory: f.dataDirectory, files: PosixFileLayer(), clock: f.clock,
                securityClock: f.clock, settings: settings)
            guard case .locked(let old) = try service.open().status else {
                Issue.record("not locked")
                return
            }
            _ = try service.follow { _ in }
            #expect(try service.unlock(pin: "111111") == .wrong(attemptsLeft: 9))

            guard
                case .loggedIn = try service.logIn(
                    email: Self.liz.email, mobile: Self.liz.mobile, lastFour: Self.liz.lastFour)
            else {
                Issue.record("the full login failed")
                return
            }
            service.abandonLogin()  // back to the PIN screen
            #expect(
                try service.setPIN("582937", confirmation: "582937") == "Your login has ended; please log in again.")
            #expect(try service.open().status == .locked(try #require(try f.account.loadSession())))
            #expect(try f.account.loadSession()?.id == old.id && f.account.loadSession()?.pinFailures == 1)

            guard
                case .loggedIn = try service.logIn(
                    email: Self.liz.email, mobile: Self.liz.mobile, lastFour: Self.liz.lastFour)
            else {
                Issue.record("the full login failed")
                return
            }
            #expect(try service.setPIN("582937", confirmation: "582937") == nil)
            let new = try #require(try f.account.loadSession())
            #expect(new.id != old.id)
            let model = try #require(try service.follow { _ in })
            #expect(model.session == new.id)
        }
    }
}
