import Testing

@testable import SchoolStore

/// Text from the store printed for a person: control characters made
/// visible, line breaks and tabs kept; JSON escapes every control character
/// and reads back the same.
@Suite struct TerminalSafeTests {
    @Test func controlCharactersAreMadeVisible() {
        #expect(TerminalSafe.text("Abbot\u{1B}]0;x\u{07}") == "Abbot^[]0;x^G")
        #expect(TerminalSafe.text("a\rb\u{7F}c\u{9B}d") == "a^Mb^?c\u{FFFD}d")
        #expect(TerminalSafe.text("two\nlines\tand a tab, é 日本 🙂") == "two\nlines\tand a tab, é 日本 🙂")
        #expect(TerminalSafe.text("") == "")
        // Bidirectional overrides and isolates turn a line round: shown, not obeyed.
        #expect(TerminalSafe.text("invoice\u{202E}fdp.sh") == "invoice\u{FFFD}fdp.sh")
        #expect(TerminalSafe.text("a\u{2066}b\u{2069}") == "a\u{FFFD}b\u{FFFD}")
        #expect(TerminalSafe.text("مرحبا שלום") == "مرحبا שלום")
    }

    @Test func jsonEscapesEveryControlCharacterAndReadsBack() throws {
        let value = "a\u{1B}b\u{7F}c\u{85}d\u{9B}e\u{A0}f é\u{C2}"
        let bytes = JSONWriter().write(.string(value))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text == "\"a\\u001bb\\u007fc\\u0085d\\u009be\u{A0}f é\u{C2}\"\n")
        #expect(try JSONParser.parse(bytes) == .string(value))
    }
}
