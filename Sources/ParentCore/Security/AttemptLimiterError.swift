import Foundation
import SchoolStore

/// An attempt refused by an ``AttemptLimiter``.
public enum AttemptLimiterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Too many recent failures for this key: try again at `until`.
    case lockedOut(until: Date)

    public var description: String {
        switch self {
        case .lockedOut(let until): return "too many failed attempts; locked out until \(until)"
        }
    }
}
