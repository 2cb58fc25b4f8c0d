import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// `export messages`: the mbox read back by a small mboxrd reader (and by
/// Python's `mailbox` and `email` when python3 is there), its count and
/// subjects the timeline's, From-quoting undone exactly, non-ASCII text in
/// encoded-words, attachments as MIME parts, and the JSON's fields.
@Suite struct MessageExportTests {
    static let now = DemoStoreCopy.now

    /// RFC 5322's date, read by Foundation.
    static func rfc5322(_ text: String) -> Date? {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "EEE, d MMM yyyy HH:mm:ss Z"
        return f.date(from: text)
    }

    /// The school writes a message to Ben's group now (published at once).
    static func send(
        _ f: SyncFixture, id: String, subject: String, body: String, sender: String = "Mrs Okafor (Head of Year 9)",
        attachments: [SchoolStore.Attachment] = []
    ) throws {
        let m = SchoolMessage(
            id: id, category: .general, sender: sender, sentAt: f.clock.now().addingTimeInterval(-60), subject: subject,
            body: body, attachments: attachments)
        try f.writer.send(m, scope: .group("9A"), school: "green-abbey", zone: SyncFixture.london)
    }

    @Test func theMailboxReadsBackWithTheTimelinesCountAndSubjects() throws {
        try withTestDirectory { dir in
            let (f, _) = try CalendarExportTests.synced(dir)
            let engine = try f.engine()
            let opened = engine.snapshot.timeline().refs.prefix(3)
            for ref in opened { _ = try engine.markRead(ref) }
            let model = engine.snapshot
            let text = MessageExport.mbox(model: model)
            for secret in ["liz.abbot", "07700", "@example.com"] {
                #expect(!text.contains(secret), "the parent's \(secret) is not written")
            }
            let messages = try MboxReader.parse(text)
            let timeline = Array(model.timeline().refs.reversed())  // oldest first
            #expect(messages.count == model.messageCount)
            #expect(messages.count == timeline.count)
            for (m, ref) in zip(messages, timeline) {
                let d = try #require(model.message(ref))
                let zone = try #require(model.school(ref.school)).zone
                #expect(m.header("Subject") == d.subject)
                #expect(m.header("Message-ID") == "<\(ref.id)@\(ref.school).xpressions>")
                let display = "\(d.sender), \(d.schoolName)"
                #expect(
                    m.displayed("From") == "\(display) <\(ref.school)@xpressions.invalid>", "quoted, or encoded-words")
                if display.unicodeScalars.allSatisfy(\.isASCII) {
                    #expect(m.header("From") == "\"\(display)\" <\(ref.school)@xpressions.invalid>")
                }
                let names = d.children.map { model.child($0)!.fullName }
                #expect(m.header("To") == "\"Parent of \(CalendarExport.list(names))\":;")
                #expect(m.header("Date").flatMap(Self.rfc5322) == d.sentAt)
                #expect(m.header("Date")?.hasSuffix(zone.offset(at: d.sentAt) == 0 ? "+0000" : "+0100") == true)
                #expect(m.fromLine == "From \(ref.school)@xpressions.invalid \(MailHeader.asctime(d.sentAt))")
                #expect(m.header("X-Xpressions-Category") == d.category.rawValue)
                #expect(m.headers("X-Xpressions-Child") == zip(d.children, d.childNames).map { "\($0.student) \($1)" })
                #expect(m.header("X-Xpressions-Audience") == d.audience)
                #expect(m.header("Status") == (d.isUnread ? "O" : "RO"))
                #expect(m.header("Content-Type") == "text/plain; charset=utf-8")
                #expect(m.header("Content-Transfer-Encoding") == "8bit")
                let body = MIMEBody.normalised(d.body)
                #expect(m.body.hasPrefix(body))
                for a in d.attachments { #expect(m.body.contains("  \(a.name) (\(a.sizeText), \(a.mediaType))")) }
                if d.attachments.isEmpty && d.translatedTo == nil { #expect(m.body == body) }
            }
            // Read: the three opened, and the history older than 14 days at the first sync.
            let read = model.timeline().refs.filter { model.message($0).map { !$0.isUnread } ?? false }
            #expect(messages.filter { $0.header("Status") == "RO" }.count == read.count)
            #expect(opened.allSatisfy { read.contains($0) } && read.count > opened.count)
            #expect(
                messages.contains { !Self.detail(model, $0).attachments.isEmpty }, "the demo has attachments, listed")

            // One child's messages: the child's timeline.
            let amy = try MboxReader.parse(MessageExport.mbox(model: model, child: SyncFixture.amy))
            #expect(
                amy.map { $0.header("Message-ID") }
                    == model.timeline(TimelineQuery(child: SyncFixture.amy)).refs.reversed()
                    .map { "<\($0.id)@\($0.school).xpressions>" })
        }
    }

    static func detail(_ model: ParentModel, _ m: MboxReader.Message) -> MessageDetail {
        let id = m.header("Message-ID")!.dropFirst().split(separator: "@")[0]
        let school = m.header("X-Xpressions-School")!
        return model.message(MessageRef(school: school, id: String(id)))!
    }

    static let trickyBody = """
        From the head teacher: well done!
        >From a quoted line
        >>From a doubly quoted line
        From
        Fromage frais
         From an indented line
        From 

        From after a blank line
        """

    /// With --now, the messages sent by then (the export listed every one,
    /// while the attendance export stopped at --now).
    @Test func upToAMomentLeavesOutWhatCameAfter() throws {
        try withTestDirectory { dir in
            let (f, _) = try CalendarExportTests.synced(dir)
            let model = try f.engine().snapshot
            let all = try MboxReader.parse(MessageExport.mbox(model: model))
            let cut = Timestamp.parse("2026-01-01T00:00:00Z")!
            let before = try MboxReader.parse(MessageExport.mbox(model: model, upTo: cut))
            let expected = model.timeline().refs.filter { (model.message($0)?.sentAt ?? cut) <= cut }.count
            #expect(before.count == expected && expected > 0 && expected < all.count, "\(before.count) of \(all.count)")
            #expect(
                MessageExport.json(model: model, upTo: cut).components(separatedBy: "\"messageId\"").count - 1
                    == expected)
        }
    }

    @Test func fromQuotingIsUndoneExactly() throws {
        try withTestDirectory { dir in
            let (f, _) = try CalendarExportTests.synced(dir)
            try Self.send(f, id: "GA-FROM-1", subject: "From lines", body: Self.trickyBody)
            let engine = try f.engine()
            try engine.sync()
            let text = MessageExport.mbox(model: engine.snapshot)
            for quoted in [
                "\n>From the head teacher", "\n>>From a quoted line", "\n>>>From a doubly quoted line", "\n>From \n",
                "\n>From after",
            ] {
                #expect(text.contains(quoted), "\(quoted) is quoted")
            }
            #expect(
                text.contains("\nFrom\n") && text.contains("\nFromage frais") && text.contains("\n From an indented"),
                "left alone")
            let messages = try MboxReader.parse(text)
            #expect(messages.count == engine.snapshot.messageCount)
            let m = try #require(messages.first { $0.header("Message-ID") == "<GA-FROM-1@green-abbey.xpressions>" })
            #expect(m.body == Self.trickyBody + "\n")
        }
    }

    @Test func subjectsAndNamesThatAreNotASCIIAreEncodedWords() throws {
        let subject = "王小明的数学作业 🎉: résumé, “quotes” and a long tail of words to fold — 学校音乐会欢迎全家参加"
        let sender = "Mme Zoë Lefèvre (Français)"
        try withTestDirectory { dir in
            let (f, _) = try CalendarExportTests.synced(
                dir, email: "wang.li@example.com", mobile: "07700 100008", lastFour: "0008")
            let m = SchoolMessage(
                id: "GA-CJK-1", category: .general, sender: sender, sentAt: f.clock.now().addingTimeInterval(-60),
                subject: subject,
                body: "你好, Zoë.\nFrom 小明's school.")
            try f.writer.send(m, scope: .student("GA-XIAOMING"), school: "green-abbey", zone: SyncFixture.london)
            let engine = try f.engine()
            try engine.sync()
            let model = engine.snapshot
            let text = MessageExport.mbox(model: model)
            let headerLines = text.split(separator: "\n").filter { $0.contains("=?UTF-8?B?") }
            #expect(!headerLines.isEmpty)
            #expect(headerLines.allSatisfy { $0.utf8.count <= 78 }, "folded")
            #expect(text.split(separator: "\n").allSatisfy { $0.utf8.count <= 998 })
            let messages = try MboxReader.parse(text)
            let mine = try #require(messages.first { $0.header("Message-ID") == "<GA-CJK-1@green-abbey.xpressions>" })
            #expect(mine.header("Subject") == subject)
            #expect(mine.displayed("From") == "\(sender), Green Abbey School <green-abbey@xpressions.invalid>")
            // The ":" apart from the encoded-word before it (RFC 2047 §5:
            // Python's parser flagged "missing trailing whitespace after
            // encoded-word" on every message for a child named so).
            #expect(mine.displayed("To") == "Parent of 王小明 :;")
            #expect(
                text.split(separator: "\n").contains {
                    $0.hasPrefix("To: \"Parent of\" =?UTF-8?B?") && $0.hasSuffix("?= :;")
                })
            #expect(mine.header("X-Xpressions-Child") == "GA-XIAOMING \(model.children[0].name)")
            #expect(mine.body == "你好, Zoë.\nFrom 小明's school.\n")
            #expect(
                messages.map { $0.header("Subject") }
                    == model.timeline().refs.reversed().map { model.message($0)?.subject })
        }
    }

    /// The encoded-words hold whole characters and stay within 75 characters.
    @Test func encodedWordsHoldWholeCharacters() {
        for text in [
            String(repeating: "🎉", count: 40), String(repeating: "é", count: 70),
            "a" + String(repeating: "学", count: 50),
        ] {
            let words = MailHeader.encodedWords(text)
            #expect(words.allSatisfy { $0.count <= 75 })
            var joined = ""
            for w in words {
                let decoded = MboxReader.decodeWords(w)
                #expect(!decoded.isEmpty && !decoded.contains("\u{FFFD}"), "\(w) decodes on its own")
                joined += decoded
            }
            #expect(joined == text)
        }
        // Breaks fall between words, the space carried into the next word:
        // each encoded-word decodes to whole words (Python's email package
        // read a name split inside a word as "Green Abbey Sc hool").
        let name = "Mr Hughes (Maths), Green Abbey School — Café Ω test of a long display name here"
        let words = MailHeader.encodedWords(name)
        #expect(words.count > 1)
        let decoded = words.map { MboxReader.decodeWords($0) }
        #expect(decoded.joined() == name)
        #expect(decoded.dropFirst().allSatisfy { $0.hasPrefix(" ") }, "\(decoded)")
        #expect(
            MailHeader.unstructured("Subject", "Plain =?not?= encoded")
                == "Subject: Plain =?UTF-8?B?PT9ub3Q/PQ==?= encoded")
        #expect(MailHeader.dotAtom("GA DEMO=2") == "GA=20DEMO=3D2")
    }

    /// A long display name with some words not ASCII: its ASCII words are
    /// quoted and only the others encoded, so no two encoded-words meet at
    /// a space a reader might keep (Python's email package read a long
    /// sender as "Dupont-Ŝaŭmann  (Responsable", the space doubled).
    @Test func aLongMixedDisplayNameKeepsItsSpacesPlain() {
        let name =
            "Mme Éléonore Dupont-Ŝaŭmann (Responsable du département de langues vivantes étrangères), Green Abbey School"
        let tokens = MailHeader.phrase(name)
        #expect(
            tokens == [
                "\"Mme\"", "=?UTF-8?B?w4lsw6lvbm9yZSBEdXBvbnQtxZxhxa1tYW5u?=", "\"(Responsable du\"",
                "=?UTF-8?B?ZMOpcGFydGVtZW50?=", "\"de langues vivantes\"", "=?UTF-8?B?w6l0cmFuZ8OocmVzKSw=?=",
                "\"Green Abbey School\"",
            ], "\(tokens)")
        #expect(
            tokens.map { MboxReader.decodeWords($0) }.map { $0.trimmingCharacters(in: ["\""]) }.joined(separator: " ")
                == name)
        // The header, folded, within 78 characters a line.
        let header = MailHeader.address("From", display: name, address: "green-abbey@xpressions.invalid")
        #expect(header.split(separator: "\n").allSatisfy { $0.utf8.count <= 78 }, "\(header)")
        #expect(MailHeader.phrase("Ms Zoë O'Brien") == ["\"Ms\"", "=?UTF-8?B?Wm/Dqw==?=", "\"O'Brien\""])
    }

    /// With their files at hand attachments are MIME parts (base64, RFC 2231
    /// names); a line too long for 8bit goes quoted-printable.
    @Test func attachmentsBecomePartsAndLongLinesQuotedPrintable() throws {
        let long = String(repeating: "Long line with ümlauts and = signs. ", count: 60)
        let pdf = SchoolStore.Attachment(name: "letter.pdf", size: 3000, mediaType: "application/pdf")
        let odd = SchoolStore.Attachment(name: "résumé \"final\".txt", size: 12, mediaType: "text plain??")
        try withTestDirectory { dir in
            let (f, _) = try CalendarExportTests.synced(dir)
            try Self.send(
                f, id: "GA-ATT-1", subject: "Letters", body: "See attached.\n\(long)\nFrom me", attachments: [pdf, odd])
            let engine = try f.engine()
            try engine.sync()
            let files: [String: [UInt8]] = [
                "letter.pdf": (0..<3000).map { UInt8(truncatingIfNeeded: $0 * 7) },
                odd.name: Array("hello, world".utf8),
            ]
            let text = MessageExport.mbox(model: engine.snapshot, child: SyncFixture.ben) { ref, a in
                ref.id == "GA-ATT-1" ? files[a.name] : nil
            }
            let messages = try MboxReader.parse(text)
            let m = try #require(messages.first { $0.header("Message-ID") == "<GA-ATT-1@green-abbey.xpressions>" })
            let type = try #require(m.header("Content-Type"))
            #expect(type.hasPrefix("multipart/mixed; boundary=\""))
            let boundary = String(type.split(separator: "\"")[1])
            let parts = m.body.components(separatedBy: "--\(boundary)")
            #expect(parts.count == 5, "preamble, text, two files, end")
            #expect(parts.last == "--\n")
            #expect(parts[1].contains("Content-Transfer-Encoding: quoted-printable"))
            var qp = String(parts[1].components(separatedBy: "\n\n").dropFirst().joined(separator: "\n\n"))
            #expect(qp.hasSuffix("\n\n"), "the line end before the boundary is the boundary's")
            qp.removeLast()
            #expect(qp.split(separator: "\n").allSatisfy { $0.utf8.count <= 76 })
            #expect(MboxReader.quotedPrintable(qp) == "See attached.\n\(long)\nFrom me\n")
            #expect(
                parts[2].contains(
                    "Content-Type: application/pdf\nContent-Disposition: attachment; filename=\"letter.pdf\""))
            let encoded = parts[2].components(separatedBy: "\n\n")[1].replacingOccurrences(of: "\n", with: "")
            #expect(Data(base64Encoded: encoded).map(Array.init) == files["letter.pdf"])
            #expect(parts[3].contains("Content-Type: application/octet-stream"))
            // A type with parameters is written as its bare type (it was application/octet-stream).
            #expect(MessageExport.mediaType("image/png; name=map") == "image/png")
            #expect(MessageExport.mediaType(" Image/PNG ") == "image/png")
            #expect(MessageExport.mediaType("not a type") == "application/octet-stream")
            #expect(parts[3].contains("filename*=UTF-8''r%C3%A9sum%C3%A9%20%22final%22.txt"))
            #expect(!m.body.contains("their files are not in this export"))
            // Without the files: listed under the text, no MIME parts.
            let plain = try MboxReader.parse(MessageExport.mbox(model: engine.snapshot, child: SyncFixture.ben))
            let listed = try #require(plain.first { $0.header("Message-ID") == "<GA-ATT-1@green-abbey.xpressions>" })
            #expect(listed.header("Content-Type") == "text/plain; charset=utf-8")
            #expect(
                MboxReader.quotedPrintable(listed.body).contains("  letter.pdf (\(pdf.sizeText), application/pdf)\n"))
        }
    }

    /// Python's `mailbox`, an mbox reader this project did not write (CI
    /// installs python3; without it the test is reported as skipped).
    @Test(.enabled(if: DigestTests.python3 != nil, "python3 is not installed"))
    func pythonsMailboxReadsItWithoutComplaint() throws {
        let python = try #require(DigestTests.python3)
        try withTestDirectory { dir in
            let (f, _) = try CalendarExportTests.synced(dir)
            try Self.send(f, id: "GA-FROM-1", subject: "From lines — ünïcode 🎉", body: Self.trickyBody)
            let long = String(repeating: "x", count: 1200)
            try Self.send(
                f, id: "GA-ATT-1", subject: "Letters", body: "See attached.\n\(long)",
                attachments: [SchoolStore.Attachment(name: "résumé.pdf", size: 5, mediaType: "application/pdf")])
            let engine = try f.engine()
            try engine.sync()
            _ = try engine.markRead(MessageRef(school: "green-abbey", id: "GA-FROM-1"))
            let model = engine.snapshot
            let mbox = dir.file("messages.mbox")
            try Data(
                MessageExport.mbox(model: model) { _, a in a.name == "résumé.pdf" ? Array("%PDF-".utf8) : nil }.utf8
            )
            .write(to: URL(fileURLWithPath: mbox))
            let script = """
                import json, mailbox, email, email.policy, sys
                out = []
                for msg in mailbox.mbox(sys.argv[1]):
                    em = email.message_from_bytes(msg.as_bytes(), policy=email.policy.default)
                    body = em.get_body(preferencelist=('plain',))
                    files = [[p.get_filename(), p.get_content().decode('latin-1')] for p in em.iter_attachments()]
                    defects = [str(d) for part in em.walk() for d in part.defects]
                    out.append({"subject": str(em['Subject']), "id": em['Message-ID'], "flags": msg.get_flags(),
                                "body": body.get_content(), "files": files, "defects": defects, "to": str(em['To'])})
                print(json.dumps(out))
                """
            try Data(script.utf8).write(to: URL(fileURLWithPath: dir.file("read.py")))
            let run = try ChildProcess.run(
                [python, dir.file("read.py"), mbox], environment: ProcessInfo.processInfo.environment)
            #expect(run.status == 0, "\(run.error)")
            let value = try JSONParser.parse(Array(run.output.utf8))
            guard case .array(let read) = value else {
                Issue.record("python printed \(run.output)")
                return
            }
            let timeline = Array(model.timeline().refs.reversed())
            #expect(read.count == timeline.count)
            for (r, ref) in zip(read, timeline) {
                let d = try #require(model.message(ref))
                #expect(r["subject"] == .string(d.subject))
                #expect(r["id"] == .string("<\(ref.id)@\(ref.school).xpressions>"))
                #expect(r["defects"] == .array([]), "\(ref): \(String(describing: r["defects"]))")
                #expect(r["flags"] == .string(d.isUnread ? "O" : "RO"))
                // Python's mailbox leaves mboxrd's quoting in place (it reads mboxo and mboxrd alike).
                let quoted = (Self.trickyBody + "\n").split(separator: "\n", omittingEmptySubsequences: false)
                    .map { MessageExport.fromQuoted($0) }.joined(separator: "\n")
                if ref.id == "GA-FROM-1" { #expect(r["body"] == .string(quoted)) }
                if ref.id == "GA-ATT-1" {
                    #expect(r["body"] == .string("See attached.\n\(long)\n"))
                    #expect(r["files"] == .array([.array([.string("résumé.pdf"), .string("%PDF-")])]))
                }
            }
        }
    }

    @Test func theJSONCarriesTheSameFields() throws {
        try withTestDirectory { dir in
            let (_, model) = try CalendarExportTests.synced(dir)
            // Whether each attachment's file is in the store, as the mbox
            // includes it or lists it (the JSON said nothing of it).
            let files = try JSONParser.parse(
                Array(
                    MessageExport.json(model: model) { _, a in
                        a.name == "options-interview-letter.pdf" ? [1] : nil
                    }.utf8))
            var flags: [String: JSONValue] = [:]
            if case .array(let all)? = files["messages"] {
                for m in all {
                    guard case .array(let attachments)? = m["attachments"] else { continue }
                    for a in attachments { flags[a["name"]!.stringValue] = a["fileInStore"] }
                }
            }
            #expect(flags["options-interview-letter.pdf"] == .bool(true), "\(flags)")
            #expect(flags["library-map.png"] == .bool(false), "\(flags)")
            let value = try JSONParser.parse(Array(MessageExport.json(model: model).utf8))
            #expect(value["format"] == .string("xpressions-messages"))
            guard case .array(let messages)? = value["messages"] else {
                Issue.record("no messages")
                return
            }
            let mbox = try MboxReader.parse(MessageExport.mbox(model: model))
            #expect(messages.count == mbox.count)
            for (j, m) in zip(messages, mbox) {
                #expect(j["subject"] == .string(m.header("Subject")!))
                #expect(j["messageId"] == .string(m.header("Message-ID")!))
                #expect(j["date"] == .string(m.header("Date")!))
                let from = j["from"]!.stringValue
                #expect("\(from) <\(m.header("X-Xpressions-School")!)@xpressions.invalid>" == m.displayed("From"))
                #expect(j["to"].map { "\"\($0.stringValue)\":;" } == m.header("To"))
                #expect(j["category"] == .string(m.header("X-Xpressions-Category")!))
                #expect(j["read"] == .bool(m.header("Status") == "RO"))
                guard case .array(let children)? = j["children"] else { continue }
                #expect(
                    children.map { "\($0["student"]!.stringValue) \($0["name"]!.stringValue)" }
                        == m.headers("X-Xpressions-Child"))
                #expect(m.body.hasPrefix(j["body"]!.stringValue))
            }
        }
    }
}

extension JSONValue {
    /// The string of a `.string`, else "".
    var stringValue: String {
        if case .string(let s) = self { return s }
        return ""
    }
}
