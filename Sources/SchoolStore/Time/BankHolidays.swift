/// The bank holidays of England and Wales, when schools there are closed,
/// computed for any year: New Year's Day, Good Friday, Easter Monday, the
/// early May and spring bank holidays (the first and last Mondays of May),
/// the summer bank holiday (the last Monday of August), Christmas Day and
/// Boxing Day, each moved to the next weekday when it falls at a weekend,
/// as GOV.UK lists them. One-off days (a coronation) are not known: a
/// school lists those as "Holiday" events in its calendar.
public enum BankHolidays {
    /// The days of `year`, with their names.
    public static func englandAndWales(_ year: Int) -> [CivilDate: String] {
        var out: [CivilDate: String] = [:]
        func day(_ month: Int, _ d: Int) -> CivilDate { CivilDate(year: year, month: month, day: d)! }
        // Weekday 1 is Monday (CivilDate's numbering).
        func firstMonday(_ month: Int) -> CivilDate {
            var d = day(month, 1)
            while d.weekday != 1 { d = d.adding(days: 1) }
            return d
        }
        func lastMonday(_ month: Int) -> CivilDate {
            var d = day(month, month == 5 || month == 8 ? 31 : 30)
            while d.weekday != 1 { d = d.adding(days: -1) }
            return d
        }
        var newYear = day(1, 1)
        while newYear.isWeekend { newYear = newYear.adding(days: 1) }
        out[newYear] = "New Year's Day"
        let easter = easterSunday(year)
        out[easter.adding(days: -2)] = "Good Friday"
        out[easter.adding(days: 1)] = "Easter Monday"
        out[firstMonday(5)] = "Early May bank holiday"
        out[lastMonday(5)] = "Spring bank holiday"
        out[lastMonday(8)] = "Summer bank holiday"
        // Christmas and Boxing Day: a weekend day moves to the next weekday
        // the other does not take.
        var christmas = day(12, 25)
        while christmas.isWeekend { christmas = christmas.adding(days: 1) }
        var boxing = day(12, 26)
        while boxing.isWeekend || boxing == christmas { boxing = boxing.adding(days: 1) }
        out[christmas] = "Christmas Day"
        out[boxing] = "Boxing Day"
        return out
    }

    /// Easter Sunday in the Gregorian calendar (the anonymous algorithm).
    static func easterSunday(_ year: Int) -> CivilDate {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return CivilDate(year: year, month: month, day: day)!
    }
}
