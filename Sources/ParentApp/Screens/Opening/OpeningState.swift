/// The first frame: whether opening failed, and with what (it then says so,
/// and offers to try again or quit).
struct OpeningState: ScreenState {
    var failed: String?
}

extension AppState {
    var opening: OpeningState {
        get { screens[OpeningState.self] }
        set { screens[OpeningState.self] = newValue }
    }
}
