import Foundation
import SchoolStore

/// `--now`: the moment the app, sync, doctor or the school side should take
/// as now. An ISO 8601 instant (`2026-03-18T10:42:00Z`), or a plain date
/// (`2026-01-15`), which means 09:00 school time that day (the time zone of
/// the store's demo clock or of its first school; UK time otherwise).
enum NowOption: Sendable, Equatable {
    case instant(Date)
    case day(CivilDate)

    static func parse(_ text: String) throws(ArgumentCursor.UsageError) -> NowOption {
        if let d = Timestamp.parse(text) { return .instant(d) }
        if let day = CivilDate(parsing: text) { return .day(day) }
        throw .init(
            "--now expects a date such as 2026-01-15 or an ISO 8601 time such as 2026-03-18T10:42:00Z, got '\(text)'")
    }

    /// The instant, with a plain date read in the store's school time zone.
    func date(storeRoot: String) -> Date {
        switch self {
        case .instant(let date): return date
        case .day(let day): return NowOption.zone(storeRoot: storeRoot).instant(on: day, minutesAfterMidnight: 9 * 60)
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
