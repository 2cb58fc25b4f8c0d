/// Walks the command line: options with values (`--store DIR` or
/// `--store=DIR`), flags, and positional words. Errors are one line for the
/// user, and exit 64 (EX_USAGE).
struct ArgumentCursor {
    private var args: [String]
    private var index = 0
    /// The options whose values were read: one given twice is refused.
    private var given: Set<String> = []

    init(_ args: [String]) { self.args = args }

    struct UsageError: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }

    var isAtEnd: Bool { index >= args.count }

    /// Whether `--help` or `-h` is among the arguments not read yet (so
    /// `xpressions store generate --help` shows the usage, wherever it is).
    var asksForHelp: Bool { args[index...].contains { $0 == "--help" || $0 == "-h" } }

    mutating func next() -> String? {
        guard index < args.count else { return nil }
        defer { index += 1 }
        return args[index]
    }

    mutating func peek() -> String? { index < args.count ? args[index] : nil }

    /// The value of an option just read, from `--opt=value` or the next word.
    /// An option given twice is a mistake, never the last one winning
    /// (`demo reset --data-dir A --data-dir B` reset B without a word).
    mutating func value(for option: String, inline: String?) throws(UsageError) -> String {
        guard given.insert(option == "-o" ? "--output" : option).inserted else {
            throw UsageError("option \(option) is given twice: give it once")
        }
        if let inline { return inline }
        guard let v = next() else { throw UsageError("option \(option) needs a value") }
        // `--school --csv`: the next option is not taken for the value (it
        // read as a school named "--csv"); `--school=--csv` still can be.
        if v.hasPrefix("--"), v.dropFirst(2).first?.isLetter == true {
            throw UsageError("option \(option) needs a value before \(v) (write \(option)=\(v) if that is the value)")
        }
        return v
    }

    /// The words with the options written before a command moved after it
    /// (`--store X demo reset` reads as `demo reset --store X`), where that
    /// command reads its own options, or says which it does not take. Nil
    /// when the words are not options (`valued` ones with their values,
    /// `flags`) followed by one of `commands`.
    static func commandFirst(_ args: [String], commands: Set<String>, valued: Set<String>, flags: Set<String>)
        -> [String]?
    {
        var i = 0
        while i < args.count {
            let (name, inline) = split(args[i])
            if flags.contains(name) && inline == nil {
                i += 1
            } else if valued.contains(name) {
                i += inline == nil ? 2 : 1
            } else {
                break
            }
        }
        guard i > 0, i < args.count, commands.contains(args[i]) else { return nil }
        return Array(args[i...]) + Array(args[..<i])
    }

    /// Refuses an option or flag written twice (`--json --json`, `--yes
    /// --yes`, `--no-color --no-colour`: flags were taken twice, while
    /// options with values were refused). Every word that looks like an
    /// option is one (a value may not start with `--` and a letter, see
    /// ``value(for:inline:)``), so the words are checked before any is read.
    static func refuseRepeats(_ args: [String]) throws(UsageError) {
        let aliases = ["-o": "--output", "--no-colour": "--no-color", "-h": "--help"]
        var seen: Set<String> = []
        for word in args
        where (word.hasPrefix("--") && word.dropFirst(2).first?.isLetter == true) || aliases[word] != nil {
            let name = split(word).0
            guard seen.insert(aliases[name] ?? name).inserted else {
                throw UsageError("option \(name) is given twice: give it once")
            }
        }
    }

    /// Splits `--name=value` into ("--name", "value").
    static func split(_ arg: String) -> (String, String?) {
        guard arg.hasPrefix("--"), let eq = arg.firstIndex(of: "=") else { return (arg, nil) }
        return (String(arg[..<eq]), String(arg[arg.index(after: eq)...]))
    }
}
