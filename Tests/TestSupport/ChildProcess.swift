import Foundation
import Glibc
import SchoolStore

/// Runs a program to completion and collects its output, starting it with a clean
/// signal state.
///
/// Foundation's `Process` passes on the calling thread's signal mask, and the worker
/// threads that run tests block most signals (SIGTERM, SIGINT, SIGWINCH...). A tmux
/// server started that way hands the mask to every program in its panes, which then
/// cannot be stopped, interrupted or told about resizes. Here the child gets an empty
/// mask and default dispositions. Output goes through temporary files rather than
/// pipes, so a child that leaves a daemon holding its output open (as starting a tmux
/// server does) cannot make the caller wait forever.
public enum ChildProcess {
    /// The outcome of a run.
    public struct Result: Sendable {
        /// The exit status, or 128 + n when signal n ended the program.
        public var status: Int32
        public var output: String
        public var error: String
    }

    /// Runs `arguments[0]` (looked up in `PATH`) with the other arguments and
    /// `environment`, stdin from /dev/null; waits for it to exit.
    /// `trimmingError`: stderr without its surrounding whitespace (tmux's
    /// messages); false keeps it exactly as written (a command's lines).
    public static func run(_ arguments: [String], environment: [String: String], trimmingError: Bool = true) throws
        -> Result
    {
        precondition(!arguments.isEmpty, "no program to run")
        let directory = FileManager.default.temporaryDirectory
        let token = UUID().uuidString
        let outputPath = directory.appendingPathComponent("child-\(token).out").path
        let errorPath = directory.appendingPathComponent("child-\(token).err").path
        defer {
            unlink(outputPath)
            unlink(errorPath)
        }

        let pid: pid_t
        do {
            pid = try Subprocess.spawn(
                arguments, environment: environment, stdin: .null,
                stdout: .file(outputPath, flags: O_WRONLY | O_CREAT | O_TRUNC),
                stderr: .file(errorPath, flags: O_WRONLY | O_CREAT | O_TRUNC), searchPath: true)
        } catch {
            throw TmuxError("\(error)")
        }
        let status = Subprocess.wait(pid)
        return Result(
            status: status,
            output: (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "",
            error: { (text: String) in trimmingError ? text.trimmingCharacters(in: .whitespacesAndNewlines) : text }(
                (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "")
        )
    }
}
