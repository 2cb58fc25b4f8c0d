import Foundation
import SchoolStore

/// A logged-in parent, as saved in `session.json` (mode 0600). It holds no
/// email, phone number or PIN: only keyed digests of the email and mobile
/// used at login, the matched schools and contact records, the children,
/// and the PIN's yescrypt hash.
///
/// Format version 2 keeps `emailDigest` as HMAC-SHA-256 under the
/// ``InstallKey`` (domain `email`) and `mobileDigest` likewise (domain
/// `mobile`, of the E.164 digits), which every sync uses to re-check that
/// the session's contact records still hold them (``IdentityRecheck``). A
/// version 1 session (an earlier build: an unsalted SHA-256) is still read;
/// its digest is dropped, and the session is saved as version 2 without
/// one at its next write. A session without `mobileDigest` (written before
/// the re-check) re-checks by email only; one without `emailDigest` cannot
/// be re-checked and ends at its next sync.
public struct Session: Sendable, Equatable {
    public static let version = 2
    /// A session file is a few KB; one over this is damage, not read.
    public static let maximumFileSize: Int64 = 1024 * 1024

    public var id: String
    public var createdAt: Date
    /// The last unlock (or login, or PIN set), on the account's security
    /// clock: the 30-day rule counts from here.
    public var lastUnlockedAt: Date
    /// HMAC-SHA-256 hex of the normalised email under the install key; nil
    /// for a session an earlier build wrote (its unsalted digest is dropped).
    public var emailDigest: String?
    /// The install key's ``InstallKey/check`` at login (nil in sessions made
    /// before it was kept): a different key means the digests cannot be checked.
    public var keyCheck: String?
    /// HMAC-SHA-256 hex of the login mobile's E.164 digits under the install
    /// key; nil for a session written before the identity re-check.
    public var mobileDigest: String?
    /// The login mobile as a school of another country reads it, where that
    /// differs (`07700 100001` typed nationally is +33 7700 100001 to a
    /// French school): country code → keyed digest, for the re-check of
    /// that country's records (`mobileDigestsByCountry` in the file).
    public var otherMobileDigests: [Int: String] = [:]
    /// Schools the login could not look in (their contacts or students
    /// file could not be read): not the parent's yet, but what the device
    /// had of them (a model taken up after a damaged session) is kept, with
    /// their trouble said, until a sync can read them: their records then
    /// join, or, none holding the parent's details, they go.
    public var unchecked: [String] = []
    public var schools: [SessionSchool]

    /// The keyed digest of the login mobile as a school with `countryCode`
    /// reads it, as the login matched it there.
    public func mobileDigest(countryCode: Int) -> String? { otherMobileDigests[countryCode] ?? mobileDigest }

    /// The login's details, as its outbox items keep them
    /// (``OutboxItem/writer``): both keyed digests, `"<email>."` for a
    /// session an earlier build wrote without the mobile's (its items are
    /// then offered only to a login with the same email), nil without
    /// either.
    public var writer: String? {
        guard let emailDigest else { return nil }
        return "\(emailDigest).\(mobileDigest ?? "")"
    }

    /// The contact records the login matched, as a model left without its
    /// keyed ``writer`` names them (`records:<school>/<contact>,…`): the
    /// device's key was replaced, so the digests of the next login by the
    /// same parent cannot be compared, but the records it matches can
    /// (``LocalModel/relabel(dataDirectory:writer:files:)``). The same
    /// records hold the same children: nothing of anyone else's.
    public var recordsWriter: String {
        "records:" + schools.flatMap { s in s.contacts.map { "\(s.school)/\($0)" } }.sorted().joined(separator: ",")
    }
    public var children: [ChildRef]
    public var pinHash: String?
    /// Consecutive wrong PINs, counted before each check.
    public var pinFailures: Int
    /// The store as the last identity re-check saw it (nil: never re-checked).
    var identityCheck: IdentityCheckpoint?

    public init(
        id: String, createdAt: Date, lastUnlockedAt: Date, emailDigest: String?, mobileDigest: String? = nil,
        schools: [SessionSchool], children: [ChildRef], pinHash: String? = nil, pinFailures: Int = 0
    ) {
        self.id = id
        self.createdAt = createdAt
        self.lastUnlockedAt = lastUnlockedAt
        self.emailDigest = emailDigest
        self.mobileDigest = mobileDigest
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
        o.setIfPresent("mobileDigest", mobileDigest)
        o.setIfPresent("keyCheck", keyCheck)
        if !unchecked.isEmpty { o.set("unchecked", .array(unchecked.map(JSONValue.string))) }
        if !otherMobileDigests.isEmpty {
            o.set(
                "mobileDigestsByCountry",
                .array(
                    otherMobileDigests.sorted { $0.key < $1.key }.map { code, digest in
                        var x = JSONObjectBuilder()
                        x.set("countryCode", code)
                        x.set("digest", digest)
                        return x.value
                    }))
        }
        o.set(
            "schools",
            .array(
                schools.map { s in
                    var x = JSONObjectBuilder()
                    x.set("school", s.school)
                    x.set("contacts", s.contacts)
                    x.set("registration", s.registration)
                    return x.value
                }))
        o.set(
            "children",
            .array(
                children.map { c in
                    var x = JSONObjectBuilder()
                    x.set("school", c.school)
                    x.set("student", c.student)
                    return x.value
                }))
        if let pinHash { o.set("pinHash", pinHash) }
        o.set("pinFailures", pinFailures)
        if let identityCheck { o.set("identityCheck", identityCheck.json) }
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
            let version = r.int("version", range: 1...Session.version), let id = r.string("id"),
            let created = r.timestamp("createdAt"),
            let unlocked = r.timestamp("lastUnlockedAt"),
            let schoolReaders = r.objects("schools", required: true),
            let childReaders = r.objects("children", required: true)
        else { return nil }
        // Version 1 kept an unsalted SHA-256 of the email: dropped (and a
        // version 2 saved from it has none).
        let digest = r.string("emailDigest", required: false)
        let mobileDigest = r.string("mobileDigest", required: false)
        // Every id here goes into a store path (a school's folder, a
        // registration's file): one that breaks the store's id rule
        // ("../../etc") makes the file damaged, never a path to follow.
        let valid = MessageScope.isValidIdentifier
        guard valid(id) else { return nil }
        var schools: [SessionSchool] = []
        for s in schoolReaders {
            guard let school = s.string("school"), let contacts = s.stringArray("contacts", required: true),
                let registration = s.string("registration"), valid(school), valid(registration),
                contacts.allSatisfy(valid)
            else { return nil }
            schools.append(SessionSchool(school: school, contacts: contacts, registration: registration))
        }
        var children: [ChildRef] = []
        for c in childReaders {
            guard let school = c.string("school"), let student = c.string("student"), valid(school), valid(student)
            else { return nil }
            children.append(ChildRef(school: school, student: student))
        }
        var byCountry: [Int: String] = [:]
        for c in r.objects("mobileDigestsByCountry") ?? [] {
            guard let code = c.int("countryCode", range: 1...999), let digest = c.string("digest") else { return nil }
            byCountry[code] = digest
        }
        // Every session has a school (a login matches one at least; a
        // re-check that leaves none ends the session): one without is
        // damaged, set aside with the model kept (it was taken for the
        // school's records having changed, and the model deleted).
        let pinHash = r.string("pinHash", required: false)
        if let pinHash, !PinHasher.isWellFormed(pinHash) { return nil }
        guard !schools.isEmpty else { return nil }
        var checkpoint: IdentityCheckpoint? = nil
        if let c = r.object("identityCheck") {
            guard let decoded = IdentityCheckpoint.decode(c) else { return nil }
            checkpoint = decoded
        }
        guard let failures = r.int("pinFailures", range: 0...Session.maximumPinFailures), problems.isEmpty else {
            return nil
        }
        var session = Session(
            id: id, createdAt: created, lastUnlockedAt: unlocked, emailDigest: version >= 2 ? digest : nil,
            mobileDigest: version >= 2 ? mobileDigest : nil, schools: schools, children: children,
            pinHash: pinHash, pinFailures: failures)
        session.identityCheck = checkpoint
        session.keyCheck = r.string("keyCheck", required: false)
        session.unchecked = r.stringArray("unchecked", required: false) ?? []
        if version >= 2 { session.otherMobileDigests = byCountry }
        return session
    }

    /// The format version of a saved session (0 when it has none).
    static func version(of bytes: [UInt8]) -> Int {
        guard case .object(let members)? = try? JSONParser.parse(bytes),
            case .number(let n)? = members.first(where: { $0.0 == "version" })?.1
        else { return 0 }
        return Int(exactly: n) ?? 0
    }

    /// The largest failed-PIN count a session file may hold; beyond it the
    /// file is damaged (the session ends: a full login).
    static let maximumPinFailures = 1000
}
