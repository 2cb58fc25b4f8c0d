/// Where the parent is. The app keeps a stack of routes: Esc goes back.
public enum Route: Sendable, Hashable {
    /// The first frame, painted before anything slow happens.
    case opening
    /// The store failed validation: its problems, and nothing else.
    case storeProblem
    case login
    case setPIN
    case unlock
    case home
    case timeline
    case message(String)
    case compose
    case attendance
    case school
    case enhanced
    case help
    case logout

    /// The top-level sections reachable with 1-5 once unlocked.
    public static let sections: [Route] = [.home, .timeline, .attendance, .school, .enhanced]

    public var title: String {
        switch self {
        case .opening: return "Opening"
        case .storeProblem: return "Store problem"
        case .login: return "Log in"
        case .setPIN: return "Set a PIN"
        case .unlock: return "Locked"
        case .home: return "Home"
        case .timeline: return "Timeline"
        case .message: return "Message"
        case .compose: return "Write to school"
        case .attendance: return "Attendance"
        case .school: return "School"
        case .enhanced: return "More"
        case .help: return "Help"
        case .logout: return "Log out"
        }
    }

}
