import ParentCore

/// One message, scrolled.
struct MessageState: ScreenState {
    var ref: MessageRef?
    var scroll = 0
}

extension AppState {
    var message: MessageState {
        get { screens[MessageState.self] }
        set { screens[MessageState.self] = newValue }
    }
}
