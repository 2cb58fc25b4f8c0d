/// The parent's own messages, replies and absence reports on this device:
/// which one is selected, and the first one shown.
struct SentState: ScreenState {
    var list = ListCursor()
}

extension AppState {
    var sent: SentState {
        get { screens[SentState.self] }
        set { screens[SentState.self] = newValue }
    }
}
