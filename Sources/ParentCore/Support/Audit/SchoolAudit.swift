import SchoolStore

/// The audit of one school: how many contacts with parental responsibility
/// it holds, how many can log in, and every finding, by cause.
public struct SchoolAudit: Sendable, Equatable {
    public var school: String
    public var name: String
    /// Contacts with parental responsibility for at least one student.
    public var contacts: Int
    /// Those of them who can log in and see a child.
    public var canLogIn: Int
    /// Findings in cause order, then contact order.
    public var findings: [AuditFinding]

    public init(school: String, name: String, contacts: Int, canLogIn: Int, findings: [AuditFinding]) {
        self.school = school
        self.name = name
        self.contacts = contacts
        self.canLogIn = canLogIn
        self.findings = findings
    }

    public var cannotLogIn: Int { contacts - canLogIn }

    /// How many contacts fall under a cause.
    public func count(_ cause: AuditCause) -> Int { findings.filter { $0.cause == cause }.count }

    /// The findings under a cause.
    public func findings(_ cause: AuditCause) -> [AuditFinding] { findings.filter { $0.cause == cause } }
}
