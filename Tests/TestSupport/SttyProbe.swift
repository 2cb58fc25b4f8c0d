import Foundation

/// Proves a program left the terminal as it found it: wraps the command so that
/// `stty -g` is recorded before and after it runs in the same terminal.
///
///     let probe = try SttyProbe()
///     try tmux.start(command: probe.wrap([binary.path]))
///     ... // make it exit, or kill it
///     try tmux.waitForExit()
///     #expect(probe.isRestored)
///
/// The wrapper exits with the command's status (128 + n when a signal killed it).
public final class SttyProbe {
    /// Where the two recordings go (removed on deinit).
    public let directory: URL

    public init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("xpressions-stty-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// `command` wrapped in a shell that records the terminal settings around it.
    public func wrap(_ command: [String]) -> [String] {
        let script = #"d=$1; shift; stty -g >"$d/before"; "$@"; s=$?; stty -g >"$d/after"; exit $s"#
        return ["sh", "-c", script, "sh", directory.path] + command
    }

    /// The settings before the command ran, once recorded.
    public var before: String? { read("before") }
    /// The settings after the command ended, once recorded.
    public var after: String? { read("after") }

    /// Whether both were recorded and are the same.
    public var isRestored: Bool {
        guard let before, let after else { return false }
        return before == after
    }

    private func read(_ name: String) -> String? {
        (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
