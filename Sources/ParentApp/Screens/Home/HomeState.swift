import ParentCore

/// Home: which child is selected, the first card shown (kept, so scrolling
/// back up does not jump), and what the cards and "Latest from school"
/// show, worked out once per change of the model (``HomeScreen/settle(_:)``).
struct HomeState: ScreenState {
    /// The selected child's card, and the first card shown.
    var list = ListCursor()

    /// What the latest items were worked out for.
    struct LatestKey: Equatable, Sendable {
        var version: Int
        var generation: Int
        var rows: Int
    }

    struct Latest: Equatable, Sendable {
        /// Each child's newest message, in the model's order of children.
        var perChild: [TimelineEntry?]
        /// The newest messages across all children (as many as rows could show).
        var all: [TimelineEntry]
    }

    private(set) var latest: Latest?
    private(set) var latestKey: LatestKey?

    mutating func setLatest(_ latest: Latest, for key: LatestKey) {
        self.latest = latest
        latestKey = key
    }
}

extension AppState {
    var home: HomeState {
        get { screens[HomeState.self] }
        set { screens[HomeState.self] = newValue }
    }
}
