import Foundation
import TestSupport
import Testing

/// A school corrects a contact record while the parent's app is open: at the
/// next sync the app says which school no longer holds the parent's details
/// and its children leave the screen; when no school holds them, the app
/// goes back to the login screen and says why (issue #15, from the parent's side).
@Suite struct SessionRecheckJourneyTests {
    func replace(_ app: AppHarness, school: String, _ old: String, with new: String) throws {
        let path = "\(app.store)/schools/\(school)/contacts.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(old))
        try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// The change made by `xpressions sync` (cron, support) while the app was
    /// closed: at its next start, Home says which school no longer holds the
    /// details and which children went (kept a week), not a silent gap.
    @Test func aRemovalByTheSyncCommandIsSaidWhenTheAppNextOpens() throws {
        let directory = NSTemporaryDirectory() + "xpressions-recheck-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        AppHarness.shell(["cp", "-a", AppHarness.template, "\(directory)/store"])
        let parent = ["--store", "\(directory)/store", "--data-dir", "\(directory)/data"]
        let clock = ["XPRESSIONS_CLOCK": "2026-03-18T10:42:00Z"]
        let login = "liz.abbot@example.com<Enter>07700 100001<Enter>0001<Enter>739184<Enter>739184<Enter>"
        #expect(
            try XpressionsBinary.run(["--headless", "100x30", "--script", login] + parent, environment: clock).status
                == 0)

        let path = "\(directory)/store/schools/green-abbey/contacts.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "\"liz.abbot@example.com\"", with: "\"someone.else@example.com\"")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let sync = try XpressionsBinary.run(["sync"] + parent, environment: clock)
        #expect(sync.output.contains("Green Abbey School no longer holds these details for you: removed (2 children)"))

        let app = try XpressionsBinary.run(
            ["--headless", "100x30", "--script", "739184<Enter>", "--snapshot", "-"] + parent, environment: clock)
        #expect(app.status == 0, "\(app.errors)")
        #expect(
            app.output.contains("Green Abbey School no longer holds these details for you: Ben and Amy are no longer"),
            "\(app.output)")
        #expect(app.output.contains("Tom Abbot (3A)") && !app.output.contains("Ben Abbot (9A)"))
    }

    @Test func aSchoolThatCorrectsTheEmailIsNamedAndThenTheSessionEnds() throws {
        let app = try AppHarness()
        try app.start()
        try app.logInAsLiz()
        try app.waitFor("Ben Abbot (9A)")
        try app.waitFor("Tom Abbot (3A)")

        // Green Abbey gives her record someone else's email: Ben and Amy go, Tom stays.
        try replace(app, school: "green-abbey", "\"liz.abbot@example.com\"", with: "\"someone.else@example.com\"")
        try app.press("R")
        try app.waitFor("Green Abbey School no longer holds these details for you")
        let home = try app.waitFor("Tom Abbot (3A)")
        #expect(!home.contains("Ben Abbot"))
        #expect(!home.contains("Amy Abbot"))

        // Riverside does the same: nothing holds her details, the login screen says why.
        try replace(app, school: "riverside-primary", "\"liz.abbot@example.com\"", with: "\"someone.else@example.com\"")
        try app.press("R")
        let login = try app.waitFor("Your schools' details for you have changed")
        #expect(login.contains("Log in to Xpressions"))
        #expect(!login.contains("Tom Abbot"))
    }
}

extension SessionRecheckJourneyTests {
    /// `xpressions sync` whose local data cannot be opened (an I/O fault at
    /// any one write point) still sends the outbox only for a login whose
    /// records all still hold its details: a message queued offline, then
    /// the school changing the parent's email, is never sent on their behalf
    /// (an injected fault sent it, skipping the re-check a sync makes
    /// first). With the details unchanged the same fault point sends it.
    @Test func aSyncThatCannotOpenTheLocalDataSendsNothingForRecordsThatChanged() throws {
        let directory = NSTemporaryDirectory() + "xpressions-recheck-fault-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let base = "\(directory)/base"
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        AppHarness.shell(["cp", "-a", AppHarness.template, "\(base)/store"])
        func parent(_ root: String) -> [String] { ["--store", "\(root)/store", "--data-dir", "\(root)/data"] }
        let login = "liz.abbot@example.com<Enter>07700 100001<Enter>0001<Enter>739184<Enter>739184<Enter><Wait 300>"
        #expect(try XpressionsBinary.run(["--headless", "80x24", "--script", login] + parent(base)).status == 0)
        // Written while the store is away: queued.
        try FileManager.default.moveItem(atPath: "\(base)/store", toPath: "\(base)/away")
        let write = "739184<Enter><Wait 300>n<Wait 100>Is the trip on Friday?<C-s><Right><C-s><Wait 300>"
        let queued = try XpressionsBinary.run(
            ["--headless", "80x24", "--script", write, "--snapshot", "-"] + parent(base))
        #expect(queued.output.contains("Queued — will be sent when the school data is reachable"), "\(queued.output)")
        try FileManager.default.moveItem(atPath: "\(base)/away", toPath: "\(base)/store")
        func inbox(_ root: String) -> Int {
            ((try? FileManager.default.contentsOfDirectory(atPath: "\(root)/store/schools/green-abbey/inbox")) ?? [])
                .filter { $0.hasSuffix(".json") }.count
        }
        var reachedTheFallback = 0
        for changed in [true, false] {
            let root = "\(directory)/\(changed ? "changed" : "same")"
            AppHarness.shell(["cp", "-a", base, root])
            if changed {
                let path = "\(root)/store/schools/green-abbey/contacts.json"
                let text = try String(contentsOfFile: path, encoding: .utf8)
                try text.replacingOccurrences(of: "\"liz.abbot@example.com\"", with: "\"someone.else@example.com\"")
                    .write(toFile: path, atomically: true, encoding: .utf8)
            }
            for point in 1...6 {
                let run = "\(root)-\(point)"
                AppHarness.shell(["cp", "-a", root, run])
                let sync = try XpressionsBinary.run(
                    ["sync"] + parent(run), environment: ["XPRESSIONS_FAIL_AT": "\(point)"])
                guard sync.errors.contains("could not be opened") else { continue }
                reachedTheFallback += 1
                if changed {
                    #expect(inbox(run) == 0, "fault point \(point): \(sync.errors)")
                    #expect(sync.errors.contains("1 unsent message is kept, not sent"), "\(sync.errors)")
                } else {
                    #expect(inbox(run) == 1, "fault point \(point): \(sync.errors)")
                }
            }
        }
        #expect(reachedTheFallback >= 2, "a fault point reaches the fallback, with the details changed and not")
    }
}
