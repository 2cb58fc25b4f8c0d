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
    /// When it was counted (the real time), if known: a lock-out that ends
    /// on another day is said with its day.
    public var countedAt: Date?

    public init(failures: [Date], lockedUntil: Date?, remaining: Int, countedAt: Date? = nil) {
        self.failures = failures
        self.lockedUntil = lockedUntil
        self.remaining = remaining
        self.countedAt = countedAt
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
        if let lockedUntil {
            // Another day than the count's (a device running ahead stamped
            // them): with the day, or "09:16" read as a time already past.
            let day = zone.civilDate(of: lockedUntil)
            let on = countedAt.map { zone.civilDate(of: $0) != day } == true ? "on \(day.longText) " : ""
            return "\(head); can try again \(on)at \(zone.clockTextRoundedUp(lockedUntil))"
        }
        return "\(head); \(remaining) more allowed before logins are refused for up to \(minutes) minutes"
    }
}
