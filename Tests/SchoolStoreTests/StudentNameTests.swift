import Testing

@testable import SchoolStore

/// A child's name with their registration group, as parents see it.
@Suite struct StudentNameTests {
    static let amy = Student(
        id: "GA-AMY", forename: "Amy", surname: "Abbot",
        enrolments: [Enrolment(academicYear: AcademicYear(startYear: 2025), year: 7, registrationGroup: "7B")])

    /// The group is that year's, or the last one (a leaver keeps it); in a
    /// year before she joined (an as-of view) none is shown: Amy was shown
    /// in 7B in 2024-25.
    @Test func theGroupIsTheYearsOrNone() {
        #expect(Self.amy.displayName(showingGroup: true, in: AcademicYear(startYear: 2025)) == "Amy Abbot (7B)")
        #expect(Self.amy.displayName(showingGroup: true, in: AcademicYear(startYear: 2024)) == "Amy Abbot")
        #expect(Self.amy.displayName(showingGroup: true, in: AcademicYear(startYear: 2026)) == "Amy Abbot (7B)")
        #expect(Self.amy.displayName(showingGroup: true, in: nil) == "Amy Abbot (7B)")
        #expect(Self.amy.displayName(showingGroup: false, in: AcademicYear(startYear: 2025)) == "Amy Abbot")
    }
}
