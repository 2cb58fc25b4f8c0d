import Foundation

/// Runs the built `xpressions` binary to completion (through ``ChildProcess``:
/// stdin from /dev/null, a clean signal state, output through files), with
/// the test's environment, Swift's interactive backtracer off, and `extra`
/// on top. The one place end-to-end tests start the command line.
public enum XpressionsBinary {
    public static func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> ChildProcess.Result {
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "interactive=no"
        environment.merge(extra) { _, new in new }
        return try ChildProcess.run([try BuildProducts.executable(named: "xpressions").path] + arguments, environment: environment, trimmingError: false)
    }
}
