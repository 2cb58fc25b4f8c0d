import Foundation
import Testing

@testable import ParentCore
@testable import SchoolStore

/// The store was away when the app started: real time until it is back,
/// then the store's own date (the audit logged in after the store-problem
/// screen at the real date, and every message started read).
@Suite struct AwaitedStoreClockTests {
    @Test func realTimeUntilTheStoreIsBackThenItsDemoDate() {
        let real = ManualClock(Timestamp.parse("2026-11-29T17:31:00Z")!)
        let back = Locked(false)
        let looks = Locked(0)
        let demo = DemoClock(date: CivilDate(parsing: "2026-03-18")!, timezone: "Europe/London")
        let clock = AwaitedStoreClock(interval: 2, base: real) {
            looks.withLock { $0 += 1 }
            return back.withLock { $0 } ? (true, demo) : (false, nil)
        }
        #expect(clock.now() == real.now())
        real.advance(by: 1)
        #expect(clock.now() == real.now())
        #expect(looks.withLock { $0 } == 1, "looked at most every 2 seconds")
        back.withLock { $0 = true }
        real.advance(by: 2)
        let shown = clock.now()
        #expect(SchoolTimeZone(identifier: "Europe/London")!.civilDate(of: shown) == demo.date)
        // Found once, kept: no more looks.
        real.advance(by: 10)
        _ = clock.now()
        #expect(looks.withLock { $0 } == 2)
    }

    @Test func aStoreWithoutADemoClockSettlesOnRealTime() {
        let real = ManualClock(Timestamp.parse("2026-11-29T17:31:00Z")!)
        let looks = Locked(0)
        let clock = AwaitedStoreClock(interval: 2, base: real) {
            looks.withLock { $0 += 1 }
            return (true, nil)
        }
        #expect(clock.now() == real.now())
        real.advance(by: 5)
        #expect(clock.now() == real.now())
        #expect(looks.withLock { $0 } == 1)
    }
}
