import SchoolStore

/// One assessment result with the academic year it belongs to (the year of
/// the school's file it was published in), so a screen can say which year
/// a result is from. The result's own fields read through it
/// (`entry.subject`, `entry.grade`).
@dynamicMemberLookup
public struct AssessmentEntry: Sendable, Equatable {
    /// The academic year the result belongs to.
    public var academicYear: AcademicYear
    /// The child's year group in that academic year, when the school's
    /// records say (Year 8 for last year's results of a Year 9 pupil).
    public var yearGroup: Int?
    public var result: AssessmentResult

    public init(academicYear: AcademicYear, yearGroup: Int?, result: AssessmentResult) {
        self.academicYear = academicYear
        self.yearGroup = yearGroup
        self.result = result
    }

    public subscript<T>(dynamicMember keyPath: KeyPath<AssessmentResult, T>) -> T { result[keyPath: keyPath] }
}
