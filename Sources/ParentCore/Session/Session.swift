import Foundation
import SchoolStore

/// A logged-in parent, as saved in `session.json` (mode 0600). It holds no
/// email, phone number or PIN: only a keyed digest of the email, the matched
/// schools and contact records, the children, and the PIN's yescrypt hash.
///
/// Format version 2 keeps `emailDigest` as HMAC-SHA-256 under the
/// ``InstallKey`` (domain `email`). A version 1 session (an earlier build:
/// an unsalted SHA-256) is still read; its digest is dropped, and the
/// session is saved as version 2 without one at its next write.
public struct Session: Sendable, Equatable {
    public static let version = 2

    public var id: String
    public var createdAt: Date
    /// The last unlock (or login, or PIN set), on the account's security
    /// clock: the 30-day rule counts from here.
    public var lastUnlockedAt: Date
    /// HMAC-SHA-256 hex of the normalised email under the install key; nil
    /// for a session an earlier build wrote (its unsalted digest is dropped).
    public var emailDigest: String?
    public var schools: [SessionSchool]
    public var children: [ChildRef]
    public var pinHash: String?
    /// Consecutive wrong PINs, counted before each check.
    public var pinFailures: Int

    public init(id: String, createdAt: Date, lastUnlockedAt: Date, emailDigest: String?, schools: [SessionSchool],
                children: [ChildRef], pinHash: String? = nil, pinFailures: Int = 0) {
        self.id = id
        self.createdAt = createdAt
        self.lastUnlockedAt = lastUnlockedAt
        self.emailDigest = emailDigest
        self.schools = schools
        self.children = children
        self.pinHash = pinHash
        self.pinFailures = pinFailures
    }

    public var json: JSONValue {
        var o = JSONObjectBuilder()
        o.set("version", Session.version)
        o.set("id", id)
        o.set("createdAt", Timestamp.format(createdAt))
        o.set("lastUnlockedAt", Timestamp.format(lastUnlockedAt))
        o.setIfPresent("emailDigest", emailDigest)
        o.set("schools", .array(schools.map { s in
            var x = JSONObjectBuilder()
            x.set("school", s.school)
            x.set("contacts", s.contacts)
            x.set("registration", s.registration)
            return x.value
        }))
        o.set("children", .array(children.map { c in
            var x = JSONObjectBuilder()
            x.set("school", c.school)
            x.set("student", c.student)
            return x.value
        }))
        if let pinHash { o.set("pinHash", pinHash) }
        o.set("pinFailures", pinFailures)
        return o.value
    }

    /// Decodes a saved session; nil when the file is not a session this
    /// build can read (damaged: the app then asks for a full login). The
    /// failed-PIN count must be there and in range: a counter that cannot be
    /// read never counts as zero.
    public static func decode(_ bytes: [UInt8]) -> Session? {
        guard let value = try? JSONParser.parse(bytes) else { return nil }
        let problems = ProblemList()
        guard let r = FieldReader(value, file: "session.json", record: nil, problems: problems),
              let version = r.int("version", range: 1...Session.version), let id = r.string("id"), let created = r.timestamp("createdAt"),
              let unlocked = r.timestamp("lastUnlockedAt"),
              let schoolReaders = r.objects("schools", required: true), let childReaders = r.objects("children", required: true)
        else { return nil }
        // Version 1 kept an unsalted SHA-256 of the email: dropped (and a
        // version 2 saved from it has none).
        let digest = r.string("emailDigest", required: false)
        var schools: [SessionSchool] = []
        for s in schoolReaders {
            guard let school = s.string("school"), let contacts = s.stringArray("contacts", required: true),
                  let registration = s.string("registration") else { return nil }
            schools.append(SessionSchool(school: school, contacts: contacts, registration: registration))
        }
        var children: [ChildRef] = []
        for c in childReaders {
            guard let school = c.string("school"), let student = c.string("student") else { return nil }
            children.append(ChildRef(school: school, student: student))
        }
        let pinHash = r.string("pinHash", required: false)
        guard let failures = r.int("pinFailures", range: 0...Session.maximumPinFailures), problems.isEmpty else { return nil }
        return Session(id: id, createdAt: created, lastUnlockedAt: unlocked, emailDigest: version >= 2 ? digest : nil, schools: schools,
                       children: children, pinHash: pinHash, pinFailures: failures)
    }

    /// The format version of a saved session (0 when it has none).
    static func version(of bytes: [UInt8]) -> Int {
        guard case let .object(members)? = try? JSONParser.parse(bytes),
              case let .number(n)? = members.first(where: { $0.0 == "version" })?.1 else { return 0 }
        return Int(exactly: n) ?? 0
    }

    /// The largest failed-PIN count a session file may hold; beyond it the
    /// file is damaged (the session ends: a full login).
    static let maximumPinFailures = 1000
}
