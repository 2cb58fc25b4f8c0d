/// Why a key script could not be parsed, and where.
public struct KeyScriptError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The offending token as written, e.g. `<Foo>` or `<Wait`.
    public var token: String
    /// 1-based line of the token's first character.
    public var line: Int
    /// 1-based column (in characters) of the token's first character.
    public var column: Int
    /// What is wrong.
    public var reason: String

    public init(token: String, line: Int, column: Int, reason: String) {
        self.token = token
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// `line 2, column 5: unknown key name in "<Foo>"`-style text.
    public var description: String {
        "line \(line), column \(column): \(reason) in \"\(token)\""
    }
}
