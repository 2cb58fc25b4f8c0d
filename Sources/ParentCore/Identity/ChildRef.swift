/// A child as the parent side refers to it: a student of a school.
public struct ChildRef: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var school: String
    public var student: String

    public init(school: String, student: String) {
        self.school = school
        self.student = student
    }

    public var description: String { "\(school)/\(student)" }

    public static func < (a: ChildRef, b: ChildRef) -> Bool { (a.school, a.student) < (b.school, b.student) }
}
