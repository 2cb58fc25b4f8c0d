import Foundation
import SchoolStore

/// What an identity re-check (``IdentityRecheck``) found for a session:
/// each of its contact records and whether it still holds the details used
/// at login, the records the login lookup found that would join, and the
/// session's schools and records as they follow from that. Says nothing
/// of anyone's email or number, only of whether records hold them.
public struct IdentityCheck: Sendable, Equatable {
    /// How the session could be re-checked.
    public enum Mode: Sendable, Equatable {
        /// Email and mobile, then the login lookup.
        case full
        /// A session written before the re-check (no mobile digest): each
        /// record must still hold the email used at login (in proper form)
        /// and some number that passes the mobile rule; nothing joins.
        case emailOnly
        /// The session cannot be re-checked at all (no email digest, or the
        /// install key that made its digests is gone): it ends.
        case impossible(String)
    }

    /// One of the session's records, checked.
    public struct Record: Sendable, Equatable {
        public enum State: Sendable, Equatable {
            /// It still holds the email and the mobile used at login, by the login rules.
            case matches
            /// It does not, for these reasons: its children are withdrawn.
            case noLongerMatches([String])
            /// It could not be checked (its school's files are unreadable or
            /// invalid): it stays as it was until they can be read.
            case unknown(String)
        }

        public var school: String
        /// The school's name when it could be read (else its id).
        public var schoolName: String
        public var contact: String
        /// The contact's name as the MIS holds it (for doctor; never in sync output).
        public var contactName: String?
        public var state: State

        public init(school: String, schoolName: String, contact: String, contactName: String?, state: State) {
            self.school = school
            self.schoolName = schoolName
            self.contact = contact
            self.contactName = contactName
            self.state = state
        }

        public var matches: Bool { state == .matches }
    }

    /// A record the login lookup found that holds both details and is not in the session yet.
    public struct Joining: Sendable, Equatable {
        public var school: String
        public var schoolName: String
        public var contact: String
        public var contactName: String?

        public init(school: String, schoolName: String, contact: String, contactName: String?) {
            self.school = school
            self.schoolName = schoolName
            self.contact = contact
            self.contactName = contactName
        }
    }

    public var mode: Mode
    /// The session's records, in the session's order.
    public var records: [Record]
    /// Records that join the session, by school and contact id.
    public var joining: [Joining]
    /// The session's schools after the check: records that still match or
    /// could not be checked, then those that join. Empty: the session ends.
    public var schools: [SessionSchool]
    /// What could not be read (a school's files, the lookup at a school):
    /// while there is any, the check is done again at the next sync.
    public var problems: [StoreProblem]
    /// The earliest publication of a record the lookup found that does not
    /// exist for parents yet (it joins then, if it still holds both).
    public var next: Date?
    /// The session's schools (as they follow from the check) and the whole
    /// store as the check saw them (``IdentityRecheck/token(_:schools:)``).
    public var sessionStamp: String
    public var storeStamp: String
    /// Store records and files read, and login lookups made (at most one).
    public var reads = 0
    public var lookups = 0

    public init(
        mode: Mode, records: [Record], joining: [Joining], schools: [SessionSchool], problems: [StoreProblem],
        next: Date?,
        sessionStamp: String, storeStamp: String
    ) {
        self.mode = mode
        self.records = records
        self.joining = joining
        self.schools = schools
        self.problems = problems
        self.next = next
        self.sessionStamp = sessionStamp
        self.storeStamp = storeStamp
    }

    /// No record holds the parent's details any more (or the session cannot
    /// be re-checked): the session ends.
    public var sessionEnds: Bool { schools.isEmpty }

    /// The session stays exactly as it is.
    public var isUnchanged: Bool { joining.isEmpty && !records.contains(where: \.isDropped) && !sessionEnds }

    /// Nothing stopped the check anywhere: its result may be remembered.
    public var isComplete: Bool { problems.isEmpty }

    /// The check could not be made (the device's key replaced, a login
    /// from an earlier version): it says nothing about the schools' details.
    public var isImpossible: Bool {
        if case .impossible = mode { return true }
        return false
    }

    /// The message a parent reads when the session ends.
    public var endMessage: String? {
        guard sessionEnds else { return nil }
        if case .impossible(let why) = mode { return why }
        return ParentAccount.detailsChangedText
    }
}

extension IdentityCheck.Record {
    /// The record no longer matches: it leaves the session.
    public var isDropped: Bool {
        if case .noLongerMatches = state { return true }
        return false
    }

    /// Why not, when it no longer matches or could not be checked.
    public var reasons: [String] {
        switch state {
        case .matches: return []
        case .noLongerMatches(let why): return why
        case .unknown(let problem): return [problem]
        }
    }
}
