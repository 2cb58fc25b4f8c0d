import Foundation
import SchoolStore

/// A clock that starts at a chosen instant and then moves with a base clock:
/// `--now 2026-03-18T10:42:00Z` shows the store as the parent saw it then,
/// while sync intervals and idle relock still count real time.
public final class OffsetClock: WallClock {
    private let offset: TimeInterval
    private let base: any WallClock

    public init(startingAt start: Date, base: any WallClock = SystemClock()) {
        self.base = base
        offset = start.timeIntervalSince(base.now())
    }

    public func now() -> Date { base.now().addingTimeInterval(offset) }
}
