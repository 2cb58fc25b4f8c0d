import Foundation
import TestSupport
import Testing

/// Issue 8: quitting at "Set a PIN" must not leave an open session.
@Suite(.serialized) struct PendingLoginJourneyTests {
    @Test func quittingAtSetAPinLeavesNoSessionAndTheNextStartIsAFullLogin() throws {
        let app = try AppHarness()
        try app.start()
        try app.enterDetails(email: "liz.abbot@example.com", mobile: "07700 100001", lastFour: "0001")
        try app.waitFor("Choose a PIN")
        try app.press("C-c")
        _ = try app.tmux.waitForExit(timeout: .seconds(10))
        #expect(!FileManager.default.fileExists(atPath: "\(app.data)/session.json"))
        let registered =
            (try? FileManager.default.contentsOfDirectory(atPath: "\(app.store)/schools/green-abbey/registrations"))
            ?? []
        #expect(registered.isEmpty)
        try AppHarness.Reopen(app).start()
        try app.waitFor("Log in to Xpressions")
        #expect(try !app.screen().contains("Choose a PIN"))
    }
}
