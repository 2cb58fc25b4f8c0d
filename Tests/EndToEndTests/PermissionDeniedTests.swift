import Foundation
import TestSupport
import Testing

/// A store file or folder the parent's account may not read (permission
/// 000), met by the real binary as an ordinary user: named as "unreadable:
/// permission denied", never read as empty, and sync keeps the school's last
/// good data. Root reads anything, so as root (CI, this machine) the binary
/// is run as `nobody` through `setpriv`; the unit tests that chmod as the
/// current user run only when it is not root.
@Suite(.enabled(if: geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
struct PermissionDeniedTests {
    let directory = NSTemporaryDirectory() + "xpressions-permission-\(UUID().uuidString)"
    var store: String { "\(directory)/store" }
    var data: String { "\(directory)/data" }
    var binary: String { "\(directory)/xpressions" }

    /// A copy of the demo store owned by `nobody`, a data directory for
    /// it, and a copy of the binary it can run.
    func prepare() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        #expect(chmod(directory, 0o755) == 0)
        AppHarness.shell(["cp", "-a", AppHarness.template, store])
        AppHarness.shell(["cp", try BuildProducts.executable(named: "xpressions").path, binary])
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: false)
        #expect(chmod(data, 0o700) == 0)
        #expect(AppHarness.shell(["chown", "-R", "65534:65534", store, data]) == 0)
    }

    func run(_ arguments: [String]) throws -> ChildProcess.Result {
        var environment = ProcessInfo.processInfo.environment
        for key in environment.keys where key.hasPrefix("XPRESSIONS_") { environment[key] = nil }
        environment["SWIFT_BACKTRACE"] = "interactive=no"
        environment["XPRESSIONS_CLOCK"] = "2026-03-18T10:42:00Z"
        return try ChildProcess.run(
            ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", binary] + arguments,
            environment: environment, trimmingError: false)
    }

    @Test func validateNamesAFileAndAFolderItMayNotRead() throws {
        try prepare()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(chmod("\(store)/schools/green-abbey/students.json", 0) == 0)
        #expect(chmod("\(store)/schools/riverside-primary/messages", 0) == 0)
        let validate = try run(["store", "validate", store])
        let said = validate.output + validate.error
        #expect(validate.status == 65, "\(said)")
        #expect(said.contains("schools/green-abbey/students.json: unreadable: permission denied"), "\(said)")
        #expect(said.contains("schools/riverside-primary/messages: unreadable: permission denied"), "\(said)")
    }

    @Test func syncKeepsTheLastGoodDataOfAFolderItMayNotRead() throws {
        try prepare()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let login = "liz.abbot@example.com<Enter>07700 100001<Enter>0001<Enter>739184<Enter>739184<Enter><Wait 300>"
        let app = try run(["--store", store, "--data-dir", data, "--headless", "80x24", "--script", login])
        #expect(app.status == 0, "\(app.error)")
        #expect(chmod("\(store)/schools/riverside-primary/messages", 0) == 0)
        let kept = try run(["sync", "--store", store, "--data-dir", data])
        #expect(kept.status == 1)
        #expect(kept.output.contains("2 schools, 3 children, 511 messages"), "\(kept.output)")
        #expect(
            kept.output.contains("Riverside Primary School: not synced (kept the last good data)"), "\(kept.output)")
        #expect(kept.output.contains("schools/riverside-primary/messages: unreadable: permission denied"))
        #expect(!kept.output.contains("withdrawn"))
        #expect(chmod("\(store)/schools/riverside-primary/messages", 0o755) == 0)
        let mended = try run(["sync", "--store", store, "--data-dir", data])
        #expect(mended.status == 0, "\(mended.output)")
        #expect(mended.output.contains("2 schools, 3 children, 511 messages"), "\(mended.output)")
    }
}
