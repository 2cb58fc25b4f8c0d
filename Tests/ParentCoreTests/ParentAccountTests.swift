import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

@Suite struct ParentAccountTests {
    @Test func everyWrongCredentialGetsTheSameMessage() throws {
        try withTestDirectory { dir in
            let store = try DemoStoreCopy.copy(into: dir)
            let account = try DemoStoreCopy.account(store: store, data: dir, clock: ManualClock(DemoStoreCopy.now))
            let cases = [
                ("nobody@example.com", "07700 100001", "0001"),  // unknown email
                ("gareth.hughes@example.com", "07700 100003", "0003"),  // number typed Home
                ("liz.abbot@example.com", "07700 100001", "1234"),  // wrong last 4
                ("agnieszka.nowak@example", "07700 100004", "0004"),  // malformed email
                ("piotr.kowalski@example.com", "07700 900123", "0123"),
            ]  // not a mobile range
            var messages: [[UInt8]] = []
            for (email, mobile, four) in cases {
                guard case .rejected(let message, _) = try account.logIn(email: email, mobile: mobile, lastFour: four)
                else {
                    Issue.record("\(email) was not rejected")
                    continue
                }
                messages.append(Array(message.utf8))
            }
            #expect(messages.count == cases.count)
            #expect(Set(messages).count == 1)
            #expect(try account.status() == .loggedOut(reason: nil))
        }
    }

    @Test func attemptsAreLimitedPerEmailAndTheCountSurvivesARestart() throws {
        try withTestDirectory { dir in
            let store = try DemoStoreCopy.copy(into: dir)
            let clock = ManualClock(DemoStoreCopy.now)
            // The store's file times pass with the clock, as they would.
            let files = StoreClockFileLayer { clock.now() }
            var account = try DemoStoreCopy.account(store: store, data: dir, clock: clock, files: files)
            for left in [4, 3] {
                #expect(
                    try account.logIn(email: "liz.abbot@example.com", mobile: "07700100001", lastFour: "9999")
                        == .rejected(message: LoginOutcome.rejectionText, attemptsLeft: left))
            }
            account = try DemoStoreCopy.account(store: store, data: dir, clock: clock, files: files)  // a restart
            for _ in 0..<3 {
                _ = try account.logIn(email: "liz.abbot@example.com", mobile: "07700100001", lastFour: "9999")
            }
            guard
                case .lockedOut(let until) = try account.logIn(
                    email: "liz.abbot@example.com", mobile: "07700100001", lastFour: "0001")
            else {
                Issue.record("not locked out")
                return
            }
            #expect(until > clock.now())
            // Even the right details wait for the lock to pass; then they work.
            clock.advance(by: 15 * 60 + 1)
            guard
                case .loggedIn = try account.logIn(
                    email: "liz.abbot@example.com", mobile: "07700100001", lastFour: "0001")
            else {
                Issue.record("right details refused after the lock-out")
                return
            }
        }
    }

    @Test func loginRegistersNotificationsAndRematchesEverything() throws {
        try withTestDirectory { dir in
            let store = try DemoStoreCopy.copy(into: dir)
            let account = try DemoStoreCopy.account(store: store, data: dir, clock: ManualClock(DemoStoreCopy.now))
            guard
                case .loggedIn(let pending) = try account.logIn(
                    email: "liz.abbot@example.com", mobile: "+44 7700 100001", lastFour: "0001")
            else {
                Issue.record("login failed")
                return
            }
            #expect(pending.children.map(\.student) == ["GA-BEN", "GA-AMY", "RP-TOM"])
            #expect(try account.setPIN("739184", confirmation: "739184", for: pending) == nil)
            let session = try #require(try account.loadSession())
            #expect(session.children == pending.children && session.id == pending.id)
            let writer = StoreWriter(root: store, files: PosixFileLayer())
            #expect(try writer.registrations(school: "green-abbey").map(\.contacts) == [["GA-C-LIZ"]])
            #expect(try writer.registrations(school: "riverside-primary").map(\.contacts) == [["RP-C-LIZ"]])
            #expect(try account.status() == .locked(session))

            // The school links Liz to Finley too (an edit of contacts.json); a new login finds him.
            var contacts = try FileStore(root: store).allContacts(school: "green-abbey")
            let i = contacts.firstIndex { $0.id == "GA-C-LIZ" }!
            contacts[i].students.append(
                StudentLink(
                    student: "GA-FINLEY", relationship: "Stepmother", priority: 2,
                    parentalResponsibility: true, correspondence: true))
            let zone = SchoolTimeZone(identifier: "Europe/London")!
            try Data(JSONWriter().writeRecords(contacts.map { $0.json(zone: zone) }))
                .write(to: URL(fileURLWithPath: "\(store)/schools/green-abbey/contacts.json"))
            guard
                case .loggedIn(let again) = try account.logIn(
                    email: "liz.abbot@example.com", mobile: "07700 100001", lastFour: "0001")
            else {
                Issue.record("second login failed")
                return
            }
            #expect(again.children.map(\.student) == ["GA-BEN", "GA-AMY", "GA-FINLEY", "RP-TOM"])
            #expect(try account.setPIN("739184", confirmation: "739184", for: again) == nil)
            // the old registration went
            #expect(try writer.registrations(school: "green-abbey").map(\.id) == [again.id])
        }
    }

    @Test func noChildrenIsSaidPlainlyAfterTheDetailsCheckOut() throws {
        try withTestDirectory { dir in
            let store = try DemoStoreCopy.copy(into: dir)
            let account = try DemoStoreCopy.account(store: store, data: dir, clock: ManualClock(DemoStoreCopy.now))
            #expect(
                try account.logIn(email: "margaret.abbot@example.com", mobile: "07700100012", lastFour: "0012")
                    == .noChildren(message: LoginOutcome.noChildrenText))
        }
    }

    /// Liz's details checked; no PIN set yet (so no session).
    func pendingLogin(_ dir: TestDirectory, clock: ManualClock, files: any FileLayer = PosixFileLayer()) throws -> (
        ParentAccount, String, PendingLogin
    ) {
        let store = try DemoStoreCopy.copy(into: dir)
        let account = try DemoStoreCopy.account(store: store, data: dir, clock: clock, files: files)
        let outcome = try account.logIn(email: "liz.abbot@example.com", mobile: "07700 100001", lastFour: "0001")
        guard case .loggedIn(let pending) = outcome else {
            throw StoreProblems([StoreProblem(file: "test", message: "login failed: \(outcome)")])
        }
        return (account, store, pending)
    }

    /// Liz logged in with the PIN 739184.
    func loggedIn(_ dir: TestDirectory, clock: ManualClock, files: any FileLayer = PosixFileLayer()) throws -> (
        ParentAccount, String
    ) {
        let (account, store, pending) = try pendingLogin(dir, clock: clock, files: files)
        guard try account.setPIN("739184", confirmation: "739184", for: pending) == nil else {
            throw StoreProblems([StoreProblem(file: "test", message: "PIN refused")])
        }
        return (account, store)
    }

    @Test func pinIsAYescryptHashNeverThePin() throws {
        try withTestDirectory { dir in
            let clock = ManualClock(DemoStoreCopy.now)
            let (account, _, pending) = try pendingLogin(dir, clock: clock)
            #expect(try account.setPIN("1234", confirmation: "1234", for: pending) == PinRefusal.ascendingRun.message)
            #expect(
                try account.setPIN("739184", confirmation: "739185", for: pending)
                    == "The two PINs don't match. Please type the same PIN twice.")
            #expect(try account.loadSession() == nil)
            #expect(try account.setPIN("739184", confirmation: "739184", for: pending) == nil)
            let session = try #require(try account.loadSession())
            #expect(session.pinHash!.hasPrefix("$y$"))
            guard case .locked = try account.status() else {
                Issue.record("not locked after setting a PIN")
                return
            }
            for entry in dir.walk() where !entry.isDirectory && entry.path.hasPrefix(dir.file("data")) {
                let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: entry.path)), as: UTF8.self)
                #expect(!text.contains("739184"), "\(entry.path) holds the PIN")
                #expect(!text.contains("liz.abbot"), "\(entry.path) holds the email")
                #expect(!text.contains("100001"), "\(entry.path) holds the mobile")
            }
            #expect(try account.unlock(pin: "739184") == .unlocked(try #require(try account.loadSession())))
        }
    }

    @Test func tenWrongPinsEndTheSession() throws {
        try withTestDirectory { dir in
            let clock = ManualClock(DemoStoreCopy.now)
            let (account, store) = try loggedIn(dir, clock: clock)
            for left in stride(from: 9, through: 1, by: -1) {
                #expect(try account.unlock(pin: "000000") == .wrong(attemptsLeft: left))
            }
            #expect(try account.unlock(pin: "000000") == .wiped)
            #expect(try account.status() == .loggedOut(reason: nil))
            #expect(!FileManager.default.fileExists(atPath: dir.file("data/session.json")))
            #expect(try StoreWriter(root: store, files: PosixFileLayer()).registrations(school: "green-abbey").isEmpty)
        }
    }

    @Test func aCrashBetweenCountingAndCheckingStillCounts() throws {
        try withTestDirectory { dir in
            let clock = ManualClock(DemoStoreCopy.now)
            let (account, store) = try loggedIn(dir, clock: clock)
            // The first file operation of unlock() is the counting write; crash at the one after it.
            let faulty = FaultyFileLayer(wrapping: PosixFileLayer(), plan: .simulatedCrashAt(3))
            let crashing = ParentAccount(
                store: try FileStore(root: store), dataDirectory: dir.file("data"), files: faulty, clock: clock,
                settings: account.settings)
            #expect(throws: SimulatedCrash.self) { _ = try crashing.unlock(pin: "739184") }
            #expect(try account.loadSession()?.pinFailures == 1)
        }
    }

    @Test func filesArePrivate() throws {
        try withTestDirectory { dir in
            let clock = ManualClock(DemoStoreCopy.now)
            _ = try loggedIn(dir, clock: clock)
            let data = dir.walk().filter { $0.path.hasPrefix(dir.file("data")) }
            #expect(!data.isEmpty)
            for entry in data { #expect(entry.mode == (entry.isDirectory ? 0o700 : 0o600), "\(entry.path)") }
            #expect(permissions(dir.file("data")) == 0o700)
        }
    }

    @Test func aLongAbsenceMeansAFullLoginAgain() throws {
        try withTestDirectory { dir in
            let clock = ManualClock(DemoStoreCopy.now)
            let (account, _) = try loggedIn(dir, clock: clock)
            clock.advance(by: 29 * 86_400)
            guard case .locked = try account.status() else {
                Issue.record("29 days should still ask for the PIN")
                return
            }
            clock.advance(by: 2 * 86_400)
            #expect(
                try account.status()
                    == .loggedOut(reason: "You haven't opened Xpressions for over 30 days, so please log in again."))
        }
        // A setting under a day is said in its own unit (it said "over 0 days").
        #expect(ParentAccount.spanText(2) == "2 seconds" && ParentAccount.spanText(1) == "1 second")
        #expect(ParentAccount.spanText(90 * 60) == "1 hour" && ParentAccount.spanText(5 * 60) == "5 minutes")
        #expect(ParentAccount.spanText(30 * 86_400) == "30 days")
    }

    @Test func logoutUnregistersAndWipes() throws {
        try withTestDirectory { dir in
            let clock = ManualClock(DemoStoreCopy.now)
            let (account, store) = try loggedIn(dir, clock: clock)
            #expect(try account.logOut() == .loggedOut(unregistered: true))
            #expect(try account.status() == .loggedOut(reason: nil))
            let writer = StoreWriter(root: store, files: PosixFileLayer())
            #expect(try writer.registrations(school: "green-abbey").isEmpty)
            #expect(try writer.registrations(school: "riverside-primary").isEmpty)
            #expect(FileManager.default.fileExists(atPath: dir.file("data/login-attempts.json")))
        }
    }
}
