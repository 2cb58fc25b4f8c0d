/// A contact's link to a student: the relationship and the flags that
/// decide whether the contact may see the student.
public struct StudentLink: Sendable, Equatable {
    public var student: String
    public var relationship: String
    /// 1 = first contact.
    public var priority: Int
    public var parentalResponsibility: Bool
    /// Whether correspondence with this contact about this student is allowed.
    public var correspondence: Bool

    public init(
        student: String, relationship: String, priority: Int, parentalResponsibility: Bool, correspondence: Bool
    ) {
        self.student = student
        self.relationship = relationship
        self.priority = priority
        self.parentalResponsibility = parentalResponsibility
        self.correspondence = correspondence
    }

    static func decode(_ r: FieldReader) -> StudentLink? {
        r.rejectUnknownFields(["student", "relationship", "priority", "parentalResponsibility", "correspondence"])
        let student = r.string("student")
        let relationship = r.string("relationship")
        let priority = r.int("priority", range: 1...99)
        guard r.raw("parentalResponsibility") != nil else {
            r.report("parentalResponsibility", "missing")
            return nil
        }
        guard r.raw("correspondence") != nil else {
            r.report("correspondence", "missing")
            return nil
        }
        let pr = r.bool("parentalResponsibility", default: false)
        let corr = r.bool("correspondence", default: false)
        guard let student, let relationship, let priority else { return nil }
        return StudentLink(
            student: student, relationship: relationship, priority: priority, parentalResponsibility: pr,
            correspondence: corr)
    }

    var json: JSONValue {
        var o = JSONObjectBuilder()
        o.set("student", student)
        o.set("relationship", relationship)
        o.set("priority", priority)
        o.set("parentalResponsibility", parentalResponsibility)
        o.set("correspondence", correspondence)
        return o.value
    }
}
