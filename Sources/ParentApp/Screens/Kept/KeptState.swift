/// The messages kept from an earlier login: which one is selected, and
/// whether the app has offered them already in this run (it does once,
/// after unlocking; Home has a key to come back).
struct KeptState: ScreenState {
    var list = ListCursor()
    var offered = false
    /// `d` was pressed once on this item: a second `d` discards it (one key
    /// deleted what the parent wrote, on a screen that opens by itself).
    var discardAsked: String?
}

extension AppState {
    var kept: KeptState {
        get { screens[KeptState.self] }
        set { screens[KeptState.self] = newValue }
    }
}
