/// The attendance codes explained: whose, and how far the list is scrolled.
struct CodesState: ScreenState {
    var scroll = 0
    /// The child whose codes are explained (the attendance's, when opened).
    var child = 0
}

extension AppState {
    var codes: CodesState {
        get { screens[CodesState.self] }
        set { screens[CodesState.self] = newValue }
    }
}
