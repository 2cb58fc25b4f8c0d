import Foundation
import Testing

@testable import TerminalKit

/// The pipe that lets the app's worker end the main loop's wait for a key.
@Suite struct WakeupTests {
    @Test func aSignalIsSeenOnceAndAWaitWithoutOneTimesOut() {
        let wakeup = Wakeup()
        #expect(wakeup.descriptor >= 0)
        #expect(!wakeup.wait(milliseconds: 0))
        wakeup.signal()
        wakeup.signal()
        #expect(wakeup.wait(milliseconds: 0), "two signals before a wait are one wake-up")
        #expect(!wakeup.wait(milliseconds: 0))
        let clock = ContinuousClock()
        let start = clock.now
        #expect(!wakeup.wait(milliseconds: 30))
        #expect(start.duration(to: clock.now) >= .milliseconds(25))
    }

    @Test func aSignalFromAnotherThreadEndsAWait() {
        let wakeup = Wakeup()
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(20)) { wakeup.signal() }
        let clock = ContinuousClock()
        let start = clock.now
        #expect(wakeup.wait(milliseconds: 5000))
        #expect(start.duration(to: clock.now) < .seconds(2))
    }

    @Test func manySignalsNeverBlockTheSender() {
        let wakeup = Wakeup()
        for _ in 0..<100_000 { wakeup.signal() }  // more than a pipe holds
        #expect(wakeup.wait(milliseconds: 0))
        #expect(!wakeup.wait(milliseconds: 0), "drained whole")
    }
}
