import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// Issue 13, "a lazy model": the monthly timeline parts are read straight
/// from their bytes (no JSON tree). Whatever the full decoder reads, the
/// streaming one reads the same; whatever is not as this build writes it,
/// it leaves to the full decoder, which says what is wrong.
@Suite struct TimelinePartStreamingTests {
    static func tree(_ bytes: [UInt8]) -> TimelinePart? {
        guard let value = try? JSONParser.parse(bytes),
            let r = FieldReader(value, file: "t", record: nil, problems: ProblemList())
        else { return nil }
        return TimelinePart.decode(r)
    }

    static let at = Timestamp.parse("2026-03-17T16:05:00Z")!

    static var part: TimelinePart {
        let messages = [
            StoredMessage(
                message: SchoolMessage(
                    id: "M-1", category: .homework, sender: "Mr Hughes (Maths)", sentAt: at,
                    subject: "Quotes \" and \\ backslashes, tabs\tand\nnew lines",
                    body: "Zoë's café: 8:30am?\r\nÉcole 日本語 🎒 \u{1}control\u{7F}", translatedTo: "Polski"),
                scope: .group("9A"), children: ["GA-BEN"]),
            StoredMessage(
                message: SchoolMessage(
                    id: "M-2", category: .trip, sender: "Year 9 leader", sentAt: at.addingTimeInterval(-3600),
                    publishedAt: at, subject: "Trip", body: "See the letter.",
                    attachments: [
                        Attachment(name: "consent form.pdf", size: 1234, mediaType: "application/pdf"),
                        Attachment(name: "map (1).png", size: 18564, mediaType: "image/png"),
                    ],
                    contacts: ["GA-C-LIZ", "GA-C-DAVID"]),
                scope: .year(9), children: ["GA-BEN", "GA-AMY"]),
            StoredMessage(
                message: SchoolMessage(
                    id: "M-3", category: .general, sender: "Office", sentAt: at.addingTimeInterval(-7200),
                    subject: "Empty lists", body: "x", contacts: []),
                scope: .student("GA-AMY"), children: []),
        ]
        return TimelinePart(
            school: "green-abbey", year: AcademicYear(startYear: 2025), month: "2026-03", timezone: "Europe/London",
            messages: messages)
    }

    @Test func whatTheBuildWritesIsReadAsTheFullDecoderReadsIt() throws {
        let bytes = Self.part.encode()
        let streamed = try #require(TimelinePart.decodeStreaming(bytes))
        #expect(streamed == Self.tree(bytes))
        #expect(streamed.messages.map(\.message.id) == ["M-1", "M-2", "M-3"])
        #expect(streamed.messages[0].message.body == Self.part.messages[0].message.body)
        #expect(streamed.messages[1].message.attachments == Self.part.messages[1].message.attachments)
        guard case .success(.timeline(let viaPart)) = ModelPart.decode(bytes, file: "timeline.x.g1.json") else {
            Issue.record("not decoded as a timeline part")
            return
        }
        #expect(viaPart == streamed)
        // Extra top-level fields are passed over by both.
        let extra = Array(
            String(decoding: bytes, as: UTF8.self).replacingOccurrences(
                of: "\"part\": \"timeline\",", with: "\"part\": \"timeline\", \"later\": {\"a\": [1, true, null]},"
            ).utf8)
        #expect(TimelinePart.decodeStreaming(extra) == Self.tree(extra) && Self.tree(extra) != nil)
    }

    @Test func aRealModelsPartsAreReadTheSameBothWays() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            try f.engine().sync()
            let model = "\(f.dataDirectory)/model"
            let parts = try FileManager.default.contentsOfDirectory(atPath: model).filter { $0.hasPrefix("timeline.") }
            #expect(parts.count > 5)
            var messages = 0
            for name in parts {
                let bytes = try RawFile.read("\(model)/\(name)")
                let streamed = try #require(TimelinePart.decodeStreaming(bytes), "\(name)")
                #expect(streamed == Self.tree(bytes), "\(name)")
                messages += streamed.messages.count
            }
            #expect(messages == (try f.engine().snapshot.messageCount))
        }
    }

    @Test func anythingElseIsLeftToTheFullDecoder() {
        let text = String(decoding: Self.part.encode(), as: UTF8.self)
        func edited(_ from: String, _ to: String) -> [UInt8] {
            precondition(text.contains(from), from)
            return Array(text.replacingOccurrences(of: from, with: to).utf8)
        }
        let damaged: [(String, [UInt8])] = [
            ("trailing garbage", Array((text + "x").utf8)),
            ("truncated", Array(text.utf8.dropLast(3))),
            ("empty", []),
            ("a repeated key", edited("\"month\": \"2026-03\",", "\"month\": \"2026-03\", \"month\": \"2026-04\",")),
            ("a field a message does not have", edited("\"id\": \"M-1\",", "\"id\": \"M-1\", \"mood\": 1,")),
            ("a null where a string goes", edited("\"translatedTo\": \"Polski\"", "\"translatedTo\": null")),
            ("an unknown category", edited("\"category\": \"Homework\"", "\"category\": \"Gossip\"")),
            ("a bad time", edited("\"publishedAt\": \"", "\"publishedAt\": \"x")),
            ("another kind of part", edited("\"part\": \"timeline\"", "\"part\": \"child\"")),
            ("a blank school", edited("\"school\": \"green-abbey\"", "\"school\": \" \"")),
            ("a missing comma", edited("\"month\": \"2026-03\",", "\"month\": \"2026-03\"")),
            ("a leading comma", edited("{\n  \"part\"", "{, \"part\"")),
            ("a huge size", edited("\"size\": 1234", "\"size\": 1e300")),
            ("invalid UTF-8", Array(text.utf8).map { $0 == UInt8(ascii: "Z") ? 0xFF : $0 }),
        ]
        for (what, bytes) in damaged {
            #expect(TimelinePart.decodeStreaming(bytes) == nil, "\(what)")
        }
    }
}
