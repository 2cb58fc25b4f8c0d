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
    ])
    func aReportThatCannotBeWrittenIsExit74WithOneLine(_ arguments: [String]) throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let r = try runToFullDevice(arguments)
        #expect(r.status == 74, "\(arguments): \(r.error)")
        #expect(r.error == "xpressions: cannot write to standard output: No space left on device\n", "\(arguments)")
    }
}
