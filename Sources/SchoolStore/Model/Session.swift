/// A registration session: two a day.
public enum Session: String, Sendable, CaseIterable, Comparable {
    case am = "AM"
    case pm = "PM"

    public static func < (a: Session, b: Session) -> Bool { a == .am && b == .pm }
}
