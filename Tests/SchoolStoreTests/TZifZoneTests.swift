import Foundation
import Testing

@testable import SchoolStore

/// School time zones read from the system's TZif files (not Foundation's
/// ICU zones, whose first use was about 40% of opening a store): the same
/// offsets as Foundation, at every instant a school could meet.
@Suite struct TZifZoneTests {
    static let zones = [
        "Europe/London", "Europe/Dublin", "Europe/Paris", "America/New_York", "America/St_Johns",
        "Australia/Sydney", "Australia/Lord_Howe", "Asia/Kolkata", "Asia/Tokyo", "Pacific/Auckland", "UTC",
        "Etc/GMT+5",
    ]

    @Test(arguments: zones) func offsetsAreFoundations(_ identifier: String) throws {
        let file = try #require(TZifZone(identifier: identifier))
        let foundation = try #require(TimeZone(identifier: identifier))
        // Every 3 days and 7 hours from 1975 to 2090 (the file's own
        // transitions, then its rule after 2037), and a second either side
        // of each transition.
        var instants = Array(stride(from: 157_766_400, to: 3_786_825_600, by: 3 * 86_400 + 7 * 3600))
        for t in file.transitions where t > 0 { instants += [t - 1, t, t + 1] }
        for rule in 2038...2060 {
            // Around the rule's changes too: each hour of March, April,
            // September, October and November.
            let year = try #require(CivilDate(year: rule, month: 3, day: 1)).daysSinceEpoch * 86_400
            instants += stride(from: year, to: year + 92 * 86_400, by: 3600)
            instants += stride(from: year + 184 * 86_400, to: year + 276 * 86_400, by: 3600)
        }
        for t in instants {
            let expected = foundation.secondsFromGMT(for: Date(timeIntervalSince1970: Double(t)))
            guard file.offset(at: t) == expected else {
                Issue.record("\(identifier) at \(t): \(file.offset(at: t)), Foundation \(expected)")
                return
            }
        }
    }

    @Test func onlyPlainZoneNamesAreRead() {
        for name in [
            "", "/etc/passwd", "../../etc/passwd", "Europe/../UTC", "Europe//London", "right/Europe/London",
            "posix/Europe/London", "Europe/London ", "Mars/Olympus", "Europe",
        ] {
            #expect(TZifZone(identifier: name) == nil, "\(name)")
        }
        #expect(SchoolTimeZone(identifier: "Mars/Olympus") == nil)
        #expect(SchoolTimeZone(identifier: "Europe/London")?.identifier == "Europe/London")
    }

    @Test func rulesAreReadAsPOSIXWritesThem() throws {
        let uk = try #require(PosixZoneRule("GMT0BST,M3.5.0/1,M10.5.0"))
        // 2026: the last Sundays of March and October are the 29th and 25th.
        let march29 = 1_774_742_400
        let october25 = 1_792_886_400
        #expect(uk.offset(at: march29 + 3599) == 0)
        #expect(uk.offset(at: march29 + 3600) == 3600)
        #expect(uk.offset(at: october25 + 3599) == 3600)
        #expect(uk.offset(at: october25 + 3600) == 0)

        // Southern hemisphere: daylight time across new year, ending at 03:00
        // daylight time on the first Sunday of April (2026-04-05).
        let sydney = try #require(PosixZoneRule("AEST-10AEDT,M10.1.0,M4.1.0/3"))
        let april5 = 1_775_347_200
        #expect(sydney.offset(at: april5 + 3 * 3600 - 11 * 3600 - 1) == 39_600)
        #expect(sydney.offset(at: april5 + 3 * 3600 - 11 * 3600) == 36_000)
        #expect(sydney.offset(at: 1_767_225_600) == 39_600)  // 2026-01-01

        #expect(PosixZoneRule("<+0330>-3:30")?.offset(at: 0) == 12_600)
        // The years no date has: standard time, not a crash.
        #expect(uk.offset(at: Int(Date.distantPast.timeIntervalSince1970)) == 0)
        #expect(uk.offset(at: 400_000_000_000) == 0)
        #expect(uk.offset(at: Int(Date.distantFuture.timeIntervalSince1970)) == 0)
        #expect(PosixZoneRule("<-03>3<-02>,M3.5.0/-2,M10.5.0/-1") != nil)
        #expect(PosixZoneRule("IST-2IDT,M3.4.4/26,M10.5.0")?.daylight?.start.seconds == 26 * 3600)
        #expect(PosixZoneRule("EST5EDT,0/0,J365/25") != nil)
        // What it does not read goes to Foundation.
        for text in ["", "EST5EDT", "AB1", "GMT", "GMT0BST,M3.5.0", "GMT0BST,M13.5.0,M10.5.0", "GMT0 "] {
            #expect(PosixZoneRule(text) == nil, "\(text)")
        }
    }

    @Test func aFileOfVersion1IsReadToo() throws {
        // One transition at 1,000,000 from +3600 (type 0) to +7200 (type 1),
        // no rule (version 1 has none).
        var bytes = Array("TZif".utf8) + [0] + Array(repeating: 0, count: 15)
        for count: UInt32 in [0, 0, 0, 1, 2, 4] { bytes += withUnsafeBytes(of: count.bigEndian, Array.init) }
        bytes += withUnsafeBytes(of: UInt32(1_000_000).bigEndian, Array.init) + [1]
        bytes += withUnsafeBytes(of: UInt32(3600).bigEndian, Array.init) + [0, 0]
        bytes += withUnsafeBytes(of: UInt32(7200).bigEndian, Array.init) + [1, 0]
        bytes += Array("AB\0\0".utf8)
        let zone = try #require(TZifZone(tzif: bytes))
        #expect(zone.offset(at: 999_999) == 3600)
        #expect(zone.offset(at: 1_000_000) == 7200)
        #expect(zone.offset(at: 2_000_000_000) == 7200)
        #expect(TZifZone(tzif: Array(bytes.prefix(50))) == nil)
        #expect(TZifZone(tzif: Array("TZjf".utf8) + bytes.dropFirst(4)) == nil)
    }
}

extension TZifZoneTests {
    @Test func aNameLookedUpAgainGivesTheSameZone() throws {
        let first = try #require(TZifZone.named("Europe/London"))
        let again = try #require(TZifZone.named("Europe/London"))
        #expect(first.transitions == again.transitions)
        #expect(TZifZone.named("Mars/Olympus") == nil)
        #expect(TZifZone.named("Mars/Olympus") == nil)
    }
}
