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

    public init(key: String, contacts: [String], students: [String], topic: String, body: String, inReplyTo: String? = nil, createdAt: Date) {
        self.key = key
        self.contacts = contacts
        self.students = students
        self.topic = topic
        self.body = body
        self.inReplyTo = inReplyTo
        self.createdAt = createdAt
    }

    public static func decode(_ r: FieldReader) -> InboxItem? {
        let key = r.string("key")
        let r = key.map { r.relabelled("item \($0)") } ?? r
        r.rejectUnknownFields(["key", "contacts", "students", "topic", "body", "inReplyTo", "createdAt"])
        let contacts = r.stringArray("contacts", required: true), students = r.stringArray("students", required: true)
        let topic = r.string("topic"), body = r.string("body"), reply = r.string("inReplyTo", required: false)
        let created = r.timestamp("createdAt")
        guard let key, let contacts, let students, let topic, let body, let created else { return nil }
        return InboxItem(key: key, contacts: contacts, students: students, topic: topic, body: body, inReplyTo: reply, createdAt: created)
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
        return o.value
    }
}
