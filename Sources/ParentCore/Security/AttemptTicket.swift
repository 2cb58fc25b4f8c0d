import Foundation
import SchoolStore

/// Proof that an attempt was let through and its failure already recorded
/// durably. Pass it to ``AttemptLimiter/succeeded(_:)`` when the credentials
/// turn out right; otherwise the recorded failure simply stands (dropping the
/// ticket, or the process dying, is a failure).
public struct AttemptTicket: Sendable, Hashable {
    /// SHA-256 hex of the key (the normalised email); never the key itself.
    public let keyDigest: String
    /// When the pending failure was recorded.
    public let recordedAt: Date
}
