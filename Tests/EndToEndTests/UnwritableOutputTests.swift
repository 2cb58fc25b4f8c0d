import Foundation
import TestSupport
import Testing

/// A report that cannot be written (`> /dev/full`, a full disk) is one clear
/// line on stderr and exit 74: never a crash with a backtrace, never a
/// silent exit 0 that a script takes for a good report.
@Suite struct UnwritableOutputTests {
    /// Runs the binary with standard output on /dev/full.
    func runToFullDevice(_ arguments: [String]) throws -> ChildProcess.Result {
        var environment = ProcessInfo.processInfo.environment
        for key in environment.keys where key.hasPrefix("XPRESSIONS_") { environment[key] = nil }
        environment["SWIFT_BACKTRACE"] = "interactive=no"
        let binary = try BuildProducts.executable(named: "xpressions").path
        return try ChildProcess.run(
            ["/bin/sh", "-c", "exec \"$0\" \"$@\" > /dev/full", binary] + arguments, environment: environment,
            trimmingError: false)
    }

    static let store = AppHarness.template
    static let liz = [
        "--store", store, "--email", "liz.abbot@example.com", "--mobile", "07700 100001", "--now",
        "2026-03-18T10:42:00Z",
    ]

    @Test(arguments: [
        ["store", "audit", store, "--csv"], ["store", "audit", store], ["doctor"] + liz, ["doctor", "--json"] + liz,
        ["doctor", "--message", "GA-DEMO-3"] + liz, ["doctor", "--message", "GA-DEMO-3", "--json"] + liz,
        ["school", "inbox", "--school", "green-abbey", "--store", store],
        ["school", "inbox", "--school", "green-abbey", "--json", "--store", store],
        ["school", "absences", "--school", "green-abbey", "--store", store],
        ["school", "absences", "--school", "green-abbey", "--json", "--store", store],
    ])
    func aReportThatCannotBeWrittenIsExit74WithOneLine(_ arguments: [String]) throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let r = try runToFullDevice(arguments)
        #expect(r.status == 74, "\(arguments): \(r.error)")
        #expect(r.error == "xpressions: cannot write to standard output: No space left on device\n", "\(arguments)")
    }

    /// The parent's own reports (export, status, digest) follow the same
    /// rule: 74 and one line when standard output fails on the way, 73 and
    /// one line when `--output` names a file that cannot be made.
    @Test func aParentsReportThatCannotBeWrittenSaysSo() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let directory = NSTemporaryDirectory() + "xpressions-unwritable-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        AppHarness.shell(["cp", "-a", Self.store, "\(directory)/store"])
        let place = ["--store", "\(directory)/store", "--data-dir", "\(directory)/data"]
        let parent = place + ["--now", "2026-03-18T10:42:00Z"]
        let login = "liz.abbot@example.com<Enter>07700 100001<Enter>0001<Enter>739184<Enter>739184<Enter>"
        // Logged in for real (--now would be an as-of view, which keeps nothing).
        let app = try XpressionsBinary.run(
            ["--headless", "100x30", "--script", login] + place,
            environment: ["XPRESSIONS_CLOCK": "2026-03-18T10:42:00Z"])
        #expect(app.status == 0, "\(app.errors)")

        let reports = [
            ["export", "messages"], ["export", "calendar"], ["export", "attendance"], ["status"], ["status", "--json"],
            ["digest"],
        ]
        for report in reports {
            let full = try runToFullDevice(report + parent)
            #expect(full.status == 74, "\(report): \(full.error)")
            // (After any note about the data, such as a child whose school shares no attendance.)
            #expect(
                full.error.hasSuffix("xpressions: cannot write to standard output: No space left on device\n"),
                "\(report)")

            let missing = "\(directory)/no-such-folder/out.txt"
            let r = try XpressionsBinary.run(report + parent + ["--output", missing])
            #expect(r.status == 73, "\(report): \(r.errors)")
            #expect(r.errors.hasSuffix("xpressions: cannot write \(missing): No such file or directory\n"), "\(report)")
        }
    }
}

extension UnwritableOutputTests {
    /// A reader that has gone (a closed pipe): exit 74 with one line, as
    /// for a full disk, not a silent death by SIGPIPE (exit 141).
    @Test func aClosedPipeIsExit74WithOneLine() throws {
        var environment = ProcessInfo.processInfo.environment
        for key in environment.keys where key.hasPrefix("XPRESSIONS_") { environment[key] = nil }
        let binary = try BuildProducts.executable(named: "xpressions").path
        // The reader closes its end before the report is written.
        let r = try ChildProcess.run(
            [
                "/bin/sh", "-c",
                "exec 3>&1; status=$( { { sleep 0.3; \"$0\" \"$@\"; echo $? >&4; } | true; } 4>&1 >&3 ); echo \"status=$status\" >&2",
                binary, "store", "audit", Self.store, "--csv",
            ], environment: environment, trimmingError: false)
        #expect(r.error.contains("status=74"), "\(r.error)")
        #expect(r.error.contains("xpressions: cannot write to standard output: Broken pipe"), "\(r.error)")
    }
}
