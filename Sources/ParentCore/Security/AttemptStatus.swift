import Foundation
import SchoolStore

/// Where a key stands with an ``AttemptLimiter``.
public enum AttemptStatus: Sendable, Equatable {
    /// Attempts are allowed; this many more failures are allowed before the
    /// key is locked out.
    case open(remainingAttempts: Int)
    /// No attempt is allowed before this instant (so the UI can say "try
    /// again at 14:32").
    case lockedOut(until: Date)
}

extension AttemptStatus {
    /// The lock-out's end, when locked out.
    public var lockedUntil: Date? {
        if case .lockedOut(let until) = self { return until }
        return nil
    }

    /// The failures still allowed, when open.
    public var remaining: Int? {
        if case .open(let n) = self { return n }
        return nil
    }
}
