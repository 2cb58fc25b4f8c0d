import Foundation

/// A parent opened a school message: `schools/<id>/receipts/<key>.json`.
public struct ReadReceipt: Sendable, Equatable {
    public var key: String
    public var message: String
    public var contacts: [String]
    public var readAt: Date

    public init(key: String, message: String, contacts: [String], readAt: Date) {
        self.key = key
        self.message = message
        self.contacts = contacts
        self.readAt = readAt
    }

    public static func decode(_ r: FieldReader) -> ReadReceipt? {
        let key = r.string("key")
        let r = key.map { r.relabelled("receipt \($0)") } ?? r
        r.rejectUnknownFields(["key", "message", "contacts", "readAt"])
        let message = r.string("message")
        let contacts = r.stringArray("contacts", required: true)
        let readAt = r.timestamp("readAt")
        guard let key, let message, let contacts, let readAt else { return nil }
        return ReadReceipt(key: key, message: message, contacts: contacts, readAt: readAt)
    }

    public func json(zone: SchoolTimeZone) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("key", key)
        o.set("message", message)
        o.set("contacts", contacts)
        o.set("readAt", readAt, zone: zone)
        return o.value
    }
}
