import Foundation

/// Runs the built `xpressions` binary to completion (through ``ChildProcess``:
/// stdin from /dev/null, a clean signal state, output through files), with
/// the test's environment less any `XPRESSIONS_` switch (fault injection
/// stays where a test puts it), Swift's interactive backtracer off, and
/// `extra` on top. The one place tests start the command line.
public enum XpressionsBinary {
    /// What a run gave: its status, standard output and standard error (as written).
    public struct Run: Sendable {
        public var status: Int32
        public var output: String
        public var errors: String
    }

    public static func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Run {
        var environment = ProcessInfo.processInfo.environment
        for key in environment.keys where key.hasPrefix("XPRESSIONS_") { environment[key] = nil }
        environment["SWIFT_BACKTRACE"] = "interactive=no"
        environment.merge(extra) { _, new in new }
        let r = try ChildProcess.run(
            [try BuildProducts.executable(named: "xpressions").path] + arguments, environment: environment,
            trimmingError: false)
        return Run(status: r.status, output: r.output, errors: r.error)
    }
}
