import Foundation
import TestSupport
import Testing

/// The command line as support staff use it: exit statuses, one-line usage
/// errors, doctor's explanations and its privacy.
@Suite struct CommandLineTests {
    struct Result {
        var status: Int32
        var out: String
        var err: String
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let r = try XpressionsBinary.run(arguments, environment: environment)
        return Result(status: r.status, out: r.output, err: r.errors)
    }

    var demo: String { BuildProducts.packageRoot()!.appendingPathComponent("Assets/demo-store").path }

    @Test func helpVersionAndUsageErrors() throws {
        let help = try run(["--help"])
        #expect(help.status == 0 && help.out.contains("xpressions doctor --email"))
        #expect(try run(["--version"]).out.hasPrefix("xpressions "))
        // After the app's options too.
        #expect(try run(["--data-dir", "/tmp/unused", "--no-color", "--version"]).out.hasPrefix("xpressions "))
        #expect(try run(["--store", "/tmp/unused", "--help"]).out.hasPrefix("usage: xpressions"))
        for bad in [
            ["--frobnicate"], ["frobnicate"], ["store", "polish"], ["doctor", "--email"],
            ["store", "generate", "--schools", "x", "/tmp/x"],
        ] {
            let r = try run(bad)
            #expect(r.status == 64, "\(bad)")
            // the error and "Try 'xpressions --help'."
            #expect(r.err.split(separator: "\n").count == 2, "\(bad): \(r.err)")
            #expect(r.out.isEmpty)
        }
    }

    /// `--help` after any command or subcommand shows its usage and does
    /// nothing else (`store generate --help` once said "unknown option").
    @Test func everyCommandTakesHelp() throws {
        let commands: [[String]] = [
            ["store", "validate"], ["store", "generate"], ["store", "index"], ["store", "audit"],
            ["school", "send"], ["school", "inbox"], ["sync"], ["doctor"], ["demo", "reset"], ["demo", "tour"],
            ["export", "calendar"], ["export", "messages"], ["status"],
        ]
        for command in commands {
            let r = try run(command + ["--help"])
            #expect(r.status == 0, "\(command): \(r.err)")
            #expect(r.out.hasPrefix("usage: xpressions"), "\(command): \(r.out)")
            #expect(r.out.contains("xpressions \(command.joined(separator: " "))"), "\(command): \(r.out)")
        }
    }

    /// What a new user looks for is where they look: `store --help` and a
    /// mistyped store subcommand list audit too, `demo --help` shows the
    /// tour's headless options.
    @Test func helpAndErrorsListEverySubcommandAndTheToursHeadlessOptions() throws {
        let store = try run(["store", "--help"])
        #expect(store.status == 0)
        for sub in ["validate", "generate", "index", "audit"] {
            #expect(store.out.contains("xpressions store \(sub)"), "\(sub)")
        }
        let typo = try run(["store", "audt"])
        #expect(typo.status == 64)
        #expect(typo.err.contains("unknown subcommand 'audt' (expected validate, generate, index or audit)"))
        #expect(try run(["store"]).err.contains("missing subcommand (validate, generate, index or audit)"))
        let demoHelp = try run(["demo", "--help"])
        #expect(demoHelp.status == 0)
        for option in ["--headless COLSxROWS", "--script KEYS", "--snapshot"] {
            #expect(demoHelp.out.contains(option), "\(option)")
        }
    }

    /// `xpressions --store X demo reset` once said "unknown command 'demo'":
    /// the app's options before a command are read as the command's own.
    @Test func optionsBeforeACommandAreTheCommands() throws {
        let refused = try run(["--store", "/tmp/x", "demo", "reset"])
        #expect(refused.status == 64)
        #expect(refused.err.contains("it never touches a store given with --store"), "\(refused.err)")
        #expect(!refused.err.contains("unknown command"))
        let data = NSTemporaryDirectory() + "xpressions-cli-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: data) }
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: false)
        let reset = try run(["--data-dir", data, "demo", "reset", "--yes"])
        #expect(reset.status == 0, "\(reset.err)")
        // The demo never used there: nothing is made (it once made the overlay).
        #expect(reset.out.contains("Nothing to reset: the demo has not been used in \(data) yet."))
        #expect(!FileManager.default.fileExists(atPath: "\(data)/demo-store"))
        let doctor = try run([
            "--store", demo, "--now", "2026-03-18T10:42:00Z", "doctor", "--email", "liz.abbot@example.com", "--mobile",
            "07700 100001",
        ])
        #expect(doctor.status == 0, "\(doctor.err)")
        #expect(doctor.out.hasPrefix("Store: \(demo) (given with --store)"))
        #expect(doctor.out.contains("at 2026-03-18T10:42:00Z"))
        let notTaken = try run(["--headless", "80x24", "status"])
        #expect(notTaken.status == 64 && notTaken.err.contains("status: unknown option '--headless'"))
    }

    /// A mistyped or cut-short option names the one the command takes
    /// (support typed `--data` and got no hint), from that command's own
    /// options only (sync takes no --to); nothing when nothing is near.
    @Test(arguments: [
        (["--data", "/tmp/x"], "xpressions: unknown option '--data'; did you mean --data-dir?\n"),
        (["doctor", "--emial", "a@b.c"], "xpressions: doctor: unknown option '--emial'; did you mean --email?\n"),
        (
            ["--store", "/tmp", "doctor", "--emial", "a@b.c"],
            "xpressions: doctor: unknown option '--emial'; did you mean --email?\n"
        ),
        (["sync", "--dat", "x"], "xpressions: sync: unknown option '--dat'; did you mean --data-dir?\n"),
        (["sync", "--to", "x"], "xpressions: sync: unknown option '--to'\n"),
        (
            ["school", "send", "--subjct", "x"],
            "xpressions: school send: unknown option '--subjct'; did you mean --subject?\n"
        ),
        (["digest", "--outptu", "x"], "xpressions: digest: unknown option '--outptu'; did you mean --output?\n"),
        (["--zzzzzz"], "xpressions: unknown option '--zzzzzz'\n"),
    ])
    func aMistypedOptionNamesTheOneMeant(_ arguments: [String], _ said: String) throws {
        let r = try run(arguments)
        #expect(r.status == 64)
        #expect(r.err.hasPrefix(said), "\(r.err)")
    }

    /// With no terminal at all (cron, CI, ssh without -t) the app says how
    /// to run without one, exit 74 as the README's table says.
    @Test func withNoTerminalTheAppSuggestsHeadless() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setsid") else { return }
        var environment = ProcessInfo.processInfo.environment
        for key in environment.keys where key.hasPrefix("XPRESSIONS_") { environment[key] = nil }
        environment["SWIFT_BACKTRACE"] = "interactive=no"
        let binary = try BuildProducts.executable(named: "xpressions").path
        let data = NSTemporaryDirectory() + "xpressions-cli-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: data) }
        // setsid: a new session, so no controlling terminal to fall back to.
        let r = try ChildProcess.run(
            ["/usr/bin/setsid", "-w", binary, "--store", demo, "--data-dir", data], environment: environment,
            trimmingError: false)
        #expect(r.status == 74, "\(r.error)")
        #expect(r.error.hasPrefix("xpressions: standard input and output must be a terminal; "), "\(r.error)")
        #expect(r.error.contains("--headless COLSxROWS"))
    }

    /// A presenter's mistyped audience is refused with what they meant (the
    /// walk typed `--to year:9`).
    @Test func aMistypedAudienceSuggestsTheRightOne() throws {
        let data = NSTemporaryDirectory() + "xpressions-cli-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: data) }
        for (typed, meant) in [("year:9", "year-9"), ("Year 9", "year-9"), ("everyone", "school")] {
            let r = try run([
                "school", "send", "--data-dir", data, "--school", "green-abbey", "--to", typed, "--subject", "S",
                "--body", "B",
            ])
            #expect(r.status == 64, "\(typed)")
            #expect(r.err.contains("did you mean \(meant)?"), "\(typed): \(r.err)")
        }
        // What suggests nothing (a slip inside the word) is answered with
        // the school's own audiences, as a year it lacks is.
        for typed in ["nonsense", "yaer-9"] {
            let r = try run([
                "school", "send", "--data-dir", data, "--school", "green-abbey", "--to", typed, "--subject", "S",
                "--body", "B",
            ])
            #expect(r.status == 64 && !r.err.contains("did you mean"), "\(typed): \(r.err)")
            #expect(r.err.contains("--to '\(typed)' is not school, year-N, group-NAME or student-ID"), "\(r.err)")
            #expect(r.err.contains("it takes school, year-7, year-8, year-9"), "\(typed): \(r.err)")
        }
    }

    /// An option given twice is refused, never the last one winning (`demo
    /// reset --data-dir A --data-dir B` reset B without a word); a size or
    /// an audience with a typing slip is refused, not read leniently.
    @Test func anOptionGivenTwiceAndLenientValuesAreRefused() throws {
        let data = NSTemporaryDirectory() + "xpressions-cli-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: data) }
        for twice in [
            ["demo", "reset", "--yes", "--data-dir", data, "--data-dir", data + "-b"],
            ["doctor", "--email", "liz.abbot@example.com", "--mobile", "07700 100001", "--email", "d@example.com"],
            ["doctor", "--email", "a@example.com", "--mobile", "07700 100001", "--message", "A", "--message=B"],
            ["demo", "tour", "--data-dir", data, "--data-dir", data],
            ["--store", demo, "--store", demo, "--headless", "80x24"],
            ["export", "calendar", "--data-dir", data, "-o", "a.ics", "--output", "b.ics"],
            // Flags too (they were taken twice: `demo reset --yes --yes` reset).
            ["demo", "reset", "--yes", "--yes", "--data-dir", data],
            ["doctor", "--email", "a@example.com", "--mobile", "07700 100001", "--json", "--json"],
            ["store", "audit", demo, "--csv", "--csv"],
            ["--no-color", "--no-colour", "--store", demo, "--headless", "80x24"],
        ] {
            let r = try run(twice)
            #expect(r.status == 64, "\(twice): \(r.err)")
            #expect(r.err.contains("is given twice: give it once"), "\(twice): \(r.err)")
        }
        #expect(!FileManager.default.fileExists(atPath: data + "-b"))
        for size in ["80x24x", "+80x+24", "80x", "x24", "８0x24"] {
            let r = try run(["--data-dir", data, "--headless", size, "--script", "q"])
            #expect(r.status == 64 && r.err.contains("expects a size such as 80x24"), "\(size): \(r.err)")
        }
        let plus = try run([
            "school", "send", "--data-dir", data, "--school", "green-abbey", "--to", "year-+7", "--subject", "S",
            "--body", "B",
        ])
        // Refused with the school's audiences (it said only the shape).
        #expect(plus.status == 64 && plus.err.contains("--to 'year-+7' is not school"), "\(plus.err)")
        #expect(plus.err.contains("it takes school, year-7"), "\(plus.err)")
        // A tour on a day the demo school is closed: its live message,
        // attendance and absence steps failed under their captions.
        let closed = try run([
            "demo", "tour", "--data-dir", data, "--now", "2026-08-15", "--headless", "80x24", "--script", "q",
        ])
        #expect(closed.status == 64 && closed.err.contains("is not a school day at the demo's school"), "\(closed.err)")
        // A bank holiday in term is closed too, as the app's attendance has it (it ran).
        let bank = try run([
            "demo", "tour", "--data-dir", data, "--now", "2026-05-04", "--headless", "80x24", "--script", "q",
        ])
        #expect(bank.status == 64 && bank.err.contains("(Early May bank holiday)"), "\(bank.err)")
        // A Saturday in term and a half-term day are said as such (the
        // Saturday listed the terms, as if it were outside them).
        for (day, why) in [("2026-03-21", "(a Saturday)"), ("2026-02-17", "(half term")] {
            let r = try run(["demo", "tour", "--data-dir", data, "--now", day, "--headless", "80x24", "--script", "q"])
            let said = r.err.lowercased().contains(why.lowercased())
            #expect(r.status == 64 && said && !r.err.contains("terms 20"), "\(r.err)")
        }
        // export with its name missing says so (it said "unknown export '--data-dir'").
        let unnamed = try run(["export", "--data-dir", data])
        #expect(unnamed.status == 64 && unnamed.err.contains("say what to export first"), "\(unnamed.err)")
    }

    @Test func validateTheDemoStoreAndAnInvalidCopy() throws {
        #expect(try run(["store", "validate", demo]).status == 0)
        let copy = NSTemporaryDirectory() + "xpressions-cli-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: copy) }
        try FileManager.default.copyItem(atPath: demo, toPath: copy)
        let contacts = "\(copy)/schools/green-abbey/contacts.json"
        let text = try String(contentsOfFile: contacts, encoding: .utf8)
        try text.replacingOccurrences(of: "\"type\": \"home\"", with: "\"type\": \"hom\"").write(
            toFile: contacts, atomically: true, encoding: .utf8)
        let r = try run(["store", "validate", copy])
        #expect(r.status == 65)
        #expect(r.out.contains("schools/green-abbey/contacts.json: contact"))
        #expect(r.out.contains("type: unknown phone type \"hom\""))
        // Doctor says the same problem, and answers as the login goes: Liz's
        // Green Abbey record cannot be read, so Green Abbey is left out and
        // named, and she logs in with Riverside (doctor gave no answer).
        let d = try run(["doctor", "--store", copy, "--email", "liz.abbot@example.com", "--mobile", "07700 100001"])
        #expect(d.status == 0, "\(d.err)")
        #expect(d.err.contains(r.out.split(separator: "\n")[0]))
        #expect(d.out.contains("Riverside Primary School (Core: messages and school details only): Tom Abbot (3A)"))
        #expect(
            d.out.contains("  Green Abbey School (green-abbey): schools/green-abbey/contacts.json cannot be read"),
            "\(d.out)")
        // A parent whose only record is the one that cannot be read: no
        // answer, as the login says the school's data cannot be read.
        let gareth = try run(
            ["doctor", "--store", copy, "--email", "gareth.hughes@example.com", "--mobile", "07700 100003"])
        #expect(gareth.status == 65, "\(gareth.out)")
        #expect(gareth.err.contains("xpressions: no answer: "), "\(gareth.err)")

        // One truncated file is one problem: the line saying what was
        // skipped because of it is not counted as a second ("2 problems").
        try text.write(toFile: contacts, atomically: true, encoding: .utf8)
        let students = "\(copy)/schools/green-abbey/students.json"
        let whole = try String(contentsOfFile: students, encoding: .utf8)
        try String(whole.prefix(whole.count / 2)).write(toFile: students, atomically: true, encoding: .utf8)
        let truncated = try run(["store", "validate", copy])
        #expect(truncated.status == 65)
        #expect(truncated.out.contains("checks that depend on students.json skipped"), "\(truncated.out)")
        #expect(
            truncated.err.hasSuffix("\(copy): 1 problem\n") || truncated.err.contains("\(copy): 1 problem, "),
            "\(truncated.err)")
    }

    @Test func doctorExplainsEachDemoCase() throws {
        let cases: [(String, String, Int32, String)] = [
            (
                "liz.abbot@example.com", "07700 100001", 0,
                "Riverside Primary School (Core: messages and school details only): Tom Abbot (3A)"
            ),
            (
                "sarah.patel@example.com", "07700 100002", 0,
                "GA-C-SARAH-1 links Aisha Patel (10B); taken alone it would hide Rohan Patel (7A)."
            ),
            ("gareth.hughes@example.com", "07700 100003", 1, "the number is typed Home in the MIS, not Mobile"),
            ("agnieszka.nowak@example", "07700 100004", 1, "is not in ID@domain.tld form"),
            ("kwame.mensah@example.com", "07700 100005", 1, "no email address"),
            ("piotr.kowalski@example.com", "07700 900123", 1, "is typed Mobile but is not in any UK mobile range"),
            ("margaret.abbot@example.com", "07700 100012", 1, "no parental responsibility"),
            ("sean.obrien@example.com", "07700 100014", 1, "correspondence not allowed"),
            ("siobhan.obrien@example.com", "07700 100007", 0, "past the school's leaver persistence of 3 months"),
            (
                "nobody@example.com", "07700 100999", 1,
                "No contact record in any school holds this email address or this mobile number."
            ),
        ]
        for (email, mobile, status, line) in cases {
            let r = try run([
                "doctor", "--store", demo, "--email", email, "--mobile", mobile, "--now", "2026-03-18T10:42:00Z",
            ])
            #expect(r.status == status, "\(email)")
            #expect(r.out.contains(line), "\(email): \(r.out)")
        }
    }

    /// The store may be hostile: an escape sequence in a child's surname
    /// reaches doctor's report (a support engineer's terminal) made
    /// visible, never raw; JSON escapes it; an export to a file keeps the
    /// bytes the school wrote.
    @Test func controlCharactersFromTheStoreNeverReachTheTerminalRaw() throws {
        let copy = NSTemporaryDirectory() + "xpressions-cli-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: copy) }
        try FileManager.default.copyItem(atPath: demo, toPath: copy)
        let students = "\(copy)/schools/green-abbey/students.json"
        let text = try String(contentsOfFile: students, encoding: .utf8)
        #expect(text.contains("\"surname\": \"Abbot\""))
        // OSC 0 (retitle the window), a carriage return and a C1 CSI.
        try text.replacingOccurrences(
            of: "\"surname\": \"Abbot\"", with: "\"surname\": \"Abbot\\u001b]0;pwned\\u0007\\r\\u009b2J\""
        ).write(toFile: students, atomically: true, encoding: .utf8)
        let arguments = [
            "doctor", "--store", copy, "--email", "liz.abbot@example.com", "--mobile", "07700 100001", "--now",
            "2026-03-18T10:42:00Z",
        ]
        let r = try run(arguments)
        #expect(r.out.contains("Abbot^[]0;pwned^G^M\u{FFFD}2J"), "\(r.out)")
        for raw in ["\u{1B}", "\u{07}", "\r", "\u{9B}"] { #expect(!r.out.contains(raw)) }
        let json = try run(arguments + ["--json"])
        #expect(json.out.contains("Abbot\\u001b]0;pwned\\u0007\\r\\u009b2J"), "\(json.out)")
        for raw in ["\u{1B}", "\u{07}", "\u{9B}"] { #expect(!json.out.contains(raw)) }
    }

    /// A mistyped --store is one line naming it, exit 64 (it was "not a
    /// directory", then "the store is invalid… run validate", exit 65).
    @Test func aMistypedStoreIsOneLineAndAUsageError() throws {
        for arguments in [
            ["school", "absences", "--school", "green-abbey"], ["school", "inbox", "--school", "green-abbey"],
            ["doctor", "--email", "liz.abbot@example.com", "--mobile", "07700 100001"],
        ] {
            let r = try run(arguments + ["--store", "/nonexistent/xp-store"])
            #expect(r.status == 64, "\(arguments)")
            #expect(
                r.err.trimmingCharacters(in: .newlines)
                    == "xpressions: --store /nonexistent/xp-store: no such directory (give the folder of the school data: the one holding store.json)\nTry 'xpressions --help'.",
                "\(arguments): \(r.err)")
            #expect(r.out.isEmpty)
        }
    }

    /// A support engineer's habits and slips: `store audit --store DIR`
    /// (refused before), `--school --csv` (read as a school named "--csv"),
    /// and a mistyped `--data-dir` for digest and export (it read "nobody is
    /// logged in" as a real logout does: exit 1 still, as before the first
    /// login, but the line says there is no such directory).
    @Test func supportHabitsAndSlipsAreUnderstood() throws {
        let audit = try run(["store", "audit", "--store", demo, "--school", "riverside-primary"])
        #expect(audit.status == 0 || audit.status == 1, "\(audit.err)")
        #expect(audit.out.contains("Riverside Primary School"))
        let swallowed = try run(["store", "audit", demo, "--school", "--csv"])
        #expect(swallowed.status == 64)
        #expect(swallowed.err.contains("option --school needs a value before --csv"), "\(swallowed.err)")
        for command in [["digest"], ["export", "calendar"], ["sync"]] {
            let r = try run(command + ["--data-dir", "/nonexistent/xp-data"])
            #expect(r.status == 1, "\(command): \(r.err)")
            #expect(
                r.err.contains("nobody is logged in with data in /nonexistent/xp-data: there is no such directory"),
                "\(command): \(r.err)")
            #expect(
                !FileManager.default.fileExists(atPath: "/nonexistent/xp-data"), "\(command) made the typo's directory")
        }
    }

    /// The same for `store validate|index|audit DIR`: a typo is exit 64,
    /// named, never "not a valid store" (65, as for a store to mend).
    @Test func aMistypedStoreDirectoryIsAUsageErrorForStoreCommands() throws {
        for command in ["validate", "index", "audit"] {
            let r = try run(["store", command, "/nonexistent/xp-store"])
            #expect(r.status == 64, "\(command): \(r.err)")
            #expect(
                r.err.contains(
                    "store \(command): /nonexistent/xp-store: no such directory (give the folder of the school data: the one holding store.json)"
                ), "\(command): \(r.err)")
            #expect(r.out.isEmpty)
        }
    }

    @Test func doctorSaysNothingAboutOtherPeople() throws {
        let r = try run([
            "doctor", "--store", demo, "--email", "liz.abbot@example.com", "--mobile", "07700 100001", "--now",
            "2026-03-18T10:42:00Z",
        ])
        for other in ["David", "Margaret", "Patel", "GA-C-DAVID", "100011", "Finley"] {
            #expect(!r.out.contains(other), "doctor mentioned \(other)")
        }
    }

    @Test func doctorJSONIsStable() throws {
        let r = try run([
            "doctor", "--store", demo, "--email", "sarah.patel@example.com", "--mobile", "07700 100002", "--now",
            "2026-03-18T10:42:00Z", "--json",
        ])
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        #expect(json["canLogIn"] as? Bool == true)
        #expect(json["at"] as? String == "2026-03-18T10:42:00Z")
        let schools = try #require(json["schools"] as? [[String: Any]])
        #expect(schools.map { $0["id"] as? String } == ["green-abbey"])
        let contacts = try #require(schools[0]["contacts"] as? [[String: Any]])
        #expect(contacts.map { $0["id"] as? String } == ["GA-C-SARAH-1", "GA-C-SARAH-2"])
        let rules = (contacts[0]["checks"] as? [[String: Any]])?.compactMap { $0["rule"] as? String }
        #expect(
            rules == [
                "email held", "email in ID@domain.tld form", "number held", "number typed Mobile",
                "number in a mobile range",
            ])
        let duplicates = try #require(json["duplicates"] as? [[String: Any]])
        #expect(
            duplicates.first?["childrenHiddenWithoutMerging"] as? [String] == ["Aisha Patel (10B)", "Rohan Patel (7A)"])
        #expect((json["children"] as? [[String: Any]])?.count == 2)
    }

    @Test func generateIsDeterministic() throws {
        let a = NSTemporaryDirectory() + "gen-a-\(UUID().uuidString)"
        let b = NSTemporaryDirectory() + "gen-b-\(UUID().uuidString)"
        defer {
            try? FileManager.default.removeItem(atPath: a)
            try? FileManager.default.removeItem(atPath: b)
        }
        let args = [
            "store", "generate", "--schools", "2", "--students-per-school", "40", "--years", "1", "--seed", "9",
        ]
        #expect(try run(args + [a]).status == 0)
        #expect(try run(args + [b]).status == 0)
        // Every file the same but store.json, whose secret is random (one
        // derived from the arguments would key nothing).
        let diff = Process()
        diff.executableURL = URL(fileURLWithPath: "/usr/bin/diff")
        diff.arguments = ["-r", "-x", "store.json", a, b]
        try diff.run()
        diff.waitUntilExit()
        #expect(diff.terminationStatus == 0)
        func secretAndRest(_ root: String) throws -> (String, String) {
            let lines = try String(contentsOfFile: "\(root)/store.json", encoding: .utf8).split(separator: "\n").map(
                String.init)
            let secret = lines.first { $0.contains("\"secret\"") } ?? ""
            return (secret, lines.filter { !$0.contains("\"secret\"") }.joined(separator: "\n"))
        }
        let (secretA, restA) = try secretAndRest(a)
        let (secretB, restB) = try secretAndRest(b)
        #expect(restA == restB)
        #expect(secretA.count > 64 && secretB.count > 64 && secretA != secretB)
        #expect(try run(["store", "validate", a]).status == 0)
    }

    @Test func nowTakesAPlainDateAsNineInTheMorningSchoolTime() throws {
        // 15 January is GMT; 15 June is BST (UTC+1) at the demo schools.
        let winter = try run([
            "doctor", "--store", demo, "--email", "liz.abbot@example.com", "--mobile", "07700 100001", "--now",
            "2026-01-15", "--json",
        ])
        #expect(winter.status == 0)
        #expect(winter.out.contains("\"at\": \"2026-01-15T09:00:00Z\""))
        let summer = try run([
            "doctor", "--store", demo, "--email", "liz.abbot@example.com", "--mobile", "07700 100001", "--now",
            "2026-06-15", "--json",
        ])
        #expect(summer.out.contains("\"at\": \"2026-06-15T08:00:00Z\""))
        // A time of day without a zone is school time (it was refused).
        for (text, at) in [
            ("2026-06-15T07:00", "2026-06-15T06:00:00Z"), ("2026-01-15 07:30:15", "2026-01-15T07:30:15Z"),
            ("2026-01-15 7:05", "2026-01-15T07:05:00Z"),
        ] {
            let local = try run([
                "doctor", "--store", demo, "--email", "liz.abbot@example.com", "--mobile", "07700 100001", "--now",
                text, "--json",
            ])
            #expect(local.status == 0, "\(text): \(local.err)")
            #expect(local.out.contains("\"at\": \"\(at)\""), "\(text): \(local.out.prefix(400))")
        }
        for wrong in ["2026-01-15T25:00", "2026-01-15T07", "2026-01-15T07:00:5", "2026-01-15T7:5", "2026-01-15T:00"] {
            let refused = try run(["doctor", "--store", demo, "--email", "a@b.c", "--mobile", "1", "--now", wrong])
            #expect(refused.status == 64, "\(wrong)")
        }
        let bad = try run(["doctor", "--store", demo, "--email", "a@b.c", "--mobile", "1", "--now", "15/01/2026"])
        #expect(bad.status == 64)
        #expect(bad.err.contains("--now expects a date such as 2026-01-15"))
    }
}
