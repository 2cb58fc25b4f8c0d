import SchoolStore

extension AcademicYear {
    /// A date as a list shows it: "13 Mar" within this academic year,
    /// "13 Mar 2025" outside it, so an older (or later) entry never passes
    /// for this year's.
    public func dateText(_ date: CivilDate) -> String {
        contains(date) ? date.shortText : "\(date.shortText) \(date.year)"
    }
}
