/// A school message as the app names it: its school and its id (ids are
/// unique within a school).
public struct MessageRef: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var school: String
    public var id: String

    public init(school: String, id: String) {
        self.school = school
        self.id = id
    }

    public var description: String { "\(school)/\(id)" }

    /// The read-state key.
    var key: String { ReadPart.key(school: school, message: id) }

    public static func < (a: MessageRef, b: MessageRef) -> Bool { (a.school, a.id) < (b.school, b.id) }
}
