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
        try Self.readTheInterviewAndQueueAReply("Is 10:40 still possible?", offline)

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

    static let login = "liz.abbot@example.com<Enter>07700 100001<Enter>0001<Enter>739184<Enter>739184<Enter>"

    /// With the store away: the timeline and a message are all there to
    /// read, and a reply written to it is queued.
    static func readTheInterviewAndQueueAReply(_ reply: String, _ app: AppHarness) throws {
        try app.press("2")
        try app.waitFor("Ben's Year 9 options interview")
        try app.press("/")
        try app.type("options")
        try app.press("Enter", "Enter")
        try app.waitFor("Mrs Okafor (Head of Year 9)")
        try app.press("r")
        try app.type(reply)
        try app.press("C-s")
        try app.waitFor("Queued — will be sent when the school data is reachable")
    }

    /// A directory holding a copy of the demo store (`store`) and a data
    /// directory (`data`), and the app run headless on them with a script.
    static func headless(_ name: String) throws -> (String, (String) throws -> XpressionsBinary.Run) {
        let directory = NSTemporaryDirectory() + "xpressions-\(name)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        AppHarness.shell(["cp", "-a", AppHarness.template, "\(directory)/store"])
        return (
            directory,
            { script in
                try XpressionsBinary.run([
                    "--store", "\(directory)/store", "--data-dir", "\(directory)/data", "--headless", "80x24",
                    "--script", script, "--snapshot", "-",
                ])
            }
        )
    }

    /// With no --now, a demo store shows its own date; offline it still
    /// does (remembered in the data directory), so the parent sees what
    /// they had: that term's attendance, not an empty new year.
    @Test func offlineTheStoresDemoDateIsKept() throws {
        let (directory, app) = try Self.headless("offline-clock")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (store, data) = ("\(directory)/store", "\(directory)/data")
        let online = try app(Self.login + "3")
        #expect(online.status == 0, "\(online.errors)")
        #expect(online.output.contains("Wed 18 Mar"), "\(online.output)")
        #expect(FileManager.default.fileExists(atPath: "\(data)/store-clock.json"))

        try FileManager.default.moveItem(atPath: store, toPath: store + ".away")
        let offline = try app("739184<Enter>3")
        #expect(offline.status == 0, "\(offline.errors)")
        #expect(offline.output.contains("Wed 18 Mar"), "the store's date, not today's: \(offline.output)")
        #expect(offline.output.contains("Can't reach the school data since"))
        #expect(offline.output.contains("2025-26"), "that year's attendance: \(offline.output)")
        #expect(!offline.output.contains("0/0"))
    }

    /// Something else where the outbox folder goes (a file written in its
    /// place), found as the app opens: moved aside and said on the status
    /// line (only `xpressions sync` said it; the app showed "Updated").
    @Test func aFileWhereTheOutboxGoesIsSaidByTheApp() throws {
        let (directory, app) = try Self.headless("outbox-file")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let data = "\(directory)/data"
        #expect(try app(Self.login).status == 0)
        try? FileManager.default.removeItem(atPath: "\(data)/outbox")
        try "garbage".write(toFile: "\(data)/outbox", atomically: true, encoding: .utf8)
        let opened = try app("739184<Enter><Wait 1500>")
        #expect(
            opened.output.contains("Something else stood where this device keeps your messages"), "\(opened.output)")
        let damaged = try FileManager.default.contentsOfDirectory(atPath: "\(data)/damaged")
        #expect(damaged.contains { $0.hasPrefix("outbox.") }, "\(damaged)")
    }

    /// A store.json invalid at the first start, mended while the app waits:
    /// the parent logs in at the store's demo date, as when the store was
    /// away (the app kept real time for good, and every message of the
    /// demo's March started read as "over 14 days old").
    @Test func aStoreMendedWhileTheAppWaitsIsShownAtItsDemoDate() throws {
        let app = try AppHarness()
        let file = "\(app.store)/store.json"
        let good = try Data(contentsOf: URL(fileURLWithPath: file))
        try Data("{bad".utf8).write(to: URL(fileURLWithPath: file))
        try app.start(environment: ["XPRESSIONS_CLOCK": ""])
        try app.waitFor("store.json")
        try good.write(to: URL(fileURLWithPath: file))
        try app.waitFor("Log in to Xpressions", timeout: .seconds(40))
        try app.logInAsLiz()
        try app.waitFor("Wed 18 Mar")
        try app.waitFor("unread")
    }

    /// The store goes away while the app is open and unlocked: the next
    /// sync says so on the banner and everything stays on screen (the
    /// timeline, a message); a reply written then is queued; when the store
    /// comes back the banner goes and the reply is delivered, once.
    @Test func theStoreGoingAwayWhileTheAppIsOpenKeepsEverythingOnScreen() throws {
        let app = try AppHarness()
        try app.start()
        try app.logInAsLiz()
        try app.waitFor("Ben Abbot (9A)")
        let away = app.store + ".away"
        try FileManager.default.moveItem(atPath: app.store, toPath: away)
        try app.press("R")
        try app.waitFor("Can't reach the school data since")
        #expect(try app.screen().contains("Ben Abbot (9A)"))
        try Self.readTheInterviewAndQueueAReply("Could we come at 4?", app)

        try FileManager.default.moveItem(atPath: away, toPath: app.store)
        try app.press("R")
        try app.waitFor("Sent: your message to Green Abbey School")
        let screen = try app.tmux.waitFor("the banner gone") { !$0.contains("Can't reach the school data") }
        #expect(screen.contains("Mrs Okafor (Head of Year 9)"), "\(screen)")
        let inbox = try FileManager.default.contentsOfDirectory(atPath: "\(app.store)/schools/green-abbey/inbox")
            .filter { $0.hasSuffix(".json") }
        #expect(inbox.count == 1)
    }

    @Test func aParentNotLoggedInIsToldTheStoreCannotBeReached() throws {
        let app = try AppHarness()
        try FileManager.default.moveItem(atPath: app.store, toPath: app.store + ".away")
        try app.start()
        try app.waitFor("Can't reach the school data, so you can't log in yet")
    }
}
