import SchoolStore

/// Everything a login with one email and mobile finds, across every school.
public struct IdentityMatch: Sendable, Equatable {
    /// Every contact record holding the email or the number, checked.
    public var assessments: [ContactAssessment]
    public var duplicates: [DuplicateContacts]
    /// The problems of schools a login's lookup could not read (a broken
    /// `contacts.json` or `students.json`), when it went on past them
    /// (``IdentityMatcher/match(email:mobile:at:unreadable:skippingBrokenSchools:)``):
    /// their records are not in `assessments`.
    public var skipped: [StoreProblem] = []

    /// The ids of the schools in `skipped`, in order.
    public var skippedSchools: [String] {
        var out: [String] = []
        for p in skipped {
            let parts = p.file.split(separator: "/")
            guard parts.count > 1, parts[0] == Substring(StoreLayout.schoolsDirectory) else { continue }
            let id = String(parts[1])
            if !out.contains(id) { out.append(id) }
        }
        return out
    }

    public init(assessments: [ContactAssessment], duplicates: [DuplicateContacts]) {
        self.assessments = assessments
        self.duplicates = duplicates
    }

    /// The records that identify the parent.
    public var qualifying: [ContactAssessment] { assessments.filter(\.qualifies) }

    /// The children the parent sees: each once, however many records link them.
    public var children: [ChildRef] {
        var seen = Set<ChildRef>()
        var out: [ChildRef] = []
        for a in qualifying { for c in a.visibleChildren where seen.insert(c.child).inserted { out.append(c.child) } }
        return out
    }

    /// The schools with a qualifying record, and those records' ids.
    public var contactsBySchool: [(school: String, contacts: [String])] {
        var order: [String] = []
        var map: [String: [String]] = [:]
        for a in qualifying {
            if map[a.school] == nil { order.append(a.school) }
            map[a.school, default: []].append(a.contactID)
        }
        return order.map { ($0, map[$0]!) }
    }

    /// The mobile numbers the schools hold for the parent (for the last-4 check).
    public var heldMobiles: [PhoneNumber] { qualifying.compactMap(\.heldMobile) }

    /// At least one record identifies the parent.
    public var identified: Bool { !qualifying.isEmpty }

    /// The parent could log in and see something.
    public var canLogIn: Bool { !children.isEmpty }

    public static func == (a: IdentityMatch, b: IdentityMatch) -> Bool {
        a.assessments == b.assessments && a.duplicates == b.duplicates
    }
}
