/// What the parent wrote, counted in the words the rest of the app uses
/// for it: "1 message", "2 absence reports", "1 message and 1 absence
/// report" (an absence report counted as a "message" on Home and at logout
/// while the list, the status line and the digest called it a report).
public struct WrittenCount: Sendable, Equatable, CustomStringConvertible {
    public let messages: Int
    public let reports: Int

    public init(messages: Int, reports: Int) {
        self.messages = messages
        self.reports = reports
    }

    /// The parent's own items among `items` (read receipts are not theirs).
    public init(_ items: [OutboxItem]) {
        let written = items.filter { $0.kind != .receipt }
        reports = written.filter { $0.kind == .absence }.count
        messages = written.count - reports
    }

    public var total: Int { messages + reports }
    /// More than one: "are", "them".
    public var isPlural: Bool { total != 1 }
    /// "is" or "are".
    public var verb: String { isPlural ? "are" : "is" }
    /// "was" or "were".
    public var pastVerb: String { isPlural ? "were" : "was" }
    /// "it" or "them".
    public var pronoun: String { isPlural ? "them" : "it" }

    public var description: String {
        func counted(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        switch (messages, reports) {
        case (_, 0): return counted(messages, "message")
        case (0, _): return counted(reports, "absence report")
        default: return "\(counted(messages, "message")) and \(counted(reports, "absence report"))"
        }
    }
}
