import Foundation
import SchoolStore

extension TimelinePart {
    /// Decodes a monthly timeline part as this build writes it, straight
    /// from its bytes (``JSONPullReader``: no JSON tree, which was most of
    /// opening a 10,000-message model). The same values as the full decoder
    /// gives for what this build writes; nil for anything else (a field it
    /// does not write, a null, a repeated key, bad syntax), and the caller
    /// then uses the full decoder, which says what is wrong.
    static func decodeStreaming(_ bytes: [UInt8]) -> TimelinePart? {
        JSONPullReader.read(bytes) { (r: inout JSONPullReader) throws(JSONPullReader.Mismatch) -> TimelinePart in
            var kind: String?
            var school: String?
            var year: AcademicYear?
            var month: String?
            var timezone: String?
            var messages: [StoredMessage]?
            try r.beginObject()
            while let key = try r.nextKey() {
                switch key {
                case "part": kind = try r.string()
                case "school": school = try r.string()
                case "year": year = AcademicYear(parsing: try r.string())
                case "month": month = try r.string()
                case "timezone": timezone = try r.string()
                case "messages":
                    var list: [StoredMessage] = []
                    try r.beginArray()
                    while try r.nextElement() { list.append(try storedMessage(&r)) }
                    messages = list
                default: try r.skipValue()  // as the full decoder, which reads only its fields
                }
            }
            guard kind == "timeline", let school, !FieldReader.isBlank(school), let year, let month,
                !FieldReader.isBlank(month), let timezone, !FieldReader.isBlank(timezone), let messages
            else { throw JSONPullReader.Mismatch() }
            return TimelinePart(school: school, year: year, month: month, timezone: timezone, messages: messages)
        }
    }

    /// One entry: `scope`, `children` and `message`, nothing else.
    static func storedMessage(_ r: inout JSONPullReader) throws(JSONPullReader.Mismatch) -> StoredMessage {
        var scope: MessageScope?
        var children: [String]?
        var message: SchoolMessage?
        try r.beginObject()
        while let key = try r.nextKey() {
            switch key {
            case "scope": scope = MessageScope(fileStem: try r.string())
            case "children": children = try r.strings()
            case "message": message = try schoolMessage(&r)
            default: throw JSONPullReader.Mismatch()
            }
        }
        guard let scope, let children, let message else { throw JSONPullReader.Mismatch() }
        return StoredMessage(message: message, scope: scope, children: children)
    }

    /// A message's fields, as ``SchoolMessage/json(zone:)`` writes them.
    static func schoolMessage(_ r: inout JSONPullReader) throws(JSONPullReader.Mismatch) -> SchoolMessage {
        var id: String?
        var category: MessageCategory?
        var sender: String?
        var sentAt: Date?
        var publishedAt: Date?
        var subject: String?
        var body: String?
        var attachments: [Attachment] = []
        var translatedTo: String?
        var contacts: [String]?
        try r.beginObject()
        while let key = try r.nextKey() {
            switch key {
            case "id": id = try r.string()
            case "category": category = MessageCategory(rawValue: try r.string())
            case "sender": sender = try r.string()
            case "sentAt": sentAt = Timestamp.parse(try r.string())
            case "publishedAt":
                guard let t = Timestamp.parse(try r.string()) else { throw JSONPullReader.Mismatch() }
                publishedAt = t
            case "subject": subject = try r.string()
            case "body": body = try r.string()
            case "translatedTo": translatedTo = try r.string()
            case "contacts": contacts = try r.strings()
            case "attachments":
                try r.beginArray()
                while try r.nextElement() { attachments.append(try attachment(&r)) }
            default: throw JSONPullReader.Mismatch()
            }
        }
        guard let id, let category, let sender, let sentAt, let subject, let body else {
            throw JSONPullReader.Mismatch()
        }
        return SchoolMessage(
            id: id, category: category, sender: sender, sentAt: sentAt, publishedAt: publishedAt, subject: subject,
            body: body, attachments: attachments, translatedTo: translatedTo, contacts: contacts)
    }

    /// `name`, `size` and `type`, nothing else.
    static func attachment(_ r: inout JSONPullReader) throws(JSONPullReader.Mismatch) -> Attachment {
        var name: String?
        var size: Double?
        var type: String?
        try r.beginObject()
        while let key = try r.nextKey() {
            switch key {
            case "name": name = try r.string()
            case "size": size = try r.number()
            case "type": type = try r.string()
            default: throw JSONPullReader.Mismatch()
            }
        }
        guard let name, let size, let type, size.isFinite, abs(size) < 1e15 else { throw JSONPullReader.Mismatch() }
        return Attachment(name: name, size: Int(size), mediaType: type)
    }
}
