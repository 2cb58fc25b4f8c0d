import Foundation
import SchoolStore

/// The school's messages taken out of the app, for `xpressions export
/// messages`: every message of the timeline (one child's, or all), oldest
/// first, as an mboxrd mailbox that mail clients (neomutt, mutt, Python's
/// `mailbox`) read, or as JSON with the same fields.
///
/// Each message is a `From ` line (`From green-abbey@xpressions.invalid Tue
/// Mar 17 16:05:00 2026`, in UTC) and an RFC 5322 message: `Date` (in the
/// school's time), `From` (the sender and the school, at an address of the
/// reserved `.invalid` domain that no mail reaches), `To` (a group with no
/// address: "Parent of Ben Abbot"; the parent's email is never written),
/// `Subject` (RFC 2047 encoded-words when not ASCII), `Message-ID` from the
/// store id (`<GA-DEMO-2@green-abbey.xpressions>`), `X-Xpressions-School`,
/// `X-Xpressions-Category`, one `X-Xpressions-Child` per child (`GA-BEN Ben
/// Abbot (9A)`), `X-Xpressions-Audience` and `X-Xpressions-Translated` when
/// they apply, and `Status` (`RO` opened in the app, `O` not yet). The body
/// is UTF-8 text/plain (8bit, or quoted-printable when a line is too long
/// for 8bit), with the translation notice; attachments whose file is at
/// hand are MIME parts (multipart/mixed, base64), the others are listed by
/// name, size and type under the text. Body lines that start with `From `
/// after any number of `>` get one more `>` (mboxrd), which a reader removes.
public enum MessageExport {
    /// The bytes of an attachment, when its file is at hand (nil: list it instead).
    public typealias AttachmentFile = (MessageRef, Attachment) -> [UInt8]?

    /// One message as both formats write it.
    struct Item {
        var detail: MessageDetail
        var zone: SchoolTimeZone
        var childNames: [String]
        var childFullNames: [String]

        var messageID: String {
            "<\(MailHeader.dotAtom(detail.ref.id))@\(MailHeader.dotAtom(detail.school)).xpressions>"
        }
        var fromAddress: String { "\(MailHeader.dotAtom(detail.school))@xpressions.invalid" }
        var fromName: String { "\(detail.sender), \(detail.schoolName)" }
        var toName: String { "Parent of \(CalendarExport.list(childFullNames))" }
    }

    /// The messages of the timeline (one child's, or all), oldest first.
    /// `upTo`: only the messages sent by then (`--now`, as the app's as-of
    /// view leaves out what came after; the export listed every one).
    static func items(model: ParentModel, child: ChildRef?, upTo: Date? = nil) -> [Item] {
        model.timeline(TimelineQuery(child: child)).refs.reversed().compactMap { ref in
            guard let detail = model.message(ref), upTo.map({ detail.sentAt <= $0 }) ?? true else { return nil }
            return Item(
                detail: detail, zone: model.school(ref.school)?.zone ?? .utc, childNames: detail.childNames,
                childFullNames: detail.children.map { model.child($0)?.fullName ?? $0.student })
        }
    }

    /// The attachment files of `model`'s messages as the store at
    /// `storeRoot` holds them, read and checked against their metadata as
    /// the reader's are (a file missing or not as described is listed
    /// instead); nil when the store cannot be opened.
    public static func storeFiles(model: ParentModel, storeRoot: String) -> AttachmentFile? {
        guard let store = try? FileStore(root: storeRoot) else { return nil }
        return { ref, attachment in
            guard let index = model.message(ref)?.attachments.firstIndex(of: attachment),
                let (school, year, message, attachment) = model.attachmentLocation(ref, index: index)
            else { return nil }
            return try? store.attachmentFile(school: school, year: year, message: message, attachment: attachment)
        }
    }

    /// The mboxrd text. `attachment` gives an attachment's bytes when its
    /// file is at hand.
    public static func mbox(
        model: ParentModel, child: ChildRef? = nil, attachment: AttachmentFile? = nil, upTo: Date? = nil
    ) -> String {
        var out = ""
        for item in items(model: model, child: child, upTo: upTo) {
            out += "From \(item.fromAddress) \(MailHeader.asctime(item.detail.sentAt))\n"
            for line in message(item, attachment: attachment).split(separator: "\n", omittingEmptySubsequences: false)
                .dropLast()
            {
                out += fromQuoted(line) + "\n"
            }
            out += "\n"
        }
        return out
    }

    /// mboxrd quoting: a line that is `From ` after any number of `>` gets one more `>`.
    static func fromQuoted(_ line: Substring) -> String {
        let rest = line.drop { $0 == ">" }
        return rest.hasPrefix("From ") ? ">" + line : String(line)
    }

    /// One message (headers, blank line, body), lines ending LF.
    static func message(_ item: Item, attachment: AttachmentFile?) -> String {
        let d = item.detail
        var headers = [
            MailHeader.unstructured("Date", MailHeader.date(d.sentAt, zone: item.zone)),
            MailHeader.address("From", display: item.fromName, address: item.fromAddress),
            MailHeader.group("To", display: item.toName),
            MailHeader.unstructured("Subject", d.subject),
            "Message-ID: \(item.messageID)",
            "MIME-Version: 1.0",
            "X-Xpressions-School: \(MailHeader.dotAtom(d.school))",
            MailHeader.unstructured("X-Xpressions-Category", d.category.rawValue),
        ]
        for (ref, name) in zip(d.children, item.childNames) {
            headers.append(MailHeader.unstructured("X-Xpressions-Child", "\(ref.student) \(name)"))
        }
        if let audience = d.audience { headers.append(MailHeader.unstructured("X-Xpressions-Audience", audience)) }
        if let language = d.translatedTo {
            headers.append(MailHeader.unstructured("X-Xpressions-Translated", language))
        }
        headers.append("Status: \(d.isUnread ? "O" : "RO")")

        var files: [(Attachment, [UInt8])] = []
        var listed: [Attachment] = []
        for a in d.attachments {
            if let bytes = attachment?(d.ref, a) { files.append((a, bytes)) } else { listed.append(a) }
        }
        let text = MIMEBody.normalised(bodyText(d, listed: listed))
        let (encoding, body) = MIMEBody.encode(text)
        let textType = ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: \(encoding)"]
        guard !files.isEmpty else { return (headers + textType).joined(separator: "\n") + "\n\n" + body }

        var boundary = "=_xpressions_\(Hex.encode(SHA256.hash(Array(d.ref.description.utf8)).prefix(8)))"
        while body.contains(boundary) { boundary += "_" }
        // The line end before each boundary belongs to the boundary (RFC
        // 2046 §5.1.1): one more, so each part keeps its own last one.
        var out =
            (headers + ["Content-Type: multipart/mixed; boundary=\"\(boundary)\""]).joined(separator: "\n") + "\n\n"
        out +=
            "This is a message in MIME format.\n\n--\(boundary)\n" + textType.joined(separator: "\n") + "\n\n" + body
            + "\n"
        for (a, bytes) in files {
            out += "--\(boundary)\n"
            out += "Content-Type: \(mediaType(a.mediaType))\n"
            out += "Content-Disposition: attachment; \(fileNameParameter(a.name))\n"
            out += "Content-Transfer-Encoding: base64\n\n"
            out += MIMEBody.base64(bytes) + "\n"
        }
        out += "--\(boundary)--\n"
        return out
    }

    /// The message's text, the translation notice, and the attachments not included.
    static func bodyText(_ d: MessageDetail, listed: [Attachment]) -> String {
        var text = MIMEBody.normalised(d.body)
        if let language = d.translatedTo {
            text += "\nThis message was translated into \(language) automatically."
            if let link = d.translationWarningLink { text += " About translations: \(link)" }
            text += "\n"
        }
        if !listed.isEmpty {
            text += "\nAttachments (their files are not in this export):\n"
            // A name is the school's: one line, whatever it holds.
            for a in listed { text += "  \(MailHeader.clean(a.name)) (\(a.sizeText), \(a.mediaType))\n" }
        }
        return text
    }

    /// A media type as `type/subtype` tokens, else `application/octet-stream`.
    static func mediaType(_ text: String) -> String {
        let token = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$&^_.+-".utf8)
        // The type without its parameters ("image/png; name=map" was written
        // as application/octet-stream).
        let bare = String(text.prefix { $0 != ";" })
        let parts = bare.trimmingCharacters(in: .whitespaces).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(token.contains) }) else {
            return "application/octet-stream"
        }
        return parts.joined(separator: "/").lowercased()
    }

    /// `filename="letter.pdf"`, or RFC 2231's `filename*=UTF-8''%E7…` for a
    /// name that is not printable ASCII (or holds a quote or backslash).
    static func fileNameParameter(_ name: String) -> String {
        let plain = name.utf8.allSatisfy { $0 >= 0x20 && $0 <= 0x7E && $0 != 0x22 && $0 != 0x5C }
        if plain { return "filename=\"\(name)\"" }
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$&+-.^_`|~".utf8)
        let encoded = name.utf8.map { safe.contains($0) ? String(Unicode.Scalar($0)) : "%" + MIMEBody.hexByte($0) }
            .joined()
        return "filename*=UTF-8''\(encoded)"
    }

    /// A stable JSON shape (fields are only ever added):
    /// `{"format": "xpressions-messages", "version": 1, "messages": [{"id",
    /// "school", "schoolName", "messageId", "date", "sentAt", "from",
    /// "sender", "to", "subject", "category", "children": [{"student",
    /// "name"}], "audience", "translatedTo", "translationWarningLink", "read",
    /// "body", "attachments": [{"name", "size", "type", "fileInStore"}]}]}`,
    /// oldest first. `fileInStore` (with `attachment`): whether the store
    /// holds the attachment's file as described, as the mbox includes it
    /// (true) or lists it (false); null when no store was at hand.
    public static func json(
        model: ParentModel, child: ChildRef? = nil, attachment: AttachmentFile? = nil, upTo: Date? = nil
    ) -> String {
        let messages: [JSONValue] = items(model: model, child: child, upTo: upTo).map { item in
            let d = item.detail
            var o = JSONObjectBuilder()
            o.set("id", d.ref.id)
            o.set("school", d.school)
            o.set("schoolName", d.schoolName)
            o.set("messageId", item.messageID)
            o.set("date", MailHeader.date(d.sentAt, zone: item.zone))
            o.set("sentAt", d.sentAt, zone: item.zone)
            o.set("from", item.fromName)
            o.set("sender", d.sender)
            o.set("to", item.toName)
            o.set("subject", d.subject)
            o.set("category", d.category.rawValue)
            o.set(
                "children",
                .array(
                    zip(d.children, item.childNames).map { ref, name in
                        var c = JSONObjectBuilder()
                        c.set("student", ref.student)
                        c.set("name", name)
                        return c.value
                    }))
            o.set("audience", d.audience.map { .string($0) } ?? .null)
            o.set("translatedTo", d.translatedTo.map { .string($0) } ?? .null)
            o.set("translationWarningLink", d.translationWarningLink.map { .string($0) } ?? .null)
            o.set("read", !d.isUnread)
            o.set("body", d.body)
            o.set(
                "attachments",
                .array(
                    d.attachments.map { a in
                        var x = JSONObjectBuilder()
                        x.set("name", a.name)
                        x.set("size", a.size)
                        x.set("type", a.mediaType)
                        x.set("fileInStore", attachment.map { .bool($0(d.ref, a) != nil) } ?? .null)
                        return x.value
                    }))
            return o.value
        }
        var top = JSONObjectBuilder()
        top.set("format", "xpressions-messages")
        top.set("version", 1)
        top.set("messages", .array(messages))
        return JSONWriter().string(top.value)
    }
}
