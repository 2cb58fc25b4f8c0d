import Foundation
import ParentCore
import SchoolStore

/// `xpressions status` as a shell prompt or tmux runs it: a new process
/// each time, on the demo parent's local model (Liz Abbot: 3 children,
/// 511 messages) and on a model of 10,000 messages, against starting
/// `/bin/true` and the binary's own `--version` in the same run. The goal
/// is under 20 ms a run.
enum StatusBenchmarks {
    static let now = Timestamp.parse("2026-03-18T10:42:00Z")!
    static let goal: UInt64 = 20_000_000

    /// The package's demo store (this file is Sources/xpressions-bench/StatusBenchmarks.swift).
    static var demoStore: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Assets/demo-store").path
    }

    /// Runs a program to its end, its output thrown away; nanoseconds.
    static func spawn(_ arguments: [String]) throws -> UInt64 {
        let start = BenchClock.now()
        let pid = try Subprocess.spawn(
            arguments, environment: ProcessInfo.processInfo.environment, stdin: .null, stdout: .null, stderr: .null)
        let status = Subprocess.wait(pid)
        let elapsed = BenchClock.now() - start
        guard status == 0 else {
            throw SyncBenchmarks.BenchFailure("\(arguments.joined(separator: " ")) exited \(status)")
        }
        return elapsed
    }

    static func runs(_ count: Int, _ arguments: [String]) throws -> [UInt64] {
        _ = try spawn(arguments)  // warm the page cache
        return try (0..<count).map { _ in try spawn(arguments) }
    }

    /// A logged-in, synced data directory for Liz Abbot on a copy of the demo store.
    static func demoData(work: String) throws -> String {
        let root = "\(work)/status-demo-store"
        try? FileManager.default.removeItem(atPath: root)
        try FileManager.default.copyItem(atPath: demoStore, toPath: root)
        let data = "\(work)/status-demo-data"
        let clock = ManualClock(now)
        let family = SyncBenchmarks.Family(email: "liz.abbot@example.com", mobile: "07700 100001", lastFour: "0001")
        let (_, session) = try SyncBenchmarks.logIn(family, root: root, data: data, clock: clock)
        let report = try SyncBenchmarks.freshEngine(root: root, data: data, clock: clock, session: session).sync()
        guard report.problems.isEmpty else { throw SyncBenchmarks.BenchFailure("demo sync: \(report.problems)") }
        return data
    }

    /// A logged-in data directory whose model holds 10,000 more messages
    /// (one child's own message file, as the sync benchmark builds it).
    static func bigData(work: String) throws -> (String, Int) {
        let base = try StoreBenchmarks.store(work, schools: 1, students: 200, years: 1, seed: 3)
        let root = "\(work)/status-10k-store"
        try? FileManager.default.removeItem(atPath: root)
        try FileManager.default.copyItem(atPath: base, toPath: root)
        let store = try FileStore(root: root)
        let school = store.schoolIDs()[0]
        let family = try SyncBenchmarks.family(in: store, school: school)
        let clock = ManualClock(SyncBenchmarks.now)
        let data = "\(work)/status-10k-data"
        let (_, session) = try SyncBenchmarks.logIn(family, root: root, data: data, clock: clock)
        let zone = try store.school(school).zone
        let student = session.children[0].student
        let file = "\(root)/\(StoreLayout.messagesFile(school, AcademicYear(startYear: 2025), .student(student)))"
        try Data(SyncBenchmarks.messageFile(student: student, count: 10_000, zone: zone)).write(
            to: URL(fileURLWithPath: file))
        let engine = try SyncBenchmarks.freshEngine(root: root, data: data, clock: clock, session: session)
        let report = try engine.sync()
        guard report.problems.isEmpty else { throw SyncBenchmarks.BenchFailure("10k sync: \(report.problems)") }
        return (data, engine.snapshot.messageCount)
    }

    static func run(work: String, quick: Bool, xpressions: String) throws -> BenchTable {
        var table = BenchTable(title: "Status line (issue #9)")
        let n = quick ? 11 : 41
        let demo = try demoData(work: work)
        let (big, bigCount) = try bigData(work: work)
        let status = [xpressions, "status", "--now", "2026-03-18T10:42:00Z", "--data-dir"]

        table.add("start /bin/true", try runs(n, ["/bin/true"]), note: "the cost of starting any process here")
        table.add(
            "xpressions --version", try runs(n, [xpressions, "--version"]), reference: "start /bin/true",
            note: "the binary's own start (loading Swift's runtime and Foundation)")
        let demoRow = "xpressions status, demo parent (511 messages)"
        table.add(demoRow, try runs(n, status + [demo]), reference: "start /bin/true")
        table.add(
            "xpressions status --json, demo parent", try runs(n, status + [demo, "--json"]),
            reference: "start /bin/true")
        let bigRow = "xpressions status, \(bigCount.formatted()) messages"
        table.add(bigRow, try runs(n, status + [big]), reference: "start /bin/true")

        let files = PosixFileLayer()
        table.add(
            "  of which reading the demo model (in process)",
            try BenchClock.measure(runs: n) { _ = try ParentStatus.read(dataDirectory: demo, files: files) },
            note: "session, manifest, parts, outbox; unread counted")
        table.add(
            "  of which reading \(bigCount.formatted()) messages (in process)",
            try BenchClock.measure(runs: n) { _ = try ParentStatus.read(dataDirectory: big, files: files) })

        let start = table.median(of: "xpressions --version") ?? 0
        for row in [demoRow, bigRow] {
            guard let median = table.median(of: row) else { continue }
            table.footer.append(
                "\(row): median \(BenchTable.format(median)) (goal under \(BenchTable.format(goal)): \(median < goal ? "met" : "not met")); "
                    + "\(BenchTable.format(median > start ? median - start : 0)) more than the binary's own start")
        }
        return table
    }
}
