/// Key scripts: keystrokes written as text, for tests and headless runs (like tig's
/// `TIG_SCRIPT`).
extension Key {
    /// Parses a key script.
    ///
    /// Ordinary characters are typed literally; newlines are ignored, so a script may
    /// span lines. Names in angle brackets (case-insensitive) stand for other keys:
    ///
    /// | Token | Step |
    /// |---|---|
    /// | `<Enter>` `<Esc>` `<Tab>` `<S-Tab>` `<BS>` `<Del>` | the key |
    /// | `<Up>` `<Down>` `<Left>` `<Right>` `<Home>` `<End>` `<PgUp>` `<PgDn>` | the key |
    /// | `<C-x>` | Ctrl with a letter a-z |
    /// | `<F5>` | a function key, F1-F63 |
    /// | `<Space>` `<lt>` | a space, a literal `<` |
    /// | `<Resize 100x30>` | `.resize` to 100 columns by 30 rows |
    /// | `<Click 3,4>` `<RightClick 3,4>` `<MiddleClick 3,4>` | press and release at column 3, row 4 |
    /// | `<WheelUp 3,4>` `<WheelDown 3,4>` | a wheel turn at column 3, row 4 |
    /// | `<Wait 250>` | a pause of 250 ms (a step of its own) |
    ///
    /// Aliases: `<CR>`/`<Return>`, `<Escape>`, `<BackTab>`, `<Backspace>`, `<Delete>`,
    /// `<PageUp>`, `<PageDown>`.
    /// - Throws: `KeyScriptError` naming the offending token, its line and column.
    public static func parseScript(_ script: String) throws(KeyScriptError) -> [ScriptStep] {
        var steps: [ScriptStep] = []
        var line = 1
        var column = 1
        var index = script.startIndex
        while index < script.endIndex {
            let character = script[index]
            if character.isNewline {
                line += 1
                column = 1
                index = script.index(after: index)
                continue
            }
            guard character == "<" else {
                steps.append(.key(.char(character)))
                column += 1
                index = script.index(after: index)
                continue
            }
            // A bracketed token: read up to the closing ">" on the same line.
            var end = script.index(after: index)
            while end < script.endIndex, script[end] != ">", !script[end].isNewline {
                end = script.index(after: end)
            }
            guard end < script.endIndex, script[end] == ">" else {
                throw KeyScriptError(
                    token: String(script[index..<end]), line: line, column: column,
                    reason: "unterminated '<' (write <lt> for a literal '<')"
                )
            }
            let token = String(script[index...end])
            let content = String(script[script.index(after: index)..<end])
            do {
                steps.append(contentsOf: try parseToken(content))
            } catch {
                throw KeyScriptError(token: token, line: line, column: column, reason: error.reason)
            }
            column += token.count
            index = script.index(after: end)
        }
        return steps
    }

    /// What went wrong inside one token, before its position is known.
    private struct TokenError: Error {
        var reason: String
    }

    private static let namedKeys: [String: Key] = [
        "enter": .enter, "cr": .enter, "return": .enter,
        "esc": .escape, "escape": .escape,
        "tab": .tab, "s-tab": .backTab, "backtab": .backTab,
        "bs": .backspace, "backspace": .backspace,
        "del": .delete, "delete": .delete,
        "up": .up, "down": .down, "left": .left, "right": .right,
        "home": .home, "end": .end,
        "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown,
        "space": .char(" "), "lt": .char("<"),
    ]

    private static func parseToken(_ content: String) throws(TokenError) -> [ScriptStep] {
        let parts = content.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard let head = parts.first?.lowercased() else { throw TokenError(reason: "empty key name") }
        let argument = parts.count > 1 ? String(parts[1]).trimmingSpaces : nil

        switch head {
        case "resize":
            let value = try required(argument, "a size such as 100x30")
            let numbers = value.lowercased().split(separator: "x", omittingEmptySubsequences: false)
            guard numbers.count == 2, let width = Int(numbers[0]), let height = Int(numbers[1]),
                width > 0, height > 0
            else { throw TokenError(reason: "expected a size such as 100x30") }
            return [.key(.resize(Size(width: width, height: height)))]
        case "wait":
            let value = try required(argument, "milliseconds such as 250")
            guard let milliseconds = Int(value), milliseconds >= 0 else {
                throw TokenError(reason: "expected milliseconds such as 250")
            }
            return [.wait(milliseconds: milliseconds)]
        case "click", "rightclick", "middleclick", "wheelup", "wheeldown":
            let point = try position(try required(argument, "a position such as 3,4"))
            switch head {
            case "wheelup": return [.key(.mouse(MouseEvent(.wheelUp, at: point)))]
            case "wheeldown": return [.key(.mouse(MouseEvent(.wheelDown, at: point)))]
            default:
                let button: MouseEvent.Button = head == "click" ? .left : head == "rightclick" ? .right : .middle
                return [
                    .key(.mouse(MouseEvent(.press(button), at: point))),
                    .key(.mouse(MouseEvent(.release(button), at: point))),
                ]
            }
        default:
            break
        }
        guard argument == nil else { throw TokenError(reason: "unexpected argument") }
        if let key = namedKeys[head] { return [.key(key)] }
        if head.hasPrefix("c-") {
            let letter = head.dropFirst(2)
            guard letter.count == 1, let character = letter.first, character.isASCII, character.isLetter else {
                throw TokenError(reason: "Ctrl chords take one letter a-z")
            }
            return [.key(.ctrl(character))]
        }
        if head.hasPrefix("f"), let number = Int(head.dropFirst()), (1...63).contains(number) {
            return [.key(.function(number))]
        }
        throw TokenError(reason: "unknown key name")
    }

    private static func required(_ argument: String?, _ what: String) throws(TokenError) -> String {
        guard let argument, !argument.isEmpty else { throw TokenError(reason: "expected \(what)") }
        return argument
    }

    private static func position(_ text: String) throws(TokenError) -> Point {
        let numbers = text.split(separator: ",", omittingEmptySubsequences: false)
        guard numbers.count == 2,
            let x = Int(numbers[0].trimmingSpaces), let y = Int(numbers[1].trimmingSpaces),
            x >= 0, y >= 0
        else { throw TokenError(reason: "expected a position such as 3,4") }
        return Point(x: x, y: y)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces.
    fileprivate var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
