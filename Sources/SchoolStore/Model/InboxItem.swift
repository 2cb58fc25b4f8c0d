import Foundation

/// A message a parent sent to the school (a new message on a topic, or a
/// reply), filed as `schools/<id>/inbox/<key>.json`. The key is the
/// idempotency key the parent's app gave it when it was written, so a retry
/// never files it twice.
public struct InboxItem: Sendable, Equatable {
    public var key: String
    public var contacts: [String]
    public var students: [String]
    public var topic: String
    public var body: String
    /// The school message this replies to, if a reply.
    public var inReplyTo: String?
    public var createdAt: Date
    /// An absence report, when the record is one (topic "Absence report").
    public var absence: AbsenceReport?

    public init(
        key: String, contacts: [String], students: [String], topic: String, body: String, inReplyTo: String? = nil,
        createdAt: Date,
        absence: AbsenceReport? = nil
    ) {
        self.key = key
        self.contacts = contacts
        self.students = students
        self.topic = topic
        self.body = body
        self.inReplyTo = inReplyTo
        self.createdAt = createdAt
        self.absence = absence
    }

    public static func decode(_ r: FieldReader) -> InboxItem? {
        let key = r.string("key")
        let r = key.map { r.relabelled("item \($0)") } ?? r
        r.rejectUnknownFields(["key", "contacts", "students", "topic", "body", "inReplyTo", "createdAt", "absence"])
        let contacts = r.stringArray("contacts", required: true)
        let students = r.stringArray("students", required: true)
        let topic = r.string("topic")
        let body = r.string("body")
        let reply = r.string("inReplyTo", required: false)
        let created = r.timestamp("createdAt")
        var absence: AbsenceReport?
        var absenceOK = true
        if let a = r.object("absence") {
            absence = AbsenceReport.decode(a)
            absenceOK = absence != nil
            if let absence, let students, !students.contains(absence.student) {
                a.report("student", "\(Quote.value(absence.student)) is not one of the record's students")
                absenceOK = false
            }
            if reply != nil { r.report("inReplyTo", "an absence report is not a reply") }
        } else if r.raw("absence") != nil && r.raw("absence") != .null {
            absenceOK = false
        }
        guard let key, let contacts, let students, let topic, let body, let created, absenceOK else { return nil }
        return InboxItem(
            key: key, contacts: contacts, students: students, topic: topic, body: body, inReplyTo: reply,
            createdAt: created,
            absence: absence)
    }

    public func json(zone: SchoolTimeZone) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("key", key)
        o.set("contacts", contacts)
        o.set("students", students)
        o.set("topic", topic)
        o.set("body", body)
        o.setIfPresent("inReplyTo", inReplyTo)
        o.set("createdAt", createdAt, zone: zone)
        if let absence { o.set("absence", absence.json) }
        return o.value
    }
}
