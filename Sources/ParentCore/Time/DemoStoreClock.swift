import Foundation
import SchoolStore

/// A demo or generated store's clock: its demo date at the real time of
/// day, so a demo always falls on a school day and the day still unfolds.
public final class DemoStoreClock: WallClock {
    private let clock: DemoClock
    private let base: any WallClock

    public init(_ clock: DemoClock, base: any WallClock = SystemClock()) {
        self.clock = clock
        self.base = base
    }

    public func now() -> Date { clock.instant(forRealTime: base.now()) }
}
