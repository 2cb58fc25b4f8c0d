import Foundation
import SchoolStore

/// A wall clock that only moves when told to; for tests and demos.
///
/// Thread-safe: reads and updates are serialised by a lock, so one clock can be
/// shared between the code under test and the test driving it.
public final class ManualClock: WallClock {
    private let current: Locked<Date>

    /// A fixed, memorable default start: 2024-09-02 08:30:00 UTC (a Monday,
    /// the first day of a typical English autumn term).
    public static let defaultStart = Date(timeIntervalSince1970: 1_725_265_800)

    /// Creates a clock showing `start`.
    public init(_ start: Date = ManualClock.defaultStart) {
        current = Locked(start)
    }

    /// The instant the clock currently shows.
    public func now() -> Date { current.withLock { $0 } }

    /// Sets the clock to `date` (which may be earlier than now: real clocks
    /// get corrected backwards too).
    public func set(_ date: Date) { current.withLock { $0 = date } }

    /// Moves the clock by `interval` seconds (negative moves it back).
    public func advance(by interval: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(interval) }
    }
}
