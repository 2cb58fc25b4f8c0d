/// A file attached to a school message: its name, size and media type. The
/// store may hold the file itself, at
/// `messages/<year>/files/<message>/<name>` (see ``StoreLayout``); the rules
/// for names, sizes and types are in `Attachment+Files.swift`.
public struct Attachment: Sendable, Equatable {
    public var name: String
    public var size: Int
    public var mediaType: String

    public init(name: String, size: Int, mediaType: String) {
        self.name = name
        self.size = size
        self.mediaType = mediaType
    }

    static func decode(_ r: FieldReader) -> Attachment? {
        r.rejectUnknownFields(["name", "size", "type"])
        guard let name = r.string("name"), let size = r.int("size", range: 0...1_000_000_000),
            let type = r.string("type")
        else { return nil }
        return Attachment(name: name, size: size, mediaType: type)
    }

    var json: JSONValue {
        var o = JSONObjectBuilder()
        o.set("name", name)
        o.set("size", size)
        o.set("type", mediaType)
        return o.value
    }

    /// "182 KB"
    public var sizeText: String {
        if size < 1024 { return "\(size) B" }
        if size < 1024 * 1024 { return "\((size + 512) / 1024) KB" }
        let tenths = (size * 10 + 512 * 1024) / (1024 * 1024)
        return "\(tenths / 10).\(tenths % 10) MB"
    }
}
