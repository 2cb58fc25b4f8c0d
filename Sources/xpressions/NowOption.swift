import Foundation
import SchoolStore

/// `--now`: the moment the app, sync, doctor or the school side should take
/// as now. An ISO 8601 instant (`2026-03-18T10:42:00Z`), or a plain date
/// (`2026-01-15`), which means 09:00 school time that day (the time zone of
/// the store's demo clock or of its first school; UK time otherwise), or a
/// date and time without a zone (`2026-01-15T07:00`, `2026-01-15 07:00:30`),
/// read in the same school time.
enum NowOption: Sendable, Equatable {
    case instant(Date)
    /// A day and time of day in school time (a plain date is 09:00).
    case schoolTime(CivilDate, secondsAfterMidnight: Int)

    static func parse(_ text: String) throws(ArgumentCursor.UsageError) -> NowOption {
        if let d = Timestamp.parse(text) { return .instant(d) }
        if let day = CivilDate(parsing: text) { return .schoolTime(day, secondsAfterMidnight: 9 * 3600) }
        if let local = schoolTime(text) { return local }
        throw .init(
            "--now expects a date such as 2026-01-15, a school time such as 2026-01-15T07:00, or an ISO 8601 time such as 2026-03-18T10:42:00Z, got '\(text)'"
        )
    }

    /// `2026-01-15T07:00`, `2026-01-15 7:00` or with seconds: a time of
    /// day without a zone, as a support engineer types a parent's "about
    /// seven this morning" (it was refused: only a date, or a time with a
    /// zone, was taken).
    static func schoolTime(_ text: String) -> NowOption? {
        let u = Array(text.utf8)
        guard u.count > 11, u[10] == UInt8(ascii: "T") || u[10] == UInt8(ascii: " "),
            let day = CivilDate(parsing: text.prefix(10))
        else { return nil }
        // H:MM or HH:MM, then :SS if given ("7:15" as people write it).
        let parts = u[11...].split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false).map(Array.init)
        guard parts.count == 2 || parts.count == 3, parts[0].count == 1 || parts[0].count == 2,
            parts.dropFirst().allSatisfy({ $0.count == 2 }), let h = number(parts[0]), let m = number(parts[1]),
            h < 24, m < 60
        else { return nil }
        var seconds = 0
        if parts.count == 3 {
            guard let s = number(parts[2]), s < 60 else { return nil }
            seconds = s
        }
        return .schoolTime(day, secondsAfterMidnight: (h * 60 + m) * 60 + seconds)
    }

    /// ASCII digits as a number; nil for anything else.
    private static func number(_ u: [UInt8]) -> Int? {
        var value = 0
        for b in u {
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(b - UInt8(ascii: "0"))
        }
        return value
    }

    /// The instant, with a school time read in the store's school time zone.
    func date(storeRoot: String) -> Date {
        switch self {
        case .instant(let date): return date
        case .schoolTime(let day, let seconds):
            return NowOption.zone(storeRoot: storeRoot).instant(on: day, minutesAfterMidnight: seconds / 60)
                .addingTimeInterval(TimeInterval(seconds % 60))
        }
    }

    static func zone(storeRoot: String) -> SchoolTimeZone {
        let store = try? FileStore(root: storeRoot)
        let identifier =
            store?.info.demoClock?.timezone ?? store?.schoolIDs().first.flatMap { try? store?.school($0).timezone }
        return identifier.flatMap(SchoolTimeZone.init(identifier:)) ?? SchoolTimeZone(identifier: "Europe/London")
            ?? .utc
    }
}
