/// Home: which child is selected.
struct HomeState: ScreenState {
    var selected = 0
}

extension AppState {
    var home: HomeState {
        get { screens[HomeState.self] }
        set { screens[HomeState.self] = newValue }
    }
}
