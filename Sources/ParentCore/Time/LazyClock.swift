import Foundation
import SchoolStore

/// A clock made the first time the time is asked for. The app's clock may
/// come from the store (its demo date in `store.json`, its time zone, and
/// the copy remembered in the data directory): reading and remembering that
/// took about a quarter of the start before the first frame, which needs no
/// clock. Made once, under a lock, so every caller gets the same clock.
public final class LazyClock: WallClock {
    private let made = Locked<(any WallClock)?>(nil)
    private let make: @Sendable () -> any WallClock

    public init(_ make: @escaping @Sendable () -> any WallClock) {
        self.make = make
    }

    /// The clock, made now if it has not been yet.
    public var clock: any WallClock {
        made.withLock { made in
            if let made { return made }
            let clock = make()
            made = clock
            return clock
        }
    }

    public func now() -> Date { clock.now() }
}
