import Foundation

/// One session's mark, with when the school recorded it and when the
/// publication pipeline shows it to parents (at most 92 minutes later).
///
/// Written compactly, one string per mark, times local to the school:
///
///     "2025-09-03 AM / 08:52 09:41"
///
/// date, session, DfE code, recorded, published. A published time earlier
/// than the recorded one means the next day (a mark recorded at 23:50).
public struct AttendanceMark: Sendable, Equatable {
    public static let maximumPublicationDelay: TimeInterval = 92 * 60

    public var date: CivilDate
    public var session: Session
    public var code: AttendanceCode
    public var recordedAt: Date
    public var publishedAt: Date

    public init(date: CivilDate, session: Session, code: AttendanceCode, recordedAt: Date, publishedAt: Date) {
        self.date = date
        self.session = session
        self.code = code
        self.recordedAt = recordedAt
        self.publishedAt = publishedAt
    }

    /// Parses the compact form; on failure returns the reason.
    public static func parse(_ text: String, zone: SchoolTimeZone) -> Result<AttendanceMark, MarkError> {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 5 else {
            return .failure(MarkError("expected \"DATE SESSION CODE RECORDED PUBLISHED\" such as \"2025-09-03 AM / 08:52 09:41\", found \"\(text)\""))
        }
        guard let date = CivilDate(parsing: parts[0]) else { return .failure(MarkError("impossible or malformed date \"\(parts[0])\"")) }
        guard let session = Session(rawValue: String(parts[1])) else { return .failure(MarkError("unknown session \"\(parts[1])\" (expected AM or PM)")) }
        guard let code = AttendanceCode.named(String(parts[2])) else { return .failure(MarkError("unknown attendance code \"\(parts[2])\"")) }
        guard let rec = minutes(parts[3]) else { return .failure(MarkError("malformed recorded time \"\(parts[3])\" (expected HH:MM)")) }
        guard let pub = minutes(parts[4]) else { return .failure(MarkError("malformed published time \"\(parts[4])\" (expected HH:MM)")) }
        let recordedAt = zone.instant(on: date, minutesAfterMidnight: rec)
        let publishedAt = zone.instant(on: date, minutesAfterMidnight: pub < rec ? pub + 1440 : pub)
        if publishedAt.timeIntervalSince(recordedAt) > maximumPublicationDelay {
            return .failure(MarkError("published \(parts[4]) is more than 92 minutes after recorded \(parts[3])"))
        }
        if code.code == "/" && session == .pm { return .failure(MarkError("code / is the morning present mark; the afternoon one is \\")) }
        if code.code == "\\" && session == .am { return .failure(MarkError("code \\ is the afternoon present mark; the morning one is /")) }
        return .success(AttendanceMark(date: date, session: session, code: code, recordedAt: recordedAt, publishedAt: publishedAt))
    }

    public struct MarkError: Error, Sendable { public let reason: String; init(_ r: String) { reason = r } }

    static func minutes(_ s: Substring) -> Int? {
        let u = Array(s.utf8)
        guard u.count == 5, u[2] == 0x3A else { return nil }
        let d = u.map { Int($0) - 0x30 }
        guard [0, 1, 3, 4].allSatisfy({ (0...9).contains(d[$0]) }) else { return nil }
        let h = d[0] * 10 + d[1], m = d[3] * 10 + d[4]
        guard h < 24, m < 60 else { return nil }
        return h * 60 + m
    }

    public func compactText(zone: SchoolTimeZone) -> String {
        "\(date) \(session.rawValue) \(code.code) \(zone.clockText(recordedAt)) \(zone.clockText(publishedAt))"
    }
}
