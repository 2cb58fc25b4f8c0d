import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// The status line's scanner finds exactly the ids and children the full
/// decoder finds, in every timeline part of real models, and gives up
/// (so the full decoder speaks) on anything else.
@Suite struct TimelineScannerTests {
    static func fullDecode(_ bytes: [UInt8]) -> [TimelineScanner.Entry]? {
        guard case .success(.timeline(let t)) = ModelPart.decode(bytes, file: "t.json") else { return nil }
        return t.messages.map { TimelineScanner.Entry(id: $0.message.id, children: $0.children) }
    }

    @Test func everyDemoPartScansAsItDecodes() throws {
        try withTestDirectory { dir in
            var parts = 0
            for (email, mobile, four) in [
                ("liz.abbot@example.com", "07700 100001", "0001"), ("wang.li@example.com", "07700 100008", "0008"),
            ] {
                let sub = try TestDirectory()
                defer { try? FileManager.default.removeItem(atPath: sub.path) }
                let (f, _) = try CalendarExportTests.synced(sub, email: email, mobile: mobile, lastFour: four)
                let model = "\(f.dataDirectory)/model"
                for name in try FileManager.default.contentsOfDirectory(atPath: model) where name.hasPrefix("timeline.")
                {
                    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: "\(model)/\(name)")))
                    let scan = try #require(TimelineScanner.scan(bytes), "\(name)")
                    #expect(scan.entries == Self.fullDecode(bytes), "\(name)")
                    #expect(name.hasPrefix(scan.partName + ".g"))
                    parts += 1
                }
            }
            #expect(parts > 20)
            _ = dir
        }
    }

    static func part(_ messages: String) -> [UInt8] {
        Array(
            """
            {"part": "timeline", "school": "green-abbey", "year": "2025-26", "month": "2026-03", "timezone": "Europe/London",
             "messages": [\(messages)]}
            """.utf8)
    }

    static func message(_ id: String, children: String = "[\"GA-BEN\"]", body: String = "\"b\"", extra: String = "")
        -> String
    {
        """
        {"scope": "group-9A", "children": \(children), "message": {"id": \(id), "category": "General", "sender": "S",
         "sentAt": "2026-03-17T16:05:00Z", "subject": "x [{", "body": \(body)\(extra)}}
        """
    }

    @Test func awkwardStringsScanAsTheyDecode() throws {
        let cases = [
            Self.part(""),
            // Escapes in an id (an id holds only letters, digits, - and _: an
            // escaped quote is in a body below).
            Self.part(Self.message("\"A\\u002dB\"")),
            Self.part(Self.message("\"caf\\u0065\"", children: "[\"GA-BEN\", \"GA-AMY\"]")),
            Self.part(
                Self.message(
                    "\"M1\"", extra: ", \"attachments\": [{\"name\": \"a}]\\\\\", \"size\": 1, \"type\": \"t\"}]")),
            Self.part(
                Self.message("\"M2\"", body: "\"ends with backslashes \\\\\\\\\"") + ",\n"
                    + Self.message("\"M3\"", body: "\"\\\"}\\\"\"")),
            Array(
                "  {  \"messages\" : [ ] , \"part\":\"timeline\",\"school\":\"s\",\"year\":\"2025-26\",\"month\":\"2026-03\",\"timezone\":\"UTC\" }\n"
                    .utf8),
        ]
        for bytes in cases {
            let full = try #require(Self.fullDecode(bytes), "a valid part: \(String(decoding: bytes, as: UTF8.self))")
            #expect(TimelineScanner.scan(bytes)?.entries == full, "\(String(decoding: bytes, as: UTF8.self))")
        }
        #expect(TimelineScanner.scan(Self.part(Self.message("\"A\\u002dB\"")))?.entries.first?.id == "A-B")
        #expect(TimelineScanner.scan(Self.part(Self.message("\"caf\\u0065\"")))?.entries.first?.id == "cafe")
        #expect(TimelineScanner.scan(cases[4])?.entries.map(\.id) == ["M2", "M3"])
    }

    @Test func anythingElseIsLeftToTheFullDecoder() {
        let whole = Self.part(Self.message("\"M1\""))
        let broken: [[UInt8]] = [
            Array(whole.dropLast(3)),  // cut short
            Array(
                String(decoding: whole, as: UTF8.self).replacingOccurrences(of: "\"timeline\"", with: "\"child\"").utf8),
            Self.part(Self.message("42")),  // an id that is not a string
            Self.part("{\"scope\": \"school\", \"message\": {\"id\": \"M1\"}}"),  // no children
            Self.part(Self.message("\"M1\"", children: "[1]")),
            whole + Array(" trailing".utf8),
            [],
            Array("[]".utf8),
        ]
        for bytes in broken { #expect(TimelineScanner.scan(bytes) == nil, "\(String(decoding: bytes, as: UTF8.self))") }
    }
}
