import Foundation
import ParentCore

/// Dates as the screens write them: "10:42" today, "18 Mar" in the current
/// academic year, and with the year ("18 Mar 2025") outside it, so an old
/// item is never mistaken for a recent one.
enum DateText {
    /// A day, with its year when it is outside `today`'s academic year.
    static func day(_ date: CivilDate, today: CivilDate) -> String {
        AcademicYear(containing: today).dateText(date)
    }

    /// An instant in a list: the time today, else the day (with its year when needed).
    static func short(_ instant: Date, now: Date, zone: SchoolTimeZone) -> String {
        let date = zone.civilDate(of: instant)
        let today = zone.civilDate(of: now)
        return date == today ? zone.clockText(instant) : day(date, today: today)
    }

    /// "Tue 17 Mar 15:10", or "15:10" when it is today.
    static func moment(_ instant: Date, now: Date, zone: SchoolTimeZone) -> String {
        let date = zone.civilDate(of: instant)
        guard date != zone.civilDate(of: now) else { return zone.clockText(instant) }
        return
            "\(CivilDate.weekdayShortNames[date.weekday - 1]) \(day(date, today: zone.civilDate(of: now))) \(zone.clockText(instant))"
    }

    /// "20260318-104200" (UTC): for file names.
    static func stamp(_ instant: Date) -> String {
        let d = SchoolTimeZone.utc.civilDate(of: instant)
        let seconds = Int(instant.timeIntervalSince1970) % 86_400
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return
            "\(d.year)\(two(d.month))\(two(d.day))-\(two(seconds / 3600))\(two(seconds / 60 % 60))\(two(seconds % 60))"
    }
}
