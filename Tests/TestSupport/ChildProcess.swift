import Foundation
import Glibc

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
    public static func run(_ arguments: [String], environment: [String: String]) throws -> Result {
        precondition(!arguments.isEmpty, "no program to run")
        let directory = FileManager.default.temporaryDirectory
        let token = UUID().uuidString
        let outputPath = directory.appendingPathComponent("child-\(token).out").path
        let errorPath = directory.appendingPathComponent("child-\(token).err").path
        defer {
            unlink(outputPath)
            unlink(errorPath)
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGTERM, SIGTSTP, SIGTTIN, SIGTTOU, SIGWINCH, SIGCHLD, SIGUSR1, SIGUSR2] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid = pid_t()
        let spawned = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            throw TmuxError("cannot start \(arguments[0]): \(String(cString: strerror(spawned)))")
        }
        var waitStatus: Int32 = 0
        while waitpid(pid, &waitStatus, 0) < 0 {
            guard errno == EINTR else { throw TmuxError("waitpid failed for \(arguments[0]): errno \(errno)") }
        }
        let termination = waitStatus & 0x7F
        let status = termination == 0 ? (waitStatus >> 8) & 0xFF : 128 + termination
        return Result(
            status: status,
            output: (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "",
            error: ((try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "")
                .trimmingCharacters(in: .whitespacesAndNewlines)
        )
    }
}
