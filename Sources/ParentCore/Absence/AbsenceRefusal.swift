import SchoolStore

/// Why an absence report cannot be sent as it is: what the form says.
public enum AbsenceRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// The school does not take messages from parents in Xpressions.
    case schoolTakesNoMessages(schoolName: String, phone: String)
    /// The last day is before the first.
    case lastBeforeFirst
    /// The first or last day is not a school day.
    case closed(CivilDate, why: String)
    /// More than ``AbsencePlan/maximumSchoolDaysAhead`` school days ahead.
    case tooFarAhead(CivilDate, limit: Int)
    /// Before the current academic year.
    case tooLongAgo(CivilDate)
    /// No reason chosen.
    case noReason
    /// Other needs a note.
    case noteRequired
    case noteTooLong(limit: Int)
    /// The child is not one of the parent's at that school.
    case unknownChild
    /// The child left the school before the last day reported.
    case afterLeaving(forename: String, schoolName: String, leftOn: CivilDate)
    /// The report could not be saved on this device.
    case notSaved(String)

    public var description: String {
        switch self {
        case .schoolTakesNoMessages(let name, let phone):
            return
                "\(name) does not take absence reports through Xpressions. Please phone the school\(phone.isEmpty ? "" : " on \(phone)")."
        case .lastBeforeFirst: return "The last day is before the first day."
        case .closed(let day, let why): return "\(day.longText) is \(why): the school is closed that day."
        case .tooFarAhead(let day, let limit):
            return "\(day.longText) is more than \(limit) school days ahead: report it nearer the time."
        case .tooLongAgo(let day): return "\(day.longText) is before this school year."
        case .noReason: return "Please choose a reason."
        case .noteRequired: return "Please add a note: the reason is Other."
        case .noteTooLong(let limit): return "The note is too long: at most \(limit) characters."
        case .unknownChild: return "That child is not one of yours at this school."
        case .afterLeaving(let name, let school, let day):
            // Either tense: the leaving day may still be to come ("left",
            // said on 18 Mar of a 27 Mar leaving day, read wrong).
            return "\(name)'s last day at \(school) is \(day.longText): there is no absence to report after it."
        case .notSaved(let reason):
            return "Your report could not be saved on this device (\(reason)). Nothing was sent."
        }
    }
}

extension AbsenceRefusal {
    /// A failure to save what was written, not a refusal of it.
    public var isNotSaved: Bool {
        if case .notSaved = self { return true }
        return false
    }
}
