import Dispatch
import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// Opening and saving attachments: the app's own safe names, the opener
/// ($BROWSER, xdg-open, mailcap) run as an argument vector on the app's own
/// copy, and saving beside what is there without replacing it. A scripted
/// opener records the arguments it gets; hostile names from the store never
/// reach a shell, a path or an option.
@Suite struct AttachmentOpenerTests {
    // MARK: - Names

    /// A $BROWSER entry not installed is named (it was "set $BROWSER",
    /// though it was set); a terminal browser is known by its name.
    @Test func browsersNotInstalledAreNamedAndTerminalBrowsersKnown() {
        let opener = Opener(environment: ["BROWSER": "/nonexist %s:sh:w3m-not-here", "PATH": "/usr/bin:/bin"])
        #expect(opener.browsersNotFound() == ["/nonexist", "w3m-not-here"])
        #expect(opener.browserProblems() == ["/nonexist is not installed", "w3m-not-here is not installed"])
        // Shell syntax is never run (no shell): said, not dropped unseen.
        let shell = Opener(environment: ["BROWSER": "false:/usr/bin/env %s &", "PATH": "/usr/bin:/bin"])
        #expect(
            shell.browserProblems() == [
                "\"/usr/bin/env %s &\" is not used: it has shell syntax (one of | ; & < > ` $ or an open quote), and openers are run without a shell"
            ])
        #expect(shell.commands(forURL: "https://x.example").first?.arguments.first == "/usr/bin/false")
        #expect(
            Opener.needsTerminal(
                Opener.Command(arguments: ["/usr/bin/w3m", "x"], standardInput: nil, source: .browser)))
        #expect(
            !Opener.needsTerminal(
                Opener.Command(arguments: ["/usr/bin/firefox", "x"], standardInput: nil, source: .browser)))
        // A mailcap entry marked needsterminal, whatever its program.
        #expect(
            Opener.needsTerminal(
                Opener.Command(arguments: ["/usr/bin/less", "x"], standardInput: nil, source: .mailcap, terminal: true))
        )
        let dir = NSTemporaryDirectory() + "xpressions-mailcap-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try? "text/plain; cat %s; needsterminal\n".write(toFile: "\(dir)/mailcap", atomically: true, encoding: .utf8)
        let viaMailcap = Opener(environment: ["PATH": "/usr/bin:/bin", "MAILCAPS": "\(dir)/mailcap", "HOME": dir])
        let command = viaMailcap.commands(forFile: "/tmp/a.txt", type: "text/plain").first { $0.source == .mailcap }
        #expect(
            command?.source == .mailcap && command.map(Opener.needsTerminal) == true, "\(String(describing: command))")
    }

    @Test func storeNamesBecomePlainFileNames() {
        let cases: [(String, [String], String)] = [
            ("letter.pdf", ["pdf"], "letter.pdf"),
            ("; rm -rf ~", ["pdf"], "rm -rf.pdf"),
            ("-rf.pdf", ["pdf"], "rf.pdf"),
            ("--help", [], "help"),
            ("a\nb.pdf", ["pdf"], "a_b.pdf"),
            ("$(touch pwned).pdf", ["pdf"], "(touch pwned).pdf"),
            ("`id`.png", ["png"], "id.png"),
            ("../../etc/passwd", ["pdf"], "etc_passwd.pdf"),
            ("..", [], "attachment"),
            ("", ["pdf"], "attachment.pdf"),
            ("Zoë's \"form\".pdf", ["pdf"], "Zoë_s _form.pdf"),
            ("\u{FFFD}\u{FFFD}.pdf", ["pdf"], "attachment.pdf"),
            ("report.exe", ["pdf"], "report.exe.pdf"),
            ("photo.JPG", ["jpg", "jpeg"], "photo.JPG"),
            (".hidden", [], "hidden"),
            ("\u{1B}[31mred\u{7}.txt", [], "31mred.txt"),
            // Decomposed, as a Mac writes names: composed (it was "e_cole.pdf").
            ("e\u{301}cole.pdf", ["pdf"], "\u{E9}cole.pdf"),
            // A mark with no composed form stays with its letter; one alone does not.
            ("q\u{323}\u{307}.txt", [], "q\u{323}\u{307}.txt"),
            ("\u{301}.txt", [], "attachment.txt"),
        ]
        for (name, extensions, expected) in cases {
            #expect(SafeFileName.make(from: name, extensions: extensions) == expected, "\(name.debugDescription)")
        }
        // Text types know their extension: a text/plain "notes" is saved as
        // "notes.txt" (it stayed "notes", which no opener took for text).
        let notes = Attachment(name: "notes", size: 5, mediaType: "text/plain; charset=utf-8")
        #expect(SafeFileName.make(from: notes.name, extensions: notes.typeExtensions) == "notes.txt")
        #expect(Attachment(name: "list", size: 5, mediaType: "text/csv").typeExtensions == ["csv"])
        let long = SafeFileName.make(from: String(repeating: "x", count: 246) + ".pdf", extensions: ["pdf"])
        #expect(long == String(repeating: "x", count: 96) + ".pdf")
        // Bytes count too: 84 CJK characters (252 bytes) could not be
        // written, nor numbered for a second copy.
        for name in [String(repeating: "学", count: 84), String(repeating: "学", count: 83) + ".pdf"] {
            let made = SafeFileName.make(from: name, extensions: ["pdf"])
            #expect(made.utf8.count <= SafeFileName.byteLimit && made.hasSuffix(".pdf"), "\(made)")
            #expect(SafeFileName.numbered(made, 999).utf8.count <= 255)
        }
        #expect(SafeFileName.numbered("letter.pdf", 1) == "letter.pdf")
        #expect(SafeFileName.numbered("letter.pdf", 2) == "letter (2).pdf")
        #expect(SafeFileName.numbered("README", 3) == "README (3)")
    }

    // MARK: - Finding the opener

    /// A directory with scripts named `names` on it, each recording its
    /// arguments (NUL-separated) in `<name>.args` beside it.
    func scripts(_ names: [String], in dir: TestDirectory) throws -> String {
        let bin = dir.file("bin")
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        for name in names {
            let script =
                "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\0' \"$a\"; done > '\(bin)/\(name).args'\ncat > '\(bin)/\(name).stdin'\n"
            try Data(script.utf8).write(to: URL(fileURLWithPath: "\(bin)/\(name)"))
            chmod("\(bin)/\(name)", 0o755)
        }
        return bin
    }

    func recorded(_ bin: String, _ name: String) -> [String]? {
        guard let bytes = try? RawFile.read("\(bin)/\(name).args") else { return nil }
        return bytes.split(separator: 0, omittingEmptySubsequences: false).dropLast().map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    @Test func browserThenXdgOpenThenMailcap() throws {
        try withTestDirectory { dir in
            let bin = try scripts(["viewer", "xdg-open", "firefox"], in: dir)
            let mailcap = dir.file("mailcap")
            try Data(
                """
                # a comment
                application/pdf; viewer --tested %s; test=test -n "$DISPLAY"
                application/pdf; less '%s'; needsterminal
                application/pdf; viewer --page 1 '%s'
                image/*; viewer --type=%t
                text/plain; viewer %s | cat

                """.utf8
            ).write(to: URL(fileURLWithPath: mailcap))
            var env = ["PATH": bin, "MAILCAPS": "\(dir.file("missing")):\(mailcap)", "HOME": dir.path]
            // Only mailcap: the first entry it can run without a shell.
            var opener = Opener(
                environment: env.filter { $0.key != "PATH" }.merging(["PATH": dir.file("nothing")]) { $1 })
            #expect(
                opener.command(forFile: "/tmp/x/letter.pdf", type: "application/pdf") == nil,
                "mailcap's programs are not on PATH")
            try FileManager.default.removeItem(atPath: "\(bin)/xdg-open")
            opener = Opener(environment: env)
            #expect(
                opener.command(forFile: "/tmp/x/letter.pdf", type: "application/pdf")
                    == Opener.Command(
                        arguments: ["\(bin)/viewer", "--page", "1", "/tmp/x/letter.pdf"], standardInput: nil,
                        source: .mailcap))
            #expect(
                opener.command(forFile: "/tmp/x/map.png", type: "image/png")
                    == Opener.Command(
                        arguments: ["\(bin)/viewer", "--type=image/png"], standardInput: "/tmp/x/map.png",
                        source: .mailcap))
            // A type with parameters is its bare type (it found no entry).
            #expect(
                opener.command(forFile: "/tmp/x/letter.pdf", type: "Application/PDF; name=letter")?.arguments == [
                    "\(bin)/viewer", "--page", "1", "/tmp/x/letter.pdf",
                ])
            #expect(
                opener.command(forFile: "/tmp/x/notes.txt", type: "text/plain") == nil, "a pipe needs a shell: skipped")
            #expect(opener.command(forURL: "https://example.org") == nil, "mailcap is for files")
            // xdg-open beats mailcap.
            _ = try scripts(["xdg-open"], in: dir)
            opener = Opener(environment: env)
            #expect(
                opener.command(forFile: "/tmp/x/letter.pdf", type: "application/pdf")?.arguments == [
                    "\(bin)/xdg-open", "/tmp/x/letter.pdf",
                ])
            #expect(
                opener.command(forURL: "mailto:office@example.org")?.arguments == [
                    "\(bin)/xdg-open", "mailto:office@example.org",
                ])
            // $BROWSER beats both: the first of its list that is there, %s for the target.
            env["BROWSER"] = "no-such-browser:firefox --new-tab %s:xdg-open"
            opener = Opener(environment: env)
            #expect(
                opener.command(forURL: "https://example.org/a%%b")
                    == Opener.Command(
                        arguments: ["\(bin)/firefox", "--new-tab", "https://example.org/a%%b"], standardInput: nil,
                        source: .browser))
            env["BROWSER"] = "firefox"
            #expect(
                Opener(environment: env).command(forFile: "/tmp/x/a.pdf", type: "application/pdf")?.arguments == [
                    "\(bin)/firefox", "/tmp/x/a.pdf",
                ])
            #expect(
                Opener(environment: env).command(forURL: "-oProxyCommand=x") == nil, "never a target starting with -")
        }
    }

    @Test func aURLReachesTheBrowserAsOneArgument() throws {
        try withTestDirectory { dir in
            let bin = try scripts(["browser"], in: dir)
            let url = "https://a.example/$(touch pwned);x`touch pwned2` && touch pwned3"
            let opener = Opener(environment: ["PATH": "\(bin):/usr/bin:/bin", "BROWSER": "browser --new-window %s"])
            let command = try #require(opener.command(forURL: url))
            #expect(Subprocess.wait(try opener.launch(command)) == 0)
            #expect(recorded(bin, "browser") == ["--new-window", url])
            for name in ["pwned", "pwned2", "pwned3"] {
                #expect(
                    !FileManager.default.fileExists(atPath: "\(dir.path)/\(name)")
                        && !FileManager.default.fileExists(atPath: name))
            }
        }
    }

    @Test func mailcapFilesAreParsedAsRFC1524Says() {
        let entries = Mailcap.parse(
            """
            image/png; viewer \\
              --continued %s
            audio; player %s
            application/x-thing; a\\;b %s
            text/html; browser '%s'; test=test -n "$DISPLAY"
            video/*; player "%s"; copiousoutput
            text/plain; less %s; needsterminal
            text/csv; less; needsterminal

            """)
        // needsterminal is run with the terminal handed over, as neomutt
        // does (it was skipped); without %s its input would be the terminal.
        #expect(
            entries == [
                Mailcap.Entry(type: "image/png", words: ["viewer", "--continued", "%s"]),
                Mailcap.Entry(type: "audio/*", words: ["player", "%s"]),
                Mailcap.Entry(type: "text/plain", words: ["less", "%s"], needsTerminal: true),
            ])
        // `a\;b` would reach a shell as two commands; a test= needs a shell: both skipped.
        #expect(Mailcap.splitFields("application/x-thing; a\\;b %s") == ["application/x-thing", "a;b %s"])
        #expect(Mailcap.substitute("--file=%s%%%t%x", file: "/a/%s", type: "t/u") == "--file=/a/%s%t/u%x")
    }

    // MARK: - Where saves go

    @Test func savesGoToTheDownloadDirectoryNeverCreated() throws {
        try withTestDirectory { dir in
            let home = dir.file("home")
            try FileManager.default.createDirectory(atPath: "\(home)/.config", withIntermediateDirectories: true)
            func resolve(_ env: [String: String]) -> String {
                DownloadDirectory.resolve(environment: env, currentDirectory: "/work/cwd")
            }
            #expect(
                resolve(["HOME": home]) == "/work/cwd", "no ~/Downloads: the current directory, and nothing is made")
            #expect(!FileManager.default.fileExists(atPath: "\(home)/Downloads"))
            try FileManager.default.createDirectory(atPath: "\(home)/Downloads", withIntermediateDirectories: true)
            #expect(resolve(["HOME": home]) == "\(home)/Downloads")
            try FileManager.default.createDirectory(
                atPath: "\(home)/Téléchargements", withIntermediateDirectories: true)
            try Data("# written by xdg-user-dirs-update\nXDG_DOWNLOAD_DIR=\"$HOME/Téléchargements\"\n".utf8)
                .write(to: URL(fileURLWithPath: "\(home)/.config/user-dirs.dirs"))
            #expect(resolve(["HOME": home]) == "\(home)/Téléchargements")
            try FileManager.default.createDirectory(atPath: dir.file("dl"), withIntermediateDirectories: true)
            #expect(resolve(["HOME": home, "XDG_DOWNLOAD_DIR": dir.file("dl")]) == dir.file("dl"))
            #expect(resolve(["HOME": home, "XDG_DOWNLOAD_DIR": dir.file("gone")]) == "\(home)/Téléchargements")
            #expect(
                DownloadDirectory.display("\(home)/Downloads/a.pdf", environment: ["HOME": home]) == "~/Downloads/a.pdf"
            )
        }
    }

    // MARK: - The service: hostile names end to end

    static let hostile: [(name: String, safe: String?)] = [
        ("; rm -rf ~", "rm -rf.pdf"),
        ("$(touch pwned).pdf", "(touch pwned).pdf"),
        ("`touch pwned2`.pdf", "touch pwned2.pdf"),
        ("Zoë's \"consent\" form.pdf", "Zoë_s _consent_ form.pdf"),
        (String(repeating: "é", count: 120) + ".pdf", String(repeating: "é", count: 96) + ".pdf"),
        ("\u{FFFD}\u{FFFD}.pdf", "attachment.pdf"),
        // A leading - or . (validate asks the school to mend it) is read by
        // the app itself and copied under a plain name: such a letter could
        // be neither opened nor saved, though no program sees its name.
        ("-rf.pdf", "rf.pdf"),
        ("new\nline.pdf", nil),
        ("--version", "version.pdf"),
        (".hidden.pdf", "hidden.pdf"),
    ]

    /// Liz logged in on a demo copy whose message H-1 (to Ben) carries the
    /// hostile attachments, all with files; synced.
    func lizWithHostileAttachments(_ dir: TestDirectory, environment: [String: String]) throws -> ParentService {
        let store = try DemoStoreCopy.copy(into: dir)
        let letter = PDFWriter.letter(title: "A letter", lines: ["Dear Parents,"])
        let file = "\(store)/schools/green-abbey/messages/2025-26/student-GA-BEN.json"
        var records = try JSONParser.parseArray(RawFile.read(file)).values
        let attachments = Self.hostile.map {
            JSONValue.object([
                ("name", .string($0.name)), ("size", .number(Double(letter.count))),
                ("type", .string("application/pdf")),
            ])
        }
        records.append(
            .object([
                ("id", .string("H-1")), ("category", .string("General")), ("sender", .string("Mr X")),
                ("sentAt", .string("2026-03-17T09:00:00Z")),
                ("subject", .string("Hostile names")), ("body", .string("See attached.")),
                ("attachments", .array(attachments)),
            ]))
        try Data(JSONWriter().writeRecords(records)).write(to: URL(fileURLWithPath: file))
        let files = "\(store)/schools/green-abbey/messages/2025-26/files/H-1"
        try FileManager.default.createDirectory(atPath: files, withIntermediateDirectories: true)
        for (name, _) in Self.hostile { try Data(letter).write(to: URL(fileURLWithPath: "\(files)/\(name)")) }
        var settings = CoreSettings()
        settings.pinCost = 1
        let service = ParentService(
            storeRoot: store, dataDirectory: dir.file("data"), files: PosixFileLayer(),
            clock: ManualClock(DemoStoreCopy.now),
            securityClock: ManualClock(DemoStoreCopy.now), settings: settings)
        let login = try service.logIn(email: "liz.abbot@example.com", mobile: "07700 100001", lastFour: "0001")
        guard case .loggedIn = login else { fatalError("demo login failed: \(login)") }
        #expect(try service.setPIN("739184", confirmation: "739184") == nil)
        let synced = DispatchSemaphore(value: 0)
        try service.follow { event in
            switch event {
            case .finished, .failed: synced.signal()
            default: break
            }
        }
        service.sync(.manual)
        _ = synced.wait(timeout: .now() + 120)
        return service
    }

    @Test func hostileNamesOpenAsTheAppsOwnCopiesAndNothingElseRuns() throws {
        try withTestDirectory { dir in
            let bin = try scripts(["opener"], in: dir)
            let home = dir.file("home")
            try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
            try Data("keep".utf8).write(to: URL(fileURLWithPath: "\(home)/precious"))
            let runtime = dir.file("runtime")
            try FileManager.default.createDirectory(atPath: runtime, withIntermediateDirectories: true)
            let env = ["PATH": "\(bin):/usr/bin:/bin", "BROWSER": "opener", "HOME": home, "XDG_RUNTIME_DIR": runtime]
            let service = try lizWithHostileAttachments(dir, environment: env)
            let ref = MessageRef(school: "green-abbey", id: "H-1")
            let detail = try #require(service.snapshot?.message(ref), "the message synced")
            #expect(detail.attachments.map(\.name) == Self.hostile.map(\.name))
            let opener = Opener(environment: env)
            var directories = Set<String>()
            let downloads = dir.file("Downloads")
            try FileManager.default.createDirectory(atPath: downloads, withIntermediateDirectories: true)
            for (index, (name, safe)) in Self.hostile.enumerated() {
                // Saved (s): under its safe name in the downloads folder, 0600,
                // the store's bytes; refused as the opener is for a name that cannot be.
                let saved = Result { () throws(AttachmentError) in
                    try service.copyAttachment(ref, index: index, into: downloads)
                }
                switch (saved, safe) {
                case (.success(let copy), let safe?):
                    #expect(copy.fileName == safe && copy.path == "\(downloads)/\(safe)", "\(copy.path)")
                    var info = stat()
                    #expect(stat(copy.path, &info) == 0 && info.st_mode & 0o777 == 0o600)
                    #expect(
                        try RawFile.read(copy.path)
                            == RawFile.read(
                                try service.account.store.layout.absolute(
                                    "schools/green-abbey/messages/2025-26/files/H-1/\(name)")))
                case (.failure(.storeProblem(let shownName, _)), nil): #expect(shownName == name)
                default: Issue.record("saving \(name.debugDescription): \(saved)")
                }
                try? FileManager.default.removeItem(atPath: "\(bin)/opener.args")
                let result = Result { () throws(AttachmentError) in
                    try service.openAttachment(ref, index: index, with: opener)
                }
                guard let safe else {
                    guard case .failure(.storeProblem(let shownName, let problem)) = result else {
                        Issue.record("\(name.debugDescription) was opened: \(result)")
                        continue
                    }
                    #expect(shownName == name)
                    // The reason only: the store path cut the sentence off at
                    // 80 columns (validate names the file for support).
                    #expect(!problem.contains("schools/"), "\(problem)")
                    #expect(!problem.contains("\n"))
                    #expect(recorded(bin, "opener") == nil, "no opener ran for \(name.debugDescription)")
                    continue
                }
                let (copy, outcome) = try result.get()
                guard case .started(let pid) = outcome else {
                    Issue.record("the opener did not start: \(outcome)")
                    continue
                }
                if let pid { #expect(Subprocess.wait(pid) == 0) }
                let directory = (copy.path as NSString).deletingLastPathComponent
                directories.insert(directory)
                #expect(directory.hasPrefix("\(runtime)/xpressions-open-"))
                #expect(copy.fileName == safe)
                #expect(recorded(bin, "opener") == [copy.path], "the opener got the copy's path, one argument")
                #expect(
                    try RawFile.read(copy.path)
                        == RawFile.read(
                            try service.account.store.layout.absolute(
                                "schools/green-abbey/messages/2025-26/files/H-1/\(name)")))
                var info = stat()
                #expect(stat(copy.path, &info) == 0 && info.st_mode & 0o777 == 0o600)
                #expect(stat(directory, &info) == 0 && info.st_mode & 0o777 == 0o700)
            }
            #expect(directories.count == 1, "one private directory per process")
            // Only the safe names were saved, nothing beside or above them.
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: downloads).sorted()
                    == Self.hostile.compactMap(\.safe).sorted())
            #expect(try RawFile.read("\(home)/precious") == Array("keep".utf8))
            for place in [home, dir.path, bin, runtime, FileManager.default.currentDirectoryPath] {
                #expect(!FileManager.default.fileExists(atPath: "\(place)/pwned"))
                #expect(!FileManager.default.fileExists(atPath: "\(place)/pwned2"))
            }

            // Without an opener: nothing runs and no copy is left behind.
            let none = Opener(environment: [
                "PATH": dir.file("nothing"), "MAILCAPS": dir.file("none"), "HOME": home, "XDG_RUNTIME_DIR": runtime,
            ])
            let (copy, outcome) = try service.openAttachment(ref, index: 0, with: none)
            #expect(outcome == .none)
            #expect(!FileManager.default.fileExists(atPath: copy.path))

            // At quit the copies go with their directory.
            let directory = try #require(directories.first)
            service.removeOpenedCopies()
            #expect(!FileManager.default.fileExists(atPath: directory))
        }
    }

    /// The audit's failing $BROWSER (exit 3) was reported as "Opened", and
    /// the next entry of the list never tried: a command that ends at once
    /// with a failure is one that failed, and the next is tried.
    @Test func anOpenerThatFailsAtOnceIsNotOpenedAndTheNextIsTried() throws {
        try withTestDirectory { dir in
            let bin = dir.file("bin")
            try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
            for (name, body) in [("fails", "exit 3"), ("works", "echo \"$1\" > \(bin)/works.args")] {
                try Data("#!/bin/sh\n\(body)\n".utf8).write(to: URL(fileURLWithPath: "\(bin)/\(name)"))
                chmod("\(bin)/\(name)", 0o755)
            }
            let env = ["PATH": "\(bin):/usr/bin:/bin", "BROWSER": "fails:works"]
            let opener = Opener(environment: env)
            #expect(opener.commands(forURL: "https://example.org").count >= 2)
            #expect(opener.start(opener.commands(forURL: "https://example.org")) == .started(pid: nil))
            #expect(try String(contentsOfFile: "\(bin)/works.args", encoding: .utf8) == "https://example.org\n")
            let failing = Opener(environment: ["PATH": "\(bin)", "BROWSER": "fails"])
            #expect(
                failing.start(failing.commands(forURL: "https://example.org")) == .failed(["fails ended with status 3"])
            )
        }
    }

    @Test func copiesLeftByEarlierRunsAreSweptAfterADay() throws {
        try withTestDirectory { dir in
            let base = dir.file("runtime")
            let now = Date()
            func make(_ name: String, age: TimeInterval) throws -> String {
                let path = "\(base)/\(name)"
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
                try Data("a copy".utf8).write(to: URL(fileURLWithPath: "\(path)/letter.pdf"))
                let then = now.addingTimeInterval(-age).timeIntervalSince1970
                var times = [
                    timeval(tv_sec: Int(then), tv_usec: 0), timeval(tv_sec: Int(then), tv_usec: 0),
                ]
                #expect(utimes(path, &times) == 0)
                return path
            }
            let old = try make("xpressions-open-AbC123", age: 25 * 3600)
            let open = try make("xpressions-open-XyZ789", age: 3600)  // another app still open
            let other = try make("something-else", age: 48 * 3600)
            ParentService.sweepOpenedCopies(in: base, now: now)
            #expect(!FileManager.default.fileExists(atPath: old))
            #expect(FileManager.default.fileExists(atPath: "\(open)/letter.pdf"))
            #expect(FileManager.default.fileExists(atPath: "\(other)/letter.pdf"))
        }
    }

    /// `e` on More's calendar tab: the child's calendar, the same text as
    /// `xpressions export calendar --child`, saved as a new 0600 file beside
    /// (never over) what is there.
    @Test func theCalendarIsSavedAsTheExportWritesItNeverOverAFile() throws {
        try withTestDirectory { dir in
            let service = try lizWithHostileAttachments(dir, environment: [:])
            let model = try #require(service.snapshot)
            let ben = try #require(model.children.first { $0.forename == "Ben" })
            let downloads = dir.file("Downloads")
            try FileManager.default.createDirectory(atPath: downloads, withIntermediateDirectories: true)
            try Data("mine".utf8).write(to: URL(fileURLWithPath: "\(downloads)/xpressions-calendar-ben-2026-03-18.ics"))
            let path = try service.saveCalendar(child: ben.ref, into: downloads, now: DemoStoreCopy.now)
            #expect(path == "\(downloads)/xpressions-calendar-ben-2026-03-18 (2).ics")
            let text = CalendarExport.ics(model: model, child: ben.ref, now: DemoStoreCopy.now)
            #expect(try RawFile.read(path) == Array(text.utf8))
            #expect(text.contains("BEGIN:VEVENT"))
            #expect(try RawFile.read("\(downloads)/xpressions-calendar-ben-2026-03-18.ics") == Array("mine".utf8))
            var info = stat()
            #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)
            #expect(throws: AttachmentError.self) {
                try service.saveCalendar(child: ben.ref, into: dir.file("gone"), now: DemoStoreCopy.now)
            }
        }
    }

    @Test func savingNeverReplacesAFile() throws {
        try withTestDirectory { dir in
            let service = try lizWithHostileAttachments(dir, environment: [:])
            let ref = MessageRef(school: "green-abbey", id: "GA-DEMO-2")
            let downloads = dir.file("Downloads")
            try FileManager.default.createDirectory(atPath: downloads, withIntermediateDirectories: true)
            try Data("mine".utf8).write(to: URL(fileURLWithPath: "\(downloads)/options-interview-letter.pdf"))
            let first = try service.copyAttachment(ref, index: 0, into: downloads)
            let second = try service.copyAttachment(ref, index: 0, into: downloads)
            #expect(
                [first.fileName, second.fileName] == [
                    "options-interview-letter (2).pdf", "options-interview-letter (3).pdf",
                ])
            #expect(try RawFile.read("\(downloads)/options-interview-letter.pdf") == Array("mine".utf8))
            #expect(try RawFile.read(second.path) == DemoAttachments.letter())
            let map = try service.copyAttachment(ref, index: 1, into: downloads)
            #expect(map.fileName == "library-map.png" && map.mediaType == "image/png")
            var info = stat()
            #expect(stat(map.path, &info) == 0 && info.st_mode & 0o777 == 0o600)
            // What cannot be had says so plainly.
            #expect(throws: AttachmentError.unknown) { try service.copyAttachment(ref, index: 7, into: downloads) }
            #expect(
                throws: AttachmentError.cannotWrite(
                    name: "options-interview-letter.pdf", directory: dir.file("gone"),
                    reason: "No such file or directory")
            ) {
                try service.copyAttachment(ref, index: 0, into: dir.file("gone"))
            }
            let trip = try #require(
                service.snapshot?.timeline().first { $0.subject == "Year 9: Theatre trip" && $0.hasAttachments })
            try FileManager.default.removeItem(
                atPath: try service.account.store.layout.absolute(
                    "schools/green-abbey/messages/2025-26/files/\(trip.ref.id)"))
            #expect(throws: AttachmentError.notInStore(name: "consent-form.pdf")) {
                try service.copyAttachment(trip.ref, index: 0, into: downloads)
            }
            // The store moved away after it was opened: away, not the
            // school's file missing (it said "not in this copy").
            let root = try service.account.store.layout.root
            try FileManager.default.moveItem(atPath: root, toPath: root + ".away")
            #expect(throws: AttachmentError.storeUnavailable(name: "options-interview-letter.pdf")) {
                try service.copyAttachment(ref, index: 0, into: downloads)
            }
            try FileManager.default.moveItem(atPath: root + ".away", toPath: root)
            // A school's file that does not match what the message says of
            // it: said so in a sentence that fits the status line at 80
            // columns (the store path cut it off); validate names the file.
            try Data("short".utf8).write(
                to: URL(
                    fileURLWithPath:
                        "\(root)/schools/green-abbey/messages/2025-26/files/GA-DEMO-2/options-interview-letter.pdf"))
            do {
                _ = try service.copyAttachment(ref, index: 0, into: downloads)
                Issue.record("a file of the wrong size was copied")
            } catch {
                guard let error = error as? AttachmentError, case .storeProblem = error else {
                    Issue.record("\(error)")
                    return
                }
                let text = error.description
                #expect(!text.contains("schools/"), "\(text)")
                #expect(text.count <= 200, "\(text)")  // three status lines at 80 columns
            }
            try Data(DemoAttachments.letter()).write(
                to: URL(
                    fileURLWithPath:
                        "\(root)/schools/green-abbey/messages/2025-26/files/GA-DEMO-2/options-interview-letter.pdf"))
            // An opener that cannot start: said so, and no copy is left behind.
            try Data("#!/nonexistent/interpreter\n".utf8).write(to: URL(fileURLWithPath: dir.file("broken")))
            chmod(dir.file("broken"), 0o755)
            let broken = Opener(environment: [
                "PATH": "/usr/bin:/bin", "BROWSER": dir.file("broken"), "XDG_RUNTIME_DIR": dir.path,
            ])
            let result = Result { () throws(AttachmentError) in try service.openAttachment(ref, index: 0, with: broken)
            }
            guard case .failure(.cannotOpen(let name, let reason)) = result else {
                Issue.record("a broken opener gave \(result)")
                return
            }
            #expect(name == "options-interview-letter.pdf" && reason.contains("cannot start \(dir.file("broken"))"))
            let opened = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter {
                $0.hasPrefix("xpressions-open-")
            }
            #expect(opened.count == 1)
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file(opened[0])).isEmpty)
            #expect(
                AttachmentError.notInStore(name: "a\nb").description
                    == "\"a\\nb\" is not in this copy of the school data: the message lists it, but the school's file is not there."
            )
        }
    }
}
