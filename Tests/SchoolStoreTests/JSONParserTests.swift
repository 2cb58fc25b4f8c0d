import Testing

@testable import SchoolStore

@Suite struct JSONParserTests {
    func parse(_ text: String) throws(JSONParser.SyntaxError) -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    @Test func parsesEveryKindOfValue() throws {
        let v = try parse(#"{"a": [1, -2.5, 3e2, true, false, null], "b": "x\"\\\/\n\t\u00e9\ud83d\ude00", "c": {}}"#)
        #expect(v["a"] == .array([.number(1), .number(-2.5), .number(300), .bool(true), .bool(false), .null]))
        #expect(v["b"] == .string("x\"\\/\n\té😀"))
        #expect(v["c"] == .object([]))
    }

    @Test func keepsMemberOrder() throws {
        guard case .object(let members) = try parse(#"{"z": 1, "a": 2, "m": 3}"#) else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.0) == ["z", "a", "m"])
    }

    @Test(arguments: [
        ("{\"a\": 1,}", "line 1, column 9: unexpected '}': expected a field name in double quotes"),
        ("[1, 2", "line 1, column 6: unexpected end of file inside an array"),
        ("{\n  \"a\": 1\n  \"b\": 2\n}", "line 3, column 3: unexpected '\"': expected ',' or '}' in an object"),
        ("{\"a\": tru}", "line 1, column 7: invalid literal: expected true"),
        ("{\"a\": 01}", "line 1, column 7: invalid number: leading zero"),
        ("{\"a\": \"x\ny\"}", "line 1, column 9: control character in a string (use \\n, \\t or \\u escapes)"),
        ("{\"a\": 1, \"a\": 2}", "line 1, column 10: duplicate field \"a\" in one object"),
        ("", "line 1, column 1: the file is empty: expected a JSON value"),
        ("[] x", "line 1, column 4: unexpected 'x' after the end of the JSON value"),
        ("{\"é\": \"\\q\"}", "line 1, column 8: invalid escape \\q"),
    ])
    func reportsSyntaxErrorsWithLineAndColumn(input: String, message: String) {
        #expect(throws: JSONParser.SyntaxError.self) { try parse(input) }
        do throws(JSONParser.SyntaxError) { _ = try parse(input) } catch { #expect(error.description == message) }
    }

    /// A string's bytes as a one-string document: `"` + bytes + `"`.
    func parseString(_ content: [UInt8]) throws(JSONParser.SyntaxError) -> JSONValue {
        try JSONParser.parse([0x22] + content + [0x22])
    }

    /// Ill-formed UTF-8 is an error wherever it is in a string, with or
    /// without escapes around it: a truncated sequence whose repair is as
    /// long as it (F0 9F 98 then a letter: U+FFFD and the letter, 4 bytes
    /// either way), an overlong form, a surrogate, past U+10FFFF, a lone
    /// continuation byte, a sequence cut by an escape.
    @Test(
        arguments: [
            [0xF0, 0x9F, 0x98, 0x41], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80],
            [0xE2, 0x82], [0xFF],
        ] as [[UInt8]])
    func illFormedUTF8IsAnErrorWhereverItIs(bad: [UInt8]) {
        let text = Array("Dear parents of Zoë,".utf8)
        for (before, after) in [
            ([], []), (text, []), ([], text), (text, text), (text + Array("\\n".utf8), text),
            (text, Array("\\n".utf8) + text),
        ] as [([UInt8], [UInt8])] {
            let content = before + bad + after
            #expect(throws: JSONParser.SyntaxError.self, "\(content)") { try parseString(content) }
            do throws(JSONParser.SyntaxError) { _ = try parseString(content) } catch {
                #expect(error.reason == "invalid UTF-8 in a string")
            }
        }
        // Cut by an escape: the first half before it, the rest after.
        #expect(throws: JSONParser.SyntaxError.self) { try parseString([0xC3] + Array("\\n".utf8) + [0xA9]) }
    }

    /// Well-formed text reads back as it was written, whatever lands on
    /// the scanner's 8-byte words: a quote, an escape, a control
    /// character or a multi-byte character at every offset, a real U+FFFD
    /// among them.
    @Test func stringsReadBackAtEveryOffset() throws {
        for pad in 0..<17 {
            let lead = String(repeating: "a", count: pad)
            for piece in ["\"", "\\", "\n", "\t", "é", "😀", "\u{FFFD}", "王", "\u{1}", "/"] {
                let value = lead + piece + lead + "ë" + lead
                let bytes = JSONWriter().write(.string(value))
                #expect(try JSONParser.parse(bytes) == .string(value), "\(pad) \(piece.unicodeScalars.first!.value)")
            }
        }
        // A raw control character or an unterminated string, at every offset.
        for pad in 0..<17 {
            let lead = Array(repeating: UInt8(ascii: "b"), count: pad)
            #expect(throws: JSONParser.SyntaxError.self) { try parseString(lead + [0x0A] + lead) }
            #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse([0x22] + lead) }
            #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse([0x22] + lead + [0x5C]) }
        }
    }

    /// Against the standard library's check, on random bytes: accepted
    /// exactly when well-formed, and then the same string.
    @Test func randomBytesAreAcceptedExactlyWhenWellFormed() {
        var seed: UInt64 = 0x5EED
        func next() -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(seed >> 33)
        }
        let pool: [UInt8] = [
            0x41, 0x20, 0x7E, 0x80, 0xBF, 0xC2, 0xC3, 0xA9, 0xE0, 0xE2, 0xED, 0xEF, 0xBD, 0xF0, 0xF4, 0x9F,
        ]
        for _ in 0..<3000 {
            let content = (0..<(next() % 24)).map { _ in pool[next() % pool.count] }
            let expected = String(validating: content, as: UTF8.self)
            let parsed = try? parseString(content)
            #expect(parsed == expected.map { .string($0) }, "\(content)")
        }
    }

    @Test func recordRangesCoverEachElement() throws {
        let text = "[\n  {\"id\": \"A\"},\n  {\"id\": \"B\", \"x\": [1, {\"id\": \"no\"}]}\n]\n"
        let bytes = Array(text.utf8)
        let (values, ranges) = try JSONParser.parseArray(bytes)
        #expect(values.count == 2)
        #expect(String(decoding: bytes[ranges[1]], as: UTF8.self) == "{\"id\": \"B\", \"x\": [1, {\"id\": \"no\"}]}")
        let scanned = JSONRecordScanner.scan(bytes, keyField: "id")
        #expect(scanned?.map(\.key) == ["A", "B"])
        #expect(scanned?.map(\.range) == ranges)
    }

    @Test func writerOutputParsesBackToTheSameValue() throws {
        let value: JSONValue = .object([
            ("name", .string("Zoë O'Brien \"quoted\"\n王")), ("n", .number(42)), ("f", .number(1.5)),
            ("list", .array([.string("a"), .string("b")])), ("empty", .array([])),
            ("nested", .object([("t", .bool(true))])),
        ])
        let bytes = JSONWriter().write(value)
        #expect(try JSONParser.parse(bytes) == value)
        #expect(JSONWriter().write(try JSONParser.parse(bytes)) == bytes)
    }
}

extension JSONParserTests {
    /// The bidirectional overrides and isolates are escaped like control
    /// characters, so JSON printed for a person keeps them whole (they were
    /// replaced by U+FFFD on the way out: `school inbox --json` lost them),
    /// and other three-byte characters (’, “, €) are written as they are.
    @Test func bidiControlsAreEscapedAndReadBack() throws {
        let text = "invoice\u{202E}fdp.sh \u{2066}x\u{2069} it’s “quoted” €5"
        let bytes = JSONWriter().write(.string(text))
        let written = String(decoding: bytes, as: UTF8.self)
        #expect(
            written.split(separator: "\n").first == #""invoice\u202efdp.sh \u2066x\u2069 it’s “quoted” €5""#,
            "\(written)")
        #expect(try JSONParser.parse(bytes) == .string(text))
        #expect(TerminalSafe.text(written) == written, "nothing left for the terminal to replace")
    }
}
