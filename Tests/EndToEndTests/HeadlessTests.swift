import Foundation
import SchoolStore
import TestSupport
import Testing

/// The real app on the in-memory terminal (`--headless`), as support staff
/// replay a parent's journey in a ticket or CI: no terminal needed.
@Suite final class HeadlessTests {
    struct Run {
        var status: Int32
        var screen: String
        var err: String
    }

    let directory = NSTemporaryDirectory() + "xpressions-headless-\(UUID().uuidString)"

    /// Each test's stores go with it (they were left, 15 MB a test).
    deinit { try? FileManager.default.removeItem(atPath: directory) }

    func run(
        _ script: String, size: String = "80x24", extra: [String] = [], cwd: String? = nil,
        environment: [String: String] = [:]
    ) throws -> Run {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let data = "\(directory)/data-\(UUID().uuidString)"
        let store = "\(directory)/store-\(UUID().uuidString)"
        AppHarness.shell(["cp", "-a", AppHarness.template, store])
        let p = Process()
        p.executableURL = try BuildProducts.executable(named: "xpressions")
        p.arguments =
            [
                "--store", store, "--data-dir", data, "--now", "2026-03-18T10:42:00Z",
                "--headless", size, "--script", script,
            ] + (extra.contains("--snapshot") ? [] : ["--snapshot", "-"]) + extra
        var env = ProcessInfo.processInfo.environment
        env["SWIFT_BACKTRACE"] = "interactive=no"
        p.environment = env.merging(environment) { $1 }
        if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(
            status: p.terminationStatus, screen: String(decoding: o, as: UTF8.self),
            err: String(decoding: e, as: UTF8.self))
    }

    func login(_ email: String, _ mobile: String) -> String {
        "\(email)<Enter>\(mobile)<Enter>\(mobile.suffix(4))<Enter>739184<Enter>739184<Enter>"
    }

    /// The README's demo logins, each as a parent would type it.
    @Test(arguments: [
        ("liz.abbot@example.com", "07700 100001", ["Ben Abbot (9A)", "Amy Abbot (7B)", "Tom Abbot (3A)"]),
        ("david.abbot@example.com", "07700 100011", ["Ben Abbot (9A)", "Amy Abbot (7B)"]),
        ("sarah.patel@example.com", "07700 100002", ["Aisha Patel", "Rohan Patel"]),
        ("siobhan.obrien@example.com", "07700 100007", ["Zoë O'Brien"]),
        ("wang.li@example.com", "07700 100008", ["王小明 (8A)"]),
    ])
    func theDemoParentsSeeTheirChildren(_ email: String, _ mobile: String, _ children: [String]) throws {
        let r = try run(login(email, mobile), size: "100x40")
        #expect(r.status == 0, "\(r.err)")
        #expect(r.screen.contains("Xpressions ─ Home"), "\(r.screen)")
        for child in children { #expect(r.screen.contains(child), "\(email): \(child) missing") }
    }

    @Test(arguments: [
        ("gareth.hughes@example.com", "07700 100003"),
        ("kwame.mensah@example.com", "07700 100005"),
        ("piotr.kowalski@example.com", "07700 900123"),
    ])
    func theDemoCasesThatCannotLogInGetTheUniformAdvice(_ email: String, _ mobile: String) throws {
        let r = try run("\(email)<Enter>\(mobile)<Enter>\(mobile.suffix(4))<Enter>", size: "100x40")
        #expect(r.status == 0)
        let text = r.screen.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(
            separator: " ")
        #expect(
            text.contains(
                "ask the school to check that it holds your email address and your mobile number, recorded as a mobile")
        )
    }

    /// The school's malformed address typed as it holds it: the form says
    /// it is not an email address before any attempt is used.
    @Test func theDemoCaseWithAMalformedEmailIsToldOnTheForm() throws {
        let r = try run("agnieszka.nowak@example<Enter>07700 100004<Enter>", size: "100x40")
        #expect(r.status == 0)
        #expect(r.screen.contains("That is not an email address: check it"), "\(r.screen)")
    }

    @Test(arguments: [("margaret.abbot@example.com", "07700 100012"), ("sean.obrien@example.com", "07700 100014")])
    func identifiedButNoChildShown(_ email: String, _ mobile: String) throws {
        let r = try run("\(email)<Enter>\(mobile)<Enter>\(mobile.suffix(4))<Enter>", size: "100x40")
        #expect(r.screen.contains("no child is linked to you"))
    }

    @Test func aScriptWithAResizeAndAnANSISnapshot() throws {
        let ansi = "\(directory)/screen.ansi"
        let r = try run(
            login("liz.abbot@example.com", "07700 100001") + "2/options?<Resize 100x30>",
            extra: ["--snapshot-ansi", ansi])
        let lines = r.screen.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 30, "\(lines.count) rows")
        #expect(lines.allSatisfy { $0.count <= 100 })
        #expect(r.screen.contains("/ options?"))
        let colored = try String(contentsOfFile: ansi, encoding: .utf8)
        #expect(colored.contains("\u{1B}["))
        #expect(colored.contains("Timeline"))
    }

    @Test func ctrlPSavesTheScreenForATicket() throws {
        let cwd = "\(directory)/cwd"
        try FileManager.default.createDirectory(atPath: cwd, withIntermediateDirectories: true)
        let r = try run(login("liz.abbot@example.com", "07700 100001") + "3<C-p>", cwd: cwd)
        let files = try FileManager.default.contentsOfDirectory(atPath: cwd).filter {
            $0.hasPrefix("xpressions-screen-")
        }
        #expect(files.count == 1)
        // Named by the real time (the screen shows 18 March 2026, the --now clock).
        #expect(files.first.map { $0.wholeMatch(of: #/xpressions-screen-\d{8}-\d{6}\.txt/#) != nil } == true)
        #expect(files.first?.hasPrefix("xpressions-screen-20260318-1042") == false)
        #expect(r.screen.contains("Screen saved to ./\(files.first ?? "")"))
        let saved = try String(contentsOfFile: "\(cwd)/\(files[0])", encoding: .utf8)
        #expect(saved.contains("Attended/possible"))
        #expect(permissions("\(cwd)/\(files[0])") == 0o600)
    }

    /// The folder the app was started in, removed under it: the screen was
    /// written to "/" while the note said "./"; now it says so and writes nothing.
    @Test func ctrlPInAFolderRemovedUnderTheAppSavesNothing() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let cwd = "\(directory)/gone"
        try FileManager.default.createDirectory(atPath: cwd, withIntermediateDirectories: true)
        let store = "\(directory)/store-gone"
        AppHarness.shell(["cp", "-a", AppHarness.template, store])
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = [
            "-c", "cd \"$1\" && rmdir \"$1\" && shift && exec \"$0\" \"$@\"",
            try BuildProducts.executable(named: "xpressions").path, cwd, "--store", store, "--data-dir",
            "\(directory)/data-gone", "--now", "2026-03-18T10:42:00Z", "--headless", "80x24", "--script",
            login("liz.abbot@example.com", "07700 100001") + "<C-p>", "--snapshot", "-",
        ]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let screen = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(
            screen.contains("The screen was not saved: the folder the app was started in is no longer"), "\(screen)")
        #expect(!FileManager.default.fileExists(atPath: cwd))
        let root = (try? FileManager.default.contentsOfDirectory(atPath: "/")) ?? []
        #expect(!root.contains { $0.hasPrefix("xpressions-screen-") })
    }

    @Test func snapshotWithoutHeadlessIsAUsageError() throws {
        let p = Process()
        p.executableURL = try BuildProducts.executable(named: "xpressions")
        p.arguments = ["--snapshot", "x.txt"]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = Pipe()
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 64)
        #expect(
            String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).contains("need --headless"))
    }

    /// A snapshot is written in place, never renamed over its path: a device
    /// or a pipe (here a FIFO a reader holds open) stays what it was.
    /// A snapshot file holds the family's data: 0600, as a Ctrl-P screen
    /// (it was 0644); one that cannot be written in full is 74 (it was 73,
    /// "cannot create"), and so is standard output full (it was 0).
    @Test func aSnapshotIsPrivateAndAFullDiskIsAnIOError() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let file = "\(directory)/snap.txt"
        #expect(try run("", extra: ["--snapshot", file]).status == 0)
        #expect(permissions(file) == 0o600)
        #expect(try run("", extra: ["--snapshot", "/dev/full"]).status == 74)
        let full = Process()
        full.executableURL = URL(fileURLWithPath: "/bin/sh")
        full.arguments = [
            "-c", "exec \"$0\" --data-dir \"$1\" --headless 80x24 --script '' --snapshot - >/dev/full",
            try BuildProducts.executable(named: "xpressions").path, "\(directory)/data-full",
        ]
        full.standardError = FileHandle.nullDevice
        try full.run()
        full.waitUntilExit()
        #expect(full.terminationStatus == 74)
    }

    /// Ctrl-E in a run without a terminal starts no editor (one wrote its
    /// screen into the snapshot, or stayed stopped and hung the run).
    @Test func noEditorIsStartedWithoutATerminal() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let marker = "\(directory)/editor-ran"
        let editor = "\(directory)/editor.sh"
        try Data("#!/bin/sh\ntouch '\(marker)'\n".utf8).write(to: URL(fileURLWithPath: editor))
        chmod(editor, 0o700)
        let r = try run(
            login("liz.abbot@example.com", "07700 100001") + "<Wait 1500>n<C-e>", environment: ["EDITOR": editor])
        #expect(r.status == 0)
        #expect(!FileManager.default.fileExists(atPath: marker))
        #expect(r.screen.contains("No editor in a run without a terminal"), "\(r.screen)")
    }

    @Test func aSnapshotToAPipeLeavesThePipeAPipe() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let fifo = "\(directory)/screen.fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let received = Locked("")
        let reader = Thread {
            let fd = open(fifo, O_RDONLY)  // blocks until the app opens it to write
            guard fd >= 0 else { return }
            defer { close(fd) }
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while case let n = read(fd, &buffer, buffer.count), n > 0 { bytes += buffer[0..<n] }
            received.withLock { $0 = String(decoding: bytes, as: UTF8.self) }
        }
        reader.start()
        let r = try run("", extra: ["--snapshot", fifo])
        #expect(r.status == 0)
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        let deadline = Date().addingTimeInterval(10)
        while received.withLock({ $0.isEmpty }) && Date() < deadline { usleep(10_000) }
        #expect(received.withLock { $0.contains("Log in to Xpressions") })
    }
}
