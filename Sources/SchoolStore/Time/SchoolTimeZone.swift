import Foundation

/// A school's time zone (an IANA name such as `Europe/London`) with the
/// conversions the store needs between local wall-clock times and instants.
/// UTC offsets are cached per day, so converting millions of attendance marks
/// does not go through Foundation each time.
///
/// The zone is read from the system's time zone files (``TZifZone``), and
/// from Foundation only for a name they do not have: Foundation's first
/// zone was about 40% of opening a store.
public final class SchoolTimeZone: Sendable {
    public let identifier: String
    private let zone: Zone
    private let offsetByDay = Locked<[Int: Int]>([:])

    private enum Zone: Sendable {
        case file(TZifZone)
        case foundation(TimeZone)
    }

    /// nil for a name the system's time zone database does not know.
    public init?(identifier: String) {
        if let file = TZifZone.named(identifier) {
            zone = .file(file)
        } else if let foundation = TimeZone(identifier: identifier) {
            zone = .foundation(foundation)
        } else {
            return nil
        }
        self.identifier = identifier
    }

    public static let utc = SchoolTimeZone(identifier: "UTC")!

    /// The UTC offset in seconds in force at an instant.
    public func offset(at date: Date) -> Int {
        switch zone {
        case .file(let file):
            file.offset(at: Int(date.timeIntervalSince1970.rounded(.down)))
        case .foundation(let foundation):
            foundation.secondsFromGMT(for: date)
        }
    }

    /// The UTC offset at local noon of a date (used for whole-day conversions).
    func offset(onDay days: Int) -> Int {
        offsetByDay.withLock { cache in
            if let cached = cache[days] { return cached }
            let noonUTC = Date(timeIntervalSince1970: Double(days * 86_400 + 12 * 3600))
            let value = offset(at: noonUTC)
            cache[days] = value
            return value
        }
    }

    /// The instant of a local wall-clock time on a date. Around a clock change
    /// the offset of that day's noon is used, which is right for school hours.
    public func instant(on date: CivilDate, minutesAfterMidnight minutes: Int) -> Date {
        let days = date.daysSinceEpoch
        let local = days * 86_400 + minutes * 60
        return Date(timeIntervalSince1970: Double(local - offset(onDay: days)))
    }

    /// The local date of an instant.
    public func civilDate(of date: Date) -> CivilDate {
        let local = Int(date.timeIntervalSince1970.rounded(.down)) + offset(at: date)
        return CivilDate(daysSinceEpoch: Int((Double(local) / 86_400).rounded(.down)))
    }

    /// Minutes after local midnight of an instant.
    public func minutesAfterMidnight(of date: Date) -> Int {
        let local = Int(date.timeIntervalSince1970.rounded(.down)) + offset(at: date)
        let secondsOfDay = local - Int((Double(local) / 86_400).rounded(.down)) * 86_400
        return secondsOfDay / 60
    }

    /// The first whole minute at or after `date` ("10:17" for 10:16:40):
    /// the time to say for "try again at", which is then never a minute
    /// that has come while the wait has not ended.
    public func clockTextRoundedUp(_ date: Date) -> String {
        let whole = (date.timeIntervalSince1970 / 60).rounded(.up) * 60
        return clockText(Date(timeIntervalSince1970: whole))
    }

    /// "08:52"
    public func clockText(_ date: Date) -> String {
        let m = minutesAfterMidnight(of: date)
        return "\(CivilDate.pad(m / 60, 2)):\(CivilDate.pad(m % 60, 2))"
    }

    /// Formats an instant in this zone's local time with its offset.
    public func format(_ date: Date, numericOffset: Bool = false) -> String {
        Timestamp.format(date, offsetSeconds: offset(at: date), numericOffset: numericOffset)
    }
}
