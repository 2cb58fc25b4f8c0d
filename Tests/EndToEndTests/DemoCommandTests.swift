import Foundation
import TerminalKit
import TestSupport
import Testing

/// The presenter's commands: the guided tour, replayed headless, and
/// putting the demo back as it ships.
@Suite final class DemoCommandTests {
    let data = NSTemporaryDirectory() + "xpressions-demo-\(UUID().uuidString)"

    /// Each test's data directory goes with it (it was left behind).
    deinit { try? FileManager.default.removeItem(atPath: data) }

    func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let r = try XpressionsBinary.run(arguments)
        return (r.status, r.output, r.errors)
    }

    func tour(_ script: String) throws -> String {
        try run(["demo", "tour", "--data-dir", data, "--headless", "100x30", "--script", script, "--snapshot", "-"]).out
    }

    @Test func theTourWalksThroughLoginPinTimelineALiveMessageAndTheRest() throws {
        #expect(try tour("").contains("Tour 1/15 · Welcome"))
        // Login, with the last-4 check.
        var screen = try tour("<Space><Space>")
        #expect(screen.contains("Tour 3/15") && screen.contains("Last 4") && screen.contains("0001"))
        // On to the timeline, then the school sends a message: it arrives,
        // with no wait in the script (a replay moved on before it came).
        screen = try tour(String(repeating: "<Space>", count: 6))
        #expect(screen.contains("Coach delayed") || screen.contains("New message: Coach delayed"), "\(screen)")
        // The toast of its arrival never hides the caption: the presenter still reads the step.
        #expect(screen.contains("Tour 7/15 · The school sends a message now"), "\(screen)")
        // An absence reported from attendance, then acknowledged by the school.
        screen = try tour(String(repeating: "<Space>", count: 8) + "<Wait 3000>")
        #expect(screen.contains("Absence report:") && screen.contains("Illness"), "\(screen)")
        // For tomorrow, so the grid shows it (today's morning is marked: the
        // presenter never saw R?, and the demo reported a day Ben attended).
        #expect(screen.contains("R? R?"), "\(screen)")
        screen = try tour(String(repeating: "<Space>", count: 9))
        #expect(screen.contains("Acknowledged by the school at"), "\(screen)")
        // Core against Enhanced, then the lock.
        screen = try tour(String(repeating: "<Space>", count: 12))
        #expect(screen.contains("Tom Abbot") && screen.contains("Core"))
        screen = try tour(String(repeating: "<Space>", count: 13))
        #expect(screen.contains("Xpressions is locked"))
    }

    /// The steps the walk above does not stop at, each on the screen its
    /// caption speaks of.
    @Test(arguments: [
        (3, ["Tour 4/15", "Set a PIN", "PIN       4 to 6 digits"]),
        (4, ["Tour 5/15", "─ Home", "Ben Abbot (9A)", "Amy Abbot (7B)", "Tom Abbot (3A)", "7 unread"]),
        (5, ["Tour 6/15", "─ Timeline", "511 messages", "Art: revision task"]),
        (7, ["Tour 8/15", "─ Attendance", "I Illness (not medical or dental appointment)", "2025-26"]),
        (10, ["Tour 11/15", "─ School", "Phone        01632 960344", "office@greenabbey.example.sch.uk"]),
        (11, ["Tour 12/15", "Timetable │ Behaviour │ Achievements │ Calendar │ Assessments", "1 08:50 Maths"]),
        (14, ["Tour 15/15", "That's the tour. Esc leaves it"]),
    ])
    func eachStepShowsWhatItsCaptionSays(spaces: Int, expected: [String]) throws {
        let screen = try tour(String(repeating: "<Space>", count: spaces))
        for text in expected { #expect(screen.contains(text), "\(text) after \(spaces) × Space:\n\(screen)") }
    }

    @Test func escLeavesTheTourIntoTheApp() throws {
        let screen = try tour("<Space><Esc>")
        #expect(!screen.contains("Tour 2/15"))
        #expect(screen.contains("You left the tour"))
        #expect(screen.contains("Log in to Xpressions"))
    }

    /// A mistyped --data-dir is named, never made.
    @Test func demoResetOnADataDirectoryThatIsNotThereChangesNothing() throws {
        let typo = data + "-typo"
        let r = try run(["demo", "reset", "--data-dir", typo, "--yes"])
        #expect(r.status == 64 && r.err.contains("there is no data directory at \(typo): nothing to reset"))
        #expect(!FileManager.default.fileExists(atPath: typo))
    }

    @Test func demoResetPutsTheDemoBackAndLogsOut() throws {
        // Log in on the demo copy and have the school send a message.
        _ = try run([
            "--data-dir", data, "--headless", "80x24", "--script",
            "liz.abbot@example.com<Enter>07700 100001<Enter>0001<Enter>739184<Enter>739184<Enter>", "--snapshot", "-",
        ])
        #expect(FileManager.default.fileExists(atPath: "\(data)/session.json"))
        #expect(
            try run([
                "school", "send", "--data-dir", data, "--school", "green-abbey", "--to", "school", "--subject", "Extra",
                "--body", "x",
            ]).status == 0)
        // Without --yes and no terminal to ask on: refused, nothing changed.
        let refused = try run(["demo", "reset", "--data-dir", data])
        #expect(refused.status == 64 && refused.err.contains("add --yes"))
        #expect(FileManager.default.fileExists(atPath: "\(data)/session.json"))
        let reset = try run(["demo", "reset", "--yes", "--data-dir", data])
        #expect(reset.status == 0, "\(reset.err)")
        #expect(!FileManager.default.fileExists(atPath: "\(data)/session.json"))
        // The overlay is empty again: the built-in messages, without the send.
        #expect(Self.files(under: "\(data)/demo-store") == [".overlay-of"])
        #expect(try run(["demo", "reset", "--yes", "--store", "/tmp/x"]).status == 64)
    }

    /// Without --yes on a terminal, reset asks: n and Ctrl-D change nothing
    /// (exit 1, "Nothing changed."), y resets and logs the demo parent out.
    @Test(arguments: [("n\n", false), ("\u{4}", false), ("y\n", true)])
    func demoResetAsksOnATerminal(answer: String, resets: Bool) throws {
        _ = try run([
            "--data-dir", data, "--headless", "80x24", "--script",
            "liz.abbot@example.com<Enter>07700 100001<Enter>0001<Enter>739184<Enter>739184<Enter>", "--snapshot", "-",
        ])
        #expect(FileManager.default.fileExists(atPath: "\(data)/session.json"))
        let tmux = TmuxSession(size: Size(width: 100, height: 10))
        defer { tmux.kill() }
        let binary = try BuildProducts.executable(named: "xpressions").path
        try tmux.start(command: [binary, "demo", "reset", "--data-dir", data])
        try tmux.waitFor("Type y to go on:")
        try tmux.send(bytes: Array(answer.utf8))
        let status = try tmux.waitForExit()
        let screen = try tmux.capture()
        #expect(status.exitStatus == (resets ? 0 : 1), "\(screen)")
        #expect(screen.contains("Nothing changed.") == !resets, "\(screen)")
        #expect(FileManager.default.fileExists(atPath: "\(data)/session.json") == !resets)
    }

    /// The audit's case: one data directory used for a school's copy (with
    /// --store) and, once, for the demo. Resetting the demo logged out the
    /// parent of the other store and threw away their unsent messages.
    @Test func demoResetLeavesAParentOfAnotherStoreLoggedIn() throws {
        let store = data + "-store"
        defer { try? FileManager.default.removeItem(atPath: store) }
        #expect(
            try run([
                "store", "generate", "--schools", "1", "--students-per-school", "6", "--years", "1", "--seed", "5",
                store,
            ]).status == 0)
        _ = try run([
            "--store", store, "--data-dir", data, "--headless", "80x24", "--script",
            "liz.lewis1@example.com<Enter>07100 000001<Enter>0001<Enter>739184<Enter>739184<Enter>", "--snapshot", "-",
        ])
        #expect(FileManager.default.fileExists(atPath: "\(data)/session.json"))
        // The demo used once in the same directory: its overlay is made.
        #expect(try run(["school", "inbox", "--data-dir", data, "--school", "green-abbey"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: "\(data)/demo-store"))
        let reset = try run(["demo", "reset", "--yes", "--data-dir", data])
        #expect(reset.status == 0, "\(reset.err)")
        #expect(reset.out.contains("is not a demo parent"))
        #expect(FileManager.default.fileExists(atPath: "\(data)/session.json"))
        #expect(try run(["status", "--data-dir", data, "--store", store]).status == 0)
        // --store forgotten: sync and the mbox export say what to give, not just "missing".
        let sync = try run(["sync", "--data-dir", data])
        #expect(sync.err.contains("which the demo store does not hold: give --store"), "\(sync.err)")
        let mbox = try run(["export", "messages", "--data-dir", data])
        #expect(mbox.err.contains("does not hold school-0001: give --store"), "\(mbox.err)")
        // A --store that can't be opened is said once, not also "does not hold" (two lines that disagreed).
        let away = try run(["export", "messages", "--data-dir", data, "--store", "\(store)-not-here"])
        #expect(away.err.contains("cannot be opened") && !away.err.contains("does not hold"), "\(away.err)")
        #expect(try run(["export", "messages", "--data-dir", data, "--store", store]).err.isEmpty)
    }

    /// A fresh copy of the demo store at `copy`, and Liz logged in on it in `data`.
    func lizLogsInOnACopy(_ copy: String) throws {
        #expect(try run(["store", "generate", "--demo", copy]).status == 0)
        _ = try run([
            "--store", copy, "--data-dir", data, "--headless", "80x24", "--script",
            "liz.abbot@example.com<Enter>07700 100001<Enter>0001<Enter>739184<Enter>739184<Enter>", "--snapshot", "-",
        ])
    }

    /// The same with a copy of the demo store (the same school ids): the
    /// parent registered in the copy, not in the demo's overlay, so is not
    /// the demo's to log out.
    @Test func demoResetLeavesAParentOfADemoCopyLoggedIn() throws {
        let copy = data + "-copy"
        defer { try? FileManager.default.removeItem(atPath: copy) }
        try lizLogsInOnACopy(copy)
        #expect(FileManager.default.fileExists(atPath: "\(data)/session.json"))
        #expect(try run(["school", "inbox", "--data-dir", data, "--school", "green-abbey"]).status == 0)
        let reset = try run(["demo", "reset", "--yes", "--data-dir", data])
        #expect(reset.status == 0 && reset.out.contains("is not a demo parent"), "\(reset.out)")
        #expect(FileManager.default.fileExists(atPath: "\(data)/session.json"))
    }

    /// A login made on a copy of the demo store, exported without --store
    /// (the README's `export messages > school.mbox` recipe): the
    /// attachments come from the built-in demo store, which holds the same
    /// schools (every one was silently listed by name only).
    @Test func anExportWithoutStoreStillCarriesTheAttachments() throws {
        let copy = data + "-copy"
        defer { try? FileManager.default.removeItem(atPath: copy) }
        try lizLogsInOnACopy(copy)
        #expect(!FileManager.default.fileExists(atPath: "\(data)/demo-store"))
        let mbox = try run(["export", "messages", "--data-dir", data])
        #expect(mbox.status == 0 && mbox.err.isEmpty, "\(mbox.err)")
        #expect(mbox.out.contains("Content-Disposition: attachment"))
        #expect(!mbox.out.contains("their files are not in this export"))
    }

    static func files(under root: String) -> [String] {
        var found: [String] = []
        let e = FileManager.default.enumerator(atPath: root)
        while let p = e?.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: "\(root)/\(p)", isDirectory: &isDir), !isDir.boolValue {
                found.append(p)
            }
        }
        return found.sorted()
    }

    /// The first run copies nothing: the data directory's demo store is an
    /// overlay holding directories and its marker; the demo's writes (a
    /// registration, a school-side send) land there, the school's earlier
    /// messages stay in sight, and the checkout's store is never written.
    @Test func theFirstRunCopiesNothingAndTheDemosWritesStayInTheDataDirectory() throws {
        let builtIn = BuildProducts.packageRoot()!.appendingPathComponent("Assets/demo-store").path
        let before = Self.files(under: builtIn).filter { !$0.hasPrefix(".") }
        let first = try run(["--data-dir", data, "--headless", "80x24", "--snapshot", "-"])
        #expect(first.status == 0 && first.out.contains("Log in to Xpressions"), "\(first.err)")
        #expect(Self.files(under: "\(data)/demo-store") == [".overlay-of"])
        _ = try run([
            "--data-dir", data, "--headless", "80x24", "--script",
            "liz.abbot@example.com<Enter>07700 100001<Enter>0001<Enter>739184<Enter>739184<Enter>", "--snapshot", "-",
        ])
        let sent = try run([
            "school", "send", "--data-dir", data, "--school", "green-abbey", "--to", "school", "--subject",
            "Overlay notice",
            "--body", "Is it there?",
        ])
        #expect(sent.status == 0, "\(sent.err)")
        let sync = try run(["sync", "--data-dir", data])
        #expect(
            sync.status == 0 && sync.out.contains("1 new message") && !sync.out.contains("withdrawn"),
            "\(sync.out)\(sync.err)")
        let written = Self.files(under: "\(data)/demo-store").filter {
            !$0.hasPrefix(".index/") && !$0.hasSuffix("/.lock")
        }
        #expect(written.contains("schools/green-abbey/messages/2025-26/school.json"))
        #expect(written.contains { $0.hasPrefix("schools/green-abbey/registrations/") })
        // The login's two attempt records (filed, then settled by its success: the store's login limit).
        #expect(written.filter { $0.hasPrefix("login-attempts/") }.count == 2, "\(written)")
        #expect(written.filter { !$0.hasPrefix("login-attempts/") }.count <= 5, "\(written)")
        #expect(Self.files(under: builtIn).filter { !$0.hasPrefix(".") } == before)
    }

    /// While a tour runs on a data directory: a second tour there is refused
    /// (it logged the first one out by deleting its session), and the
    /// presenter's `school send --data-dir` reaches the tour's store (it went
    /// to the data directory's own demo store, which the tour does not read).
    @Test func aRunningTourIsNotRestartedAndSchoolSendReachesIt() throws {
        let tmux = TmuxSession(size: Size(width: 100, height: 30))
        defer {
            tmux.kill()
            try? FileManager.default.removeItem(atPath: data)
        }
        let binary = try BuildProducts.executable(named: "xpressions").path
        try tmux.start(command: [binary, "demo", "tour", "--data-dir", data], environment: ["NO_COLOR": ""])
        try tmux.waitFor("Tour 1/15")
        let second = try run(["demo", "tour", "--data-dir", data, "--headless", "80x24", "--script", "<Space>"])
        #expect(second.status == 73 && second.err.contains("a demo tour is already running"), "\(second.err)")
        try tmux.waitFor("Tour 1/15")  // still there
        let subject = "Tour arrival \(UUID().uuidString.prefix(8))"
        let sent = try run([
            "school", "send", "--data-dir", data, "--school", "green-abbey", "--to", "school", "--subject", subject,
            "--body", "Hello",
        ])
        #expect(sent.status == 0 && sent.err.contains("the demo tour is running"), "\(sent.err)")
        let found = try FileManager.default.subpathsOfDirectory(
            atPath: "\(data)/tour/demo-store/schools/green-abbey/messages"
        )
        .contains { path in
            (try? String(
                contentsOfFile: "\(data)/tour/demo-store/schools/green-abbey/messages/\(path)", encoding: .utf8))?
                .contains(subject) == true
        }
        #expect(found, "the message is in the tour's store")
    }
}
