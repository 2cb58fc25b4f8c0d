import Foundation
import Testing

@testable import SchoolStore

/// "Try again at" names the first whole minute the wait is over: 11:38:46
/// said 11:38, and a login at 11:38:07 was refused.
@Suite struct SchoolTimeZoneRoundingTests {
    @Test func aTimeToTryAgainIsRoundedUpToTheMinute() throws {
        let london = try #require(SchoolTimeZone(identifier: "Europe/London"))
        let date = try #require(Timestamp.parse("2026-11-30T11:38:46Z"))
        #expect(london.clockText(date) == "11:38")
        #expect(london.clockTextRoundedUp(date) == "11:39")
        let whole = try #require(Timestamp.parse("2026-11-30T11:38:00Z"))
        #expect(london.clockTextRoundedUp(whole) == "11:38")
        let summer = try #require(Timestamp.parse("2026-06-30T23:59:30Z"))
        #expect(london.clockTextRoundedUp(summer) == "01:00")
    }
}
