import TerminalKit
import Testing

@Suite struct KeyScriptTests {
    func keys(_ script: String) throws -> [Key] {
        try Key.parseScript(script).map { step in
            guard case .key(let key) = step else { throw KeyScriptError(token: "", line: 0, column: 0, reason: "wait") }
            return key
        }
    }

    @Test func ordinaryCharactersAreTypedLiterally() throws {
        #expect(try keys("ab 1>") == [.char("a"), .char("b"), .char(" "), .char("1"), .char(">")])
        #expect(try keys("日é") == [.char("日"), .char("é")])
        #expect(try Key.parseScript("").isEmpty)
    }

    @Test func namedKeys() throws {
        #expect(
            try keys("<Enter><Esc><Tab><S-Tab><BS><Del>") == [.enter, .escape, .tab, .backTab, .backspace, .delete])
        #expect(
            try keys("<Up><Down><Left><Right><Home><End><PgUp><PgDn>")
                == [.up, .down, .left, .right, .home, .end, .pageUp, .pageDown])
        #expect(
            try keys("<C-x><C-L><F5><F12><lt><Space>") == [
                .ctrl("x"), .ctrl("l"), .function(5), .function(12), .char("<"), .char(" "),
            ])
        #expect(
            try keys("<enter><ESCAPE><cr><Return><pageup><pagedown>") == [
                .enter, .escape, .enter, .enter, .pageUp, .pageDown,
            ])
    }

    @Test func newlinesAreIgnored() throws {
        #expect(try keys("a\nb\r\n<Enter>\n") == [.char("a"), .char("b"), .enter])
    }

    @Test func resizeWaitAndMouse() throws {
        #expect(
            try Key.parseScript("<Resize 100x30>x<Wait 250><Wait 0>") == [
                .key(.resize(Size(width: 100, height: 30))), .key(.char("x")), .wait(milliseconds: 250),
                .wait(milliseconds: 0),
            ])
        #expect(
            try keys("<Click 3,4>") == [
                .mouse(MouseEvent(.press(.left), at: Point(x: 3, y: 4))),
                .mouse(MouseEvent(.release(.left), at: Point(x: 3, y: 4))),
            ])
        #expect(
            try keys("<RightClick 0,0><WheelDown 1, 2><WheelUp 5,6>") == [
                .mouse(MouseEvent(.press(.right), at: .zero)),
                .mouse(MouseEvent(.release(.right), at: .zero)),
                .mouse(MouseEvent(.wheelDown, at: Point(x: 1, y: 2))),
                .mouse(MouseEvent(.wheelUp, at: Point(x: 5, y: 6))),
            ])
    }

    @Test(arguments: [
        ("ab<Foo>", "<Foo>", 1, 3, "unknown key name"),
        ("x\n  <Enter", "<Enter", 2, 3, "unterminated '<' (write <lt> for a literal '<')"),
        ("<Ent\ner>", "<Ent", 1, 1, "unterminated '<' (write <lt> for a literal '<')"),
        ("<>", "<>", 1, 1, "empty key name"),
        ("<Wait>", "<Wait>", 1, 1, "expected milliseconds such as 250"),
        ("<Wait -5>", "<Wait -5>", 1, 1, "expected milliseconds such as 250"),
        ("<Resize 100>", "<Resize 100>", 1, 1, "expected a size such as 100x30"),
        ("<Resize 0x10>", "<Resize 0x10>", 1, 1, "expected a size such as 100x30"),
        ("<Click 3>", "<Click 3>", 1, 1, "expected a position such as 3,4"),
        ("<C-1>", "<C-1>", 1, 1, "Ctrl chords take one letter a-z"),
        ("<C-ab>", "<C-ab>", 1, 1, "Ctrl chords take one letter a-z"),
        ("<F0>", "<F0>", 1, 1, "unknown key name"),
        ("<F64>", "<F64>", 1, 1, "unknown key name"),
        ("<Enter now>", "<Enter now>", 1, 1, "unexpected argument"),
        ("<Up><Down>\n<Left><Nope>", "<Nope>", 2, 7, "unknown key name"),
    ])
    func errorsNameTheTokenAndPosition(script: String, token: String, line: Int, column: Int, reason: String) {
        #expect(throws: KeyScriptError(token: token, line: line, column: column, reason: reason)) {
            try Key.parseScript(script)
        }
    }

    @Test func errorDescriptionIsReadable() {
        let error = KeyScriptError(token: "<Foo>", line: 2, column: 5, reason: "unknown key name")
        #expect(error.description == #"line 2, column 5: unknown key name in "<Foo>""#)
    }

    @Test func displayNamesForHelpText() {
        #expect(Key.up.displayName == "↑")
        #expect(Key.down.displayName == "↓")
        #expect(Key.ctrl("l").displayName == "Ctrl-L")
        #expect(Key.pageDown.displayName == "PgDn")
        #expect(Key.pageUp.displayName == "PgUp")
        #expect(Key.enter.displayName == "Enter")
        #expect(Key.escape.displayName == "Esc")
        #expect(Key.backTab.displayName == "Shift-Tab")
        #expect(Key.function(5).displayName == "F5")
        #expect(Key.char("q").displayName == "q")
        #expect(Key.char(" ").displayName == "Space")
        #expect(Key.mouse(MouseEvent(.wheelUp, at: .zero)).displayName == "Wheel↑")
    }

    /// What a key script writes for a key reads back as that key.
    @Test func scriptTextReadsBackAsTheSameKey() throws {
        let keys: [Key] = [
            .char("a"), .char("?"), .char(" "), .char("<"), .char(">"), .char("é"), .char("日"), .ctrl("s"),
            .enter, .escape, .tab, .backTab, .backspace, .delete, .up, .down, .left, .right, .home, .end,
            .pageUp, .pageDown, .function(1), .function(63),
        ]
        for key in keys {
            let text = try #require(key.scriptText)
            #expect(try Key.parseScript(text) == [.key(key)], "\(text)")
        }
        #expect(Key.mouse(MouseEvent(.wheelUp, at: .zero)).scriptText == nil)
        #expect(Key.resize(Size(width: 80, height: 24)).scriptText == nil)
    }
}
