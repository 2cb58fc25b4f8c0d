import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// Logout is an explicit choice: it never discards unsent messages unless
/// the parent says so.
@Suite struct LogoutTests {
    typealias F = SyncFixture

    static func twoQueued(_ f: F) throws -> (SyncCoordinator, [String]) {
        let coordinator = SyncCoordinator(engine: try f.engine())
        coordinator.start(.opening)
        coordinator.waitUntilIdle()
        let a = try coordinator.engine.compose(school: "green-abbey", topic: "Absence", body: "Off sick.")
        let b = try coordinator.engine.compose(school: "green-abbey", topic: "Uniform", body: "Lost jumper.")
        return (coordinator, [a.key, b.key])
    }

    @Test func withUnsentMessagesNothingHappensUnlessThePartyChooses() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let (coordinator, keys) = try Self.twoQueued(f)
            let outcome = try coordinator.logOut()
            guard case .unsent(let items) = outcome else {
                Issue.record("logged out: \(outcome)")
                return
            }
            #expect(Set(items.map(\.key)) == Set(keys))  // made at the same instant: their order is the keys'

            #expect(outcome.message == "2 messages could not be sent: keep trying (stay logged in) or discard them.")
            #expect(try f.account.loadSession() != nil)
            #expect(Set(try coordinator.engine.outbox.items().map(\.key)) == Set(keys))
            #expect(FileManager.default.fileExists(atPath: "\(f.dataDirectory)/model/manifest.json"))
            #expect(try f.account.logOut() == outcome)  // the account alone decides the same
        }
    }

    /// What the school refused is said so at logout: trying again cannot
    /// send it (an audit read "keep trying" for a message the school had
    /// turned messages off for).
    @Test func aRefusedMessageIsNotOfferedAsKeepTrying() throws {
        let queued = OutboxItem(
            key: "a", kind: .message, school: "s", contacts: ["c"], students: [], topic: "T", body: "x",
            createdAt: Date())
        var refused = queued
        refused.state = .failed(reason: "The school has turned off messages")
        #expect(
            LogoutOutcome.unsent([refused]).message
                == "1 message could not be sent: the school refused it, so trying again won't help. Discard it, or stay logged in to see why and copy it."
        )
        #expect(
            LogoutOutcome.unsent([refused, queued]).message
                == "2 messages could not be sent (1 refused by the school: trying again won't send that one): keep trying (stay logged in) or discard them."
        )
    }

    @Test func sendFirstThatCannotSendSaysHowManyAndStaysLoggedIn() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let (coordinator, keys) = try Self.twoQueued(f)
            try FileManager.default.moveItem(atPath: f.store, toPath: f.store + ".away")
            let outcome = try coordinator.logOut(.sendFirst)
            guard case .unsent(let items) = outcome else {
                Issue.record("logged out: \(outcome)")
                return
            }
            #expect(Set(items.map(\.key)) == Set(keys))  // made at the same instant: their order is the keys'

            #expect(items.allSatisfy { $0.lastError?.contains("will be sent later") == true })
            #expect(try f.account.loadSession() != nil)
            #expect(coordinator.unsentCount == 2)
            // Keep trying: when the store is back, "send first" logs out.
            try FileManager.default.moveItem(atPath: f.store + ".away", toPath: f.store)
            #expect(try coordinator.logOut(.sendFirst) == .loggedOut(unregistered: true))
            #expect(Set(try f.writer.inbox(school: "green-abbey").map(\.key)) == Set(keys))
            #expect(try f.account.loadSession() == nil)
            #expect(!FileManager.default.fileExists(atPath: "\(f.dataDirectory)/outbox"))
        }
    }

    /// "Send them, then log out" comes between syncs: the school corrected
    /// Liz's Green Abbey record while its data was away, and the messages
    /// written meanwhile are not sent under a record that no longer holds
    /// her details (the audit saw them arrive). They are held for her.
    @Test func sendFirstChecksWhoTheParentStillIsBeforeSending() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let (coordinator, keys) = try Self.twoQueued(f)
            try FileManager.default.moveItem(atPath: f.store, toPath: f.store + ".away")
            #expect(try coordinator.logOut(.sendFirst) != .loggedOut(unregistered: true))
            try FileManager.default.moveItem(atPath: f.store + ".away", toPath: f.store)
            try f.editRecords(StoreLayout.contactsFile("green-abbey")) { records in
                for i in records.indices where records[i]["id"] == .string("GA-C-LIZ") {
                    records[i] = records[i].setting("emails", .array([.string("new.owner@example.com")]))
                }
            }
            let outcome = try coordinator.logOut(.sendFirst)
            #expect(try f.writer.inbox(school: "green-abbey").isEmpty)
            // Held for the same parent (the session went on with Riverside),
            // never sent; and not left on the device unseen by a logout:
            // she stays logged in, told they could not go, and chooses.
            guard case .unsent(let unsent) = outcome else {
                Issue.record("logged out with two messages she cannot see: \(outcome)")
                return
            }
            #expect(Set(unsent.map(\.key)) == Set(keys))
            let held = try coordinator.engine.outbox.items().filter { keys.contains($0.key) }
            #expect(held.count == 2 && held.allSatisfy(\.isHeld), "\(held)")
            #expect(try f.writer.registrations(school: "green-abbey").isEmpty)
            #expect(try coordinator.logOut(.discardUnsent) == .loggedOut(unregistered: true))
            #expect(try f.writer.inbox(school: "green-abbey").isEmpty)
        }
    }

    /// Liz logged in and synced, then logged out while the store was away;
    /// the store back, her registrations still in it.
    static func loggedOutWithTheStoreAway(_ dir: TestDirectory) throws -> F {
        let f = try F(in: dir)
        let coordinator = SyncCoordinator(engine: try f.engine())
        coordinator.start(.opening)
        coordinator.waitUntilIdle()
        #expect(try !f.writer.registrations(school: "green-abbey").isEmpty)
        try FileManager.default.moveItem(atPath: f.store, toPath: f.store + ".away")
        #expect(try coordinator.logOut(.discardUnsent) == .loggedOut(unregistered: false))
        try FileManager.default.moveItem(atPath: f.store + ".away", toPath: f.store)
        return f
    }

    /// The children's photos and the schools' logos are kept on the
    /// device, so they are there with the store away (an audit found
    /// initials and no logo after an offline restart), and go at logout.
    @Test func picturesStayWithTheStoreAwayAndGoAtLogout() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let model = engine.snapshot
            func service() -> ParentService {
                ParentService(
                    storeRoot: f.store, dataDirectory: f.dataDirectory, files: PosixFileLayer(), clock: f.clock,
                    securityClock: f.clock)
            }
            let online = service().pictures(for: model)
            #expect(!online.isEmpty)
            try FileManager.default.moveItem(atPath: f.store, toPath: f.store + ".away")
            let offline = service().pictures(for: model)
            #expect(Set(offline.keys) == Set(online.keys))
            #expect(offline.keys.allSatisfy { offline[$0]?.rgb == online[$0]?.rgb })
            let kept = "\(f.dataDirectory)/pictures"
            let mode = try FileManager.default.attributesOfItem(atPath: kept)[.posixPermissions] as? Int
            #expect(mode == 0o700)
            // A photo path out of the school's folder shows no picture (it
            // showed another school's logo as Amy's photo).
            var state = model.state
            state.children[ChildRef(school: "green-abbey", student: "GA-AMY")]?.student.photo =
                "../riverside-primary/logo.ppm"
            let strayed = ParentModel(state: state, schoolOrder: model.schools.map(\.id), outbox: [], lastSynced: [:])
            #expect(!service().pictures(for: strayed).keys.contains("green-abbey/../riverside-primary/logo.ppm"))
            // A killed writer's temporary file goes (it stayed for ever).
            let stale = "\(kept)/.tmp-0123456789abcdef"
            try Data("P6".utf8).write(to: URL(fileURLWithPath: stale))
            PictureCopies.sweep(kept, keeping: model, files: PosixFileLayer())
            #expect(!FileManager.default.fileExists(atPath: stale))
            try FileManager.default.moveItem(atPath: f.store + ".away", toPath: f.store)
            // One school's folder away: its pictures come from the copy too
            // (the child's card showed initials).
            let riverside = "\(f.store)/schools/riverside-primary"
            try FileManager.default.moveItem(atPath: riverside, toPath: riverside + ".away")
            #expect(Set(service().pictures(for: model).keys) == Set(online.keys))
            try FileManager.default.moveItem(atPath: riverside + ".away", toPath: riverside)
            // A school whose records no longer hold her details takes its
            // pictures (Ben's and Amy's photos, its logo) off the device.
            let before = try FileManager.default.contentsOfDirectory(atPath: kept).count
            try f.editRecords(StoreLayout.contactsFile("green-abbey")) { records in
                for i in records.indices where records[i]["id"] == .string("GA-C-LIZ") {
                    records[i] = records[i].setting("emails", .array([.string("new.owner@example.com")]))
                }
            }
            f.clock.advance(by: 60)
            try engine.sync()
            // The sync alone takes them (xpressions sync on a timer left them
            // until the app next opened).
            #expect(try FileManager.default.contentsOfDirectory(atPath: kept).count < before)
            let left = service().pictures(for: engine.snapshot)
            #expect(!left.keys.contains { $0.hasPrefix("green-abbey/") })
            let after = try FileManager.default.contentsOfDirectory(atPath: kept).count
            #expect(after == left.count && after < before, "\(before) → \(after)")
            _ = try f.account.logOut(.discardUnsent)
            #expect(!FileManager.default.fileExists(atPath: kept), "logout removes this device's copy")
        }
    }

    /// A damaged session found while the store is away: its registrations
    /// are remembered and withdrawn when the store is back (they stayed,
    /// and nothing was said once the store came back: an audit), and the
    /// login says why at every start until the parent logs in again.
    @Test func aDamagedSessionWithTheStoreAwayIsWithdrawnLaterAndSaid() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let coordinator = SyncCoordinator(engine: try f.engine())
            coordinator.start(.opening)
            coordinator.waitUntilIdle()
            #expect(try !f.writer.registrations(school: "green-abbey").isEmpty)
            try f.plant("session.json", String(repeating: "{", count: 200))
            try FileManager.default.moveItem(atPath: f.store, toPath: f.store + ".away")
            func service() -> ParentService {
                ParentService(
                    storeRoot: f.store, dataDirectory: f.dataDirectory, files: PosixFileLayer(), clock: f.clock,
                    securityClock: f.clock)
            }
            let reason = "Your saved login on this device could not be read"
            guard case .loggedOut(let first?) = try service().open().status else {
                Issue.record("not logged out")
                return
            }
            #expect(first.hasPrefix(reason))
            #expect(FileManager.default.fileExists(atPath: "\(f.dataDirectory)/\(PendingUnregistrations.fileName)"))
            try FileManager.default.moveItem(atPath: f.store + ".away", toPath: f.store)
            guard case .loggedOut(let again?) = try service().open().status else {
                Issue.record("not logged out")
                return
            }
            #expect(again.hasPrefix(reason), "said again once the store is back")
            for school in ["green-abbey", "riverside-primary"] {
                #expect(try f.writer.registrations(school: school).isEmpty, "\(school)")
            }
        }
    }

    /// Logging out with the store away cannot withdraw the device's
    /// notification registrations: it says so (never "you won't get
    /// notifications"), remembers them, and withdraws them when the app
    /// next opens with the store there (the audit found them left for good).
    @Test func aLogoutWithTheStoreAwayWithdrawsTheRegistrationsLater() throws {
        try withTestDirectory { dir in
            let f = try Self.loggedOutWithTheStoreAway(dir)
            #expect(try !f.writer.registrations(school: "green-abbey").isEmpty)
            let pending = "\(f.dataDirectory)/\(PendingUnregistrations.fileName)"
            #expect(FileManager.default.fileExists(atPath: pending))
            let service = ParentService(
                storeRoot: f.store, dataDirectory: f.dataDirectory, files: PosixFileLayer(), clock: f.clock,
                securityClock: f.clock)
            _ = try service.open()
            #expect(try f.writer.registrations(school: "green-abbey").isEmpty)
            #expect(try f.writer.registrations(school: "riverside-primary").isEmpty)
            #expect(!FileManager.default.fileExists(atPath: pending))
        }
    }

    /// One school's folder away at the logout (moved, unmounted): its
    /// registration cannot be withdrawn, so the logout says the school's
    /// server could not be told and keeps it, and the next login's sync
    /// (or the app's next start) withdraws it once the folder is back.
    /// Removing a file that was not there looked like success, and the
    /// registration stayed for good (an audit).
    @Test func aSchoolsFolderAwayAtLogoutLeavesItsRegistrationToWithdrawLater() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let coordinator = SyncCoordinator(engine: try f.engine())
            coordinator.start(.opening)
            coordinator.waitUntilIdle()
            let riverside = "\(f.store)/schools/riverside-primary"
            let ids = try f.writer.registrations(school: "riverside-primary").map(\.id)
            #expect(!ids.isEmpty)
            try FileManager.default.moveItem(atPath: riverside, toPath: riverside + ".away")
            #expect(try coordinator.logOut(.discardUnsent) == .loggedOut(unregistered: false))
            #expect(try f.writer.registrations(school: "green-abbey").isEmpty)
            try FileManager.default.moveItem(atPath: riverside + ".away", toPath: riverside)
            #expect(try f.writer.registrations(school: "riverside-primary").map(\.id) == ids)
            // Liz logs in again: her first sync withdraws the old one.
            let session = try HeldOutboxTests.lizLogsIn(f.account)
            try SyncEngine(account: f.account, session: session).sync()
            #expect(try f.writer.registrations(school: "riverside-primary").map(\.id) == [session.id])
            #expect(!FileManager.default.fileExists(atPath: "\(f.dataDirectory)/\(PendingUnregistrations.fileName)"))
        }
    }

    /// The list of registrations to withdraw is damaged (cut short): what
    /// can still be read of it is withdrawn, and the file goes to damaged/
    /// (it was read as empty, and the device stayed registered for good).
    @Test func aDamagedListOfRegistrationsToWithdrawIsMendedNotIgnored() throws {
        try withTestDirectory { dir in
            let f = try Self.loggedOutWithTheStoreAway(dir)
            let pending = "\(f.dataDirectory)/\(PendingUnregistrations.fileName)"
            let text = try String(contentsOfFile: pending, encoding: .utf8)
            // Cut inside the second entry: the first stays whole.
            let cut = try #require(text.range(of: "riverside-primary"))
            try String(text[..<cut.lowerBound]).write(toFile: pending, atomically: true, encoding: .utf8)
            #expect(text.range(of: "green-abbey").map { $0.lowerBound < cut.lowerBound } == true)
            let service = ParentService(
                storeRoot: f.store, dataDirectory: f.dataDirectory, files: PosixFileLayer(), clock: f.clock,
                securityClock: f.clock)
            _ = try service.open()
            #expect(try f.writer.registrations(school: "green-abbey").isEmpty, "the entry still whole is withdrawn")
            let damaged = try FileManager.default.contentsOfDirectory(atPath: "\(f.dataDirectory)/damaged")
            #expect(damaged.contains { $0.hasPrefix("unregister-pending.") }, "\(damaged)")
        }
    }

    @Test func aFailedMessageIsUnsentUntilTheParentDiscardsIt() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let (coordinator, _) = try Self.twoQueued(f)
            let schoolFile = StoreLayout.schoolFile("green-abbey")
            try f.overwrite(
                schoolFile,
                with: try f.read(schoolFile).replacingOccurrences(
                    of: "\"incomingEnabled\": true", with: "\"incomingEnabled\": false"))
            guard case .unsent(let items) = try coordinator.logOut(.sendFirst) else {
                Issue.record("logged out")
                return
            }
            #expect(items.allSatisfy { if case .failed = $0.state { true } else { false } })
            #expect(try coordinator.logOut(.discardUnsent) == .loggedOut(unregistered: true))
            #expect(try f.writer.inbox(school: "green-abbey").isEmpty)
            #expect(!FileManager.default.fileExists(atPath: "\(f.dataDirectory)/outbox"))
            #expect(!FileManager.default.fileExists(atPath: "\(f.dataDirectory)/model"))
        }
    }

    @Test func discardingKeepsAnotherParentsHeldMessages() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let lizs = try engine.compose(school: "green-abbey", topic: "Absence", body: "Liz's message.")
            let david = try HeldOutboxTests.davidLogsIn(f.account)  // Liz's session ends: her message is held
            let his = try SyncEngine(account: f.account, session: david)
            try his.sync()
            _ = try his.compose(school: "green-abbey", topic: "Absence", body: "David's message.")
            #expect(try his.account.logOut(.discardUnsent) == .loggedOut(unregistered: true))
            #expect(
                try Outbox(dataDirectory: f.dataDirectory, files: PosixFileLayer()).items().map(\.key) == [lizs.key])
        }
    }
}
