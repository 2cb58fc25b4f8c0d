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
    @Test func progressOnATerminalIsOneLineClearedAtTheEnd() throws {
        let binary = try BuildProducts.executable(named: "xpressions").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        p.arguments = ["-q", "-e", "-c", "'\(binary)' store audit '\(store)' > /dev/null", "/dev/null"]
        p.standardInput = FileHandle.nullDevice
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let terminal = String(decoding: data, as: UTF8.self)
        // The shared ProgressReporter shows nothing for a run quicker than
        // 200 ms (the demo store's audit often is); when it shows, it is one
        // line rewritten in place and wiped at the end. ProgressReporterTests
        // cover the timing with an injected clock.
        guard !terminal.isEmpty else { return }
        #expect(terminal.hasPrefix("\rauditing "))
        #expect(!terminal.contains("\n"))  // never a new line: rewritten in place
        // wiped
        #expect(terminal.hasSuffix("\r") && terminal.split(separator: "\r").last?.allSatisfy { $0 == " " } == true)
    }
}
