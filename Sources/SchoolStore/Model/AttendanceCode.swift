/// The national attendance and absence codes of the DfE guidance "Working
/// together to improve school attendance" (August 2024), with the category
/// each belongs to and whether it counts as a possible session.
///
/// Attendance % = sessions attended (present + attending an approved
/// educational activity) ÷ possible sessions. Codes for sessions that are not
/// possible (not required to attend, unable to attend due to exceptional
/// circumstances, dual registration elsewhere, administrative codes) are
/// left out of both.
public struct AttendanceCode: Sendable, Hashable, CustomStringConvertible {
    public enum Category: String, Sendable, CaseIterable {
        case present = "Present"
        case approvedEducationalActivity = "Attending an approved educational activity"
        case authorisedAbsence = "Authorised absence"
        case unauthorisedAbsence = "Unauthorised absence"
        case notPossible = "Not a possible session"
        case administrative = "Administrative"

        /// Counts towards "sessions attended".
        public var isAttendance: Bool { self == .present || self == .approvedEducationalActivity }
        /// Counts towards "possible sessions".
        public var isPossibleSession: Bool {
            switch self {
            case .present, .approvedEducationalActivity, .authorisedAbsence, .unauthorisedAbsence: return true
            case .notPossible, .administrative: return false
            }
        }
    }

    public let code: String
    public let meaning: String
    public let category: Category

    public var description: String { code }

    /// The code for a letter as written in a register, or nil if it is not a
    /// national code.
    public static func named(_ code: String) -> AttendanceCode? { byCode[code] }

    static let byCode: [String: AttendanceCode] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })

    /// Every national code, in the guidance's order.
    public static let all: [AttendanceCode] = [
        // Present
        .init(code: "/", meaning: "Present (morning)", category: .present),
        .init(code: "\\", meaning: "Present (afternoon)", category: .present),
        .init(code: "L", meaning: "Late, arrived before the register closed", category: .present),
        // Attending a place other than the school
        .init(
            code: "K", meaning: "Attending education provision arranged by the local authority",
            category: .approvedEducationalActivity),
        .init(code: "V", meaning: "Attending an educational visit or trip", category: .approvedEducationalActivity),
        .init(
            code: "P", meaning: "Participating in a supervised sporting activity",
            category: .approvedEducationalActivity),
        .init(code: "W", meaning: "Attending work experience", category: .approvedEducationalActivity),
        .init(
            code: "B", meaning: "Attending any other approved educational activity",
            category: .approvedEducationalActivity),
        .init(code: "D", meaning: "Dual registered, attending another school", category: .notPossible),
        // Absent: leave of absence
        .init(
            code: "C1", meaning: "Leave of absence for a regulated performance or employment abroad",
            category: .authorisedAbsence),
        .init(code: "M", meaning: "Leave of absence for a medical or dental appointment", category: .authorisedAbsence),
        .init(
            code: "J1", meaning: "Leave of absence for an interview for employment or admission to another institution",
            category: .authorisedAbsence),
        .init(code: "S", meaning: "Leave of absence for study leave", category: .authorisedAbsence),
        .init(code: "X", meaning: "Non-compulsory school age pupil not required to attend", category: .notPossible),
        .init(
            code: "C2", meaning: "Leave of absence for a compulsory school age pupil on a part-time timetable",
            category: .authorisedAbsence),
        .init(code: "C", meaning: "Leave of absence for exceptional circumstances", category: .authorisedAbsence),
        // Absent: other authorised reasons
        .init(
            code: "T", meaning: "Parent travelling for occupational purposes (Gypsy, Roma and Traveller)",
            category: .authorisedAbsence),
        .init(code: "R", meaning: "Religious observance", category: .authorisedAbsence),
        .init(code: "I", meaning: "Illness (not medical or dental appointment)", category: .authorisedAbsence),
        .init(code: "E", meaning: "Suspended or excluded, no alternative provision", category: .authorisedAbsence),
        // Absent: unable to attend due to exceptional circumstances
        .init(code: "Q", meaning: "Unable to attend: lack of access arrangements", category: .notPossible),
        .init(code: "Y1", meaning: "Unable to attend: transport not available", category: .notPossible),
        .init(code: "Y2", meaning: "Unable to attend: widespread disruption to travel", category: .notPossible),
        .init(code: "Y3", meaning: "Unable to attend: part of the school premises closed", category: .notPossible),
        .init(code: "Y4", meaning: "Unable to attend: whole school site unexpectedly closed", category: .notPossible),
        .init(code: "Y5", meaning: "Unable to attend: in criminal justice detention", category: .notPossible),
        .init(code: "Y6", meaning: "Unable to attend: public health guidance or law", category: .notPossible),
        .init(code: "Y7", meaning: "Unable to attend: any other unavoidable cause", category: .notPossible),
        // Absent: unauthorised
        .init(code: "G", meaning: "Holiday not granted by the school", category: .unauthorisedAbsence),
        .init(code: "N", meaning: "Reason for absence not yet established", category: .unauthorisedAbsence),
        .init(code: "O", meaning: "Absent in other or unknown circumstances", category: .unauthorisedAbsence),
        .init(code: "U", meaning: "Arrived after the register closed", category: .unauthorisedAbsence),
        // Administrative
        .init(code: "Z", meaning: "Prospective pupil not on the admission register", category: .administrative),
        .init(code: "#", meaning: "Planned whole-school closure", category: .administrative),
    ]
}
