import Foundation

/// The date a demo or generated store is meant to be seen on. Without
/// `--now`, the app shows such a store on this date at the real time of day
/// (in the given zone), so a demo is always on a lived-in school day and
/// time still moves: attendance marks appear through the day, a message the
/// school sends "now" arrives now.
public struct DemoClock: Sendable, Equatable {
    public var date: CivilDate
    public var timezone: String

    public init(date: CivilDate, timezone: String) {
        self.date = date
        self.timezone = timezone
    }

    public static func decode(_ r: FieldReader) -> DemoClock? {
        r.rejectUnknownFields(["date", "timezone"])
        let date = r.date("date")
        let zone = r.string("timezone")
        if let zone, SchoolTimeZone(identifier: zone) == nil {
            r.report("timezone", "unknown time zone \(Quote.value(zone))")
        }
        guard let date, let zone, SchoolTimeZone(identifier: zone) != nil else { return nil }
        return DemoClock(date: date, timezone: zone)
    }

    public var json: JSONValue {
        var o = JSONObjectBuilder()
        o.set("date", date)
        o.set("timezone", timezone)
        return o.value
    }

    /// The demo date at the wall-clock time of day `real` has in the zone.
    public func instant(forRealTime real: Date) -> Date {
        let zone = SchoolTimeZone(identifier: timezone) ?? .utc
        return zone.instant(on: date, minutesAfterMidnight: 0)
            .addingTimeInterval(
                Double(zone.minutesAfterMidnight(of: real) * 60)
                    + real.timeIntervalSince1970.truncatingRemainder(dividingBy: 60))
    }
}
