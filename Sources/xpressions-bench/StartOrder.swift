import Foundation
import SchoolStore

/// Writes `Assets/start-order.txt`: every function the release app runs
/// from its start to the login screen and a Ctrl-C, as callgrind saw them.
///
/// The release link (`Package.swift`) gives lld this list as its symbol
/// ordering file, so the start's code sits together at the front of the
/// text section: its pages are faulted in once, not one 4 KB page in each
/// of a few hundred places across 20 MB of code. The list goes stale as
/// the code changes (a name that is gone is skipped, a new function is
/// placed as before); rerun this after work on the start.
enum StartOrder {
    static func write(work: String, xpressions: String, output: String) throws {
        let valgrind = "/usr/bin/valgrind"
        guard FileManager.default.isExecutableFile(atPath: valgrind) else {
            throw PtyProcess.PtyError("start-order needs valgrind: apt-get install valgrind")
        }
        let store = "\(work)/tui-demo-store"
        if !FileManager.default.fileExists(atPath: "\(store)/store.json") { try DemoStoreBuilder().write(into: store) }
        let data = "\(work)/start-order-data"
        try? FileManager.default.removeItem(atPath: data)
        var names = Set<String>()
        // A first start (a new data directory, the bench's pinned clock),
        // then a start as a parent not logged in has it (the data kept, the
        // system clock).
        let unpinned = TUIBenchmarks.environment.filter { $0.key != "XPRESSIONS_CLOCK" }
        for (run, environment) in [TUIBenchmarks.environment, unpinned].enumerated() {
            let profile = "\(work)/start-order-\(run).callgrind"
            let argv = [
                valgrind, "--tool=callgrind", "--demangle=no", "--callgrind-out-file=\(profile)", xpressions,
                "--store", store, "--data-dir", data,
            ]
            let p = try PtyProcess(argv, environment: environment)
            guard p.waitFor("Log in to Xpressions", since: BenchClock.now(), timeout: 300) != nil else {
                throw PtyProcess.PtyError("the app never showed its login screen; screen: \(p.text.suffix(400))")
            }
            p.send("\u{3}")
            guard p.waitForExit(since: BenchClock.now(), timeout: 120) != nil else {
                throw PtyProcess.PtyError("the app did not quit on Ctrl-C")
            }
            names.formUnion(try functions(inCallgrindProfile: profile))
        }
        let text = names.sorted().joined(separator: "\n") + "\n"
        try text.write(toFile: output, atomically: true, encoding: .utf8)
        print("\(names.count) functions written to \(output)")
    }

    /// The function names in a callgrind profile (`fn=(12) name`, and
    /// `cfn=` for callees), without callgrind's recursion suffixes (`'2`)
    /// and the names it makes up for code without a symbol.
    static func functions(inCallgrindProfile path: String) throws -> Set<String> {
        var names = Set<String>()
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
            guard line.hasPrefix("fn=(") || line.hasPrefix("cfn=("),
                let close = line.firstIndex(of: ")"), line.index(after: close) < line.endIndex
            else { continue }
            var name = line[line.index(close, offsetBy: 2)...]
            if let quote = name.lastIndex(of: "'"), name[name.index(after: quote)...].allSatisfy(\.isNumber) {
                name = name[..<quote]
            }
            if name.hasPrefix("0x") || name.hasPrefix("(") || name.isEmpty { continue }
            names.insert(String(name))
        }
        return names
    }
}
