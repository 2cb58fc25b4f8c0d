import SchoolStore

/// One contact record that holds the parent's email or number, checked
/// against every rule: what a login (and `xpressions doctor`) makes of it.
public struct ContactAssessment: Sendable, Equatable {
    public var school: String
    public var schoolName: String
    public var serviceLevel: ServiceLevel
    public var contactID: String
    public var contactName: String
    public var checks: [RuleCheck]
    public var children: [ChildAssessment]
    /// The number the school holds that matched (for the last-4 check).
    public var heldMobile: PhoneNumber?
    /// The record's email addresses exactly as the MIS holds them.
    public var heldEmails: [String]
    /// The record's phone numbers exactly as the MIS holds them, with their types.
    public var heldPhones: [ContactPhone]

    public init(
        school: String, schoolName: String, serviceLevel: ServiceLevel, contactID: String, contactName: String,
        checks: [RuleCheck], children: [ChildAssessment], heldMobile: PhoneNumber?,
        heldEmails: [String] = [], heldPhones: [ContactPhone] = []
    ) {
        self.school = school
        self.schoolName = schoolName
        self.serviceLevel = serviceLevel
        self.contactID = contactID
        self.contactName = contactName
        self.checks = checks
        self.children = children
        self.heldMobile = heldMobile
        self.heldEmails = heldEmails
        self.heldPhones = heldPhones
    }

    /// The record identifies the parent: every rule passed.
    public var qualifies: Bool { checks.allSatisfy(\.passed) }

    public var failedChecks: [RuleCheck] { checks.filter { !$0.passed } }

    public var visibleChildren: [ChildAssessment] { qualifies ? children.filter(\.visible) : [] }
}
