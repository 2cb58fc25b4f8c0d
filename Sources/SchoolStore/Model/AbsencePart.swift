/// Which part of each day an absence covers.
public enum AbsencePart: String, Sendable, Equatable, CaseIterable {
    case both
    case am
    case pm

    /// What the form shows.
    public var label: String {
        switch self {
        case .both: return "Morning and afternoon"
        case .am: return "Morning only"
        case .pm: return "Afternoon only"
        }
    }

    public var sessions: [RegisterSession] {
        switch self {
        case .both: return [.am, .pm]
        case .am: return [.am]
        case .pm: return [.pm]
        }
    }
}
