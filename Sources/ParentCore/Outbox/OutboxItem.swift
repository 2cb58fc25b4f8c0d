import Foundation
import SchoolStore

/// Something the parent sends to a school, kept in `<data>/outbox/<key>.json`
/// from the moment it is queued until (and after) it is sent: a new message
/// on one of the school's topics, a reply to a school message, a read
/// receipt, or an absence report (an inbox record with an `absence`). The key is its idempotency key, chosen when it is created and
/// used for every delivery attempt, so the store files it exactly once.
public struct OutboxItem: Sendable, Equatable, Identifiable {
    /// An item holds a message of at most ``ComposeError/bodyLimit``
    /// characters and its details: a file over this is damage.
    public static let maximumFileSize: Int64 = 1024 * 1024

    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case message
        case reply
        case receipt
        case absence
    }

    /// What the parent sees of it.
    public enum State: Sendable, Equatable {
        /// Saved on this device, waiting to be sent (maybe retrying after
        /// `lastError`).
        case queued
        /// The school's inbox holds it.
        case sent(at: Date)
        /// It cannot be sent as it is (the school turned off messages from
        /// parents, the topic was withdrawn...): `reason` says so. The parent
        /// can retry it later or discard it.
        case failed(reason: String)

        public var label: String {
            switch self {
            case .queued: return "queued"
            case .sent: return "sent"
            case .failed: return "failed"
            }
        }
    }

    public var key: String
    public var kind: Kind
    public var school: String
    /// The parent's contact records at the school.
    public var contacts: [String]
    /// The children it is about.
    public var students: [String]
    /// The topic chosen (a message), or "Re: <subject>" (a reply).
    public var topic: String?
    public var body: String?
    /// The school message replied to (a reply) or read (a receipt).
    public var message: String?
    public var createdAt: Date
    public var state: State
    /// Delivery attempts that met a passing problem (the store unreachable).
    public var attempts: Int
    /// The last passing problem, while it stays queued.
    public var lastError: String?
    /// The login session that wrote it (nil: written by an earlier build).
    public var session: String?
    /// When its session ended with it unsent (not discarded by the parent):
    /// a held item is never sent and never shown, except to the same parent
    /// after a new login, who may send it or discard it.
    public var heldAt: Date?
    /// Why its session ended, in words ("You logged in again").
    public var heldReason: String?
    /// The report (an absence report).
    public var absence: AbsenceReport?
    /// When the school acknowledged the report (found by a sync after it was sent).
    public var acknowledgedAt: Date?
    /// Who wrote it: the keyed digests of the email and the mobile its
    /// login was made with (``Session/writer``), so that a held item is
    /// offered only to a login made with the same details, never to whoever
    /// holds the same contact record later (a record the school gave to
    /// someone else). nil: written by an earlier build (offered by contact
    /// records alone).
    public var writer: String?
    /// The school's name when it was written, so a message kept for a
    /// school no longer on the device still says where it was going (nil:
    /// written by an earlier build, or a read receipt).
    public var schoolName: String?

    public var id: String { key }

    public var isUnsent: Bool {
        if case .sent = state { return false }
        return true
    }

    /// Kept from a session that ended (see ``heldAt``).
    public var isHeld: Bool { heldAt != nil }

    /// Whether the school refused it (or it could not be sent for a reason
    /// retrying alone cannot fix): the parent sends it again or discards it.
    public var isFailed: Bool {
        if case .failed = state { return true }
        return false
    }

    public init(
        key: String, kind: Kind, school: String, contacts: [String], students: [String], topic: String? = nil,
        body: String? = nil, message: String? = nil, createdAt: Date, state: State = .queued, attempts: Int = 0,
        lastError: String? = nil, session: String? = nil, heldAt: Date? = nil, heldReason: String? = nil,
        absence: AbsenceReport? = nil, acknowledgedAt: Date? = nil, writer: String? = nil
    ) {
        self.writer = writer
        self.key = key
        self.kind = kind
        self.school = school
        self.contacts = contacts
        self.students = students
        self.topic = topic
        self.body = body
        self.message = message
        self.createdAt = createdAt
        self.state = state
        self.attempts = attempts
        self.lastError = lastError
        self.session = session
        self.heldAt = heldAt
        self.heldReason = heldReason
        self.absence = absence
        self.acknowledgedAt = acknowledgedAt
    }

    /// Whether `session` may send it, show it, or (held) recover it: its
    /// school is one of the session's and every contact record it was
    /// written for is one the session holds there.
    public func belongs(toContactsOf session: Session) -> Bool {
        guard let mine = session.schools.first(where: { $0.school == school })?.contacts else { return false }
        return !contacts.isEmpty && contacts.allSatisfy(mine.contains)
    }

    /// Whether `session` is offered it to send or discard: held, and
    /// written by a login made with the same email and mobile (or, written by
    /// an earlier build, for contact records the session holds), at one of
    /// the session's schools. The contact records may differ (the school
    /// renumbered them): it goes with the session's own
    /// (``Outbox/release(_:to:)``).
    public func isRecoverable(by session: Session) -> Bool {
        isKept(for: session) && session.schools.contains { $0.school == school }
    }

    /// Whether it is held for `session`'s parent, whichever school it is
    /// for: written by a login with the same email and mobile (or, by an
    /// earlier build, for contact records the session holds). One for a
    /// school the parent is no longer linked to cannot be sent, but the
    /// parent still sees it, to copy or discard (it was invisible).
    public func isKept(for session: Session) -> Bool {
        guard isHeld else { return false }
        guard let writer else { return belongs(toContactsOf: session) }
        // Written by a session that kept only the email's digest: the same
        // email (never the next holder of the contact record).
        if writer.hasSuffix(".") { return writer == "\(session.emailDigest ?? "-")." }
        return writer == session.writer
    }

    /// Whether it is one of `session`'s own current items: not held, written
    /// by that session (or by an earlier build, for the same contacts).
    public func isCurrent(in session: Session) -> Bool {
        guard !isHeld, belongs(toContactsOf: session) else { return false }
        return self.session.map { $0 == session.id } ?? true
    }

    /// What lands in the school's inbox.
    var inboxItem: InboxItem {
        InboxItem(
            key: key, contacts: contacts, students: students, topic: topic ?? "", body: body ?? "",
            inReplyTo: kind == .reply ? message : nil, createdAt: createdAt, absence: kind == .absence ? absence : nil)
    }

    var receipt: ReadReceipt {
        ReadReceipt(key: key, message: message ?? "", contacts: contacts, readAt: createdAt)
    }

    func encode() -> [UInt8] { JSONWriter().write(json) }

    /// The item as JSON (its file, or a report kept in a school's part).
    var json: JSONValue {
        var o = JSONObjectBuilder()
        o.set("key", key)
        o.set("kind", kind.rawValue)
        o.set("school", school)
        o.set("contacts", contacts)
        o.set("students", students)
        o.setIfPresent("topic", topic)
        o.setIfPresent("body", body)
        o.setIfPresent("message", message)
        o.set("createdAt", Timestamp.format(createdAt))
        o.set("state", state.label)
        switch state {
        case .queued: break
        case .sent(let at): o.set("sentAt", Timestamp.format(at))
        case .failed(let reason): o.set("reason", reason)
        }
        o.set("attempts", attempts)
        o.setIfPresent("lastError", lastError)
        o.setIfPresent("session", session)
        if let heldAt { o.set("heldAt", Timestamp.format(heldAt)) }
        o.setIfPresent("heldReason", heldReason)
        if let absence { o.set("absence", absence.json) }
        if let acknowledgedAt { o.set("acknowledgedAt", Timestamp.format(acknowledgedAt)) }
        o.setIfPresent("writer", writer)
        o.setIfPresent("schoolName", schoolName)
        return o.value
    }

    static func decode(_ bytes: [UInt8], file: String) -> OutboxItem? {
        guard let value = try? JSONParser.parse(bytes) else { return nil }
        return decode(value, file: file)
    }

    /// `noteWithheld`: an absence report copied from the store for another
    /// device's view (the school part's reports), whose note is left out:
    /// Other without one is whole there (``AbsenceReport/decode(_:noteWithheld:)``).
    static func decode(_ value: JSONValue, file: String, noteWithheld: Bool = false) -> OutboxItem? {
        let problems = ProblemList()
        guard let r = FieldReader(value, file: file, record: nil, problems: problems),
            let key = r.string("key"), let kind = r.choice("kind", Kind.init(rawValue:), expected: "kind"),
            let school = r.string("school"), let contacts = r.stringArray("contacts", required: true),
            let students = r.stringArray("students", required: true), let createdAt = r.timestamp("createdAt"),
            let stateText = r.string("state")
        else { return nil }
        // Ids become store paths: one that is not an id is damage (a school
        // "../x" was listed as a school not linked now, never set aside).
        guard MessageScope.isValidIdentifier(school), MessageScope.isValidIdentifier(key),
            (contacts + students).allSatisfy(MessageScope.isValidIdentifier)
        else { return nil }
        let state: State
        switch stateText {
        case "queued": state = .queued
        case "sent":
            guard let at = r.timestamp("sentAt") else { return nil }
            state = .sent(at: at)
        case "failed":
            guard let reason = r.string("reason") else { return nil }
            state = .failed(reason: reason)
        default: return nil
        }
        var absence: AbsenceReport?
        if let a = r.object("absence") {
            guard let decoded = AbsenceReport.decode(a, noteWithheld: noteWithheld) else { return nil }
            absence = decoded
        }
        if kind == .absence && absence == nil { return nil }
        // What each kind cannot go without: a message or reply its text, a
        // reply or receipt the message it answers. An item missing one is
        // damaged (set aside and said), never sent as something else (a
        // message with no text broke the school's inbox; a reply with no
        // message went as a new message).
        let body = r.string("body", required: false, allowEmpty: true)
        let message = r.string("message", required: false)
        if kind == .message || kind == .reply, (body ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return nil
        }
        if kind == .reply || kind == .receipt, message == nil { return nil }
        var item = OutboxItem(
            key: key, kind: kind, school: school, contacts: contacts, students: students,
            topic: r.string("topic", required: false, allowEmpty: true),
            body: body, message: message, createdAt: createdAt, state: state,
            attempts: r.int("attempts", required: false, range: 0...Int(Int32.max)) ?? 0,
            lastError: r.string("lastError", required: false), session: r.string("session", required: false),
            heldAt: r.timestamp("heldAt", required: false), heldReason: r.string("heldReason", required: false),
            absence: absence, acknowledgedAt: r.timestamp("acknowledgedAt", required: false),
            writer: r.string("writer", required: false))
        item.schoolName = r.string("schoolName", required: false)
        return problems.isEmpty ? item : nil
    }
}
