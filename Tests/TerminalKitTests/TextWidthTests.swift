import Testing

@testable import TerminalKit

@Suite struct TextWidthTests {
    @Test(arguments: [
        ("", 0), ("a", 1), ("hello, world", 12), ("~!@#$%^&*()", 11),
        ("café", 4), ("cafe\u{301}", 4), ("e\u{301}\u{302}", 1), ("Ünïcödé", 7),
        ("日本語", 6), ("한국어", 6), ("ひらがな", 8), ("カタカナ", 8), ("ＡＢＣ", 6), ("ｶﾀｶﾅ", 4),
        ("😀", 2), ("👍🏽", 2), ("👨‍👩‍👧", 2), ("🇬🇧", 2), ("❤️", 2), ("❤", 1), ("✅", 2),
        ("a\u{200D}b", 2), ("\u{200B}", 0), ("\t", 1), ("\n", 1), ("\u{1B}[31m", 4), ("\u{85}", 0),
        ("Ben Abbot (9A) 日本", 19),
    ])
    func widthOfStrings(text: String, expected: Int) {
        #expect(TextWidth.of(text) == expected, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        #expect(text.displayWidth == expected)
    }

    @Test func precomposedAndCombiningAccentsAreOneCell() {
        let precomposed: Character = "\u{E9}"
        let combining: Character = "e\u{301}"
        #expect(TextWidth.of(precomposed) == 1)
        #expect(TextWidth.of(combining) == 1)
        #expect(TextWidth.of("\u{301}" as Unicode.Scalar) == 0)
    }

    @Test func scalarWidths() {
        #expect(TextWidth.of("A" as Unicode.Scalar) == 1)
        #expect(TextWidth.of("\u{FE0F}" as Unicode.Scalar) == 0)
        #expect(TextWidth.of("\u{200D}" as Unicode.Scalar) == 0)
        #expect(TextWidth.of("\u{4E00}" as Unicode.Scalar) == 2)
        #expect(TextWidth.of("\u{20000}" as Unicode.Scalar) == 2)
        #expect(TextWidth.of("\u{1160}" as Unicode.Scalar) == 0)
        #expect(TextWidth.of("\u{AD}" as Unicode.Scalar) == 1)
        #expect(TextWidth.of("\u{3000}" as Unicode.Scalar) == 2)
    }

    /// The tables are flat pairs (first, last), sorted and apart, and the
    /// binary search finds exactly the code points inside them.
    @Test func tablesAreSortedPairsAndSearchedExactly() {
        for table in [TextWidth.zeroWidthRanges, TextWidth.wideRanges] {
            #expect(table.count % 2 == 0)
            for i in stride(from: 0, to: table.count, by: 2) {
                #expect(table[i] <= table[i + 1], "range \(i / 2)")
                if i + 2 < table.count { #expect(table[i + 1] < table[i + 2], "range \(i / 2) and the next") }
            }
        }
        var expected = [Int](repeating: 1, count: 0x40000)
        for (table, width) in [(TextWidth.wideRanges, 2), (TextWidth.zeroWidthRanges, 0)] {
            for i in stride(from: 0, to: table.count, by: 2) where table[i] < 0x40000 {
                for value in table[i]...min(table[i + 1], 0x3FFFF) { expected[Int(value)] = width }
            }
        }
        var wrong: [String] = []
        for value in 0x300..<UInt32(0x40000) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if TextWidth.of(scalar) != expected[Int(value)] { wrong.append(String(value, radix: 16)) }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(10))")
    }

    @Test func truncateKeepsShortTextAndMarksCuts() {
        #expect(TextWidth.truncate("Messages", toWidth: 10) == "Messages")
        #expect(TextWidth.truncate("Messages", toWidth: 8) == "Messages")
        #expect(TextWidth.truncate("Messages", toWidth: 5) == "Mess…")
        #expect(TextWidth.truncate("Messages", toWidth: 5, ellipsis: "...") == "Me...")
        #expect(TextWidth.truncate("Messages", toWidth: 2, ellipsis: "...") == "Me")
        #expect(TextWidth.truncate("Messages", toWidth: 0) == "")
    }

    @Test func truncateNeverSplitsAWideCharacter() {
        #expect(TextWidth.truncate("日本語", toWidth: 4) == "日…")
        #expect(TextWidth.truncate("日本語", toWidth: 5) == "日本…")
        #expect(TextWidth.truncate("日本語", toWidth: 3, ellipsis: "") == "日")
        #expect(TextWidth.truncate("a日本", toWidth: 2, ellipsis: "") == "a")
    }

    @Test func padAligns() {
        #expect(TextWidth.pad("ab", toWidth: 5) == "ab   ")
        #expect(TextWidth.pad("ab", toWidth: 5, alignment: .right) == "   ab")
        #expect(TextWidth.pad("ab", toWidth: 5, alignment: .center) == " ab  ")
        #expect(TextWidth.pad("日本", toWidth: 5) == "日本 ")
        #expect(TextWidth.pad("toolong", toWidth: 3) == "toolong")
        #expect(TextWidth.fit("toolong", toWidth: 5) == "tool…")
        #expect(TextWidth.fit("日本語", toWidth: 4).displayWidth == 4)
    }

    @Test func wrapBreaksAtSpacesAndKeepsNewlines() {
        #expect(TextWidth.wrap("The quick brown fox jumps", width: 10) == ["The quick", "brown fox", "jumps"])
        #expect(TextWidth.wrap("one\n\ntwo", width: 10) == ["one", "", "two"])
        #expect(TextWidth.wrap("", width: 10) == [""])
        #expect(TextWidth.wrap("  indented text", width: 20) == ["  indented text"])
        #expect(TextWidth.wrap("a\tb", width: 10) == ["a b"])
        #expect(TextWidth.wrap("line one\r\nline two", width: 20) == ["line one", "line two"])
        #expect(TextWidth.wrap("anything", width: 0) == [])
    }

    @Test func wrapBreaksOverlongWords() {
        #expect(TextWidth.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(
            TextWidth.wrap("see https://example.org/long/path", width: 10)
                == ["see", "https://ex", "ample.org/", "long/path"])
        #expect(TextWidth.wrap("日本語のテキスト", width: 5) == ["日本", "語の", "テキ", "スト"])
        #expect(TextWidth.wrap("日本", width: 1) == ["…", "…"])
    }

    static let corpus = [
        "The school trip to the Science Museum leaves at 8:15 from the front gate.",
        "日本語のテキストと English words mixed 한국어 too",
        "Emoji 👨‍👩‍👧 family 🇬🇧 flag ❤️ heart e\u{301}te\u{301}",
        "averyveryveryverylongwordwithoutanyspacesatall and short",
        "  two  spaces\tand tab\nnew line\n\nblank above",
    ]

    @Test(arguments: 1...24)
    func wrapAndTruncateNeverExceedTheWidth(width: Int) {
        for text in Self.corpus {
            let lines = TextWidth.wrap(text, width: width)
            #expect(!lines.isEmpty)
            for line in lines {
                #expect(line.displayWidth <= width, "\"\(line)\" wider than \(width)")
            }
            // Wrapping loses only spaces (and the stand-ins for too-wide characters).
            if width >= 2 {
                let kept = lines.joined().filter { $0 != " " }
                let original = text.filter { $0 != " " && $0 != "\t" && !$0.isNewline }
                #expect(kept == original)
            }
            let truncated = TextWidth.truncate(text, toWidth: width)
            #expect(truncated.displayWidth <= width)
            #expect(truncated.displayWidth >= width - 1, "only a wide character may leave a cell free")
            #expect(text.hasPrefix(String(truncated.dropLast())))
        }
    }
}
