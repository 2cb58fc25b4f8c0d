/// The logout confirmation's state.
struct LogoutState: ScreenState {
    /// Messages still waiting in the outbox when the dialog opened.
    var pending = 0
    var isBusy = false
    /// Why the last attempt did not log out ("2 messages could not be sent").
    var message: String?
}

extension AppState {
    var logout: LogoutState {
        get { screens[LogoutState.self] }
        set { screens[LogoutState.self] = newValue }
    }
}
