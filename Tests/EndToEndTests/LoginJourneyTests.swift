import Foundation
import TestSupport
import Testing

/// The real binary in a real terminal (tmux), typed keys, the screen read back.
@Suite(.serialized) struct LoginJourneyTests {
    @Test func loginPinLockUnlockAndLogout() throws {
        let app = try AppHarness()
        try app.start()
        try app.logInAsLiz()
        try app.press("4")
        try app.waitFor("Green Abbey School")
        try app.waitFor("https://greenabbey.example.sch.uk/parentinformation")  // the management console's website wins
        try app.press("L")
        try app.waitFor("Xpressions is locked")
        try app.type("000000")
        try app.press("Enter")
        try app.waitFor("That PIN isn't right. 9 more wrong PINs")
        try app.type("739184")
        try app.press("Enter")
        try app.waitFor("1 Home")
        try app.press("X")
        try app.waitFor("Log out of Xpressions?")
        try app.press("y")
        try app.waitFor("You have logged out")
        // Registrations are gone from the store.
        let registrations = try FileManager.default.contentsOfDirectory(
            atPath: "\(app.store)/schools/green-abbey/registrations")
        #expect(registrations.isEmpty)
    }

    @Test func wrongDetailsGetOneMessageWhateverWasWrong() throws {
        let app = try AppHarness()
        try app.start()
        try app.enterDetails(email: "gareth.hughes@example.com", mobile: "07700 100003", lastFour: "0003")
        let screen = try app.waitFor("attempts left").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(screen.contains("Those details don't match what your school holds (4 attempts left). Check"))
    }

    @Test func reopeningAsksOnlyForThePin() throws {
        let app = try AppHarness()
        try app.start()
        try app.logInAsLiz()
        try app.press("q")
        _ = try app.tmux.waitForExit(timeout: .seconds(10))
        let again = AppHarness.Reopen(app)
        try again.start()
        try app.waitFor("Xpressions is locked")
    }
}

extension AppHarness {
    /// Runs the app again on the same store and data directory.
    struct Reopen {
        let app: AppHarness
        init(_ app: AppHarness) { self.app = app }
        func start() throws {
            app.tmux.kill()
            try app.start()
        }
    }
}

extension LoginJourneyTests {
    /// "Forgot your PIN?" through the real binary: after two wrong PINs,
    /// Tab and Enter on the lock screen lead to a full login and a new PIN;
    /// the next start takes the new PIN, not the old; a message queued
    /// offline before is kept, offered after the login ("Messages kept from
    /// before": nothing is sent without the parent), and sent once.
    @Test func forgotThePinLogsInAgainAndKeepsWhatWasQueued() throws {
        let (directory, app) = try OfflineJourneyTests.headless("forgot-pin")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = "\(directory)/store"
        #expect(try app(OfflineJourneyTests.login + "<Wait 300>").status == 0)
        try FileManager.default.moveItem(atPath: store, toPath: store + ".away")
        let queued = try app("739184<Enter><Wait 300>n<Wait 100>Is the trip on Friday?<C-s><Right><C-s><Wait 300>")
        #expect(queued.output.contains("Queued — will be sent when the school data is reachable"), "\(queued.output)")
        try FileManager.default.moveItem(atPath: store + ".away", toPath: store)

        let forgot = try app(
            "111111<Enter>222222<Enter><Tab><Enter>liz.abbot@example.com<Enter>07700 100001<Enter>0001<Enter>"
                + "<Wait 300>482611<Enter>482611<Enter><Wait 500>")
        #expect(forgot.output.contains("Messages kept from before"), "\(forgot.output)")
        #expect(forgot.output.contains("Is the trip on Friday?"), "\(forgot.output)")
        #expect(forgot.output.contains("You logged in again."), "\(forgot.output)")
        let inbox = "\(store)/schools/green-abbey/inbox"
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: inbox)) ?? []).isEmpty, "not sent unasked")
        let old = try app("739184<Enter><Wait 300>")
        #expect(old.output.contains("That PIN isn't right"), "the old PIN no longer unlocks: \(old.output)")
        let new = try app("482611<Enter><Wait 300>a<Wait 800><Esc><Wait 200>")
        #expect(new.output.contains("Ben Abbot (9A)"), "\(new.output)")
        let sent = try FileManager.default.contentsOfDirectory(atPath: inbox).filter { $0.hasSuffix(".json") }
        #expect(sent.count == 1, "\(sent)")
        let item = try String(contentsOfFile: "\(inbox)/\(sent[0])", encoding: .utf8)
        #expect(item.contains("Is the trip on Friday?"))
    }
}

extension LoginJourneyTests {
    /// A `session.json` cut short (a crash, a full disk) through the real
    /// binary: it is set aside in `damaged/`, the parent is asked to log in
    /// again and told their unsent message is kept, and after the login the
    /// message is offered, not lost and not sent unasked.
    @Test func aDamagedSessionIsSetAsideAndItsQueuedMessageIsOffered() throws {
        let (directory, app) = try OfflineJourneyTests.headless("damaged-session")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (store, data) = ("\(directory)/store", "\(directory)/data")
        #expect(try app(OfflineJourneyTests.login + "<Wait 300>").status == 0)
        try FileManager.default.moveItem(atPath: store, toPath: store + ".away")
        let queued = try app("739184<Enter><Wait 300>n<Wait 100>Is the trip on Friday?<C-s><Right><C-s><Wait 300>")
        #expect(queued.output.contains("Queued — will be sent when the school data is reachable"), "\(queued.output)")
        try FileManager.default.moveItem(atPath: store + ".away", toPath: store)
        let session = try Data(contentsOf: URL(fileURLWithPath: "\(data)/session.json"))
        try session.prefix(session.count / 2).write(to: URL(fileURLWithPath: "\(data)/session.json"))

        let opened = try app("<Wait 300>")
        #expect(opened.output.contains("Your saved login on this device could not be read"), "\(opened.output)")
        #expect(opened.output.contains("message you had not sent is kept on this device"), "\(opened.output)")
        let damaged = try FileManager.default.contentsOfDirectory(atPath: "\(data)/damaged")
        #expect(damaged.contains { $0.hasPrefix("session.") }, "\(damaged)")
        let again = try app(OfflineJourneyTests.login + "<Wait 500>")
        #expect(again.output.contains("Messages kept from before"), "\(again.output)")
        #expect(again.output.contains("Is the trip on Friday?"))
        #expect(again.output.contains("Your saved login could not be read."), "\(again.output)")
    }
}
