/// One thing wrong with the store, named the way a support engineer needs to
/// find it: the file (relative to the store), the record and the field.
///
///     schools/green-abbey/contacts.json: contact C123: phones[1].type: unknown phone type "mobil"
public struct StoreProblem: Error, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    public var record: String?
    public var field: String?
    public var message: String
    /// For the line standing for problems past the limit of a list
    /// (``ProblemList``): how many it stands for.
    public var notListed = 0

    /// Every part is made safe to print as one line: control characters are
    /// escaped, and a record label or field path taken from a hostile file
    /// (an id of a million characters) is clipped (see ``Quote``).
    public init(file: String, record: String? = nil, field: String? = nil, message: String) {
        self.file = Quote.clip(file, limit: StoreProblem.pathLimit)
        self.record = record.map(StoreProblem.clipLabel)
        self.field = field.map { Quote.clip($0, limit: StoreProblem.labelLimit) }
        self.message = Quote.clip(message, limit: StoreProblem.messageLimit)
    }

    /// A label clipped after its first word ("event …"), so that the
    /// length said is the id's (it counted "event " too: 1,000,006 for an
    /// id of a million characters).
    static func clipLabel(_ label: String) -> String {
        guard let space = label.firstIndex(of: " "), label.distance(from: label.startIndex, to: space) <= 12 else {
            return Quote.clip(label, limit: labelLimit)
        }
        let word = Quote.clip(String(label[..<space]), limit: 12)
        return "\(word) " + Quote.clip(String(label[label.index(after: space)...]), limit: labelLimit - word.count - 1)
    }

    static let pathLimit = 400
    /// A label is a word and an id ("message M2025-000211"): the id is
    /// quoted to about 80 characters, like a value.
    static let labelLimit = 90
    static let messageLimit = 600

    public var description: String {
        var parts = [file]
        if let record { parts.append(record) }
        if let field, !field.isEmpty { parts.append(field) }
        parts.append(message)
        return parts.joined(separator: ": ")
    }

    public static func < (a: StoreProblem, b: StoreProblem) -> Bool { a.description < b.description }

    /// The line after a broken file that says how many checks depending on
    /// it were skipped ("2,545 checks that depend on students.json
    /// skipped"): said with the problems, never counted as one more.
    public var isSkippedChecks: Bool {
        message.hasSuffix(" skipped")
            && (message.contains(" checks that depend on ") || message.contains(" check that depends on "))
    }

    /// How many problems this line counts as: none for a line of skipped
    /// checks, the number it stands for past a list's limit, else one.
    public var weight: Int { isSkippedChecks ? 0 : max(1, notListed) }

    /// The problems `lines` count as (see ``weight``).
    public static func count(_ lines: [StoreProblem]) -> Int { lines.reduce(0) { $0 + $1.weight } }
}

/// Several problems at once: what opening an invalid store throws.
public struct StoreProblems: Error, Sendable, CustomStringConvertible {
    public var problems: [StoreProblem]
    public init(_ problems: [StoreProblem]) { self.problems = problems }
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
