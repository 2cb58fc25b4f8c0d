/// The parent's own messages, replies and absence reports on this device:
/// which one is selected, and the first one shown.
struct SentState: ScreenState {
    var selected = 0
    /// The first row shown (kept, so moving back up does not jump).
    var offset = 0
}

extension AppState {
    var sent: SentState {
        get { screens[SentState.self] }
        set { screens[SentState.self] = newValue }
    }
}
