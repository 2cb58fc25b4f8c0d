import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// A sync whose identity re-check takes a school away (Liz's Green Abbey
/// record no longer holds her email, and a message she queued for it waits
/// in the outbox), crashed or failed at every write point, then restarted:
/// the message is never sent, the session is the old one or the new one,
/// and the next sync reaches exactly what an uninterrupted one does.
@Suite struct IdentityCrashHarnessTests {
    struct Scenario {
        let f: SyncFixture
        let queued: String
        var saved: String { f.directory.file("saved") }
        static let schools = ["green-abbey", "riverside-primary"]

        init(in dir: TestDirectory) throws {
            f = try SyncFixture(in: dir)
            let engine = try f.engine()
            try engine.sync()
            queued = try engine.compose(school: "green-abbey", topic: "Absence", body: "Ben is unwell today.").key
            try f.editRecords(StoreLayout.contactsFile("green-abbey")) { records in
                for i in records.indices where records[i]["id"] == .string("GA-C-LIZ") {
                    records[i] = records[i].setting("emails", .array([.string("someone.else@example.com")]))
                }
            }
            try FileManager.default.createDirectory(atPath: saved, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: f.dataDirectory, toPath: "\(saved)/data")
            for s in Self.schools {
                try FileManager.default.copyItem(
                    atPath: "\(f.store)/\(StoreLayout.registrationsDirectory(s))", toPath: "\(saved)/\(s)")
            }
        }

        func restore() throws {
            let files = PosixFileLayer()
            try files.removeTree(f.dataDirectory)
            try FileManager.default.copyItem(atPath: "\(saved)/data", toPath: f.dataDirectory)
            for s in Self.schools {
                let target = "\(f.store)/\(StoreLayout.registrationsDirectory(s))"
                try files.removeTree(target)
                try FileManager.default.copyItem(atPath: "\(saved)/\(s)", toPath: target)
                try files.removeTree("\(f.store)/\(StoreLayout.inboxDirectory(s))")
            }
        }

        @discardableResult
        func interruptedSync(_ plan: FaultPlan, steps: Bool) throws -> Int {
            let layer = FaultyFileLayer(wrapping: PosixFileLayer(), plan: plan, countsSteps: steps)
            do {
                try f.engine(files: layer).sync()
            } catch is SimulatedCrash {
            } catch let error as FileLayerError where error.isInjected {
            }
            return layer.faultPointCount
        }

        /// After any interruption: nothing was sent for the record that went;
        /// the session is the old one or the new one; a session already
        /// without Green Abbey never shows its children, and its message is
        /// held by then.
        func checkAfterInterruption(_ label: String) throws {
            #expect(try f.writer.inbox(school: "green-abbey").isEmpty, "\(label): sent on behalf of a record that went")
            let session = try #require(try f.account.loadSession(), "\(label): the session is gone")
            let schools = session.schools.map(\.school)
            #expect(schools == Self.schools || schools == ["riverside-primary"], "\(label): schools \(schools)")
            if schools == ["riverside-primary"] {
                let item = try #require(
                    try Outbox(dataDirectory: f.dataDirectory, files: PosixFileLayer()).item(queued))
                #expect(item.isHeld, "\(label): the session changed before its message was held")
                let engine = try f.engine()
                #expect(
                    engine.snapshot.children.map(\.ref) == [SyncFixture.tom],
                    "\(label): shows \(engine.snapshot.children.map(\.ref))")
            }
        }

        /// Restarted and synced again: the state an uninterrupted sync reaches.
        func checkRecovery(_ label: String) throws {
            let engine = try f.engine()
            let report = try engine.sync()
            #expect(report.problems.isEmpty, "\(label): \(report.problems)")
            #expect(engine.session.schools.map(\.school) == ["riverside-primary"], "\(label)")
            #expect(try f.account.loadSession()?.schools.map(\.school) == ["riverside-primary"], "\(label)")
            #expect(engine.snapshot.children.map(\.ref) == [SyncFixture.tom], "\(label)")
            #expect(
                !engine.model.state.schoolIDs.contains("green-abbey"), "\(label): Green Abbey is still in the model")
            #expect(
                try f.writer.registrations(school: "green-abbey").isEmpty, "\(label): still registered at Green Abbey")
            #expect(
                try f.writer.registrations(school: "riverside-primary").map(\.contacts) == [["RP-C-LIZ"]], "\(label)")
            #expect(try engine.outbox.item(queued)?.isHeld == true, "\(label): the message is not held")
            #expect(try f.writer.inbox(school: "green-abbey").isEmpty, "\(label)")
        }
    }

    @Test func aCrashAtAnyWritePointOfARecheckThatTakesASchoolAway() throws {
        try withTestDirectory { dir in
            let s = try Scenario(in: dir)
            let points = try s.interruptedSync(.none, steps: true)
            try s.checkRecovery("no fault")
            try s.restore()
            #expect(points > 10)
            for k in 1...points {
                try s.interruptedSync(.simulatedCrashAt(k), steps: true)
                try s.checkAfterInterruption("crash at \(k)")
                try s.checkRecovery("crash at \(k)")
                try s.restore()
            }
        }
    }

    /// No record holds her details any more: the session ends. Crashed at
    /// every write point and restarted, the message is never sent, no
    /// registration of the old session is left once it has ended, the next
    /// start says why, and after she logs in again the message is offered.
    @Test func aCrashAtAnyWritePointOfARecheckThatEndsTheSession() throws {
        try withTestDirectory { dir in
            let s = try Scenario(in: dir)
            let riverside = StoreLayout.contactsFile("riverside-primary")
            let greenAbbey = StoreLayout.contactsFile("green-abbey")
            let original = try s.f.read(riverside)
            let changedGreenAbbey = try s.f.read(greenAbbey)
            let originalGreenAbbey = changedGreenAbbey.replacingOccurrences(
                of: "someone.else@example.com", with: "liz.abbot@example.com")
            try s.f.editRecords(riverside) { records in
                for i in records.indices where records[i]["id"] == .string("RP-C-LIZ") {
                    records[i] = records[i].setting("emails", .array([.string("someone.else@example.com")]))
                }
            }
            let changed = try s.f.read(riverside)
            let points = try s.interruptedSync(.none, steps: true)
            #expect(try s.f.account.loadSession() == nil)
            try s.restore()
            for k in 1...points {
                let label = "crash at \(k)"
                try s.interruptedSync(.simulatedCrashAt(k), steps: true)
                #expect(try s.f.writer.inbox(school: "green-abbey").isEmpty, "\(label): sent")
                // Restarted: a session still there is re-checked (and ends) at its next sync.
                if try s.f.account.loadSession() != nil { try s.f.engine().sync() }
                #expect(try s.f.account.loadSession() == nil, "\(label): the session did not end")
                for school in Scenario.schools {
                    #expect(
                        try !s.f.writer.registrations(school: school).contains { $0.id == s.f.session.id },
                        "\(label): still registered at \(school)")
                }
                #expect(try s.f.lazyAccount().status() != .loggedOut(reason: nil), "\(label): no reason given")
                // The school puts her details back; she logs in again and is offered the message.
                try s.f.overwrite(riverside, with: original)
                try s.f.overwrite(greenAbbey, with: originalGreenAbbey)
                let account = s.f.lazyAccount()
                guard
                    case .loggedIn(let pending) = try account.logIn(
                        email: "liz.abbot@example.com", mobile: "07700 100001", lastFour: "0001"),
                    try account.setPIN("582937", confirmation: "582937", for: pending) == nil,
                    let session = try account.loadSession()
                else {
                    Issue.record("\(label): the login failed")
                    continue
                }
                let engine = try SyncEngine(account: account, session: session)
                #expect(engine.snapshot.recovered.map(\.key) == [s.queued], "\(label): not offered")
                try s.restore()
                try s.f.overwrite(riverside, with: changed)
                try s.f.overwrite(greenAbbey, with: changedGreenAbbey)
                try? FileManager.default.removeItem(atPath: "\(s.f.store)/login-attempts")
            }
        }
    }

    @Test func aFailureAtAnyWritePointOfARecheckThatTakesASchoolAway() throws {
        try withTestDirectory { dir in
            let s = try Scenario(in: dir)
            let points = try s.interruptedSync(.none, steps: false)
            try s.restore()
            for k in 1...points {
                try s.interruptedSync(.failAt(k), steps: false)
                try s.checkAfterInterruption("failure at \(k)")
                try s.checkRecovery("failure at \(k)")
                try s.restore()
            }
        }
    }
}
