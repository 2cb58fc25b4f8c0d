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
}
