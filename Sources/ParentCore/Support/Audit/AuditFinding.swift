/// One contact under one cause: the record, the offending value exactly as
/// the MIS holds it, and why.
public struct AuditFinding: Sendable, Equatable {
    public var contactID: String
    public var contactName: String
    public var cause: AuditCause
    /// The offending value as the MIS holds it ("07400 500001 (mum)",
    /// "agnieszka.nowak@example"); several are joined with "; "; empty when
    /// there is none (no email at all).
    public var value: String
    /// Why, in the seeds' terms.
    public var detail: String
    /// Whether the contact can log in and see a child despite this (a
    /// duplicate record, correspondence refused for only some children).
    public var canLogIn: Bool

    public init(
        contactID: String, contactName: String, cause: AuditCause, value: String, detail: String, canLogIn: Bool
    ) {
        self.contactID = contactID
        self.contactName = contactName
        self.cause = cause
        self.value = value
        self.detail = detail
        self.canLogIn = canLogIn
    }
}
