import SchoolStore

/// A school's weeks for placing timetable lessons on dates: which days are
/// school days by its terms, and which week of a two-week (or longer)
/// timetable a date falls in.
struct SchoolWeeks {
    let school: School
    /// Week label index by the Monday of a week (memoised).
    private var positions: [CivilDate: Int] = [:]

    init(school: School) { self.school = school }

    /// The terms of the academic year of `day`, in order.
    func terms(of year: AcademicYear) -> [Term] {
        school.terms.filter { year.contains($0.start) }.sorted { $0.start < $1.start }
    }

    /// A weekday in a term and outside its half term; any weekday when the
    /// school lists no terms for that academic year.
    func isSchoolDay(_ day: CivilDate) -> Bool {
        guard !day.isWeekend else { return false }
        let terms = terms(of: AcademicYear(containing: day))
        return terms.isEmpty || terms.contains { $0.isSchoolDay(day) }
    }

    /// The name of the bank holiday of England and Wales on `day`, for a
    /// school on UK time: schools close on them, and few calendars list
    /// them (as the absence form's ``AbsenceCalendar``); lessons were
    /// exported, and promised in the digest, on Early May bank holiday.
    func bankHoliday(_ day: CivilDate) -> String? {
        guard school.zone.identifier == "Europe/London" else { return nil }
        return BankHolidays.englandAndWales(day.year)[day]
    }

    /// The label of the timetable week `day` is in: nil when the lessons
    /// carry none, the only one when there is one; otherwise the labels in
    /// alphabetical order take turns, the first in the week of the academic
    /// year's first term start (of 1 September with no terms), moving on one
    /// label each week with a school day.
    mutating func label(of day: CivilDate, labels: Set<String>) -> String? {
        let sorted = labels.sorted()
        guard sorted.count > 1 else { return sorted.first }
        return sorted[weekIndex(of: day) % sorted.count]
    }

    /// How many weeks with a school day come before `day`'s week in its academic year.
    mutating func weekIndex(of day: CivilDate) -> Int {
        let monday = day.startOfWeek
        if let known = positions[monday] { return known }
        let year = AcademicYear(containing: day)
        let start = (terms(of: year).first?.start ?? year.firstDay).startOfWeek
        var index = 0
        var week = start
        while week < monday {
            if (0..<5).contains(where: { isSchoolDay(week.adding(days: $0)) }) { index += 1 }
            week = week.adding(days: 7)
        }
        positions[monday] = index
        return index
    }
}
