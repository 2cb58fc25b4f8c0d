import SchoolStore

/// What the parent filled in on the absence form.
public struct AbsenceDraft: Sendable, Hashable {
    public var child: ChildRef
    public var from: CivilDate
    public var to: CivilDate
    public var part: AbsencePart
    public var reason: AbsenceReason?
    public var note: String

    public init(
        child: ChildRef, from: CivilDate, to: CivilDate, part: AbsencePart = .both, reason: AbsenceReason?,
        note: String = ""
    ) {
        self.child = child
        self.from = from
        self.to = to
        self.part = part
        self.reason = reason
        self.note = note
    }

    /// The report in words, as a message about the absence, when it cannot
    /// be kept as a report: "About Ben's absence (Wednesday 18 March 2026;
    /// reason: Illness): Fever". Nil with no note written.
    public func messageText(childName: String?) -> String? {
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !note.isEmpty else { return nil }
        let name = childName.map { "\($0)'s" } ?? "my child's"
        let days = from == to ? from.longText : "\(from.longText) to \(to.longText)"
        let why = reason.map { "; reason: \($0.label)" } ?? ""
        return "About \(name) absence (\(days)\(why)): \(note)"
    }
}
