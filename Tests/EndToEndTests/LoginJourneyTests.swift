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
