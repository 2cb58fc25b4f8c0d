import ParentCore
import TerminalKit

extension TimelineScreen {
    static func update(_ command: Command, _ s: inout AppState) -> [Effect]? {
        guard let model = s.snapshot?.model else { return nil }
        if let refs = s.timeline.markingAllRead {
            s.timeline.markingAllRead = nil
            return command == .confirm ? [.markAllRead(refs)] : []
        }
        if s.timeline.searching {
            switch command {
            case .confirm:
                s.timeline.searching = false
            case .back:
                s.timeline.searching = false
                s.timeline.search = TextField(placeholder: s.timeline.search.placeholder)
                s.timeline.query.search = ""
                s.timeline.list.selected = 0
            default:
                break
            }
            return []
        }
        let count = s.timeline.results?.count ?? 0
        if s.timeline.list.move(command, count: count, page: page(s)) { return [] }
        switch command {
        case .open:
            guard let results = s.timeline.results, results.indices.contains(s.timeline.list.selected) else {
                return []
            }
            return MessageScreen.open(
                results[s.timeline.list.selected].ref, in: results, at: s.timeline.list.selected, &s)
        case .reply:
            // The selected message, as r replies in the reader (and as mutt's
            // index does): the preview pane shows it, r answers it.
            guard let results = s.timeline.results, results.indices.contains(s.timeline.list.selected),
                let detail = s.snapshot?.model.message(results[s.timeline.list.selected].ref)
            else { return [] }
            return ComposeScreen.reply(to: detail, &s)
        case .copy:
            // The selected message, as y copies it in the reader (no receipt:
            // copying is not reading it here).
            guard let results = s.timeline.results, results.indices.contains(s.timeline.list.selected),
                let model = s.snapshot?.model, let detail = model.message(results[s.timeline.list.selected].ref)
            else { return [] }
            return [.copy(MessageScreen.plainText(detail, model: model, s), what: "the message")]
        case .nextUnread:
            guard let results = s.timeline.results,
                let next = MessageScreen.nextUnread(after: s.timeline.list.selected, in: results, s)
            else {
                s.note(MessageScreen.noMoreUnreadNote, seconds: 4)
                return []
            }
            // A move that did not wrap clears the last one's note ("Wrapped
            // to the top" stayed over the next moves).
            if next.wrapped { s.note(MessageScreen.wrappedNote, seconds: 4) } else { MessageScreen.clearMoveNote(&s) }
            s.timeline.list.selected = next.index
        case .search:
            s.timeline.searching = true
        case .markAllRead:
            guard let results = s.timeline.results else { return [] }
            let unread = results.unreadRefs
            if unread.isEmpty { s.note("Nothing unread here.", seconds: 3) } else { s.timeline.markingAllRead = unread }
        case .toggleRead:
            guard let results = s.timeline.results, results.indices.contains(s.timeline.list.selected) else {
                return []
            }
            let entry = results[s.timeline.list.selected]
            // In an unread-only view the row stays, shown read, for a second N.
            if s.timeline.query.unreadOnly, entry.isUnread { s.timeline.query.keeping.insert(entry.ref) }
            s.note(entry.isUnread ? "Marked read (no read receipt)." : "Marked unread.", seconds: 3)
            return [entry.isUnread ? .markAllRead([entry.ref]) : .markUnread(entry.ref)]
        case .togglePreview:
            // Too narrow: said, not silence (the choice is still kept).
            if s.size.width < previewWidth {
                s.note(
                    "The preview pane needs a terminal \(previewWidth) columns wide (this one is \(s.size.width)).",
                    seconds: 5)
                return []
            }
            s.preferences.previewPane.toggle()
            // Said either way (it said nothing, and a note from a narrower
            // size stayed).
            s.note(
                s.preferences.previewPane
                    ? "Preview pane on." : "Preview pane off: \(TimelineScreen.key(.togglePreview, s)) shows it again.",
                seconds: 3)
            return [.savePreferences(s.preferences)]
        case .nextChild:
            let refs: [ChildRef?] = [nil] + model.children.map(\.ref)
            let i = refs.firstIndex(of: s.timeline.query.child) ?? 0
            s.timeline.query.child = refs[(i + 1) % refs.count]
            s.timeline.query.keeping = []
            s.timeline.list.selected = 0
        case .nextCategory:
            let all: [MessageCategory?] = [nil] + model.categories
            let i = all.firstIndex(of: s.timeline.query.category) ?? 0
            s.timeline.query.category = all[(i + 1) % all.count]
            s.timeline.query.keeping = []
            s.timeline.list.selected = 0
        case .toggleReadFilter:
            s.timeline.query.unreadOnly.toggle()
            s.timeline.query.keeping = []
            s.timeline.list.selected = 0
        case .clearFilters:
            s.timeline = TimelineState()
        case .compose:
            // The child in view, as for an absence report: the filter, else
            // the selected message's child (n and a picked different ones).
            return ComposeScreen.start(&s, reply: nil, about: s.timeline.query.child ?? selectedMessageChild(s))
        case .reportAbsence:
            return AbsenceScreen.start(&s, about: s.timeline.query.child ?? selectedMessageChild(s))
        default:
            return nil
        }
        return []
    }

    /// Rows PgUp/PgDn move: the list's own height as drawn, less one row
    /// kept in view (not a guess from the terminal's height).
    static func page(_ s: AppState) -> Int {
        guard let frame = AppView.frame(for: s) else { return 1 }
        return max(1, listArea(in: frame.body, s).height - 1)
    }

    /// The child the selected message is about: the first of them when it
    /// is about several (a message is one school's, so the form is about
    /// that school, never another one's first child).
    static func selectedMessageChild(_ s: AppState) -> ChildRef? {
        guard let results = s.timeline.results, results.indices.contains(s.timeline.list.selected) else { return nil }
        return results[s.timeline.list.selected].children.first
    }

    static func type(_ key: Key, _ s: inout AppState) -> [Effect] {
        guard s.timeline.searching, s.timeline.search.handle(key) else { return [] }
        s.timeline.query.search = s.timeline.search.text
        s.timeline.list.selected = 0
        s.timeline.list.offset = 0
        return []
    }

    static func click(at p: Point, in area: Rect, _ s: inout AppState) -> [Effect] {
        guard let results = s.timeline.results,
            let row = listView(s, count: results.count).row(at: p, in: listArea(in: area, s))
        else { return [] }
        if row == s.timeline.list.selected { return Reducer.handle(.open, &s) }
        s.timeline.list.selected = row
        return []
    }

    /// Opens the timeline afresh on one child's messages (Home's Enter).
    static func open(about child: ChildRef, _ s: inout AppState) {
        s.timeline = TimelineState()
        s.timeline.query.child = child
        s.push(.timeline)
    }

    /// The cursor on `ref` when the list has it (the reader moved on: back
    /// here, it is on the message last read, as mutt's index is).
    static func select(_ ref: MessageRef, _ s: inout AppState) {
        if let i = s.timeline.results?.refs.firstIndex(of: ref) { s.timeline.list.selected = i }
    }

    /// Runs the query when it or the model changed (once per change, never
    /// in the view), then keeps the selection on screen by moving the
    /// stored offset as little as possible.
    static func settle(_ s: inout AppState) {
        guard let snapshot = s.snapshot else { return }
        // A child filter on a child no longer shown (the school removed
        // them): all children again (it read "0 of 365 (S000001)").
        if let child = s.timeline.query.child, !snapshot.model.children.contains(where: { $0.ref == child }) {
            s.timeline.query.child = nil
            s.timeline.list.selected = 0
        }
        let key = TimelineState.ResultsKey(
            query: s.timeline.query, version: snapshot.version, generation: snapshot.model.generation)
        if s.timeline.resultsKey != key {
            // New data for the same query (a sync, a message read): the
            // selection stays on its message, as in mutt (by row number, a
            // message arriving moved it to another, which Enter, N or r then
            // acted on). The list does not scroll: a new message shows at
            // the top, the selection a row lower.
            let selected = s.timeline.list.selected
            let sameQuery = s.timeline.resultsKey?.query == key.query
            let before = sameQuery ? s.timeline.results : nil
            let kept = before.flatMap { $0.indices.contains(selected) ? $0.ref(at: selected) : nil }
            s.timeline.setResults(
                snapshot.model.timeline(key.query), unread: snapshot.model.unreadCount(), for: key)
            if let kept, let results = s.timeline.results {
                if let now = results.firstIndex(of: kept) {
                    if now != selected { s.timeline.list.selected = now }
                } else if let before {
                    // Gone from the list (read, in an unread-only view): the
                    // next one of the old list still in it, else the one
                    // before (the row number stayed, and unread messages
                    // were skipped over: an audit).
                    let now = Dictionary(results.refs.enumerated().map { ($1, $0) }) { a, _ in a }
                    let next = (selected + 1..<before.count).lazy.compactMap { now[before.ref(at: $0)] }.first
                    let previous = (0..<min(selected, before.count)).reversed().lazy.compactMap {
                        now[before.ref(at: $0)]
                    }.first
                    s.timeline.list.selected = next ?? previous ?? 0
                }
            }
        }
        let count = s.timeline.results?.count ?? 0
        guard let body = AppView.frame(for: s)?.body else { return }
        let rows = listArea(in: body, s).height
        // The selection within the results (fewer after a sync withdrew some) and the offset that shows it.
        s.timeline.list.settle(count: count, rows: rows)
    }

    /// The child the timeline is filtered on: a section about one child
    /// opens on them.
    static func childInView(_ s: AppState) -> Int? {
        guard let child = s.timeline.query.child else { return nil }
        return s.snapshot?.model.children.firstIndex { $0.ref == child }
    }
}
