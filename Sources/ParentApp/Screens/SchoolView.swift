/// The school details screen's state: which school and which entry.
public struct SchoolView: Sendable, Equatable {
    public var schoolIndex = 0
    public var selected = 0
    public init() {}
}
