/// A registration session: two a day.
public enum RegisterSession: String, Sendable, CaseIterable, Comparable {
    case am = "AM"
    case pm = "PM"

    public static func < (a: RegisterSession, b: RegisterSession) -> Bool { a == .am && b == .pm }
}
