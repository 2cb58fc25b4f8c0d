import SchoolStore

/// A school message as the local model keeps it: the message, the scope
/// file it came from, and which of the parent's children it concerns.
struct StoredMessage: Sendable, Equatable {
    var message: SchoolMessage
    var scope: MessageScope
    /// Student ids, in the order of the school's children.
    var children: [String]

    func json(zone: SchoolTimeZone) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("scope", scope.fileStem)
        o.set("children", children)
        o.set("message", message.json(zone: zone))
        return o.value
    }

    static func decode(_ r: FieldReader) -> StoredMessage? {
        guard let scope = r.choice("scope", MessageScope.init(fileStem:), expected: "message scope"),
            let children = r.stringArray("children", required: true),
            let message = r.object("message", required: true).flatMap(SchoolMessage.decode)
        else { return nil }
        return StoredMessage(message: message, scope: scope, children: children)
    }
}
