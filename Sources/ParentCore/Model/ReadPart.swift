import SchoolStore

/// The local model's read state, as `school/message-id` keys: the messages
/// the parent has opened or marked read (only ever growing), and those the
/// parent marked unread again since (which wins until the message is opened
/// or marked read once more).
struct ReadPart: Sendable, Equatable {
    var read: Set<String>
    var unread: Set<String> = []

    static func key(school: String, message: String) -> String { "\(school)/\(message)" }

    func encode() -> [UInt8] {
        var o = JSONObjectBuilder()
        o.set("part", "read")
        o.set("read", read.sorted())
        if !unread.isEmpty { o.set("unread", unread.sorted()) }
        return JSONWriter().write(o.value)
    }

    static func decode(_ r: FieldReader) -> ReadPart? {
        guard let read = r.stringArray("read", required: true) else { return nil }
        return ReadPart(read: Set(read), unread: Set(r.stringArray("unread", required: false) ?? []))
    }
}
