import ParentCore
import TerminalKit

/// The timeline: the query (child, category, unread only, search), the
/// selected row and the list's scroll offset (kept here, as ratatui's
/// `ListState` keeps it, so scrolling is steady), whether the search field
/// has the keys, and the query's results, computed once per change by
/// ``TimelineScreen/settle(_:)``.
struct TimelineState: ScreenState {
    var query = TimelineQuery()
    var list = ListCursor()
    var searching = false
    var search = TextField(placeholder: "type to search subject and text")
    /// Waiting for a yes to mark these (the list's unread messages) read.
    var markingAllRead: [MessageRef]?
    /// The results of `query` on the snapshot `resultsKey` names.
    private(set) var results: TimelineResults?
    private(set) var resultsKey: ResultsKey?
    /// The model's unread messages, counted with the results (the footer
    /// and the counter read it on every frame).
    private(set) var unread = 0
    /// How many times the query has run for this state (tests hold it to
    /// once per change: the reducer, the view and the mouse each ran it).
    private(set) var queriesRun = 0

    struct ResultsKey: Equatable, Sendable {
        var query: TimelineQuery
        var version: Int
        var generation: Int
    }

    mutating func setResults(_ results: TimelineResults, unread: Int, for key: ResultsKey) {
        self.results = results
        self.unread = unread
        resultsKey = key
        queriesRun += 1
    }

    static func == (a: TimelineState, b: TimelineState) -> Bool {
        a.query == b.query && a.list == b.list && a.searching == b.searching
            && a.search == b.search
            && a.markingAllRead == b.markingAllRead
            && a.resultsKey == b.resultsKey
    }
}

extension AppState {
    var timeline: TimelineState {
        get { screens[TimelineState.self] }
        set { screens[TimelineState.self] = newValue }
    }
}
