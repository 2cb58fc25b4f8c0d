// xpressions-bench: the project's benchmarks. Run in release mode:
//     swift run -c release xpressions-bench [--quick] [--work DIR] [store|doctor|login|sync|tui|status|fuzz ...]
//     (fuzz: [--mutations N] [--seed S]; not in the default set)
//     swift run -c release xpressions-bench start-order
//     (rewrites Assets/start-order.txt, the release link's code order; needs valgrind)
// Prints a table per group: medians, p10/p90, and ratios against a
// reference measured in the same run.
import Foundation

var work = "/tmp/xpressions-bench"
var quick = false
var groups: [String] = []
var fuzzMutations = 10_000
var fuzzSeed: UInt64 = 1
var args = Array(CommandLine.arguments.dropFirst())
while !args.isEmpty {
    let a = args.removeFirst()
    switch a {
    case "--quick": quick = true
    case "--work": work = args.isEmpty ? work : args.removeFirst()
    case "--mutations": fuzzMutations = args.isEmpty ? fuzzMutations : Int(args.removeFirst()) ?? fuzzMutations
    case "--seed": fuzzSeed = args.isEmpty ? fuzzSeed : UInt64(args.removeFirst()) ?? fuzzSeed
    case "--help", "-h":
        print(
            "usage: xpressions-bench [--quick] [--work DIR] [--mutations N] [--seed S] [store] [doctor] [login] [sync] [tui] [status] [fuzz] [start-order]"
        )
        exit(0)
    default: groups.append(a)
    }
}
if groups.isEmpty { groups = ["store", "doctor", "login", "sync", "tui", "status"] }
try? FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)

/// The app built beside this binary; without it, says how to build it and exits.
func appBinary() -> String {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("xpressions").path
    guard FileManager.default.isExecutableFile(atPath: binary) else {
        print("build the app first: swift build -c release --product xpressions")
        exit(1)
    }
    return binary
}
#if DEBUG
    print("warning: built in debug mode; run with `swift run -c release xpressions-bench` for real figures")
#endif
do {
    for g in groups {
        switch g {
        case "store": print(try StoreBenchmarks.run(work: work, quick: quick).render())
        case "doctor": print(try DoctorBenchmarks.run(work: work, quick: quick).render())
        case "login": print(try LoginBenchmarks.run(work: work, quick: quick).render())
        case "tui":
            print(try TUIBenchmarks.run(work: work, quick: quick, xpressions: appBinary()).render())
        case "sync": print(try SyncBenchmarks.run(work: work, quick: quick).render())
        case "status":
            print(try StatusBenchmarks.run(work: work, quick: quick, xpressions: appBinary()).render())
        case "fuzz":
            print(
                try FuzzBenchmarks.run(
                    work: work, mutations: quick ? 500 : fuzzMutations, seed: fuzzSeed, xpressions: appBinary()))
        case "start-order":
            // Package.swift's directory, from this file's path at build time.
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().path
            try StartOrder.write(work: work, xpressions: appBinary(), output: "\(root)/Assets/start-order.txt")
        default:
            print("unknown benchmark group \(g)")
            exit(64)
        }
    }
} catch {
    print("benchmark failed: \(error)")
    exit(1)
}
