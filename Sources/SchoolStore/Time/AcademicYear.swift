/// An English school year, 1 September to 31 August, written `2025-26`.
public struct AcademicYear: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The calendar year in which it starts (2025 for 2025-26).
    public let startYear: Int

    public init(startYear: Int) { self.startYear = startYear }

    /// The academic year a date falls in.
    public init(containing date: CivilDate) {
        startYear = date.month >= 9 ? date.year : date.year - 1
    }

    /// Parses `2025-26`; the second part must be the following year.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
            let start = Int(parts[0]), let end = Int(parts[1]),
            (start + 1) % 100 == end
        else { return nil }
        startYear = start
    }

    public var firstDay: CivilDate { CivilDate(year: startYear, month: 9, day: 1)! }
    public var lastDay: CivilDate { CivilDate(year: startYear + 1, month: 8, day: 31)! }
    public func contains(_ date: CivilDate) -> Bool { date >= firstDay && date <= lastDay }
    public var previous: AcademicYear { AcademicYear(startYear: startYear - 1) }
    public var next: AcademicYear { AcademicYear(startYear: startYear + 1) }

    public var description: String {
        "\(startYear)-\(CivilDate.pad((startYear + 1) % 100, 2))"
    }

    public static func < (a: AcademicYear, b: AcademicYear) -> Bool { a.startYear < b.startYear }
}
