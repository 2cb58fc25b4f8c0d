/// The rules an attachment's metadata and its file follow: the name (it
/// becomes a file name), the media type's form, and what the first bytes of a
/// file of a known type look like. `store validate` checks them (see
/// `AttachmentCheck`); the parent side checks a file against its metadata
/// again before it hands a copy to another program.
extension Attachment {
    /// The longest name, in UTF-8 bytes: the longest file name Linux allows.
    public static let nameByteLimit = 255

    /// What is wrong with `name` as an attachment name, or nil when it is
    /// usable as a file name: not empty, at most 255 bytes, no `/`, no `..`,
    /// not starting with `-` (a program would take it for an option) or `.`
    /// (a hidden file, as the store's temporary files are), no control
    /// characters.
    public static func nameProblem(_ name: String) -> String? {
        if name.isEmpty { return "an attachment name cannot be empty" }
        if name.utf8.count > nameByteLimit {
            return "is \(Quote.count(name.utf8.count)) bytes long, over the \(nameByteLimit)-byte limit of a file name"
        }
        if name.contains("/") { return "\(Quote.value(name)) holds a /: attachment names are file names, not paths" }
        if name.contains("..") { return "\(Quote.value(name)) holds \"..\": attachment names may not" }
        if name.hasPrefix("-") { return "\(Quote.value(name)) starts with -, which programs take for an option" }
        if name.hasPrefix(".") { return "\(Quote.value(name)) starts with ., which makes a hidden file" }
        if name.unicodeScalars.contains(where: isControl) { return "\(Quote.value(name)) holds a control character" }
        return nil
    }

    /// What makes `name` unusable even as a path the app reads itself (the
    /// file's own name in the store, never handed to another program):
    /// ``nameProblem(_:)`` but for a leading `-` or `.`, which validate
    /// still asks the school to fix but which name a file the app can read
    /// safely, and copies or saves under a plain name of its own (a letter
    /// named "-consent.pdf" could be neither opened nor saved).
    public static func pathProblem(_ name: String) -> String? {
        guard let problem = nameProblem(name) else { return nil }
        if name.hasPrefix("-") || name.hasPrefix("."), nameProblem("x" + name.dropFirst()) == nil { return nil }
        return problem
    }

    /// C0 and C1 control characters and DEL.
    static func isControl(_ s: Unicode.Scalar) -> Bool { s.value < 0x20 || (0x7F...0x9F).contains(s.value) }

    /// The top-level types of RFC 6838.
    static let topLevelTypes: Set<String> = [
        "application", "audio", "font", "example", "image", "message", "model", "multipart", "text", "video",
    ]

    /// The type without parameters, lower case: "application/pdf".
    public var essence: String { Attachment.essence(of: mediaType) }

    static func essence(of type: String) -> String {
        var s = type.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0]
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s.lowercased()
    }

    /// What is wrong with `type` as a media type, or nil: `type/subtype`
    /// (RFC 6838's restricted names: letters, digits and `!#$&^_.+-`, starting
    /// with a letter or digit, at most 127 characters each), a registered
    /// top-level type, optionally followed by parameters after `;`.
    public static func mediaTypeProblem(_ type: String) -> String? {
        let parts = essence(of: type).split(separator: "/", omittingEmptySubsequences: false)
        func restricted(_ s: Substring) -> Bool {
            guard let first = s.unicodeScalars.first, s.count <= 127, first.isASCII,
                first.properties.isAlphabetic || ("0"..."9").contains(first)
            else { return false }
            return s.unicodeScalars.allSatisfy {
                $0.isASCII
                    && ($0.properties.isAlphabetic || ("0"..."9").contains($0)
                        || "!#$&^_.+-".unicodeScalars.contains($0))
            }
        }
        guard parts.count == 2, restricted(parts[0]), restricted(parts[1]) else {
            return "\(Quote.value(type)) is not a media type (type/subtype, e.g. application/pdf)"
        }
        guard topLevelTypes.contains(String(parts[0])) else {
            return "\(Quote.value(type)) has no registered top-level type (application, image, text…)"
        }
        return nil
    }

    /// How files of the types the store knows begin, and the file name
    /// extensions of each: a file of a known type is checked against its
    /// signature; other types are not checked.
    struct KnownType {
        var name: String
        var extensions: [String]
        var signatures: [[UInt8]]
    }

    static let knownTypes: [String: KnownType] = {
        let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
        let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
        let list: [(String, KnownType)] = [
            ("application/pdf", KnownType(name: "a PDF", extensions: ["pdf"], signatures: [Array("%PDF-".utf8)])),
            (
                "image/png",
                KnownType(
                    name: "a PNG image", extensions: ["png"],
                    signatures: [[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]])
            ),
            (
                "image/jpeg",
                KnownType(name: "a JPEG image", extensions: ["jpg", "jpeg"], signatures: [[0xFF, 0xD8, 0xFF]])
            ),
            (
                "image/gif",
                KnownType(
                    name: "a GIF image", extensions: ["gif"], signatures: [Array("GIF87a".utf8), Array("GIF89a".utf8)])
            ),
            (
                "image/x-portable-pixmap",
                KnownType(name: "a PPM image", extensions: ["ppm"], signatures: [Array("P6".utf8), Array("P3".utf8)])
            ),
            ("application/zip", KnownType(name: "a ZIP archive", extensions: ["zip"], signatures: [zip])),
            (
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                KnownType(name: "a Word document", extensions: ["docx"], signatures: [zip])
            ),
            (
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                KnownType(name: "an Excel workbook", extensions: ["xlsx"], signatures: [zip])
            ),
            (
                "application/vnd.oasis.opendocument.text",
                KnownType(name: "an OpenDocument text", extensions: ["odt"], signatures: [zip])
            ),
            ("application/msword", KnownType(name: "a Word document", extensions: ["doc"], signatures: [ole])),
            ("application/vnd.ms-excel", KnownType(name: "an Excel workbook", extensions: ["xls"], signatures: [ole])),
            // Text has no signature (checked for NUL bytes instead), but its
            // extension is known: a text/plain "notes" was saved as "notes",
            // which no opener took for text.
            ("text/plain", KnownType(name: "plain text", extensions: ["txt"], signatures: [])),
            ("text/csv", KnownType(name: "a CSV file", extensions: ["csv"], signatures: [])),
            ("text/calendar", KnownType(name: "a calendar", extensions: ["ics"], signatures: [])),
            ("text/html", KnownType(name: "a web page", extensions: ["html", "htm"], signatures: [])),
        ]
        return Dictionary(uniqueKeysWithValues: list)
    }()

    /// The most bytes ``contentProblem(_:)`` looks at.
    public static let signatureLength = 8

    /// What is wrong with a file whose first bytes are `prefix` as a file of
    /// this attachment's type, or nil (also for types without a known
    /// signature). Text types must not hold a NUL byte in `prefix`.
    public func contentProblem(_ prefix: some Collection<UInt8>) -> String? {
        let type = essence
        if type.hasPrefix("text/") {
            return prefix.contains(0)
                ? "holds a NUL byte, so it is not \(Quote.value(mediaType)) text as its message says" : nil
        }
        guard let known = Attachment.knownTypes[type] else { return nil }
        let head = Array(prefix.prefix(Attachment.signatureLength))
        if known.signatures.contains(where: { head.starts(with: $0) }) { return nil }
        return "does not start as \(known.name) does, but its message gives its type as \(Quote.value(mediaType))"
    }

    /// The usual file name extensions of this attachment's type (lower case,
    /// without the dot); empty for a type the store does not know.
    public var typeExtensions: [String] { Attachment.knownTypes[essence]?.extensions ?? [] }
}
