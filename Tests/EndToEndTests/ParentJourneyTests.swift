import Foundation
import TerminalKit
import TestSupport
import Testing

/// A whole demo parent journey, and the terminal behaviours, with the real
/// binary under tmux.
@Suite(.serialized) struct ParentJourneyTests {
    @Test func wholeJourney() throws {
        let app = try AppHarness()
        try app.start()
        try app.logInAsLiz()
        try app.waitFor("Ben Abbot (9A)")
        try app.waitFor("Tom Abbot (3A)")
        // Timeline: Ben only, homework only, then a search.
        try app.press("2")
        try app.waitFor("All children")
        try app.press("c")
        try app.waitFor("c Ben")
        try app.press("f")
        try app.press("f")
        var screen = try app.waitFor("f Homework")
        #expect(!screen.contains("Amy"))
        try app.press("x")
        try app.press("/")
        try app.type("options")
        try app.press("Enter")
        screen = try app.waitFor("Ben's Year 9 options interview")
        // Open it, reply.
        try app.press("Enter")
        try app.waitFor("Mrs Okafor (Head of Year 9)")
        try app.press("G")  // the attachments are at the end
        try app.waitFor("options-interview-letter.pdf")
        // Reply by typing straight away, with a question.
        try app.press("r")
        try app.waitFor("Reply")
        try app.type("Thank you, 10:40 is fine. Should he bring anything?")
        try app.press("C-s")
        // Queued, then sent at once by the sync it starts: either may be on screen first.
        _ = try app.tmux.waitFor("the message queued or already sent", timeout: .seconds(30)) {
            $0.contains("Queued: your message to Green Abbey School")
                || $0.contains("Sent: your message to Green Abbey School")
        }
        try app.waitFor("Sent: your message to Green Abbey School")
        try app.press("G")
        try app.waitFor("Sent 10:4")
        let inbox = try FileManager.default.contentsOfDirectory(atPath: "\(app.store)/schools/green-abbey/inbox")
        #expect(inbox.count == 1)
        let item = try String(contentsOfFile: "\(app.store)/schools/green-abbey/inbox/\(inbox[0])", encoding: .utf8)
        #expect(item.contains("Thank you, 10:40 is fine. Should he bring anything?"))
        #expect(item.contains("\"inReplyTo\": \"GA-DEMO-2\""))
        // Attendance with real DfE codes and their meanings.
        try app.press("3")
        try app.waitFor("Attended/possible")
        screen = try app.waitFor("Illness (not medical or dental appointment)")
        #expect(screen.contains("As of 09:10"))
        // School details; the website opener degrades gracefully.
        try app.press("4")
        try app.waitFor("Headteacher")
        try app.waitFor("greenabbey.example.sch.uk/parentinformation")
        try app.press("j", "j", "j", "j", "Enter")
        _ = try app.tmux.waitFor("the website handed to an opener, or a note that there is none") {
            $0.contains("No opener: set $BROWSER") || $0.contains("Opened https://greenabbey")
        }
        // Lock, unlock, log out.
        try app.press("L")
        try app.waitFor("Xpressions is locked")
        try app.type("739184")
        try app.press("Enter")
        try app.waitFor("1 Home")
        try app.press("X")
        try app.waitFor("Log out of Xpressions?")
        try app.press("y")
        try app.waitFor("You have logged out")
        #expect(!FileManager.default.fileExists(atPath: "\(app.data)/session.json"))
        #expect(!FileManager.default.fileExists(atPath: "\(app.data)/model"))
    }

    @Test func resizeMidScreenDownToTwentyBySix() throws {
        let app = try AppHarness()
        try app.start()
        try app.logInAsLiz()
        try app.press("2")
        try app.waitFor("All children")
        try app.tmux.resize(to: Size(width: 20, height: 6))
        try app.waitFor("Terminal too small")
        try app.tmux.resize(to: Size(width: 120, height: 40))
        try app.waitFor("All categories")
        try app.tmux.resize(to: Size(width: 80, height: 24))
        let screen = try app.waitFor("All categories")
        #expect(screen.split(separator: "\n").allSatisfy { TextWidth.of(String($0)) <= 80 })
        #expect(app.tmux.isRunning)
    }

    @Test func noColorMeansNoColor() throws {
        let app = try AppHarness()
        try app.start(environment: ["NO_COLOR": "1"])
        try app.waitFor("Log in to Xpressions")
        let colored = try app.tmux.captureWithColors()
        #expect(colorParameters(in: colored).isEmpty, "color sequences on screen with NO_COLOR")
        // The same screen without NO_COLOR does use color (so the check above can fail).
        let control = try AppHarness()
        try control.start()
        try control.waitFor("Log in to Xpressions")
        let controlScreen = try control.tmux.captureWithColors()
        #expect(!colorParameters(in: controlScreen).isEmpty, "\(controlScreen.debugDescription.prefix(300))")
    }

    /// The SGR parameters that pick a color (30-49 but the 39/49 defaults, 90-107) in a capture.
    func colorParameters(in text: String) -> [Int] {
        var found: [Int] = []
        var rest = Substring(text)
        while let start = rest.range(of: "\u{1B}[") {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(where: { $0.isLetter }) else { break }
            if rest[end] == "m" {
                let params = rest[..<end].split(separator: ";").compactMap { Int($0) }
                found += params.filter { ((30...49).contains($0) && $0 != 39 && $0 != 49) || (90...107).contains($0) }
            }
            rest = rest[end...]
        }
        return found
    }

    @Test func monochromeTerminalIsUsable() throws {
        let app = try AppHarness()
        try app.start(environment: ["TERM": "vt100"])
        try app.logInAsLiz()
        try app.press("2")
        let screen = try app.waitFor("All children")
        #expect(screen.contains("|"))  // ASCII separators instead of box drawing
    }

    @Test func ctrlCRestoresTheTerminal() throws {
        let app = try AppHarness(probeTerminal: true)
        try app.start()
        try app.waitFor("Log in to Xpressions")
        try app.press("C-c")
        _ = try app.tmux.waitForExit(timeout: .seconds(10))
        #expect(app.probe?.isRestored == true)
    }

    @Test(arguments: [("TERM", SIGTERM), ("HUP", SIGHUP), ("SEGV", SIGSEGV)])
    func signalsRestoreTheTerminal(name: String, signal: Int32) throws {
        let app = try AppHarness(probeTerminal: true)
        try app.start()
        try app.waitFor("Log in to Xpressions")
        let pid = try #require(app.pid(), "no xpressions process found")
        kill(pid, signal)
        _ = try app.tmux.waitForExit(timeout: .seconds(10))
        #expect(app.probe?.isRestored == true, "SIG\(name) left the terminal changed")
    }

    /// The terminal closes (SIGHUP, an ssh session dropped) while the
    /// parent is writing: what they wrote is kept and offered when the app
    /// next opens, to edit, send or discard (it was lost: an audit).
    @Test(arguments: [("HUP", SIGHUP), ("TERM", SIGTERM)])
    func aMessageBeingWrittenSurvivesTheTerminalClosing(name: String, signal: Int32) throws {
        let app = try AppHarness()
        try app.start()
        try app.logInAsLiz()
        try app.waitFor("Ben Abbot (9A)")
        try app.press("n")
        try app.waitFor("Choose a topic")
        try app.type("Can Ben leave at 2 on Friday? Thanks")
        try app.waitFor("Can Ben leave at 2 on Friday? Thanks")
        let pid = try #require(app.pid(), "no xpressions process found")
        kill(pid, signal)
        _ = try app.tmux.waitForExit(timeout: .seconds(10))
        app.tmux.kill()  // the terminal is gone; a new one
        try app.start()
        try app.waitFor("Enter your PIN")
        try app.type("739184")
        try app.press("Enter")
        let kept = try app.waitFor("Can Ben leave at 2 on Friday?")
        #expect(kept.contains("Messages kept from before"), "SIG\(name): \(kept)")
        // No topic was chosen: Enter opens it in the form to choose one.
        try app.press("Enter")
        let form = try app.waitFor("Choose a topic for it first")
        #expect(form.contains("Can Ben leave at 2 on Friday? Thanks"))
    }

    /// A paste with line breaks into the search, through the real terminal
    /// (bracketed paste): the text goes into the field, and its "n", "r" and
    /// "q" do nothing else (an auditor's paste opened a new message, and
    /// another quit the app).
    @Test func aPasteIsTextNeverKeys() throws {
        let app = try AppHarness()
        try app.start()
        try app.logInAsLiz()
        try app.waitFor("Ben Abbot (9A)")
        try app.press("2")
        try app.waitFor("All children")
        try app.press("/")
        try app.tmux.paste("Year 9 options\ninterview\nq")
        let screen = try app.waitFor("Year 9 options interview q")
        #expect(!screen.contains("Write to school") && !screen.contains("Reply"))
        try app.press("C-u")
        try app.tmux.paste("options")
        try app.waitFor("Ben's Year 9 options interview")
        #expect(app.pid() != nil, "still running")
    }

    @Test func wideCharactersLineUp() throws {
        let app = try AppHarness()
        try app.start()
        try app.logIn(email: "wang.li@example.com", mobile: "07700 100008", lastFour: "0008")
        try app.waitFor("王小明 (8A)")
        try app.press("2")
        let screen = try app.waitFor("小明的数学进步")
        // Every row fits the width, and the right-hand names column stays aligned.
        let rows = screen.split(separator: "\n").map(String.init)
        #expect(rows.allSatisfy { TextWidth.of($0) <= 80 })
        let nameRows = rows.filter { $0.hasSuffix("小明") || $0.hasSuffix("小明│") || $0.hasSuffix("小明█") }
        #expect(!nameRows.isEmpty)
        #expect(Set(nameRows.map { TextWidth.of($0) }).count == 1)
    }

    @Test func keystrokeScriptReplaysAJourneyAndQuits() throws {
        let app = try AppHarness()
        let script = "liz.abbot@example.com<Enter>07700 100001<Enter>0001<Enter>739184<Enter>739184<Enter>2<Enter>"
        try app.start(["--script", script])
        let status = try app.tmux.waitForExit(timeout: .seconds(60))
        #expect(status.exitStatus == 0)
        // The journey happened: logged in, PIN set, the newest message opened (its read receipt queued for the school).
        #expect(FileManager.default.fileExists(atPath: "\(app.data)/session.json"))
        let outbox = (try? FileManager.default.contentsOfDirectory(atPath: "\(app.data)/outbox")) ?? []
        let receipts =
            (try? FileManager.default.contentsOfDirectory(atPath: "\(app.store)/schools/green-abbey/receipts")) ?? []
        #expect(outbox.filter { !$0.hasPrefix(".") }.count + receipts.count >= 1)
    }
}

/// A presenter sends a message "live" from the school side; the open app
/// shows it arrive.
@Suite(.serialized) struct LiveMessageTests {
    /// With the default settings (a sync every 60 s): the store watcher
    /// brings it in at once, well before the next interval.
    @Test func aMessageSentByTheSchoolArrivesWhileTheAppIsOpen() throws {
        let app = try AppHarness()
        try app.start(["--lock-after", "1h"])
        try app.logInAsLiz()
        try app.waitFor("Updated")
        let binary = try BuildProducts.executable(named: "xpressions").path
        let send = Process()
        send.executableURL = URL(fileURLWithPath: binary)
        send.arguments = [
            "school", "send", "--store", app.store, "--school", "green-abbey", "--to", "group-9A", "--category",
            "emergency",  // as the office types it: any case
            "--subject", "Coach delayed: pick-up at 4.30pm", "--body", "The coach back from the museum is delayed.",
            "--now", "2026-03-18T10:42:00Z",
        ]
        try send.run()
        send.waitUntilExit()
        #expect(send.terminationStatus == 0)
        // the interval sync would take 60 s
        try app.waitFor("New message: Coach delayed: pick-up at 4.30pm", timeout: .seconds(20))
        try app.press("2")
        try app.waitFor("Coach delayed")
    }
}

/// Ctrl-Z stops the app with the terminal handed back to the shell; `fg`
/// brings it back with a full repaint. (It needs a shell with job control:
/// the kernel ignores a stop signal sent to an orphaned process group.)
@Suite(.serialized) struct SuspendTests {
    @Test func ctrlZSuspendsAndFgResumes() throws {
        let app = try AppHarness()
        try app.tmux.start(
            command: ["bash", "--norc", "--noprofile", "-i"], environment: ["PS1": "shell$ ", "NO_COLOR": ""])
        try app.waitFor("shell$")
        let binary = try BuildProducts.executable(named: "xpressions").path
        try app.type("\(binary) --store \(app.store) --data-dir \(app.data) --now 2026-03-18T10:42:00Z")
        try app.press("Enter")
        try app.waitFor("Log in to Xpressions")
        try app.press("C-z")
        let stopped = try app.waitFor("Stopped")
        #expect(!stopped.contains("Log in to Xpressions"))
        try app.type("fg")
        try app.press("Enter")
        try app.waitFor("Log in to Xpressions")
        try app.type("still here")
        try app.waitFor("still here")
    }
}

/// Long text written in $EDITOR, as mutt does.
@Suite(.serialized) struct EditorTests {
    @Test func aMessageWrittenInTheEditorIsSent() throws {
        let app = try AppHarness()
        let editor = "\(app.directory)/fake-editor"
        try "#!/bin/sh\nprintf 'Dear Mrs Okafor,\\n\\nBen is unwell today and will not be in.\\n' > \"$1\"\n"
            .write(toFile: editor, atomically: true, encoding: .utf8)
        chmod(editor, 0o755)
        try app.start(environment: ["EDITOR": editor, "VISUAL": ""])
        try app.logInAsLiz()
        try app.waitFor("Ben Abbot (9A)")
        try app.press("n")
        try app.waitFor("Topic")
        try app.press("C-e")
        try app.waitFor("Ben is unwell today")
        // What the editor wrote can be typed on, a question mark included.
        try app.press("Enter")
        try app.type("Is there homework?")
        try app.waitFor("Is there homework?")
        // No topic chosen yet: refused, with the cursor on the topic.
        try app.press("C-s")
        try app.waitFor("Please choose a topic")
        try app.press("Right")
        try app.waitFor("Absence")
        try app.press("C-s")
        // Queued, then sent at once by the sync it starts: either may be on screen first.
        _ = try app.tmux.waitFor("the message queued or already sent", timeout: .seconds(30)) {
            $0.contains("Queued: your message to Green Abbey School")
                || $0.contains("Sent: your message to Green Abbey School")
        }
        let deadline = Date().addingTimeInterval(20)
        var items: [String] = []
        while items.isEmpty && Date() < deadline {
            items =
                (try? FileManager.default.contentsOfDirectory(atPath: "\(app.store)/schools/green-abbey/inbox")) ?? []
            if items.isEmpty { usleep(50_000) }
        }
        #expect(items.count == 1)
        let text = try String(contentsOfFile: "\(app.store)/schools/green-abbey/inbox/\(items[0])", encoding: .utf8)
        #expect(text.contains("Dear Mrs Okafor,\\n\\nBen is unwell today and will not be in.\\nIs there homework?"))
        #expect(text.contains("\"topic\": \"Absence\""))
    }
}
