/// Why a child is absent, in parents' words: the short list the absence
/// form offers. Stored by its raw value in an absence report.
public enum AbsenceReason: String, Sendable, Equatable, CaseIterable {
    case illness
    case medical
    case religious
    case familyEmergency
    case other

    /// What the parent and the school office read.
    public var label: String {
        switch self {
        case .illness: return "Illness"
        case .medical: return "Medical or dental appointment"
        case .religious: return "Religious observance"
        case .familyEmergency: return "Family emergency"
        case .other: return "Other"
        }
    }

    /// The raw values, for error messages.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
