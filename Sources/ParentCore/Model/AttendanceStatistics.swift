import Foundation
import SchoolStore

/// Attendance over a period, counted as the DfE counts it ("Working
/// together to improve school attendance", August 2024): attendance % =
/// sessions attended (present + attending an approved educational
/// activity) ÷ possible sessions. Sessions that are not possible (codes D,
/// X, Q, Y1–Y7) and administrative codes (Z, #) are left out of both.
/// Authorised and unauthorised absence are counted apart.
public struct AttendanceStatistics: Sendable, Equatable {
    /// "This week", "Spring 2026", "2025-26".
    public var label: String
    public var from: CivilDate
    public var through: CivilDate
    /// The last day counted: `through`, or today, or a leaver's leaving
    /// date, whichever comes first (before `from` when nothing is counted yet).
    public var countedThrough: CivilDate
    /// Present (/, \, L).
    public var present = 0
    /// Attending an approved educational activity (K, V, P, W, B).
    public var approvedEducationalActivity = 0
    /// Authorised absence (C1, M, J1, S, C2, C, T, R, I, E).
    public var authorisedAbsence = 0
    /// Unauthorised absence (G, N, O, U).
    public var unauthorisedAbsence = 0
    /// Marks left out: not possible sessions and administrative codes.
    public var notCounted = 0

    public init(label: String, from: CivilDate, through: CivilDate, countedThrough: CivilDate? = nil) {
        self.label = label
        self.from = from
        self.through = through
        self.countedThrough = countedThrough.map { min($0, through) } ?? through
    }

    /// Present + approved educational activity.
    public var attended: Int { present + approvedEducationalActivity }
    /// Attended + authorised + unauthorised absence.
    public var possibleSessions: Int { attended + authorisedAbsence + unauthorisedAbsence }
    /// Attendance as a fraction of possible sessions, nil when none were possible.
    public var rate: Double? { possibleSessions == 0 ? nil : Double(attended) / Double(possibleSessions) }
    /// Authorised + unauthorised absence as a fraction of possible sessions.
    public var absenceRate: Double? {
        possibleSessions == 0 ? nil : Double(authorisedAbsence + unauthorisedAbsence) / Double(possibleSessions)
    }

    /// "96.4%" (one decimal, as schools report it), or "–" with no possible sessions.
    public var percentageText: String {
        guard let rate else { return "–" }
        let tenths = Int((rate * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    mutating func count(_ code: AttendanceCode) {
        switch code.category {
        case .present: present += 1
        case .approvedEducationalActivity: approvedEducationalActivity += 1
        case .authorisedAbsence: authorisedAbsence += 1
        case .unauthorisedAbsence: unauthorisedAbsence += 1
        case .notPossible, .administrative: notCounted += 1
        }
    }

    /// Counts the marks dated within the period, up to `last` (today, or a
    /// leaver's leaving date if earlier).
    static func of(_ marks: [AttendanceMark], label: String, from: CivilDate, through: CivilDate, upTo last: CivilDate)
        -> AttendanceStatistics
    {
        var s = AttendanceStatistics(label: label, from: from, through: through, countedThrough: last)
        for m in marks where m.date >= from && m.date <= s.countedThrough { s.count(m.code) }
        return s
    }
}
