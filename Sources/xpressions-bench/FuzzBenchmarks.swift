import Foundation
import SchoolStore

/// `xpressions-bench fuzz [--mutations N] [--seed S]`: the long store fuzz run.
/// Mutates fresh copies of the full demo store (written by the release
/// binary's `store generate --demo`) and runs the real `store validate`
/// (and `doctor` on every tenth) with a deadline; prints the figures the
/// README records: mutations, commands run, crashes, hangs, bad exit
/// statuses, problem lines naming no file.
enum FuzzBenchmarks {
    static func run(work: String, mutations: Int, seed: UInt64, xpressions binary: String) throws -> String {
        let base = "\(work)/fuzz-base"
        try? FileManager.default.removeItem(atPath: base)
        let made = FuzzCampaign.run(binary, ["store", "generate", "--demo", base], deadline: 120)
        guard made.status == 0 else { return "fuzz: could not write the demo store: \(made.error)" }
        let campaign = FuzzCampaign(
            binary: binary, base: base, work: "\(work)/fuzz-runs", seed: seed, mutations: mutations,
            doctorEvery: 10, deadline: 3, parallel: 2)
        let clock = BenchClock.now()
        let summary = try campaign.run()
        let seconds = Double(BenchClock.now() - clock) / 1e9
        var lines = [
            "fuzz: seed \(seed), \(summary.mutations) mutations of the demo store, \(summary.runs) commands in \(String(format: "%.0f", seconds)) s",
            "  crashes \(summary.crashes), hangs \(summary.hangs), bad exit statuses \(summary.badStatuses), lines naming no file \(summary.unnamedLines), lines of Swift's own text \(summary.swiftTextLines)",
            "  slowest command \(String(format: "%.2f", summary.slowest)) s (deadline 3 s): \(summary.slowestRun)",
            "  a logged-in parent's sync on \(summary.syncsChecked) damaged stores: data lost \(summary.dataLost) times (the device held \(summary.parentMessages) messages)",
            "  by kind: "
                + summary.byKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "),
        ]
        for f in summary.failures.prefix(20) { lines.append("  FAIL \(f)") }
        return lines.joined(separator: "\n")
    }
}
