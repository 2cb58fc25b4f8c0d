import Foundation

/// A logged-in parent app that wants notifications for these contacts:
/// `schools/<id>/registrations/<id>.json`. Messenger routes Xpressions to
/// registered contacts (and falls back to SMS for others); logging out
/// removes the file, and with it all notifications until the next login.
public struct NotificationRegistration: Sendable, Equatable {
    public var id: String
    public var contacts: [String]
    public var registeredAt: Date
    public var client: String

    public init(id: String, contacts: [String], registeredAt: Date, client: String) {
        self.id = id
        self.contacts = contacts
        self.registeredAt = registeredAt
        self.client = client
    }

    public static func decode(_ r: FieldReader) -> NotificationRegistration? {
        let id = r.string("id")
        let r = id.map { r.relabelled("registration \($0)") } ?? r
        r.rejectUnknownFields(["id", "contacts", "registeredAt", "client"])
        let contacts = r.stringArray("contacts", required: true)
        let at = r.timestamp("registeredAt")
        let client = r.string("client")
        guard let id, let contacts, let at, let client else { return nil }
        return NotificationRegistration(id: id, contacts: contacts, registeredAt: at, client: client)
    }

    public func json(zone: SchoolTimeZone) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("id", id)
        o.set("contacts", contacts)
        o.set("registeredAt", registeredAt, zone: zone)
        o.set("client", client)
        return o.value
    }
}
