import Foundation

/// "; did you mean --data-dir?" for an option the command does not know
/// (`--data`, `--emial`), from the options the usage gives that command:
/// a support engineer's typo was refused with no hint.
enum OptionSuggestion {
    /// The suggestion for `message` (a usage error saying "unknown option
    /// '--x'"), given the command (nil: the app itself) and the usage text;
    /// "" when there is none.
    static func suggestion(for message: String, command: String?, usage: String) -> String {
        guard let start = message.range(of: "unknown option '"),
            let end = message[start.upperBound...].firstIndex(of: "'")
        else { return "" }
        let typed = String(message[start.upperBound..<end])
        guard typed.hasPrefix("--") else { return "" }
        let known = options(of: command, in: usage)
        // Cut short ("--data" for --data-dir): the one option it begins.
        let longer = known.filter { $0.hasPrefix(typed) }
        if typed.count > 3, longer.count == 1 { return "; did you mean \(longer[0])?" }
        // Two edits only for a name of five letters or more ("--emial"):
        // "--to" is not "--now".
        guard let near = NearestName.nearest(typed, among: known) else { return "" }
        let limit = typed.count - 2 >= 5 ? 2 : 1
        let edits = NearestName.distance(
            Array(typed.lowercased().unicodeScalars), Array(near.lowercased().unicodeScalars), limit: limit)
        return edits <= limit ? "; did you mean \(near)?" : ""
    }

    /// Every `--option` the usage lists for `command` (nil or an option: the
    /// app itself), with its continuation lines, and the shared OPTIONS of
    /// export, status and digest.
    static func options(of command: String?, in usage: String) -> [String] {
        let wanted = command.flatMap { $0.hasPrefix("-") ? nil : $0 } ?? ""
        var owner: String? = nil
        var text = ""
        for line in usage.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let rest = trimmed.range(of: "xpressions ").map({ trimmed[$0.upperBound...] }),
                trimmed.hasPrefix("xpressions ") || trimmed.hasPrefix("usage: xpressions ")
            {
                let word = rest.split(separator: " ").first.map(String.init) ?? ""
                owner = word.hasPrefix("[") ? "" : word.hasPrefix("-") ? nil : word
            } else if trimmed.hasPrefix("OPTIONS:") {
                owner = ["export", "status", "digest"].contains(wanted) ? wanted : nil
            }
            if owner == wanted { text += " " + trimmed }
        }
        var out: [String] = []
        for word in text.split(whereSeparator: { !($0.isLetter || $0 == "-") }) where word.hasPrefix("--") {
            if !out.contains(String(word)) { out.append(String(word)) }
        }
        return out
    }
}
