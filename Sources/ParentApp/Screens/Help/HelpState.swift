/// The help screen, scrolled.
struct HelpState: ScreenState {
    var scroll = 0
}

extension AppState {
    var help: HelpState {
        get { screens[HelpState.self] }
        set { screens[HelpState.self] = newValue }
    }
}
