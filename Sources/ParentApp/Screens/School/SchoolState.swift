/// The school details screen's state: which school and which entry.
struct SchoolState: ScreenState {
    var schoolIndex = 0
    /// The entry selected (a handful: every one is in view, so the offset
    /// stays 0), moved as every list is.
    var list = ListCursor()
}

extension AppState {
    var school: SchoolState {
        get { screens[SchoolState.self] }
        set { screens[SchoolState.self] = newValue }
    }
}
