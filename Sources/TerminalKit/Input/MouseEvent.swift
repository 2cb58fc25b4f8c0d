/// A mouse report: a button pressed or released, or the wheel turned, at a cell.
public struct MouseEvent: Sendable, Hashable {
    /// A mouse button.
    public enum Button: Sendable, Hashable {
        case left
        case middle
        case right
    }

    /// What happened.
    public enum Kind: Sendable, Hashable {
        case press(Button)
        case release(Button)
        case wheelUp
        case wheelDown
    }

    public var kind: Kind
    /// The cell under the pointer.
    public var position: Point

    public init(_ kind: Kind, at position: Point) {
        self.kind = kind
        self.position = position
    }
}
