#if canImport(Glibc)
    import Glibc
#endif

/// The package's one way to start another program (the editor, the desktop's
/// opener, a benchmarked binary on a pty, a test's tmux): `posix_spawn` with a
/// clean signal mask and default signal dispositions, so the child never
/// inherits the signals a terminal app blocks or catches (Foundation's
/// `Process` passes the parent's blocked-signal mask on).
public enum Subprocess {
    /// Where one of the child's standard streams goes.
    public enum Stream: Sendable, Equatable {
        /// The parent's own.
        case inherit
        /// `/dev/null`.
        case null
        /// A file opened with these `open(2)` flags (created 0600).
        case file(String, flags: Int32)
        /// The same as the child's descriptor `n` (set up before it).
        case sameAs(Int32)
    }

    public struct SpawnError: Error, Sendable, CustomStringConvertible {
        public let program: String
        public let code: Int32
        public var description: String { "cannot start \(program): \(String(cString: strerror(code)))" }
    }

    /// The full path of `name` on `PATH` (or `name` itself when it has a
    /// slash and is executable), or nil.
    public static func find(_ name: String, path: String?) -> String? {
        if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
        for dir in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// Starts `arguments` (the first a path, or a name looked up on `PATH`
    /// when `searchPath`), its streams as given; `newSession` makes it a
    /// session leader (so the terminal it opens becomes its controlling
    /// terminal). Returns its pid.
    public static func spawn(
        _ arguments: [String], environment: [String: String], stdin: Stream = .inherit,
        stdout: Stream = .inherit, stderr: Stream = .inherit, newSession: Bool = false,
        searchPath: Bool = false
    ) throws(SpawnError) -> pid_t {
        precondition(!arguments.isEmpty, "no program to run")
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        // 0x80 is glibc's POSIX_SPAWN_SETSID (not exported to Swift).
        let flags = Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF) | (newSession ? 0x80 : 0)
        posix_spawnattr_setflags(&attributes, Int16(flags))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (fd, stream) in [(Int32(0), stdin), (1, stdout), (2, stderr)] {
            switch stream {
            case .inherit: break
            case .null: posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
            case .file(let path, let flags): posix_spawn_file_actions_addopen(&actions, fd, path, flags, 0o600)
            case .sameAs(let other): posix_spawn_file_actions_adddup2(&actions, other, fd)
            }
        }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid = pid_t()
        var code: Int32 = 0
        // ETXTBSY: the program was just written, and another thread's child,
        // forked meanwhile, still holds it open for writing until it execs.
        // It passes in moments (Go's os/exec retries the same way).
        for attempt in 0..<20 {
            code =
                searchPath
                ? posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
                : posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
            guard code == ETXTBSY, attempt < 19 else { break }
            usleep(10_000)
        }
        guard code == 0 else { throw SpawnError(program: arguments[0], code: code) }
        return pid
    }

    /// Waits at most `seconds` for `pid` to end: its exit status (as
    /// ``wait(_:)``), or nil while it is still running.
    public static func wait(_ pid: pid_t, upTo seconds: Double) -> Int32? {
        var left = Int(seconds / 0.02)
        var status: Int32 = 0
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid {
                let signal = status & 0x7F
                return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
            }
            if r < 0 && errno != EINTR { return -1 }
            if left <= 0 { return nil }
            left -= 1
            usleep(20_000)
        }
    }

    /// Waits for `pid` to end: its exit status, or 128 + n when signal n ended it.
    public static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { return -1 }
        }
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }
}
