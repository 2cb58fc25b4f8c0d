import Foundation
import SchoolStore

/// Where one email stands with the store's login attempt records, on the
/// real clock: the failed attempts in the window (since the last success),
/// and until when further attempts are refused.
public struct LoginAttemptCount: Sendable, Equatable {
    /// The failed attempts that count now, oldest first.
    public var failures: [Date]
    /// No attempt is allowed before this instant (nil: attempts are allowed).
    public var lockedUntil: Date?
    /// Further failures allowed before the lock-out.
    public var remaining: Int

    public init(failures: [Date], lockedUntil: Date?, remaining: Int) {
        self.failures = failures
        self.lockedUntil = lockedUntil
        self.remaining = remaining
    }

    /// The first failed attempt that counts.
    public var since: Date? { failures.first }

    /// "5 failed attempts since 10:02; can try again at 10:17", "2 failed
    /// attempts since 10:02; 3 more allowed before logins are refused for up
    /// to 15 minutes", or "no failed attempts
    /// in the last 15 minutes", with times in `zone`.
    public func text(zone: SchoolTimeZone, window: TimeInterval) -> String {
        let minutes = Int(window / 60)
        guard let since else { return "no failed attempts in the last \(minutes) minutes" }
        let n = failures.count
        let head = "\(n) failed attempt\(n == 1 ? "" : "s") since \(zone.clockText(since))"
        if let lockedUntil { return "\(head); can try again at \(zone.clockTextRoundedUp(lockedUntil))" }
        return "\(head); \(remaining) more allowed before logins are refused for up to \(minutes) minutes"
    }
}
