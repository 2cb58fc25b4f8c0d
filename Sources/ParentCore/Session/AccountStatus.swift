/// Where the parent stands when the app opens or after an action.
public enum AccountStatus: Sendable, Equatable {
    /// No session: the full login. `reason` says why, when there is one
    /// ("You haven't used Xpressions for 30 days...").
    case loggedOut(reason: String?)
    /// A PIN is set: ask for it.
    case locked(Session)
}
