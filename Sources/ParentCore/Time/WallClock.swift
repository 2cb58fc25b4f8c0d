import Foundation
import SchoolStore

/// A source of the current wall-clock time.
///
/// Everything in ParentCore that needs "now" (lock-out windows, freshness,
/// session idle time) takes a `WallClock` instead of calling `Date()`, so tests
/// run on a ``ManualClock`` and never sleep. Named `WallClock` rather than
/// `Clock` to avoid clashing with the standard library's `Clock` protocol,
/// which measures durations rather than calendar instants.
public protocol WallClock: Sendable {
    /// The current instant.
    func now() -> Date
}
