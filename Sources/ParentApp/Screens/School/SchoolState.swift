/// The school details screen's state: which school and which entry.
struct SchoolState: ScreenState {
    var schoolIndex = 0
    /// The entry selected, moved as every list is, and the first shown
    /// (settled for the size: in a small terminal not every entry fits).
    var list = ListCursor()
}

extension AppState {
    var school: SchoolState {
        get { screens[SchoolState.self] }
        set { screens[SchoolState.self] = newValue }
    }
}
