/// The attendance codes explained: how far the list is scrolled.
struct CodesState: ScreenState {
    var scroll = 0
}

extension AppState {
    var codes: CodesState {
        get { screens[CodesState.self] }
        set { screens[CodesState.self] = newValue }
    }
}
