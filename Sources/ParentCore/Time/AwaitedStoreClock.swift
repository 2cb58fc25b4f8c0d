import Foundation
import SchoolStore

/// The app's clock when the store could not be read at start and no demo
/// clock was remembered: real time until the store can be read, then the
/// store's demo clock if it has one (for good). A store away at start and
/// back a minute later is shown at its own date: the audit logged in after
/// the store-problem screen and got the real date, so every message of the
/// demo's March started read as "over 14 days old".
///
/// `look` is asked at most every `interval` seconds (it reads `store.json`);
/// what it finds first is kept.
public final class AwaitedStoreClock: WallClock {
    private struct State {
        var found: DemoStoreClock?
        var settled = false
        var lastLook: Date = .distantPast
    }

    private let state = Locked(State())
    private let look: @Sendable () -> (settled: Bool, clock: DemoClock?)
    private let interval: TimeInterval
    private let base: any WallClock

    /// `look` says whether the store could be read (`settled`) and its demo
    /// clock, if any.
    public init(
        interval: TimeInterval = 2, base: any WallClock = SystemClock(),
        look: @escaping @Sendable () -> (settled: Bool, clock: DemoClock?)
    ) {
        self.interval = interval
        self.base = base
        self.look = look
    }

    public func now() -> Date {
        let real = base.now()
        let (found, due) = state.withLock { s -> (DemoStoreClock?, Bool) in
            if s.settled { return (s.found, false) }
            let due = real.timeIntervalSince(s.lastLook) >= interval || real < s.lastLook
            if due { s.lastLook = real }
            return (s.found, due)
        }
        if let found { return found.now() }
        guard due else { return real }
        let (settled, clock) = look()
        let made = clock.map { DemoStoreClock($0, base: base) }
        state.withLock { s in
            if settled || made != nil {
                s.settled = true
                s.found = made
            }
        }
        return made?.now() ?? real
    }
}
