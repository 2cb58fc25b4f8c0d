/// Whether one linked student would be shown to the parent, and if not why.
public struct ChildAssessment: Sendable, Equatable {
    public var child: ChildRef
    /// "Ben Abbot (9A)", or the id when the student record is missing.
    public var name: String
    public var relationship: String
    public var visible: Bool
    /// Why not, in the seeds' terms ("no parental responsibility"...); empty when visible.
    public var reasons: [String]

    public init(child: ChildRef, name: String, relationship: String, visible: Bool, reasons: [String]) {
        self.child = child
        self.name = name
        self.relationship = relationship
        self.visible = visible
        self.reasons = reasons
    }
}
