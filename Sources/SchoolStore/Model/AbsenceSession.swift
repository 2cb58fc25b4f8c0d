/// One registration session an absence report covers: `2026-03-16 AM`.
public struct AbsenceSession: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var date: CivilDate
    public var session: RegisterSession

    public init(date: CivilDate, session: RegisterSession) {
        self.date = date
        self.session = session
    }

    /// Reads `YYYY-MM-DD AM` (or `PM`); nil for anything else.
    public init?(parsing text: String) {
        let parts = text.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2, let date = CivilDate(parsing: parts[0]),
            let session = RegisterSession(rawValue: String(parts[1]))
        else {
            return nil
        }
        self.init(date: date, session: session)
    }

    public var description: String { "\(date) \(session.rawValue)" }

    public static func < (a: AbsenceSession, b: AbsenceSession) -> Bool { (a.date, a.session) < (b.date, b.session) }
}
