/// The arguments of `xpressions store generate`. The output depends on
/// these and nothing else (not the clock, not the machine, not thread
/// scheduling): same options, byte-identical store. Derived indexes are not
/// part of the output: `xpressions store index` (or first use) builds them.
public struct GeneratorOptions: Sendable, Equatable {
    public var schools: Int
    public var studentsPerSchool: Int
    /// Academic years of history, ending with the one containing `until`;
    /// 0 = people and school details only (for login-scale stores).
    public var years: Int
    public var seed: UInt64
    /// The last day with data; also the store's demo clock date.
    public var until: CivilDate
    /// Paint a photo for most students (a login-scale store can do without).
    public var photos: Bool

    public static let defaultUntil = CivilDate(year: 2026, month: 3, day: 18)!

    public init(
        schools: Int = 2, studentsPerSchool: Int = 200, years: Int = 1, seed: UInt64 = 1,
        until: CivilDate = GeneratorOptions.defaultUntil, photos: Bool = true
    ) {
        self.schools = schools
        self.studentsPerSchool = studentsPerSchool
        self.years = years
        self.seed = seed
        self.until = until
        self.photos = photos
    }

    /// The academic years with data, oldest first.
    public var academicYears: [AcademicYear] {
        let last = AcademicYear(containing: until)
        guard years > 0 else { return [] }
        return (0..<years).reversed().map { AcademicYear(startYear: last.startYear - $0) }
    }

    public var currentYear: AcademicYear { AcademicYear(containing: until) }
}
