import Foundation
import SchoolStore

/// A login whose details checked out but whose PIN is not set yet. It lives
/// only in memory: nothing of it is on disk, so a process that dies at
/// "Set a PIN" leaves no session and the next start is a full login.
/// ``ParentAccount/setPIN(_:confirmation:for:)`` turns it into a ``Session``.
///
/// It holds the login mobile (for the PIN rules, which refuse digits of it)
/// but never prints it: its description names only how many children and
/// schools it found.
public struct PendingLogin: Sendable, Equatable, CustomStringConvertible {
    /// The session and notification registration id the login will have.
    public let id: String
    /// When the details were checked.
    public let checkedAt: Date
    /// The keyed digest of the normalised email (as the session keeps it).
    public let emailDigest: String
    /// The keyed digest of the login mobile's E.164 digits (as the session
    /// keeps it, for the identity re-check at every sync).
    public let mobileDigest: String?
    /// The login mobile as schools of other countries read it
    /// (``Session/otherMobileDigests``).
    public var otherMobileDigests: [Int: String] = [:]
    /// The install key's ``InstallKey/check`` the digests were made with.
    public let keyCheck: String?
    /// Everything the login found.
    public let match: IdentityMatch
    /// The schools with a record that identifies the parent, and those records.
    public let schools: [SessionSchool]
    /// The children the parent will see.
    public let children: [ChildRef]
    /// The mobile number the school holds for the parent (the one whose
    /// last 4 digits were confirmed).
    public let mobile: PhoneNumber
    /// The names of the schools whose files could not be read when the
    /// details were checked (left out: a record there may hold the
    /// parent's details, and joins at a sync once it can be read).
    public var unchecked: [String] = []
    /// Their ids (``Session/unchecked``).
    public var uncheckedSchools: [String] = []

    public init(
        id: String, checkedAt: Date, emailDigest: String, mobileDigest: String? = nil, keyCheck: String? = nil,
        match: IdentityMatch, mobile: PhoneNumber
    ) {
        self.id = id
        self.checkedAt = checkedAt
        self.emailDigest = emailDigest
        self.mobileDigest = mobileDigest
        self.keyCheck = keyCheck
        self.match = match
        self.mobile = mobile
        schools = match.contactsBySchool.map {
            SessionSchool(school: $0.school, contacts: $0.contacts, registration: id)
        }
        children = match.children
    }

    /// The session this login becomes once the PIN is set.
    public func session(pinHash: String, at now: Date) -> Session {
        var session = Session(
            id: id, createdAt: now, lastUnlockedAt: now, emailDigest: emailDigest, mobileDigest: mobileDigest,
            schools: schools,
            children: children, pinHash: pinHash)
        session.keyCheck = keyCheck
        session.otherMobileDigests = otherMobileDigests
        session.unchecked = uncheckedSchools
        return session
    }

    public var description: String {
        "PendingLogin(\(children.count) children at \(schools.count) schools)"
    }
}
