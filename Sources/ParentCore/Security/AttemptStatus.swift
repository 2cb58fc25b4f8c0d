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
