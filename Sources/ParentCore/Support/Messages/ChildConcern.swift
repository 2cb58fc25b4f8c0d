import SchoolStore

/// One of the parent's children at a message's school (a student linked to
/// a record holding the parent's email or number) and whether the message
/// concerns them, with every reason it does not.
public struct ChildConcern: Sendable, Equatable {
    public var child: ChildRef
    /// "Ben Abbot (9A)", or the id when the student record is missing.
    public var name: String
    /// "Year 9, group 9A" in the message's academic year; nil when not enrolled then.
    public var enrolment: String?
    /// Why the parent does not see this child at all (no parental
    /// responsibility, correspondence not allowed, a leaver past the
    /// school's persistence, a record that does not identify the parent...);
    /// empty when they see the child.
    public var notShown: [String]
    /// Why the message's audience does not take in this child.
    public var exclusions: [MessageRecipients.Exclusion]
    /// Facts that do not stop the message but explain it (a duplicate record).
    public var notes: [String]
    /// The message is in this parent's timeline for this child at the time asked.
    public var concerned: Bool

    public init(
        child: ChildRef, name: String, enrolment: String?, notShown: [String],
        exclusions: [MessageRecipients.Exclusion],
        notes: [String], concerned: Bool
    ) {
        self.child = child
        self.name = name
        self.enrolment = enrolment
        self.notShown = notShown
        self.exclusions = exclusions
        self.notes = notes
        self.concerned = concerned
    }

    /// The audience takes the child in (whatever else stops the message).
    public var inAudience: Bool { exclusions.isEmpty }
}
