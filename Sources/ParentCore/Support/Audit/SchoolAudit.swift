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
    /// Those who can log in (id and name), in the MIS's order: the data
    /// manager's check lists them too, not only their number.
    public var loggingIn: [LoggingIn]

    /// A contact who can log in and see a child.
    public struct LoggingIn: Sendable, Equatable {
        public var contactID: String
        public var contactName: String

        public init(contactID: String, contactName: String) {
            self.contactID = contactID
            self.contactName = contactName
        }
    }

    public init(
        school: String, name: String, contacts: Int, canLogIn: Int, findings: [AuditFinding],
        loggingIn: [LoggingIn] = []
    ) {
        self.school = school
        self.name = name
        self.contacts = contacts
        self.canLogIn = canLogIn
        self.findings = findings
        self.loggingIn = loggingIn
    }

    public var cannotLogIn: Int { contacts - canLogIn }

    /// How many contacts fall under a cause.
    public func count(_ cause: AuditCause) -> Int { findings.filter { $0.cause == cause }.count }

    /// The findings under a cause.
    public func findings(_ cause: AuditCause) -> [AuditFinding] { findings.filter { $0.cause == cause } }
}
