import Foundation
import TestSupport
import Testing

/// A support engineer views the app as of last Tuesday (`--now`), opens
/// messages, writes to the school, syncs, then opens it normally: nothing
/// changed, on the device or in the store (issue #6: an as-of view never
/// changes the session). An auditor found an as-of view sending read
/// receipts dated in the past and replacing the parent's offline copy with
/// the model of that day.
@Suite struct AsOfViewTests {
    let directory = NSTemporaryDirectory() + "xpressions-asof-\(UUID().uuidString)"
    var store: String { "\(directory)/store" }
    var data: String { "\(directory)/data" }
    var parent: [String] { ["--store", store, "--data-dir", data] }
    let clock = ["XPRESSIONS_CLOCK": "2026-03-18T10:42:00Z"]

    /// Every file under the data directory and the store, with its contents.
    func everything() -> [String: Data] {
        var out: [String: Data] = [:]
        for root in [store, data] {
            let e = FileManager.default.enumerator(atPath: root)
            while let path = e?.nextObject() as? String {
                var isDirectory: ObjCBool = false
                let full = "\(root)/\(path)"
                guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue
                else { continue }
                out[full] = FileManager.default.contents(atPath: full) ?? Data()
            }
        }
        return out
    }

    /// A copy of the demo store in this test's directory.
    func copyStore() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        AppHarness.shell(["cp", "-a", AppHarness.template, store])
    }

    /// A copy of the demo store, and David Abbot logged in on it (PIN 482611).
    func davidLogsIn() throws {
        try copyStore()
        let login = "david.abbot@example.com<Enter>07700 100011<Enter>0011<Enter>482611<Enter>482611<Enter>"
        #expect(
            try XpressionsBinary.run(["--headless", "80x24", "--script", login] + parent, environment: clock).status
                == 0)
    }

    @Test func anAsOfViewAndAnAsOfSyncChangeNothing() throws {
        try davidLogsIn()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let home = try XpressionsBinary.run(
            ["--headless", "80x24", "--script", "482611<Enter>", "--snapshot", "-"] + parent, environment: clock)
        let before = everything()

        // As of Monday: open the newest message, mark everything read, write
        // to the school and send it, refresh; then an as-of sync.
        let asOf = ["--now", "2026-03-16"]
        let view = try XpressionsBinary.run(
            [
                "--headless", "80x24", "--script",
                "482611<Enter><Wait 200>2<Enter><Esc>Ay<Wait 100>n<Right>Is there homework?<C-s><Wait 500>R<Wait 500>",
                "--snapshot", "-",
            ] + parent + asOf, environment: clock)
        #expect(view.status == 0, "\(view.errors)")
        #expect(view.output.contains("Mon 16 Mar"), "\(view.output)")
        let sync = try XpressionsBinary.run(["sync"] + parent + asOf, environment: clock)
        #expect(sync.output.contains("(--now): worked out on a copy of the data in"), "\(sync.output)")

        let after = everything()
        #expect(
            Set(after.keys) == Set(before.keys),
            "files came or went: \(Set(after.keys).symmetricDifference(before.keys))")
        for (path, contents) in before where after[path] != contents { Issue.record("\(path) changed") }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: data).filter { $0.hasPrefix(".as-of-view") }
        #expect(leftovers.isEmpty, "the sandbox is removed")

        // Opened normally, the parent's app is as it was.
        let again = try XpressionsBinary.run(
            ["--headless", "80x24", "--script", "482611<Enter>", "--snapshot", "-"] + parent, environment: clock)
        #expect(again.output == home.output)
    }

    /// An as-of view shows nothing from after its moment: an auditor saw
    /// March's messages under "As of Wed 1 Oct 2025" (all of them while a
    /// school's files could not be read, briefly at every view otherwise),
    /// and a message written in March in the October view's "o" list.
    @Test func anAsOfViewShowsNothingFromAfterItsMoment() throws {
        try davidLogsIn()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let write = "482611<Enter><Wait 300>n<Right>Is there homework?<C-s><Wait 800>"
        #expect(
            try XpressionsBinary.run(["--headless", "80x24", "--script", write] + parent, environment: clock).status
                == 0)
        let now = try XpressionsBinary.run(
            ["--headless", "80x24", "--script", "482611<Enter><Wait 300>2<Wait 300>", "--snapshot", "-"] + parent,
            environment: clock)
        #expect(now.output.contains("17 Mar"), "\(now.output)")
        let asOf = ["--now", "2025-10-01"]
        let view = try XpressionsBinary.run(
            ["--headless", "80x24", "--script", "482611<Enter><Wait 1500>2<Wait 300>", "--snapshot", "-"] + parent
                + asOf,
            environment: clock)
        #expect(view.status == 0, "\(view.errors)")
        #expect(!view.output.contains("Mar"), "\(view.output)")
        let sent = try XpressionsBinary.run(
            ["--headless", "80x24", "--script", "482611<Enter><Wait 1500>o<Wait 300>", "--snapshot", "-"] + parent
                + asOf,
            environment: clock)
        #expect(!sent.output.contains("homework"), "\(sent.output)")
        // A school whose files cannot be read then: nothing of it, not today's copy.
        try Data("{broken".utf8).write(to: URL(fileURLWithPath: "\(store)/schools/green-abbey/school.json"))
        let broken = try XpressionsBinary.run(
            ["--headless", "80x24", "--script", "482611<Enter><Wait 1500>", "--snapshot", "-"] + parent + asOf,
            environment: clock)
        #expect(!broken.output.contains("Mar"), "\(broken.output)")
    }

    /// An as-of view shows what the school data held then: with the store
    /// away it showed today's local data under the past date (an audit).
    /// It says it needs the store, and that without --now the app shows
    /// what the parent had.
    @Test func anAsOfViewWithTheStoreAwaySaysItNeedsIt() throws {
        try davidLogsIn()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.moveItem(atPath: store, toPath: store + ".away")
        let run = try XpressionsBinary.run(
            ["--headless", "80x24", "--script", "482611<Enter>", "--snapshot", "-", "--now", "2026-03-10"] + parent,
            environment: clock)
        #expect(run.status == 65)
        #expect(run.errors.contains("an as-of view (--now) shows what the school data held then"), "\(run.errors)")
        #expect(run.errors.contains("Without --now the app shows what you had."))
        #expect(run.errors.contains("(\(store): the store directory is not there)"), "\(run.errors)")
        // An as-of sync the same, naming the store given, not the sandbox's
        // copy (".as-of-view.…/store is not valid").
        let sync = try XpressionsBinary.run(["sync", "--now", "2026-03-10"] + parent, environment: clock)
        #expect(sync.status == 65, "\(sync.errors)")
        #expect(
            sync.errors.contains("an as-of sync (--now) needs the school data") && !sync.errors.contains(".as-of-view"))
        // In words, the path once (it said "<store>: <store>: not a directory").
        #expect(sync.errors.contains("(\(store): the store directory is not there)"), "\(sync.errors)")
        // Without --now, it opens on what the parent had.
        let plain = try XpressionsBinary.run(
            ["--headless", "80x24", "--script", "482611<Enter>", "--snapshot", "-"] + parent, environment: clock)
        #expect(plain.status == 0 && plain.output.contains("Home"), "\(plain.output)")
    }

    /// A sync at an earlier --now than the device's model says the newer
    /// messages were not published yet then: it said they were "withdrawn",
    /// which sent a support engineer looking for what the school took back.
    @Test func anEarlierAsOfSyncSaysNotPublishedYetNotWithdrawn() throws {
        try davidLogsIn()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let sync = try XpressionsBinary.run(["sync", "--now", "2026-03-10"] + parent, environment: clock)
        #expect(sync.status == 0, "\(sync.errors)")
        #expect(sync.output.contains("not published yet at this time"), "\(sync.output)")
        #expect(!sync.output.contains("withdrawn"), "\(sync.output)")
    }

    /// Login attempts made in an as-of view still count in the real store:
    /// `--now` is no way round the limit.
    @Test func loginAttemptsInAnAsOfViewCountInTheStore() throws {
        try copyStore()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let wrong = "david.abbot@example.com<Enter>07700 100011<Enter>9999<Enter><Wait 200>"
        #expect(
            try XpressionsBinary.run(["--headless", "80x24", "--script", wrong, "--now", "2026-03-16"] + parent).status
                == 0)
        let attempts = FileManager.default.enumerator(atPath: "\(store)/login-attempts")?.allObjects.count ?? 0
        #expect(attempts > 0, "the failed attempt is filed in the store")
    }

    /// The login limit runs on the real clock, never `--now`: five wrong
    /// tries in a view of last March are filed at the real time, and a try
    /// made normally straight after is refused for them (dated in March,
    /// they would be a day old and count for nothing).
    @Test func anAsOfViewsWrongLoginsLockOutTheRealTime() throws {
        try copyStore()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let wrong = String(
            repeating: "david.abbot@example.com<Enter>07700 100011<Enter>9999<Enter><Wait 300>", count: 5)
        let started = Date()
        _ = try XpressionsBinary.run(["--headless", "80x24", "--script", wrong, "--now", "2026-03-16"] + parent)
        var times: [Date] = []
        let files = FileManager.default.enumerator(atPath: "\(store)/login-attempts")?.allObjects ?? []
        for case let path as String in files where path.hasSuffix(".json") {
            let bytes = try #require(FileManager.default.contents(atPath: "\(store)/login-attempts/\(path)"))
            let json = try #require(try JSONSerialization.jsonObject(with: bytes) as? [String: Any])
            times += (json["at"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) }.map { [$0] } ?? []
        }
        #expect(times.count >= 5, "each try is filed")
        // Filed at the real time: no earlier than the run began (a minute's
        // grace for a clock's rounding), never on 16 March.
        #expect(times.allSatisfy { $0 > started.addingTimeInterval(-60) }, "\(times)")
        let now = try XpressionsBinary.run(
            [
                "--headless", "80x24", "--script",
                "david.abbot@example.com<Enter>07700 100011<Enter>0011<Enter><Wait 300>",
                "--snapshot", "-",
            ] + parent)
        #expect(now.output.contains("Too many attempts."), "\(now.output)")
        #expect(!now.output.contains("Choose a PIN"))
    }

    /// Wrong PINs typed in an as-of view count on the device's session (an
    /// auditor had ten tries per view, as many views as they liked), a right
    /// one starts the count again, and the tenth ends the device's login as
    /// it would without `--now`.
    @Test func wrongPinsInAnAsOfViewCountOnTheDevice() throws {
        try davidLogsIn()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let asOf = ["--now", "2026-03-16"]
        func view(_ script: String) throws -> String {
            try XpressionsBinary.run(
                ["--headless", "80x24", "--script", script, "--snapshot", "-"] + parent + asOf, environment: clock
            ).output
        }
        func failures() throws -> Int? {
            guard let bytes = FileManager.default.contents(atPath: "\(data)/session.json") else { return nil }
            let json = try JSONSerialization.jsonObject(with: bytes) as? [String: Any]
            return json?["pinFailures"] as? Int
        }
        func wrong(_ n: Int) -> String { String(repeating: "111111<Enter><Wait 200>", count: n) }
        _ = try view(wrong(4))
        #expect(try failures() == 4, "counted on the device")
        _ = try view("482611<Enter><Wait 200>")
        #expect(try failures() == 0, "a right PIN starts the count again")
        _ = try view(wrong(5))
        #expect(try failures() == 5)
        let last = try view(wrong(5))
        #expect(last.contains("Too many wrong PINs (an as-of view counts them on this device too)"), "\(last)")
        #expect(try failures() == nil, "the device's login ended")
        let after = try XpressionsBinary.run(
            ["--headless", "80x24", "--snapshot", "-"] + parent, environment: clock)
        #expect(after.output.contains("Log in to Xpressions"), "\(after.output)")
    }
}
