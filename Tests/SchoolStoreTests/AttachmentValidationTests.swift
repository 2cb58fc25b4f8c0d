import Dispatch
import Foundation
import Testing

@testable import SchoolStore

/// Attachment files (`messages/<year>/files/<message>/<name>`) against their
/// messages' metadata: names, sizes and types, only regular files inside the
/// store, and nothing unexpected.
@Suite struct AttachmentValidationTests {
    static let messages = "schools/green-abbey/messages/2025-26/group-9A.json"
    static let directory = "schools/green-abbey/messages/2025-26/files/M1"
    static let letter = PDFWriter.letter(title: "Green Abbey School", lines: ["Dear Parents,", "A letter."])
    static let picture = PNGWriter.encode(PPMImage(width: 2, height: 2, rgb: [UInt8](repeating: 200, count: 12)))

    /// The tiny store with message M1 listing `attachments` (JSON objects).
    func store(_ attachments: String) throws -> TinyStore {
        try TinyStore(
            overriding: TinyStore.edit(
                Self.messages, #""body": "Exercise 12C."}"#,
                #""body": "Exercise 12C.", "attachments": [\#(attachments)]}"#))
    }

    func write(_ store: TinyStore, _ name: String, _ bytes: [UInt8], in directory: String = directory) throws {
        try FileManager.default.createDirectory(atPath: "\(store.root)/\(directory)", withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: "\(store.root)/\(directory)/\(name)"))
    }

    func pdf(_ name: String, size: Int = letter.count, type: String = "application/pdf") -> String {
        #"{"name": \#(jsonString(name)), "size": \#(size), "type": "\#(type)"}"#
    }

    func jsonString(_ s: String) -> String { String(decoding: JSONWriter().write(.string(s)), as: UTF8.self) }

    @Test func filesMatchingTheirMetadataAreValid() throws {
        let store = try store(
            pdf("letter.pdf") + ", " + #"{"name": "map.png", "size": \#(Self.picture.count), "type": "image/png"}"#)
        defer { store.remove() }
        try write(store, "letter.pdf", Self.letter)
        try write(store, "map.png", Self.picture)
        #expect(store.problems() == [])
        let report = StoreValidator(root: store.root).validate()
        #expect(report.files == 8, "the two attachment files are counted as checked")
    }

    /// A name whose extension is not its type's (a PNG called .pdf) is a
    /// warning: the store is usable, and the parent's app saves the file
    /// with the type's extension added.
    @Test func aNameThatDoesNotEndAsItsTypeIsAWarning() throws {
        let store = try store(#"{"name": "map.pdf", "size": \#(Self.picture.count), "type": "image/png"}"#)
        defer { store.remove() }
        try write(store, "map.pdf", Self.picture)
        #expect(store.problems() == [])
        let warnings = StoreValidator(root: store.root).validate().warnings.map(\.description)
        #expect(
            warnings.contains {
                $0.contains("attachments[0].name: \"map.pdf\" does not end as image/png files do (.png)")
            }, "\(warnings)")
        // No extension at all: the same (it was not warned about, and the app saves "map.png").
        let bare = try self.store(#"{"name": "map", "size": \#(Self.picture.count), "type": "image/png"}"#)
        defer { bare.remove() }
        try write(bare, "map", Self.picture)
        #expect(bare.problems() == [])
        #expect(
            StoreValidator(root: bare.root).validate().warnings.map(\.description).contains {
                $0.contains("attachments[0].name: \"map\" does not end as image/png files do (.png)")
            })
    }

    /// A message file that cannot be read is one problem: its messages'
    /// attachment folders are not each reported as belonging to no message.
    @Test func aMessageFileThatCannotBeReadDoesNotCascadeToItsFiles() throws {
        let store = try store(pdf("letter.pdf"))
        defer { store.remove() }
        try write(store, "letter.pdf", Self.letter)
        try FileManager.default.removeItem(atPath: "\(store.root)/\(Self.messages)")
        try FileManager.default.createDirectory(
            atPath: "\(store.root)/\(Self.messages)", withIntermediateDirectories: true)
        let problems = store.problems()
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.hasPrefix(Self.messages) == true)
        #expect(!problems.contains { $0.contains("unexpected: no message") })
    }

    @Test func metadataWithoutFilesIsValid() throws {
        let store = try store(pdf("letter.pdf", size: 80_431))
        defer { store.remove() }
        #expect(store.problems() == [])
    }

    @Test func sizesAndTypesAreCheckedAgainstTheMetadata() throws {
        let store = try store(
            pdf("letter.pdf", size: 999) + ", " + pdf("map.png", size: Self.letter.count, type: "image/png"))
        defer { store.remove() }
        try write(store, "letter.pdf", Self.letter)
        try write(store, "map.png", Self.letter)
        let source = "message M1 in \(Self.messages)"
        #expect(
            store.problems() == [
                "\(Self.directory)/letter.pdf: is \(Quote.count(Self.letter.count)) bytes, but \(source), attachments[0] gives its size as 999",
                "\(Self.directory)/map.png: does not start as a PNG image does, but its message gives its type as \"image/png\" (\(source), attachments[1])",
            ])
    }

    @Test func namesFollowTheFileNameRule() throws {
        let long = String(repeating: "x", count: 300) + ".pdf"
        let hostile = [
            "; rm -rf ~", "-rf.pdf", "a\nb.pdf", "../../etc/passwd", "a/b.pdf", long, ".hidden.pdf", "$(reboot).pdf",
            "",
        ]
        let store = try store(hostile.map { pdf($0) }.joined(separator: ", "))
        defer { store.remove() }
        let record = "\(Self.messages): message M1"
        #expect(
            store.problems() == [
                "\(record): attachments[8].name: must not be empty",
                "\(record): attachments[1].name: \"-rf.pdf\" starts with -, which programs take for an option",
                "\(record): attachments[2].name: \"a\\nb.pdf\" holds a control character",
                "\(record): attachments[3].name: \"../../etc/passwd\" holds a /: attachment names are file names, not paths",
                "\(record): attachments[4].name: \"a/b.pdf\" holds a /: attachment names are file names, not paths",
                "\(record): attachments[5].name: is 304 bytes long, over the 255-byte limit of a file name",
                "\(record): attachments[6].name: \".hidden.pdf\" starts with ., which makes a hidden file",
            ])
    }

    @Test func mediaTypesAndDuplicateNames() throws {
        let store = try store(
            pdf("a.pdf", type: "pdf") + ", " + pdf("a.pdf", type: "application/pdf; version=1.4") + ", "
                + pdf("b.pdf", type: "x-files/pdf"))
        defer { store.remove() }
        let record = "\(Self.messages): message M1"
        #expect(
            store.problems() == [
                "\(record): attachments[0].type: \"pdf\" is not a media type (type/subtype, e.g. application/pdf)",
                "\(record): attachments[1].name: a second attachment named \"a.pdf\"",
                "\(record): attachments[2].type: \"x-files/pdf\" has no registered top-level type (application, image, text…)",
            ])
    }

    @Test func nothingUnexpectedUnderFiles() throws {
        let store = try store(pdf("letter.pdf") + ", " + pdf("form.pdf"))
        defer { store.remove() }
        try write(store, "letter.pdf", Self.letter)
        try write(store, "notes.txt", Array("hello".utf8))
        try write(store, "x.pdf", Self.letter, in: "schools/green-abbey/messages/2025-26/files/M404")
        let files = "schools/green-abbey/messages/2025-26/files"
        #expect(
            store.problems() == [
                "\(files)/M1/form.pdf: missing: message M1 in \(Self.messages), attachments[1] names it, and the message has a directory of attachment files without it",
                "\(files)/M1/notes.txt: unexpected file: message M1 in \(Self.messages) lists no attachment of this name",
                "\(files)/M404: unexpected: no message M404 in schools/green-abbey/messages/2025-26/ (attachment files are filed under their message's id)",
            ])
    }

    @Test func aMessageWithoutAttachmentsHasNoFiles() throws {
        let store = try TinyStore()
        defer { store.remove() }
        try write(store, "x.pdf", Self.letter)
        #expect(
            store.problems() == [
                "\(Self.directory): unexpected: message M1 (in \(Self.messages)) lists no attachments"
            ])
    }

    @Test func filesIsADirectory() throws {
        let store = try store(pdf("letter.pdf"))
        defer { store.remove() }
        try Data("x".utf8).write(to: URL(fileURLWithPath: "\(store.root)/schools/green-abbey/messages/2025-26/files"))
        #expect(
            store.problems() == [
                "schools/green-abbey/messages/2025-26/files: is a regular file, not a directory: refused"
            ])
    }

    @Test func onlyRegularFilesInsideTheStoreAreRead() throws {
        let store = try store(pdf("fifo.pdf") + ", " + pdf("zero.pdf") + ", " + pdf("outside.pdf"))
        defer { store.remove() }
        try write(store, "placeholder", [])
        try FileManager.default.removeItem(atPath: "\(store.root)/\(Self.directory)/placeholder")
        let outside = NSTemporaryDirectory() + "outside-\(UUID().uuidString).pdf"
        try Data(Self.letter).write(to: URL(fileURLWithPath: outside))
        defer { try? FileManager.default.removeItem(atPath: outside) }
        #expect(mkfifo("\(store.root)/\(Self.directory)/fifo.pdf", 0o644) == 0)
        #expect(symlink("/dev/zero", "\(store.root)/\(Self.directory)/zero.pdf") == 0)
        #expect(symlink(outside, "\(store.root)/\(Self.directory)/outside.pdf") == 0)
        let box = Locked<[String]>([])
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            let problems = store.problems()
            box.withLock { $0 = problems }
            done.signal()
        }
        try #require(done.wait(timeout: .now() + 20) == .success, "validate blocked on an attachment file")
        #expect(
            box.withLock { $0 } == [
                "\(Self.directory)/fifo.pdf: is a FIFO (named pipe), not a regular file: refused",
                "\(Self.directory)/outside.pdf: is reached through a symbolic link that leads outside the store: refused",
                "\(Self.directory)/zero.pdf: is a character device, not a regular file: refused",
            ])
    }

    @Test func theStoreReadsAnAttachmentCheckedAgainstItsMetadata() throws {
        let store = try store(pdf("letter.pdf") + ", " + pdf("short.pdf", size: 3) + ", " + pdf("absent.pdf"))
        defer { store.remove() }
        try write(store, "letter.pdf", Self.letter)
        try write(store, "short.pdf", Self.letter)
        let files = try FileStore(root: store.root)
        let year = AcademicYear(startYear: 2025)
        func read(_ a: SchoolStore.Attachment) -> Result<[UInt8]?, StoreProblems> {
            Result { () throws(StoreProblems) -> [UInt8]? in
                try files.attachmentFile(school: "green-abbey", year: year, message: "M1", attachment: a)
            }
        }
        #expect(
            try read(SchoolStore.Attachment(name: "letter.pdf", size: Self.letter.count, mediaType: "application/pdf"))
                .get() == Self.letter)
        #expect(
            try read(SchoolStore.Attachment(name: "absent.pdf", size: 10, mediaType: "application/pdf")).get() == nil)
        func problem(_ r: Result<[UInt8]?, StoreProblems>) -> String? {
            if case .failure(let e) = r { return e.description } else { return nil }
        }
        #expect(
            problem(read(SchoolStore.Attachment(name: "short.pdf", size: 3, mediaType: "application/pdf")))
                == "\(Self.directory)/short.pdf: is \(Quote.count(Self.letter.count)) bytes, but message M1 gives its size as 3"
        )
        #expect(
            problem(read(SchoolStore.Attachment(name: "../../../school.json", size: 3, mediaType: "application/pdf")))
                == "\(Self.directory): message M1: attachments: \"../../../school.json\" holds a /: attachment names are file names, not paths"
        )
        #expect(
            problem(read(SchoolStore.Attachment(name: "letter.pdf", size: Self.letter.count, mediaType: "image/png")))
                == "\(Self.directory)/letter.pdf: does not start as a PNG image does, but its message gives its type as \"image/png\""
        )
    }

    // MARK: - The files generated stores carry

    /// A generated letter that tells parents a form is attached carries it
    /// (a walk through a generated store met "the consent form attached" with
    /// nothing attached).
    @Test func aGeneratedLetterThatSaysAFormIsAttachedHasIt() throws {
        var checked = 0
        for (_, files) in FastPathTests.generatedSchools(students: 60, years: 1, seed: 4242) {
            for (path, bytes) in files where path.contains("/messages/") && path.hasSuffix(".json") {
                for record in try JSONParser.parseArray(bytes).values {
                    guard case .object(let fields) = record,
                        case .string(let body)? = fields.first(where: { $0.0 == "body" })?.1, body.contains("attached")
                    else { continue }
                    checked += 1
                    let attachments = fields.first { $0.0 == "attachments" }?.1
                    guard case .array(let list)? = attachments, !list.isEmpty else {
                        Issue.record("\(path): a message says a form is attached but carries none: \(body.prefix(80))")
                        continue
                    }
                }
            }
        }
        #expect(checked > 0)
    }

    @Test func generatedLettersAreWellFormedPDFs() throws {
        let bytes = PDFWriter.letter(
            title: "Trip (Year 9) \\ costs £5", lines: ["Dear Parents,", String(repeating: "word ", count: 60)])
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("%PDF-1.4\n"))
        #expect(text.hasSuffix("%%EOF\n"))
        #expect(
            text.contains("(Trip \\(Year 9\\) \\\\ costs ?5) Tj"), "parentheses and backslashes escaped, non-ASCII as ?"
        )
        // Every cross-reference entry points at its object.
        let start = try #require(text.range(of: "startxref\n")).upperBound
        let xref = try #require(Int(text[start...].prefix { $0.isNumber }))
        #expect(Array(bytes[xref..<(xref + 4)]) == Array("xref".utf8))
        let entries = String(decoding: bytes[xref...], as: UTF8.self).split(separator: "\n").dropFirst(3).prefix(5)
        for (i, entry) in entries.enumerated() {
            #expect(entry.utf8.count == 19, "an xref entry is 20 bytes with its newline")
            let offset = try #require(Int(entry.prefix(10)))
            #expect(String(decoding: bytes[offset...].prefix(8), as: UTF8.self) == "\(i + 1) 0 obj\n")
        }
        // The content stream's length is right.
        let length = try #require(text.range(of: "/Length "))
        let n = try #require(Int(text[length.upperBound...].prefix { $0.isNumber }))
        let streamStart = try #require(text.range(of: "stream\n")).upperBound
        #expect(text[streamStart...].utf8.dropFirst(n).starts(with: "endstream".utf8))
    }

    @Test func generatedPicturesAreWellFormedPNGs() throws {
        var rgb: [UInt8] = []
        for i in 0..<(300 * 80) { rgb += [UInt8(i % 256), UInt8(i / 256 % 256), 7] }
        let image = PPMImage(width: 300, height: 80, rgb: rgb)
        let png = PNGWriter.encode(image)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        // Every PNG ends with the same IEND chunk (its CRC is the standard's constant).
        #expect(Array(png.suffix(12)) == [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])
        #expect(PNGWriter.crc32(Array("123456789".utf8)) == 0xCBF4_3926, "the CRC-32 check value")
        // The image data: stored deflate blocks holding each row after a filter byte.
        let idat = try #require((0..<png.count - 4).first { png[$0..<($0 + 4)].elementsEqual("IDAT".utf8) })
        var i = idat + 6  // after the type and the zlib header
        var raw: [UInt8] = []
        while true {
            let final = png[i] & 1 == 1
            let length = Int(png[i + 1]) | Int(png[i + 2]) << 8
            #expect(UInt16(length) == ~(UInt16(png[i + 3]) | UInt16(png[i + 4]) << 8))
            raw += png[(i + 5)..<(i + 5 + length)]
            i += 5 + length
            if final { break }
        }
        #expect(raw.count == 80 * (1 + 300 * 3))
        #expect(
            Array(raw[(1 + 300 * 3 + 1)..<(1 + 300 * 3 + 4)]) == Array(rgb[900..<903]),
            "row 1 starts after its filter byte")
    }

    @Test func theDemoStoreCarriesALetterAConsentFormAndAPicture() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Assets/demo-store").path
        let store = try FileStore(root: root)
        let year = AcademicYear(startYear: 2025)
        let ben = try store.messages(school: "green-abbey", year: year, scope: .student("GA-BEN")).value.first {
            $0.id == "GA-DEMO-2"
        }
        let attachments = try #require(ben?.attachments)
        #expect(attachments.map(\.mediaType) == ["application/pdf", "image/png"])
        for a in attachments {
            let bytes = try #require(
                try store.attachmentFile(school: "green-abbey", year: year, message: "GA-DEMO-2", attachment: a))
            #expect(bytes.count == a.size)
        }
        let trips = try store.messages(school: "green-abbey", year: year, scope: .year(9)).value.filter {
            $0.attachments.first?.name == "consent-form.pdf"
        }
        #expect(!trips.isEmpty)
        for trip in trips {
            let form = try #require(
                try store.attachmentFile(
                    school: "green-abbey", year: year, message: trip.id, attachment: trip.attachments[0]))
            #expect(String(decoding: form, as: UTF8.self).contains("I give permission for my child"))
        }
    }
}
