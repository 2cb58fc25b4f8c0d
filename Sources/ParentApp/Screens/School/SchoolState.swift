/// The school details screen's state: which school and which entry.
struct SchoolState: ScreenState {
    var schoolIndex = 0
    var selected = 0
}

extension AppState {
    var school: SchoolState {
        get { screens[SchoolState.self] }
        set { screens[SchoolState.self] = newValue }
    }
}
