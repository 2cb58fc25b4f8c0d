/// Where text sits in a wider space.
public enum TextAlignment: Sendable, Hashable {
    case left
    case center
    case right
}
