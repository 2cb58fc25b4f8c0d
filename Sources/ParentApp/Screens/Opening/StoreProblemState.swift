import Foundation

/// The store's problems, shown when there is nothing local instead.
struct StoreProblemState: ScreenState {
    var problems: [String] = []
    /// The problem is that the store cannot be reached (not that it is invalid).
    var unreachable = false
    /// When the screen next tries the store again by itself.
    var retryAt: Date?
}

extension AppState {
    var storeProblem: StoreProblemState {
        get { screens[StoreProblemState.self] }
        set { screens[StoreProblemState.self] = newValue }
    }
}
