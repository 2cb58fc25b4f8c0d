/// The messages kept from an earlier login: which one is selected, and
/// whether the app has offered them already in this run (it does once,
/// after unlocking; Home has a key to come back).
struct KeptState: ScreenState {
    var selected = 0
    /// The first message shown (kept, so moving back up does not jump).
    var offset = 0
    var offered = false
}

extension AppState {
    var kept: KeptState {
        get { screens[KeptState.self] }
        set { screens[KeptState.self] = newValue }
    }
}
