import Foundation

/// What a sync's identity re-check (``IdentityRecheck``) changed in the
/// session, for the app to say: schools removed (with the reason a parent
/// reads), schools added, contact records that went or joined, and the
/// session ended (with its message). Empty when the re-check changed
/// nothing or was not needed (the store unchanged since the last one).
public struct IdentityChanges: Sendable, Equatable {
    /// A school that left or joined the session.
    public struct SchoolChange: Sendable, Equatable {
        public var school: String
        public var schoolName: String
        /// For a school removed: "Green Abbey School no longer holds these details for you".
        public var reason: String?
        /// For a school removed: how many of its children the device showed.
        public var children: Int

        public init(school: String, schoolName: String, reason: String? = nil, children: Int = 0) {
            self.school = school
            self.schoolName = schoolName
            self.reason = reason
            self.children = children
        }
    }

    /// A contact record that left or joined the session (by id: never a
    /// name, an email or a number).
    public struct RecordChange: Sendable, Equatable {
        public var school: String
        public var schoolName: String
        public var contact: String
        /// Why it left (empty for one that joined).
        public var reasons: [String]

        public init(school: String, schoolName: String, contact: String, reasons: [String] = []) {
            self.school = school
            self.schoolName = schoolName
            self.contact = contact
            self.reasons = reasons
        }
    }

    /// Whether the re-check ran in this sync (false: the store was unchanged
    /// since the last one, so it was skipped: no lookup, nothing read).
    public var checked = false
    /// Login lookups made (at most one).
    public var lookups = 0
    public var schoolsRemoved: [SchoolChange] = []
    public var schoolsAdded: [SchoolChange] = []
    /// Records that went, including those of the schools removed.
    public var recordsRemoved: [RecordChange] = []
    public var recordsAdded: [RecordChange] = []
    /// Unsent messages held because the records they were written for went.
    public var messagesHeld = 0
    /// The session ended: no record holds the parent's details any more
    /// (or the session could not be re-checked). The message to show.
    public var sessionEnded: String?
    /// The re-check could not be made (the install key unreadable): who
    /// the parent is was not checked, so nothing is sent on anyone's
    /// behalf until it can be (the messages wait, queued).
    public var notChecked: String?

    public init() {}

    /// Nothing about the session changed.
    public var isEmpty: Bool {
        schoolsRemoved.isEmpty && schoolsAdded.isEmpty && recordsRemoved.isEmpty && recordsAdded.isEmpty
            && sessionEnded == nil
    }

    /// The reason a parent reads for a school that went.
    public static func removedText(_ schoolName: String) -> String {
        "\(schoolName) no longer holds these details for you"
    }
}
