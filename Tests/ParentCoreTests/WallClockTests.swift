import Foundation
import SchoolStore
import Testing

@testable import ParentCore

@Suite struct WallClockTests {
    @Test func manualClockStartsWhereToldAndMovesOnlyWhenTold() {
        let start = Date(timeIntervalSince1970: 1_000_000)
        let clock = ManualClock(start)
        #expect(clock.now() == start)
        #expect(clock.now() == start)
        clock.advance(by: 90)
        #expect(clock.now() == start.addingTimeInterval(90))
        clock.advance(by: -30)
        #expect(clock.now() == start.addingTimeInterval(60))
        clock.set(start)
        #expect(clock.now() == start)
    }

    @Test func manualClockDefaultStartIsTheDocumentedInstant() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: ManualClock().now())
        #expect(parts.year == 2024 && parts.month == 9 && parts.day == 2)
        #expect(parts.hour == 8 && parts.minute == 30)
        #expect(parts.weekday == 2)  // Monday
    }

    @Test func manualClockIsSafeToAdvanceFromManyTasks() async {
        let clock = ManualClock(Date(timeIntervalSince1970: 0))
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<100 {
                group.addTask { clock.advance(by: 1) }
            }
        }
        #expect(clock.now() == Date(timeIntervalSince1970: 100))
    }

    @Test func systemClockIsCloseToFoundationsNow() {
        let before = Date()
        let reading = SystemClock().now()
        let after = Date()
        #expect(reading >= before && reading <= after)
    }
}
