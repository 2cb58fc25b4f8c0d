import SchoolStore

/// A school `store audit` could not audit: its `school.json`,
/// `contacts.json` or `students.json` cannot be read or is invalid. While
/// it is, the app logs in none of its parents to see its children (a
/// school's files are checked before they are used), so the report names
/// it with its problems rather than leaving it out.
public struct UnauditedSchool: Sendable, Equatable {
    public var school: String
    /// Its name, when `school.json` can be read.
    public var name: String?
    /// What is wrong, naming file, record and field.
    public var problems: [StoreProblem]

    public init(school: String, name: String?, problems: [StoreProblem]) {
        self.school = school
        self.name = name
        self.problems = problems
    }
}
