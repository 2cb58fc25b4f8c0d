import Foundation

/// One message the school sent through Messenger, as filed in
/// `messages/<academic-year>/<scope>.json`.
public struct SchoolMessage: Sendable, Equatable, Identifiable {
    public var id: String
    public var category: MessageCategory
    public var sender: String
    public var sentAt: Date
    /// When parents can see it; nil = when sent (Xpressions are immediate).
    public var publishedAt: Date?
    public var subject: String
    public var body: String
    public var attachments: [Attachment]
    /// The language the school's text was machine-translated into, or nil.
    public var translatedTo: String?
    /// Restricts the message to these contacts of the students in scope; nil = all of them.
    public var contacts: [String]?

    public init(
        id: String, category: MessageCategory, sender: String, sentAt: Date, publishedAt: Date? = nil, subject: String,
        body: String, attachments: [Attachment] = [], translatedTo: String? = nil, contacts: [String]? = nil
    ) {
        self.id = id
        self.category = category
        self.sender = sender
        self.sentAt = sentAt
        self.publishedAt = publishedAt
        self.subject = subject
        self.body = body
        self.attachments = attachments
        self.translatedTo = translatedTo
        self.contacts = contacts
    }

    public var visibleFrom: Date { publishedAt ?? sentAt }

    static let fields: Set<String> = [
        "id", "category", "sender", "sentAt", "publishedAt", "subject", "body", "attachments", "translatedTo",
        "contacts",
    ]

    public static func decode(_ r: FieldReader) -> SchoolMessage? {
        let raw = r.string("id")
        let r = raw.map { r.relabelled("message \($0)") } ?? r
        let id = raw.flatMap { r.identifier($0, field: "id") }
        r.rejectUnknownFields(fields)
        let category = r.choice("category", MessageCategory.init(rawValue:), expected: "message category")
        let sender = r.string("sender")
        let sent = r.timestamp("sentAt")
        let published = r.timestamp("publishedAt", required: false)
        if let sent, let published {
            if published < sent { r.report("publishedAt", "is before sentAt") }
            if published.timeIntervalSince(sent) > 48 * 3600 {
                r.report("publishedAt", "is more than 48 hours after sentAt")
            }
        }
        let subject = r.string("subject")
        let body = r.string("body")
        let attachments =
            r.withinLimit("attachments", StoreLimits.attachments, "attachments")
            ? (r.objects("attachments") ?? []).compactMap(Attachment.decode) : []
        let translated = r.string("translatedTo", required: false)
        let contacts: [String]? = r.raw("contacts") == nil ? nil : r.stringArray("contacts")
        guard let id, let category, let sender, let sent, let subject, let body else { return nil }
        return SchoolMessage(
            id: id, category: category, sender: sender, sentAt: sent, publishedAt: published, subject: subject,
            body: body, attachments: attachments, translatedTo: translated, contacts: contacts)
    }

    public func json(zone: SchoolTimeZone) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("id", id)
        o.set("category", category.rawValue)
        o.set("sender", sender)
        o.set("sentAt", sentAt, zone: zone)
        o.setIfPresent("publishedAt", publishedAt, zone: zone)
        o.set("subject", subject)
        o.set("body", body)
        if !attachments.isEmpty { o.set("attachments", .array(attachments.map(\.json))) }
        o.setIfPresent("translatedTo", translatedTo)
        if let contacts { o.set("contacts", contacts) }
        return o.value
    }
}
