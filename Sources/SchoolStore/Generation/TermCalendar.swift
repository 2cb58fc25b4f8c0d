/// English term dates for an academic year, computed the way most local
/// authorities set them: three terms, each with a one-week half term, and
/// all terms starting and ending on weekdays.
public enum TermCalendar {
    public static func terms(for year: AcademicYear) -> [Term] {
        let y = year.startYear
        func weekdayOnOrAfter(_ d: CivilDate) -> CivilDate {
            var d = d
            while d.isWeekend { d = d.adding(days: 1) }
            return d
        }
        func fridayOnOrBefore(_ d: CivilDate) -> CivilDate {
            var d = d
            while d.weekday != 5 { d = d.adding(days: -1) }
            return d
        }
        func halfTermWeek(containing d: CivilDate) -> (CivilDate, CivilDate) {
            let monday = d.startOfWeek
            return (monday, monday.adding(days: 4))
        }
        let autumnHalf = halfTermWeek(containing: CivilDate(year: y, month: 10, day: 27)!)
        let springHalf = halfTermWeek(containing: CivilDate(year: y + 1, month: 2, day: 16)!)
        let summerHalf = halfTermWeek(containing: CivilDate(year: y + 1, month: 5, day: 27)!)
        return [
            Term(
                name: "Autumn \(y)", start: weekdayOnOrAfter(CivilDate(year: y, month: 9, day: 3)!),
                end: fridayOnOrBefore(CivilDate(year: y, month: 12, day: 19)!), halfTermStart: autumnHalf.0,
                halfTermEnd: autumnHalf.1),
            Term(
                name: "Spring \(y + 1)", start: weekdayOnOrAfter(CivilDate(year: y + 1, month: 1, day: 5)!),
                end: fridayOnOrBefore(CivilDate(year: y + 1, month: 3, day: 27)!), halfTermStart: springHalf.0,
                halfTermEnd: springHalf.1),
            Term(
                name: "Summer \(y + 1)", start: weekdayOnOrAfter(CivilDate(year: y + 1, month: 4, day: 13)!),
                end: weekdayOnOrAfter(CivilDate(year: y + 1, month: 7, day: 21)!).adding(days: 0),
                halfTermStart: summerHalf.0, halfTermEnd: summerHalf.1),
        ]
    }

    /// School days of the terms, from `from` up to and including `through`.
    public static func schoolDays(_ terms: [Term], from: CivilDate, through: CivilDate) -> [CivilDate] {
        var days: [CivilDate] = []
        for term in terms {
            var d = max(term.start, from)
            let last = min(term.end, through)
            while d <= last {
                if term.isSchoolDay(d) { days.append(d) }
                d = d.adding(days: 1)
            }
        }
        return days
    }
}
