import Foundation
import SchoolStore

/// The real wall clock: `Date()`.
public struct SystemClock: WallClock {
    /// Creates the system clock.
    public init() {}

    /// The current instant according to the operating system.
    public func now() -> Date { Date() }
}
