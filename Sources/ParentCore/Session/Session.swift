import Foundation
import SchoolStore

/// A logged-in parent, as saved in `session.json` (mode 0600). It holds no
/// email, phone number or PIN: only a digest of the email, the matched
/// schools and contact records, the children, and the PIN's yescrypt hash.
public struct Session: Sendable, Equatable {
    public var id: String
    public var createdAt: Date
    public var lastUnlockedAt: Date
    public var emailDigest: String
    public var schools: [SessionSchool]
    public var children: [ChildRef]
    public var pinHash: String?
    /// Consecutive wrong PINs, counted before each check.
    public var pinFailures: Int

    public init(id: String, createdAt: Date, lastUnlockedAt: Date, emailDigest: String, schools: [SessionSchool],
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
        o.set("version", 1)
        o.set("id", id)
        o.set("createdAt", Timestamp.format(createdAt))
        o.set("lastUnlockedAt", Timestamp.format(lastUnlockedAt))
        o.set("emailDigest", emailDigest)
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
    /// build wrote (the app then asks for a full login).
    public static func decode(_ bytes: [UInt8]) -> Session? {
        guard let value = try? JSONParser.parse(bytes) else { return nil }
        let problems = ProblemList()
        guard let r = FieldReader(value, file: "session.json", record: nil, problems: problems),
              r.int("version") == 1, let id = r.string("id"), let created = r.timestamp("createdAt"),
              let unlocked = r.timestamp("lastUnlockedAt"), let digest = r.string("emailDigest"),
              let schoolReaders = r.objects("schools", required: true), let childReaders = r.objects("children", required: true)
        else { return nil }
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
        let failures = r.int("pinFailures", required: false, range: 0...1000) ?? 0
        guard problems.isEmpty else { return nil }
        return Session(id: id, createdAt: created, lastUnlockedAt: unlocked, emailDigest: digest, schools: schools,
                       children: children, pinHash: pinHash, pinFailures: failures)
    }
}
