import SchoolStore

/// Why an export (or the status line) could not read the parent's data, in
/// one plain line naming the file: nobody logged in, a saved login or local
/// model that cannot be read, a `--child` that names no child or several.
public enum ExportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No `session.json` in the data directory.
    case nobodyLoggedIn(dataDirectory: String)
    /// A `session.json` that cannot be read (the app moves it aside and asks
    /// for a full login).
    case sessionUnreadable(dataDirectory: String)
    /// A file of the local model or the outbox that cannot be read.
    case unreadable(file: String, reason: String)
    /// `--child` matched none of the parent's children (their names follow).
    case noSuchChild(String, choices: [String])
    /// `--child` matched several children (their names and ids follow).
    case ambiguousChild(String, matches: [String])

    public var description: String {
        switch self {
        case .nobodyLoggedIn(let directory):
            return "nobody is logged in with data in \(directory); log in with the app first"
        case .sessionUnreadable(let directory):
            return "the saved login in \(directory)/session.json could not be read; open the app to log in again"
        case .unreadable(let file, let reason):
            return "\(file): \(reason); open the app or run `xpressions sync` to rebuild the local data"
        // Names from the store are shown safely: a line break in one is ^J,
        // the error one line (it broke the line).
        case .noSuchChild(let text, let choices):
            return TerminalSafe.line(
                "--child \"\(text)\" names none of the children (\(choices.joined(separator: ", ")))")
        case .ambiguousChild(let text, let matches):
            return TerminalSafe.line(
                "--child \"\(text)\" names several children (\(matches.joined(separator: ", "))); give the id")
        }
    }

    /// Usage mistakes (exit 64) rather than data that cannot be read (exit 1).
    public var isUsage: Bool {
        switch self {
        case .noSuchChild, .ambiguousChild: return true
        case .nobodyLoggedIn, .sessionUnreadable, .unreadable: return false
        }
    }
}
