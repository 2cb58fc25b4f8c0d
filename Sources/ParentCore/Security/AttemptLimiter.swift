import Foundation
import SchoolStore

/// Limits login attempts per key: at most ``maxFailures`` failures within a
/// rolling ``window``; then the key is locked until enough of them have left
/// the window.
///
/// Built so that a failure is **recorded durably before** the caller can learn
/// the outcome:
///
///     let ticket = try limiter.begin(key: email.normalised) // counts as a failure, on disk
///     if credentialsMatch { try limiter.succeeded(ticket) }  // clears the key
///     else { let status = try limiter.failed(ticket) }       // for "2 attempts left"
///
/// If the process dies (or is killed to dodge the count) between `begin` and
/// the check, the attempt still counts. If `begin` throws for any reason
/// (lock-out, a disk error), the caller must not check the credentials.
///
/// State lives in one JSON file (mode 0600) written atomically through a
/// ``FileLayer``, so counts survive restarts. Keys are stored only as a
/// digest, never as given: SHA-256 hex by default, or the digest the owner
/// supplies (``ParentAccount`` uses HMAC-SHA-256 under the ``InstallKey``,
/// so the file cannot be matched against a list of addresses). Failures older than the window are pruned on
/// every write. Failure times later than the clock's now (after the clock was
/// set back) count as now, so a lock-out never outlasts one window from now.
/// A corrupt file counts as empty: anyone able to corrupt it
/// could as well delete it, and a lock-out must not become permanent.
///
/// Calls are serialised within the process; one file should belong to one
/// process at a time.
public final class AttemptLimiter: Sendable {
    /// The state file.
    public let path: String
    /// Failures allowed within the window before lock-out.
    public let maxFailures: Int
    /// The rolling window, in seconds.
    public let window: TimeInterval

    private let files: any FileLayer
    private let clock: any WallClock
    private let digester: @Sendable (String) throws -> String
    private let serial = Locked(())

    /// Creates a limiter keeping its state in `path`. `maxFailures` below 1
    /// counts as 1. `digest` turns a key into what is stored (default:
    /// ``keyDigest(_:)``, SHA-256 hex).
    public init(
        files: any FileLayer, path: String, clock: any WallClock,
        maxFailures: Int = 5, window: TimeInterval = 15 * 60,
        digest: (@Sendable (String) throws -> String)? = nil
    ) {
        self.files = files
        self.path = path
        self.clock = clock
        self.maxFailures = max(1, maxFailures)
        self.window = window
        digester = digest ?? { AttemptLimiter.keyDigest($0) }
    }

    /// The default digest under which a key is stored: SHA-256 hex.
    public static func keyDigest(_ key: String) -> String { SHA256.hexDigest(key) }

    /// The digest under which this limiter stores `key`.
    public func digest(_ key: String) throws -> String { try digester(key) }

    /// Checks that `key` is not locked out and durably records a pending
    /// failure for it. Throws ``AttemptLimiterError/lockedOut(until:)`` when it
    /// is locked out (recording nothing), or the file layer's error.
    public func begin(key: String) throws -> AttemptTicket {
        let digest = try digester(key)
        return try serial.withLock { _ in
            let now = clock.now()
            var state = try load(now: now)
            let failures = state.failures[digest] ?? []
            if let until = lockedUntil(failures) { throw AttemptLimiterError.lockedOut(until: until) }
            state.failures[digest] = failures + [now.timeIntervalSince1970]
            try save(state)
            return AttemptTicket(keyDigest: digest, recordedAt: now)
        }
    }

    /// The attempt succeeded: clears every failure recorded for the key.
    public func succeeded(_ ticket: AttemptTicket) throws {
        try serial.withLock { _ in
            var state = try load(now: clock.now())
            state.failures[ticket.keyDigest] = nil
            try save(state)
        }
    }

    /// Clears every failure recorded for `key`: the store's count, which
    /// decides, allows it.
    public func clear(key: String) throws {
        let digest = try digester(key)
        try serial.withLock { _ in
            var state = try load(now: clock.now())
            state.failures[digest] = nil
            try save(state)
        }
    }

    /// The details were never checked (the store could not be reached, or
    /// refused the email first): the pending failure ``begin(key:)``
    /// recorded is taken back, so a parent trying while offline is not
    /// locked out for it. A process that dies instead still counts it.
    public func abandoned(_ ticket: AttemptTicket) throws {
        try serial.withLock { _ in
            var state = try load(now: clock.now())
            guard var failures = state.failures[ticket.keyDigest],
                let i = failures.lastIndex(
                    of: min(ticket.recordedAt.timeIntervalSince1970, clock.now().timeIntervalSince1970))
            else { return }
            failures.remove(at: i)
            state.failures[ticket.keyDigest] = failures.isEmpty ? nil : failures
            try save(state)
        }
    }

    /// The attempt failed. Its failure is already recorded, so this changes
    /// nothing; it returns where the key now stands, for the message to show.
    public func failed(_ ticket: AttemptTicket) throws -> AttemptStatus {
        try serial.withLock { _ in try status(digest: ticket.keyDigest, now: clock.now()) }
    }

    /// Where `key` stands now. Reads only.
    public func status(key: String) throws -> AttemptStatus {
        let digest = try digester(key)
        return try serial.withLock { _ in try status(digest: digest, now: clock.now()) }
    }

    // MARK: - State

    /// The file's contents.
    private struct State: Codable {
        var format = "xpressions-attempt-limiter"
        var version = 1
        /// Failure times (seconds since 1970) by the key's digest.
        var failures: [String: [Double]] = [:]
    }

    private func status(digest: String, now: Date) throws -> AttemptStatus {
        let failures = try load(now: now).failures[digest] ?? []
        if let until = lockedUntil(failures) { return .lockedOut(until: until) }
        return .open(remainingAttempts: maxFailures - failures.count)
    }

    /// When the key stops being locked out, given its failures (pruned and
    /// sorted), or nil when it is not locked out.
    private func lockedUntil(_ failures: [Double]) -> Date? {
        guard failures.count >= maxFailures else { return nil }
        // Attempts reopen once fewer than maxFailures remain in the window.
        return Date(timeIntervalSince1970: failures[failures.count - maxFailures] + window)
    }

    /// The state as of `now`: failures clamped to now, sorted, pruned of
    /// those that have left the window. A missing or corrupt file counts as
    /// empty (a corrupt one is moved to `damaged/` first, never overwritten:
    /// the store's count decides, and this is only the device's first line);
    /// a file that cannot be read is an error (failing open on a read error
    /// would let a flaky disk reset the count).
    private func load(now: Date) throws -> State {
        let damaged = DamagedFiles(dataDirectory: Paths.parent(of: path), files: files)
        // A directory, a FIFO or a device in its place is damage, never read
        // (it stopped every login on the device: "Is a directory", or a wait
        // on the FIFO): set aside, as a corrupt file is.
        if let info = files.modificationInfo(path), info.isDirectory || info.isSpecial {
            _ = try damaged.setAside(path, as: URL(fileURLWithPath: path).lastPathComponent, at: now)
            return State()
        }
        guard let bytes = try files.read(path) else { return State() }
        guard let decoded = try? JSONDecoder().decode(State.self, from: Data(bytes)),
            decoded.format == State().format, decoded.version == State().version
        else {
            _ = try? damaged.setAside(path, as: URL(fileURLWithPath: path).lastPathComponent, at: now)
            return State()
        }
        var state = State()
        let current = now.timeIntervalSince1970
        for (digest, times) in decoded.failures {
            let kept = times.map { min($0, current) }.filter { $0 > current - window }.sorted()
            if !kept.isEmpty { state.failures[digest] = kept }
        }
        return state
    }

    private func save(_ state: State) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let bytes = Array(try encoder.encode(state))
        // Under the directory's lock: a sweep of temporary files by another
        // process never takes this write's temporary file.
        try DirectoryLock.withLockIfPresent(Paths.parent(of: path)) {
            try files.writeAtomically(bytes, to: path)
        }
    }
}
