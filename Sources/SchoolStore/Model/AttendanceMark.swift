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
    public var session: RegisterSession
    public var code: AttendanceCode
    public var recordedAt: Date
    public var publishedAt: Date

    public init(date: CivilDate, session: RegisterSession, code: AttendanceCode, recordedAt: Date, publishedAt: Date) {
        self.date = date
        self.session = session
        self.code = code
        self.recordedAt = recordedAt
        self.publishedAt = publishedAt
    }

    /// Parses the compact form; on failure returns the reason.
    public static func parse(_ text: String, zone: SchoolTimeZone) -> Result<AttendanceMark, MarkError> {
        // Fast path for the canonical layout: "YYYY-MM-DD AM C HH:MM HH:MM" (code of 1 or 2 characters).
        var copy = text
        if let fast = copy.withUTF8({ fastParse($0, zone: zone) }) { return .success(fast) }
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 5 else {
            return .failure(
                MarkError(
                    "expected \"DATE SESSION CODE RECORDED PUBLISHED\" such as \"2025-09-03 AM / 08:52 09:41\", found \(Quote.value(text))"
                ))
        }
        guard let date = CivilDate(parsing: parts[0]) else {
            return .failure(MarkError("impossible or malformed date \(Quote.value(String(parts[0])))"))
        }
        guard let session = RegisterSession(rawValue: String(parts[1])) else {
            return .failure(MarkError("unknown session \(Quote.value(String(parts[1]))) (expected AM or PM)"))
        }
        guard let code = AttendanceCode.named(String(parts[2])) else {
            return .failure(MarkError("unknown attendance code \(Quote.value(String(parts[2])))"))
        }
        guard let rec = minutes(parts[3]) else {
            return .failure(MarkError("malformed recorded time \(Quote.value(String(parts[3]))) (expected HH:MM)"))
        }
        guard let pub = minutes(parts[4]) else {
            return .failure(MarkError("malformed published time \(Quote.value(String(parts[4]))) (expected HH:MM)"))
        }
        let recordedAt = zone.instant(on: date, minutesAfterMidnight: rec)
        let publishedAt = zone.instant(on: date, minutesAfterMidnight: pub < rec ? pub + 1440 : pub)
        if publishedAt.timeIntervalSince(recordedAt) > maximumPublicationDelay {
            return .failure(MarkError("published \(parts[4]) is more than 92 minutes after recorded \(parts[3])"))
        }
        if code.code == "/" && session == .pm {
            return .failure(MarkError("code / is the morning present mark; the afternoon one is \\"))
        }
        if code.code == "\\" && session == .am {
            return .failure(MarkError("code \\ is the afternoon present mark; the morning one is /"))
        }
        return .success(
            AttendanceMark(date: date, session: session, code: code, recordedAt: recordedAt, publishedAt: publishedAt))
    }

    static let codesByBytes: [UInt16: AttendanceCode] = {
        var table: [UInt16: AttendanceCode] = [:]
        for c in AttendanceCode.all {
            let u = Array(c.code.utf8)
            table[UInt16(u[0]) << 8 | UInt16(u.count > 1 ? u[1] : 0)] = c
        }
        return table
    }()

    /// Parses the canonical layout without allocating; nil sends the text to
    /// the general parser, which explains what is wrong.
    static func fastParse(_ u: UnsafeBufferPointer<UInt8>, zone: SchoolTimeZone) -> AttendanceMark? {
        let n = u.count
        guard n == 27 || n == 28, u[10] == 0x20, u[13] == 0x20 else { return nil }
        func d(_ i: Int) -> Int? {
            let v = Int(u[i]) - 0x30
            return (0...9).contains(v) ? v : nil
        }
        guard u[4] == 0x2D, u[7] == 0x2D, let y0 = d(0), let y1 = d(1), let y2 = d(2), let y3 = d(3),
            let m0 = d(5), let m1 = d(6), let d0 = d(8), let d1 = d(9),
            let date = CivilDate(year: y0 * 1000 + y1 * 100 + y2 * 10 + y3, month: m0 * 10 + m1, day: d0 * 10 + d1)
        else { return nil }
        let session: RegisterSession
        if u[11] == 0x41 && u[12] == 0x4D {
            session = .am
        } else if u[11] == 0x50 && u[12] == 0x4D {
            session = .pm
        } else {
            return nil
        }
        let codeLength = n - 26
        guard u[14 + codeLength] == 0x20,
            let code = codesByBytes[UInt16(u[14]) << 8 | UInt16(codeLength == 2 ? u[15] : 0)]
        else { return nil }
        if (code.code == "/" && session == .pm) || (code.code == "\\" && session == .am) { return nil }
        func hm(_ i: Int) -> Int? {
            guard u[i + 2] == 0x3A, let a = d(i), let b = d(i + 1), let c = d(i + 3), let e = d(i + 4) else {
                return nil
            }
            let h = a * 10 + b
            let m = c * 10 + e
            return h < 24 && m < 60 ? h * 60 + m : nil
        }
        let r = 15 + codeLength
        guard let rec = hm(r), u[r + 5] == 0x20, let pub = hm(r + 6) else { return nil }
        let delay = (pub < rec ? pub + 1440 : pub) - rec
        guard delay <= 92 else { return nil }
        let recordedAt = zone.instant(on: date, minutesAfterMidnight: rec)
        return AttendanceMark(
            date: date, session: session, code: code, recordedAt: recordedAt,
            publishedAt: recordedAt.addingTimeInterval(Double(delay * 60)))
    }

    public struct MarkError: Error, Sendable {
        public let reason: String
        init(_ r: String) { reason = r }
    }

    static func minutes(_ s: Substring) -> Int? {
        let u = Array(s.utf8)
        guard u.count == 5, u[2] == 0x3A else { return nil }
        let d = u.map { Int($0) - 0x30 }
        guard [0, 1, 3, 4].allSatisfy({ (0...9).contains(d[$0]) }) else { return nil }
        let h = d[0] * 10 + d[1]
        let m = d[3] * 10 + d[4]
        guard h < 24, m < 60 else { return nil }
        return h * 60 + m
    }

    public func compactText(zone: SchoolTimeZone) -> String {
        "\(date) \(session.rawValue) \(code.code) \(zone.clockText(recordedAt)) \(zone.clockText(publishedAt))"
    }
}
