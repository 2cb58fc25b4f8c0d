import Foundation
import TestSupport
import Testing

/// The school's servers go away (the store is moved) while a parent is
/// logged in: they still unlock, read everything, and queue a reply, which
/// is delivered exactly once when the store is back. A parent who is not
/// logged in yet is told why they cannot log in.
@Suite struct OfflineJourneyTests {
    @Test func anOfflineParentUnlocksReadsAndTheirReplyGoesOnceTheStoreIsBack() throws {
        let app = try AppHarness()
        try app.start()
        try app.logInAsLiz()
        try app.waitFor("Ben Abbot (9A)")
        try app.press("q")
        _ = try app.tmux.waitForExit(timeout: .seconds(10))
        let away = app.store + ".away"
        try FileManager.default.moveItem(atPath: app.store, toPath: away)

        let offline = app
        try AppHarness.Reopen(app).start()
        try offline.waitFor("Xpressions is locked")
        try offline.type("739184")
        try offline.press("Enter")
        try offline.waitFor("Ben Abbot (9A)")
        try offline.waitFor("Can't reach the school data since")
        // Read: the timeline and a message are all there.
        try offline.press("2")
        try offline.waitFor("Ben's Year 9 options interview")
        try offline.press("/")
        try offline.type("options")
        try offline.press("Enter", "Enter")
        try offline.waitFor("Mrs Okafor (Head of Year 9)")
        try offline.press("r")
        try offline.type("Is 10:40 still possible?")
        try offline.press("C-s")
        try offline.waitFor("Queued — will be sent when the school data is reachable")

        // The store comes back: the next try delivers the reply, once.
        try FileManager.default.moveItem(atPath: away, toPath: app.store)
        try offline.press("R")
        try offline.waitFor("Sent: your message to Green Abbey School")
        let inbox = try FileManager.default.contentsOfDirectory(atPath: "\(app.store)/schools/green-abbey/inbox").filter
        { $0.hasSuffix(".json") }
        #expect(inbox.count == 1)
        let item = try String(contentsOfFile: "\(app.store)/schools/green-abbey/inbox/\(inbox[0])", encoding: .utf8)
        #expect(item.contains("Is 10:40 still possible?"))
        try offline.press("R")
        try offline.waitFor("Updated just now")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: "\(app.store)/schools/green-abbey/inbox").filter {
                $0.hasSuffix(".json")
            }.count == 1)
    }

    @Test func aParentNotLoggedInIsToldTheStoreCannotBeReached() throws {
        let app = try AppHarness()
        try FileManager.default.moveItem(atPath: app.store, toPath: app.store + ".away")
        try app.start()
        try app.waitFor("Can't reach the school data, so you can't log in yet")
    }
}
