/// Where a binding applies. A key is looked up in the current screen's
/// context first, then in the contexts it falls back to.
public enum KeyContext: String, Sendable, CaseIterable {
    case global = "Everywhere"
    case app = "Once logged in"
    case list = "Lists"
    case form = "Forms"
    case home = "Home"
    case timeline = "Timeline"
    case message = "Message"
    case compose = "Write to school"
    case attendance = "Attendance"
    case school = "School"
    case enhanced = "More"
    case help = "Help"
    case logout = "Log out"
}
