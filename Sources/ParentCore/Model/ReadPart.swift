import SchoolStore

/// The local model's read state: the messages the parent has opened, as
/// `school/message-id` keys.
struct ReadPart: Sendable, Equatable {
    var read: Set<String>

    static func key(school: String, message: String) -> String { "\(school)/\(message)" }

    func encode() -> [UInt8] {
        var o = JSONObjectBuilder()
        o.set("part", "read")
        o.set("read", read.sorted())
        return JSONWriter().write(o.value)
    }

    static func decode(_ r: FieldReader) -> ReadPart? {
        guard let read = r.stringArray("read", required: true) else { return nil }
        return ReadPart(read: Set(read))
    }
}
