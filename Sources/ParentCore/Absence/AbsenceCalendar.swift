import Foundation
import SchoolStore

/// Which days a school is open, for absence reports: weekdays in one of its
/// terms and outside half term (any weekday when it lists no terms), not a
/// day of a calendar event of category "Holiday" (an INSET day), and, for a
/// school on UK time, not a bank holiday of England and Wales
/// (``BankHolidays``: schools close on them, and few calendars list them).
public struct AbsenceCalendar: Sendable, Equatable {
    public var school: SchoolDetails
    /// Days of "Holiday" events, with the event's title.
    public var holidays: [CivilDate: String]

    public init(school: SchoolDetails, holidays: [CivilDate: String] = [:]) {
        self.school = school
        self.holidays = holidays
    }

    /// Why the school is closed on `day` ("a Saturday", "half term",
    /// "INSET day"); nil on a school day.
    public func closed(_ day: CivilDate) -> String? {
        if day.isWeekend { return "a \(day.weekday == 6 ? "Saturday" : "Sunday")" }
        if let title = holidays[day] { return "a school holiday (\(title))" }
        if school.isSchoolDay(day) {
            // In term: a bank holiday closes the school all the same.
            if school.zone.identifier == "Europe/London", let name = BankHolidays.englandAndWales(day.year)[day] {
                return "a bank holiday (\(name))"
            }
            return nil
        }
        if school.terms.contains(where: { $0.contains(day) }) { return "in the half-term holiday" }
        return "in the school holidays"
    }

    public func isSchoolDay(_ day: CivilDate) -> Bool { closed(day) == nil }

    /// School days after `from` up to and including `to` (0 when `to` is not after `from`).
    public func schoolDays(after from: CivilDate, through to: CivilDate) -> Int {
        var n = 0
        var d = from.adding(days: 1)
        while d <= to {
            if isSchoolDay(d) { n += 1 }
            d = d.adding(days: 1)
        }
        return n
    }
}

extension ParentModel {
    /// The school's calendar for absence reports; nil for a school the
    /// model does not hold.
    public func absenceCalendar(school id: String) -> AbsenceCalendar? {
        guard let details = school(id) else { return nil }
        var holidays: [CivilDate: String] = [:]
        for events in state.schools[id]?.calendar.values.map({ $0 }) ?? [] {
            for e in events
            where e.isHoliday && e.start.days(until: e.lastDay) < 400 {
                var d = e.start
                while d <= e.lastDay {
                    holidays[d] = e.title
                    d = d.adding(days: 1)
                }
            }
        }
        return AbsenceCalendar(school: details, holidays: holidays)
    }
}
