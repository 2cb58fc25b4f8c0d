import Foundation
import SchoolStore

extension StoredMessage {
    /// Decodes a timeline entry the local model wrote, straight from the
    /// parsed JSON, without the store decoder's per-field bookkeeping
    /// (opening 10,000 messages must be quick). Nil for anything it does
    /// not expect; the caller then uses the full decoder, which says what
    /// is wrong.
    static func decodeFast(_ value: JSONValue) -> StoredMessage? {
        guard case .object(let members) = value else { return nil }
        var scope: MessageScope?
        var children: [String]?
        var message: SchoolMessage?
        for (key, v) in members {
            switch key {
            case "scope": scope = string(v).flatMap(MessageScope.init(fileStem:))
            case "children": children = strings(v)
            case "message": message = fastMessage(v)
            default: return nil
            }
        }
        guard let scope, let children, let message else { return nil }
        return StoredMessage(message: message, scope: scope, children: children)
    }

    static func string(_ v: JSONValue) -> String? {
        if case .string(let s) = v { return s }
        return nil
    }

    static func strings(_ v: JSONValue) -> [String]? {
        guard case .array(let items) = v else { return nil }
        var out: [String] = []
        out.reserveCapacity(items.count)
        for item in items {
            guard case .string(let s) = item else { return nil }
            out.append(s)
        }
        return out
    }

    static func fastMessage(_ value: JSONValue) -> SchoolMessage? {
        guard case .object(let members) = value else { return nil }
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
        for (key, v) in members {
            switch key {
            case "id": id = string(v)
            case "category": category = string(v).flatMap(MessageCategory.init(rawValue:))
            case "sender": sender = string(v)
            case "sentAt": sentAt = string(v).flatMap(Timestamp.parse)
            case "publishedAt":
                guard let t = string(v).flatMap(Timestamp.parse) else { return nil }
                publishedAt = t
            case "subject": subject = string(v)
            case "body": body = string(v)
            case "translatedTo":
                guard let t = string(v) else { return nil }
                translatedTo = t
            case "contacts":
                guard let c = strings(v) else { return nil }
                contacts = c
            case "attachments":
                guard case .array(let items) = v else { return nil }
                for item in items {
                    guard case .string(let name)? = item["name"], case .number(let size)? = item["size"],
                        case .string(let type)? = item["type"]
                    else { return nil }
                    attachments.append(Attachment(name: name, size: Int(size), mediaType: type))
                }
            default: return nil
            }
        }
        guard let id, let category, let sender, let sentAt, let subject, let body else { return nil }
        return SchoolMessage(
            id: id, category: category, sender: sender, sentAt: sentAt, publishedAt: publishedAt, subject: subject,
            body: body, attachments: attachments, translatedTo: translatedTo, contacts: contacts)
    }
}
