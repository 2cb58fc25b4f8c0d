import Foundation
import TestSupport
import Testing

/// `xpressions store audit` as a school's data manager runs it: the report,
/// `--school`, `--csv`, exit statuses, and progress only on a terminal.
@Suite struct StoreAuditCommandTests {
    func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let r = try XpressionsBinary.run(arguments)
        return (r.status, r.output, r.errors)
    }

    let store = AppHarness.template

    @Test func theReportCountsAndListsEachCauseAndIsSilentOnAPipe() throws {
        let r = try run(["store", "audit", store])
        #expect(r.status == 1)  // the demo store has contacts who cannot log in
        #expect(r.err.isEmpty)  // no progress when stderr is not a terminal
        #expect(r.out.hasPrefix("2 schools, "))
        #expect(
            r.out.contains(
                "\nschool             contacts  can log in  cannot  no Mobile  not a mobile  email  duplicates  correspondence  no child  unreadable\n"
            ))
        #expect(r.out.contains("Green Abbey School (green-abbey): "))
        #expect(
            r.out.contains(
                "    GA-C-GARETH  Mr Gareth Hughes  \"Home 07700 100003\": no number is typed Mobile in the MIS"))
        let one = try run(["store", "audit", store, "--school", "riverside-primary"])
        #expect(one.out.hasPrefix("1 school, ") && !one.out.contains("green-abbey") && !one.out.contains("\ntotal "))
    }

    @Test func csvHasOneRowPerContactAndCause() throws {
        let r = try run(["store", "audit", store, "--csv", "--school", "green-abbey"])
        #expect(r.status == 1)
        let rows = r.out.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.first == "school,contact,name,cause,can_log_in,value,detail")
        #expect(
            rows.contains { $0.hasPrefix("green-abbey,GA-C-PIOTR,Mr Piotr Kowalski,not-a-mobile,no,07700 900123,") })
        #expect(
            rows.contains {
                $0.hasPrefix(
                    "green-abbey,GA-C-SARAH-2,Mrs Sarah Patel,duplicate,yes,' Sarah.Patel@example.com; +44 7700 100002,"
                )
            } == false)
        #expect(
            rows.contains {
                $0.hasPrefix(
                    "green-abbey,GA-C-SARAH-2,Mrs Sarah Patel,duplicate,yes, Sarah.Patel@example.com; +44 7700 100002,")
            })
        #expect(rows.allSatisfy { $0.hasPrefix("green-abbey,") } == false)  // the header
        #expect(rows.dropFirst().allSatisfy { $0.hasPrefix("green-abbey,") })
    }

    /// One school's broken contacts file is named on stderr (exit 65), the
    /// other schools are still audited and reported, and the broken one is
    /// named in the report itself, as not audited (a data manager reading
    /// only stdout saw nothing of it).
    @Test func aBrokenSchoolDoesNotHideTheOthers() throws {
        let directory = NSTemporaryDirectory() + "xpressions-audit-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        AppHarness.shell(["cp", "-a", store, directory])
        try Data("[{\"id\": \"X\"".utf8).write(
            to: URL(fileURLWithPath: "\(directory)/schools/riverside-primary/contacts.json"))
        let r = try run(["store", "audit", directory])
        #expect(r.status == 65)
        #expect(r.err.hasPrefix("schools/riverside-primary/contacts.json: malformed JSON"), "\(r.err)")
        #expect(r.out.contains("Green Abbey School (green-abbey): "))
        #expect(r.out.contains("riverside-primary  not audited: its files cannot be read"), "\(r.out)")
        #expect(r.out.contains("Riverside Primary School (riverside-primary): not audited: its files have 1 problem"))
    }

    @Test func usageErrorsAndAnUnknownSchool() throws {
        for bad in [
            ["store", "audit", store, "--frobnicate"], ["store", "audit", store, "--school", "nowhere"],
            ["store", "audit", store, "again"],
            ["store", "audit", store, "--school", "green-abbey", "--school", "riverside-primary"],
        ] {
            let r = try run(bad)
            #expect(r.status == 64, "\(bad)")
            #expect(r.err.split(separator: "\n").count == 2, "\(bad): \(r.err)")
        }
        // A school mistyped by a letter or two is named (nowhere near one is
        // not; nor one as near to two schools).
        let typo = try run(["store", "audit", store, "--school", "Riverside-Primry"])
        #expect(typo.status == 64 && typo.err.contains("; did you mean riverside-primary? (schools:"), "\(typo.err)")
        let far = try run(["store", "audit", store, "--school", "nowhere"])
        #expect(!far.err.contains("did you mean"), "\(far.err)")
        let missing = try run(["store", "audit", NSTemporaryDirectory() + "no-such-store-\(UUID().uuidString)"])
        // A typo (nothing there) is usage, as for --store; a file where the store should be is the store's problem.
        #expect(missing.status == 64 && missing.err.contains("no such directory"))
        let file = NSTemporaryDirectory() + "a-file-\(UUID().uuidString)"
        #expect(FileManager.default.createFile(atPath: file, contents: Data("x".utf8)))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let notDirectory = try run(["store", "audit", file])
        #expect(notDirectory.status == 65 && notDirectory.err.contains("not a directory"))
    }

    /// On a terminal, progress is one line rewritten with `\r` and wiped
    /// at the end. `script` gives the command a terminal for stderr.
    /// What a command writes to its terminal's standard error (standard
    /// output goes to /dev/null), run under script(1) with the progress
    /// delay at 0 so even the small demo store shows the line.
    func terminalErrors(_ arguments: [String]) throws -> String {
        let binary = try BuildProducts.executable(named: "xpressions").path
        let command = ([binary] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        p.arguments = ["-q", "-e", "-c", "\(command) > /dev/null", "/dev/null"]
        var environment = ProcessInfo.processInfo.environment
        environment["XPRESSIONS_PROGRESS_DELAY_MS"] = "0"
        p.environment = environment
        p.standardInput = FileHandle.nullDevice
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Every long store command shows its progress on a terminal as one line
    /// rewritten in place and wiped at the end (on a pipe it is silent, as
    /// the tests above show). ProgressReporterTests cover the timing with an
    /// injected clock.
    @Test(arguments: [
        (["store", "audit"], "\rauditing "),
        (["store", "validate"], "\rvalidating "),
        (["store", "index"], "\rindexing "),
    ])
    func progressOnATerminalIsOneLineClearedAtTheEnd(command: [String], first: String) throws {
        try withTestDirectory { directory in
            let copy = directory.file("store")
            try FileManager.default.copyItem(atPath: store, toPath: copy)
            let terminal = try terminalErrors(command + [copy])
            #expect(terminal.hasPrefix(first), "\(terminal.debugDescription)")
            #expect(terminal.contains("…"))
            #expect(!terminal.contains("\n"))  // never a new line: rewritten in place
            // wiped: the last thing written is spaces over the line, back to its start
            #expect(terminal.hasSuffix("\r"))
            #expect(terminal.split(separator: "\r").last?.allSatisfy { $0 == " " } == true)
        }
    }

    @Test func generatingShowsItsProgressOnATerminal() throws {
        try withTestDirectory { directory in
            let terminal = try terminalErrors([
                "store", "generate", "--schools", "2", "--students-per-school", "10", "--years", "1", "--seed", "3",
                "--no-photos", directory.file("generated"),
            ])
            #expect(terminal.hasPrefix("\rgenerating "), "\(terminal.debugDescription)")
            #expect(terminal.contains(" schools…") && terminal.hasSuffix("\r") && !terminal.contains("\n"))
        }
    }
}
