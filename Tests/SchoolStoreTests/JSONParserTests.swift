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
