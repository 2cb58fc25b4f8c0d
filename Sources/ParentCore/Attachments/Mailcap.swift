import Foundation
import SchoolStore

/// The mailcap files (RFC 1524) neomutt and `run-mailcap` read: which
/// program views a media type. Only entries the app can run without a shell
/// are used: a view command that is plain words (quotes allowed, no `|`,
/// `;`, `&`, `<`, `>`, `` ` ``, `$`), without `copiousoutput` or a `test=`
/// (which only a shell could evaluate). `%s` becomes the file (as one
/// argument), `%t` the type; a command without `%s` reads the file on its
/// standard input. A `needsterminal` entry is run with the terminal handed
/// over, as neomutt runs it (one without `%s` is skipped: its standard
/// input is the terminal then).
public struct Mailcap: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        /// "image/png", or "image/*".
        public var type: String
        /// The command's words, `%s` and `%t` still in them.
        public var words: [String]
        /// `needsterminal`: it draws in the terminal it is started from.
        public var needsTerminal = false

        public init(type: String, words: [String], needsTerminal: Bool = false) {
            self.type = type
            self.words = words
            self.needsTerminal = needsTerminal
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    /// The files of `$MAILCAPS` (colon-separated), else `~/.mailcap` and
    /// `/etc/mailcap`, in that order; missing ones are skipped.
    public static func load(environment: [String: String]) -> Mailcap {
        let paths: [String]
        if let list = environment["MAILCAPS"], !list.isEmpty {
            paths = list.split(separator: ":").map(String.init)
        } else {
            paths = (environment["HOME"].map { ["\($0)/.mailcap"] } ?? []) + ["/etc/mailcap"]
        }
        var entries: [Entry] = []
        for path in paths {
            guard let bytes = try? RawFile.read(path), bytes.count <= 1_000_000 else { continue }
            entries += parse(String(decoding: bytes, as: UTF8.self))
        }
        return Mailcap(entries: entries)
    }

    /// The usable entries of a mailcap file's text.
    public static func parse(_ text: String) -> [Entry] {
        var entries: [Entry] = []
        var logical = ""
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = String(raw)
            if line.hasSuffix("\r") { line.removeLast() }
            if line.hasSuffix("\\") {
                logical += line.dropLast()
                continue
            }
            logical += line
            defer { logical = "" }
            let trimmed = logical.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = splitFields(String(trimmed))
            guard fields.count >= 2 else { continue }
            var type = fields[0].lowercased()
            if !type.contains("/") { type += "/*" }
            let flags = fields.dropFirst(2).map { $0.lowercased() }
            if flags.contains(where: { $0 == "copiousoutput" || $0.hasPrefix("test") }) { continue }
            guard let words = words(fields[1]) else { continue }
            let terminal = flags.contains("needsterminal")
            if terminal, !words.contains(where: { $0.contains("%s") }) { continue }
            entries.append(Entry(type: type, words: words, needsTerminal: terminal))
        }
        return entries
    }

    /// The first entry for `type` whose program is on `PATH`, as an argument
    /// vector for `file` (nil for the standard input: see `readsStandardInput`).
    public func command(for type: String, file: String, path: String?) -> (
        arguments: [String], readsStandardInput: Bool, needsTerminal: Bool
    )? {
        // Parameters after ";" are not the type ("image/png; name=map" found no entry).
        let wanted = String(type.prefix { $0 != ";" }).trimmingCharacters(in: .whitespaces).lowercased()
        let major = wanted.split(separator: "/").first.map(String.init) ?? wanted
        for entry in entries where entry.type == wanted || entry.type == "\(major)/*" || entry.type == "*/*" {
            guard let program = entry.words.first, !program.contains("%"),
                let found = Subprocess.find(program, path: path)
            else { continue }
            var usesFile = false
            var arguments = [found]
            for word in entry.words.dropFirst() {
                if word.contains("%s") { usesFile = true }
                arguments.append(Mailcap.substitute(word, file: file, type: wanted))
            }
            return (arguments, !usesFile, entry.needsTerminal)
        }
        return nil
    }

    /// `word` with `%s` replaced by `file`, `%t` by `type` and `%%` by `%`,
    /// in one pass (what is put in is never scanned again).
    static func substitute(_ word: String, file: String, type: String) -> String {
        var out = ""
        var percent = false
        for c in word {
            if percent {
                switch c {
                case "s": out += file
                case "t": out += type
                case "%": out.append("%")
                default:
                    out.append("%")
                    out.append(c)
                }
                percent = false
            } else if c == "%" {
                percent = true
            } else {
                out.append(c)
            }
        }
        if percent { out.append("%") }
        return out
    }

    /// Fields separated by `;` (a `\;` stays in its field), trimmed.
    static func splitFields(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for c in line {
            if escaped {
                if c != ";" { current.append("\\") }
                current.append(c)
                escaped = false
                continue
            }
            if c == "\\" {
                escaped = true
                continue
            }
            if c == ";" {
                fields.append(current)
                current = ""
                continue
            }
            current.append(c)
        }
        fields.append(current)
        return fields.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// A command's words, with '…' and "…" quoting; nil when it needs a shell.
    static func words(_ command: String) -> [String]? {
        if command.contains(where: { "|;&<>`$\n".contains($0) }) { return nil }
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        for c in command {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
                continue
            }
            switch c {
            case "'", "\"":
                quote = c
                inWord = true
            case " ", "\t":
                if inWord {
                    words.append(current)
                    current = ""
                    inWord = false
                }
            default:
                current.append(c)
                inWord = true
            }
        }
        if quote != nil { return nil }
        if inWord { words.append(current) }
        return words.isEmpty ? nil : words
    }
}
