/// Why something the parent was writing is kept as a message from before:
/// the words the Kept screen (and `doctor`) show beside it.
enum KeptWhy: Sendable, Hashable {
    /// The process ended with the form open.
    case appClosed
    /// The login ended (a re-check, a damaged login, a sync that found none).
    case loginEnded
    /// The parent chose to log in again in place of the PIN.
    case loggingInAgain
    /// The school stopped holding the parent's details while they wrote.
    case schoolLeft
    /// The school's records stopped linking the parent to the child it was
    /// about, the school staying.
    case childLeft

    var text: String {
        switch self {
        case .appClosed: "You were writing this when the app was closed"
        case .loginEnded: "You were writing this when your login ended"
        case .loggingInAgain: "You were writing this when you logged in again in place of the PIN"
        case .schoolLeft: "You were writing this when the school stopped holding your details"
        case .childLeft: "You were writing this when the school's records stopped linking you to the child"
        }
    }
}
