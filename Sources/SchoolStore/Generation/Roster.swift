/// The people of one school: students and their contacts, before any of
/// their school-life data is generated. The demo builder adds hand-made
/// families to a generated roster.
public struct Roster: Sendable {
    public var school: School
    /// The years the school teaches (0 = Reception).
    public var yearGroups: [Int]
    public var students: [Student]
    public var contacts: [Contact]

    public init(school: School, yearGroups: [Int], students: [Student], contacts: [Contact]) {
        self.school = school
        self.yearGroups = yearGroups
        self.students = students
        self.contacts = contacts
    }

    /// "R" for Reception, else the year number.
    public static func yearLabel(_ year: Int) -> String { year == 0 ? "R" : "\(year)" }
}
