import Foundation
import SchoolStore

/// The login attempt limit kept where an attacker cannot reset it: in the
/// store (the server side), as create-only ``LoginAttempt`` records under a
/// keyed digest of the normalised email (HMAC-SHA-256 under the store's
/// ``StoreInfo/secret``, domain `email`). At most `maxFailures` failed
/// attempts in a rolling `window` on the real clock; then logins with that
/// email are refused until enough of them have left the window. Deleting or
/// replacing a device's data directory resets nothing, and `--now` moves
/// nothing: the clock is the account's security clock.
///
/// Like ``AttemptLimiter``, failure first: ``begin(email:)`` files an
/// attempt before the caller checks the details, and ``succeeded(_:)``
/// files a success that settles the attempts before it. A login that dies
/// in between counts as failed; one that could not check the details
/// takes its attempt back (``abandoned(_:)``).
///
/// Times are each device's own, so some may be ahead of this one's. An
/// attempt stamped ahead counts (a device set ahead is not a way round the
/// limit) until one window after its stamp, and a lock-out says that time,
/// which stays put. A success stamped ahead by more than
/// ``futureTolerance`` settles nothing (a device running ahead would
/// otherwise turn the limit off for everyone until then). A record stamped
/// more than a day ahead of its own file time counts from that file time. A device whose clock is ahead of the
/// store's own (the file time of the record it just filed) is counted on the
/// store's file times instead: moving the clock forward between tries gave
/// five more guesses each time.
public struct StoreAttemptLimiter: Sendable {
    public let writer: StoreWriter
    let secret: [UInt8]
    let clock: any WallClock
    public let maxFailures: Int
    public let window: TimeInterval

    /// A limiter for `store`, or nil when its `store.json` has no secret (it
    /// then keeps no attempt records; only the device's count applies).
    /// `recordsRoot`: the records are kept in that store instead (the real
    /// store under an as-of view's sandbox overlay on it).
    public init?(
        store: FileStore, files: any FileLayer, clock: any WallClock, maxFailures: Int = 5,
        window: TimeInterval = 15 * 60, recordsRoot: String? = nil
    ) {
        guard let secret = store.info.secret else { return nil }
        writer = StoreWriter(root: recordsRoot ?? store.layout.root, files: files)
        self.secret = secret
        self.clock = clock
        self.maxFailures = max(1, maxFailures)
        self.window = window
    }

    /// The digest naming an email's records: HMAC-SHA-256 hex of the
    /// normalised email under the store's secret.
    public static func digest(email normalised: String, secret: [UInt8]) -> String {
        Hex.encode(HMACSHA256.authenticationCode(key: secret, message: Array("email:\(normalised)".utf8)))
    }

    public func digest(email normalised: String) -> String {
        StoreAttemptLimiter.digest(email: normalised, secret: secret)
    }

    /// Where the email stands now. Reads only.
    public func status(email normalised: String) throws -> LoginAttemptCount {
        let now = clock.now()
        return count(
            Self.stamped(try writer.loginAttemptsWithFileTimes(digest: digest(email: normalised)), now: now), now: now)
    }

    /// The records as counted on this device's clock at `now`: a failure
    /// counts from the later of its stamp and its file time (the store's
    /// clock), so a device set back stamps nothing out of the window (five
    /// guesses more at each step forward, an audit). A file time more than
    /// a day past `now` says this clock is far from the store's (then the
    /// stamps are all there is to go by on it; ``begin(email:)`` counts on
    /// the file times).
    ///
    /// A success counts from the later of the two as well: stamps are whole
    /// seconds, so a login's own attempt (its file time 16:57:05.330) came
    /// after its success (stamped 16:57:05), and every login left "1 failed
    /// attempt" behind.
    ///
    /// A record stamped more than a day ahead of its own file time counts
    /// at its file time: its device's clock was far ahead when it was filed,
    /// or the store's clock is far behind the devices' (a store on the same
    /// machine as a device set back). It was ignored as damage, and with
    /// the clock 30 hours back every earlier attempt was: five fresh guesses.
    static func stamped(_ timed: [(attempt: LoginAttempt, written: Date)], now: Date) -> [LoginAttempt] {
        copiedTogether(timed, moved: movedToFileTimes(timed, now: now), now: now)
    }

    /// Records a copy wrote together (`cp -r` without `-p`: every file time
    /// the copy's, within a couple of seconds, every stamp minutes before
    /// it): their file times say nothing of their order, so within such a
    /// group they keep their stamps' order, at the group's file time. A
    /// copy of a store turned each attempt before the copy into a failure
    /// at the copy's time, and left every success at its stamp, before
    /// them: the demo logins were locked out on the copy (an audit). Records
    /// written within two seconds of each other by devices (a login's attempt
    /// and success) are in their stamps' order too, which is the files'
    /// order when the clocks agree; at worst, one device's attempt filed in
    /// the same two seconds as another's success is settled by it (a success
    /// is only ever filed for the right details). A group written after
    /// `now` (a store whose clock is far from this one's) keeps its file
    /// times.
    static func copiedTogether(_ timed: [(attempt: LoginAttempt, written: Date)], moved: [LoginAttempt], now: Date)
        -> [LoginAttempt]
    {
        var out = moved
        let order = timed.indices.sorted { timed[$0].written < timed[$1].written }
        var start = 0
        while start < order.count {
            let base = timed[order[start]].written
            var end = start
            while end + 1 < order.count, timed[order[end + 1]].written.timeIntervalSince(base) <= 2 { end += 1 }
            let group = order[start...end]
            start = end + 1
            // (However recent the records: a copy made seconds after a login
            // locked the parent out on it, an audit.)
            guard group.count > 1, base <= now.addingTimeInterval(Self.futureTolerance) else { continue }
            // Stamps spread far wider than the files' two seconds, none after
            // them: a copy, whose file times say nothing of when; its records
            // count at their stamps (a copy made after a lock-out had ended
            // locked the parent out again, for 15 minutes from the copy). A
            // device set back files its quick guesses with stamps as close
            // together as their file times: they keep the file times.
            let stamps = group.map { timed[$0].attempt.at }
            let written = group.map { timed[$0].written }
            let fileSpread = (written.max() ?? base).timeIntervalSince(written.min() ?? base)
            if let first = stamps.min(), let last = stamps.max(),
                last.timeIntervalSince(first) > fileSpread + Self.copySpread,
                last <= base.addingTimeInterval(Self.futureTolerance)
            {
                for i in group {
                    let a = timed[i].attempt
                    // A login's attempt and success share a stamp: the attempt first.
                    out[i] = LoginAttempt(
                        key: a.key, kind: a.kind, at: a.at.addingTimeInterval(a.kind == .success ? 0.0005 : 0))
                }
                continue
            }
            guard group.contains(where: { timed[$0].attempt.kind == .success }) else { continue }
            // A login's attempt and success share a stamp (whole seconds):
            // the attempt first, as it was filed.
            func filed(_ i: Int) -> (Date, Int) { (timed[i].attempt.at, timed[i].attempt.kind == .success ? 1 : 0) }
            for (rank, i) in group.sorted(by: { filed($0) < filed($1) }).enumerated() {
                let a = timed[i].attempt
                out[i] = LoginAttempt(key: a.key, kind: a.kind, at: base.addingTimeInterval(Double(rank) / 1000))
            }
        }
        return out
    }

    /// How much wider than their file times a group's stamps must spread
    /// to be read as a copy's records (whole-second stamps round by one;
    /// five quick guesses from a device set back spread their stamps as
    /// their files; a copy's files are written within milliseconds, five
    /// attempts eight seconds apart by their stamps were a copy's).
    static let copySpread: TimeInterval = 3

    static func movedToFileTimes(_ timed: [(attempt: LoginAttempt, written: Date)], now: Date) -> [LoginAttempt] {
        timed.map { t in
            if t.attempt.at > t.written.addingTimeInterval(StoreWriter.loginAttemptLifetime) {
                return LoginAttempt(key: t.attempt.key, kind: t.attempt.kind, at: t.written)
            }
            // A success only moves within the tolerance (the stamp's cut
            // second): one filed by a clock far behind is no later than it says.
            guard t.written > t.attempt.at, t.written <= now.addingTimeInterval(StoreWriter.loginAttemptLifetime),
                t.attempt.kind == .attempt || t.written.timeIntervalSince(t.attempt.at) <= Self.futureTolerance
            else { return t.attempt }
            return LoginAttempt(key: t.attempt.key, kind: t.attempt.kind, at: t.written)
        }
    }

    /// Refuses a locked-out email (``AttemptLimiterError/lockedOut(until:)``,
    /// filing nothing); otherwise files an attempt durably and returns the
    /// ticket for ``succeeded(_:)``. Any other error means the details
    /// must not be checked.
    ///
    /// Filed first, counted after: of logins racing in parallel (one
    /// attacker, many processes), the last to count sees every attempt the
    /// others filed, so no more than `maxFailures` ever go on to a check
    /// (counting first let 6 to 11 through). One past the limit takes its
    /// record back and is refused, as a lock-out files nothing.
    public func begin(email normalised: String) throws -> Ticket {
        let digest = digest(email: normalised)
        let now = clock.now()
        if let until = count(Self.stamped(try writer.loginAttemptsWithFileTimes(digest: digest), now: now), now: now)
            .lockedUntil
        {
            throw AttemptLimiterError.lockedOut(until: until)
        }
        let attempt = LoginAttempt(key: LoginAttempt.newKey(), kind: .attempt, at: now)
        try writer.record(attempt, digest: digest)
        let timed = try writer.loginAttemptsWithFileTimes(digest: digest)
        var filed = Self.stamped(timed, now: now)
        var at = now
        // This device's clock away from the store's (its record's file
        // time), ahead or behind: the store's file times decide, not the
        // stamps. A clock moved forward between tries, or set back and
        // stepped forward, made every earlier attempt look old, and gave
        // five more guesses each time (audits: 20 in 3 seconds, 20 in a
        // minute).
        if let mine = timed.first(where: { $0.attempt.key == attempt.key }),
            abs(now.timeIntervalSince(mine.written)) > Self.futureTolerance
        {
            filed = timed.map { LoginAttempt(key: $0.attempt.key, kind: $0.attempt.kind, at: $0.written) }
            at = mine.written
        }
        if count(filed, now: at).failures.count > maxFailures {
            try? writer.withdraw(attempt: attempt.key, digest: digest)
            let others = count(filed.filter { $0.key != attempt.key }, now: at)
            throw AttemptLimiterError.lockedOut(until: others.lockedUntil ?? at.addingTimeInterval(window))
        }
        return Ticket(digest: digest, key: attempt.key)
    }

    /// An attempt ``begin(email:)`` filed: the digest its email's records
    /// are filed under, and its own record's key.
    public struct Ticket: Sendable, Equatable {
        public let digest: String
        let key: String
    }

    /// The details checked out: files a success, which settles every attempt before it.
    public func succeeded(_ ticket: Ticket) throws {
        try writer.record(
            LoginAttempt(key: LoginAttempt.newKey(), kind: .success, at: clock.now()), digest: ticket.digest)
    }

    /// The details were never checked (the school data could not be read
    /// to check them): the attempt is taken back, as the device's is. It
    /// counted, and a parent whose login waited on a broken school file
    /// was locked out once it was fixed (an audit).
    public func abandoned(_ ticket: Ticket) {
        try? writer.withdraw(attempt: ticket.key, digest: ticket.digest)
    }

    /// How far ahead of this clock a success may be stamped and still
    /// settle the attempts before it (clocks a little apart).
    static let futureTolerance: TimeInterval = 2 * 60

    /// The count at `now` of records filed under one digest.
    func count(_ records: [LoginAttempt], now: Date) -> LoginAttemptCount {
        let plausible = records.filter { $0.at <= now.addingTimeInterval(StoreWriter.loginAttemptLifetime) }
        let settled =
            plausible.filter { $0.kind == .success && $0.at <= now.addingTimeInterval(Self.futureTolerance) }
            .map { min($0.at, now) }.max() ?? .distantPast
        let start = now.addingTimeInterval(-window)
        // Each failure counts from its stamp (or now, when stamped ahead)
        // until a window after its stamp.
        let failures = plausible.filter { $0.kind == .attempt && min($0.at, now) > settled && $0.at > start }
            .map(\.at).sorted()
        let locked =
            failures.count >= maxFailures ? failures[failures.count - maxFailures].addingTimeInterval(window) : nil
        return LoginAttemptCount(
            failures: failures.map { min($0, now) }, lockedUntil: locked,
            remaining: max(0, maxFailures - failures.count), countedAt: now)
    }
}
