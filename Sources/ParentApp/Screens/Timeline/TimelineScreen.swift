import Foundation
import ParentCore
import TerminalKit

extension Route {
    static let timeline = Route(TimelineScreen.self)
}

extension KeyContext {
    static let timeline = KeyContext("Timeline")
    static let search = KeyContext("Timeline search")
    static let markAllRead = KeyContext("Mark all read?")
}

/// Every message from school, newest first: all children or one, one
/// category, unread only, and search as you type. Only the visible rows are
/// drawn, so 10,000 messages scroll as smoothly as 10.
enum TimelineScreen: Screen {
    static let title = "Timeline"
    static let showsSections = true

    static let bindings: [Binding] = [
        Binding([.char("/")], .search, .timeline, "Search", footer: true),
        Binding([.char("c")], .nextChild, .timeline, "Child filter", footer: true),
        Binding([.char("f")], .nextCategory, .timeline, "Category filter", footer: true),
        Binding([.char("u")], .toggleReadFilter, .timeline, "Unread only", ifRoom: true),
        Binding(
            [.char("A")], .markAllRead, .timeline, "Mark all read (the messages listed; no read receipts)",
            ifRoom: true,
            short: "Mark all read"),
        Binding(
            [.char("N")], .toggleRead, .timeline, "Mark read or unread (no read receipt)", ifRoom: true,
            short: "Read/unread"),
        Binding([.char("x")], .clearFilters, .timeline, "Clear filters"),
        Binding([.char("n")], .compose, .timeline, "Write to school"),
        Binding([.char("r")], .reply, .timeline, "Reply to the selected message"),
        Binding([.char("a")], .reportAbsence, .timeline, "Report an absence"),
        Binding([.tab], .nextUnread, .timeline, "Next unread message", ifRoom: true),
        Binding(
            [.char("V")], .togglePreview, .timeline, "Preview pane on or off (120 columns and wider)", ifRoom: true,
            short: "Preview pane"),
        Binding(
            [.char("y")], .copy, .timeline, "Copy the selected message to the clipboard", ifRoom: true, short: "Copy"),
        // While the search field has the keyboard
        Binding([.enter, .tab, .down], .confirm, .search, "Keep the search", footer: true),
        Binding([.escape], .back, .search, "Clear the search", footer: true),
        // While asking whether to mark all read: only y says yes (a reflex
        // Enter after A marked a family's messages read, with no undo), in
        // either case, as log out's (Y was ignored).
        Binding([.char("y"), .char("Y")], .confirm, .markAllRead, "Yes, mark them read", footer: true),
        Binding([.char("n"), .char("N"), .escape], .cancel, .markAllRead, "No", footer: true),
    ]

    static func chain(_ s: AppState) -> [KeyContext] {
        if s.timeline.markingAllRead != nil { return [.markAllRead, .global] }
        return s.timeline.searching ? [.search, .global] : [.timeline, .list, .app, .global]
    }

    static func isEditing(_ s: AppState) -> Bool { s.timeline.searching }

    static func isOffered(_ command: Command, _ s: AppState) -> Bool {
        command == .nextUnread ? s.timeline.unread > 0 : isEnabled(command, s)
    }

    static func isEnabled(_ command: Command, _ s: AppState) -> Bool {
        switch command {
        // V, A and Tab say why they cannot, rather than nothing (the footer
        // offers Tab only when something is unread).
        case .togglePreview, .markAllRead, .nextUnread: return true
        // A filter with nothing to choose between does nothing (with no
        // child shown, c and f were offered and did nothing).
        case .nextChild: return !(s.snapshot?.model.children.isEmpty ?? true) || s.timeline.query.child != nil
        case .nextCategory: return !(s.snapshot?.model.categories.isEmpty ?? true) || s.timeline.query.category != nil
        case .toggleRead, .copy, .reply, .open: return !(s.timeline.results?.isEmpty ?? true)
        case .clearFilters: return s.timeline.query != TimelineQuery() || !s.timeline.search.isEmpty
        // No "Move down" offered on the last row, nor up on the first.
        case .down, .pageDown, .bottom, .up, .pageUp, .top:
            return s.timeline.list.allows(command, count: s.timeline.results?.count ?? 0) ?? true
        default: return true
        }
    }

    static func render(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        guard let snap = s.snapshot else { return c.loading(in: area) }
        let model = snap.model
        let q = s.timeline.query
        var y = area.y
        let childName = q.child.flatMap { model.child($0)?.forename } ?? "All children"
        let category = q.category?.rawValue ?? "All categories"
        let keys = Reducer.keymap
        // A filter's key only where it does something (with no child
        // shown, c and f were named and did nothing).
        let childKey = isEnabled(.nextChild, s) ? keys.name(.nextChild, in: [.timeline]) + " " : ""
        let categoryKey = isEnabled(.nextCategory, s) ? keys.name(.nextCategory, in: [.timeline]) + " " : ""
        var parts: [(String, Role)] = [
            (childKey, .keyName), (childName, .accent),
            ("  " + categoryKey, .keyName), (category, .accent),
        ]
        if q.unreadOnly { parts += [("  ", .text), ("Unread only", .accent)] }
        let used = s.timeline.markingAllRead == nil ? c.spans(parts, x: area.x, y: y, width: area.width) : area.width
        if let marking = s.timeline.markingAllRead {
            c.text(
                markAllQuestion(s, count: marking.count, model: model), x: area.x, y: y, role: .warning,
                width: area.width)
        }
        let searchX = area.x + used + 2
        if s.timeline.searching || !q.search.isEmpty, area.maxX - searchX > 10 {
            let slash = Reducer.keymap.name(.search, in: [.timeline])
            c.text(slash, x: searchX, y: y, role: .keyName, width: slash.displayWidth)
            s.timeline.search.render(
                in: Rect(x: searchX + 2, y: y, width: area.maxX - searchX - 2, height: 1), buffer: &c.buffer,
                style: c.theme.style(s.timeline.searching ? .fieldFocused : .text),
                placeholderStyle: c.theme.style(.dim), focused: s.timeline.searching, glyphs: c.theme.glyphs)
        }
        y += 1
        guard let results = s.timeline.results else { return }
        let listArea = listArea(in: area, s)
        if showsPreview(s, in: area) { renderPreview(s, results: results, list: listArea, in: area, &c) }
        let list = listView(s, count: results.count, theme: c.theme)
        // In the default colours, as the unread mark that starts the rows:
        // a step down rewrites the position and two rows without a colour
        // change between them (dim cost ten bytes a step).
        c.text(
            "\(countText(s, results: results.count, model: model))  \(list.positionText)", x: area.x, y: y,
            role: .text, width: area.width)
        if results.isEmpty {
            c.text(emptyText(q, s), x: area.x, y: listArea.y + 1, role: .dim, width: area.width)
            return
        }
        var buffer = c.buffer
        let theme = c.theme
        let first = list.visibleOffset(rows: listArea.height)
        let shown = first..<min(results.count, first + listArea.height)
        let dateWidth = dateColumn(shown.map { results[$0].sentAt }, s)
        list.render(in: listArea, buffer: &buffer) { row, rowBuffer in
            var canvas = Canvas(buffer: rowBuffer, theme: theme)
            self.row(results[row.index], model: model, s, dateWidth: dateWidth, in: row.area, &canvas)
            rowBuffer = canvas.buffer
        }
        c.buffer = buffer
    }

    /// "511 messages, 12 unread", or with a filter "36 of 511 (Ben, search)".
    static func countText(_ s: AppState, results: Int, model: ParentModel) -> String {
        let q = s.timeline.query
        var filters: [String] = []
        if let child = q.child { filters.append(model.child(child)?.forename ?? child.student) }
        if let category = q.category { filters.append(category.rawValue) }
        if q.unreadOnly { filters.append("unread only") }
        if q.searchHasNoWords {
            filters.append("search ignores punctuation alone")
        } else if !q.search.isEmpty {
            filters.append("search")
        }
        guard filters.isEmpty else { return "\(results) of \(model.messageCount) (\(filters.joined(separator: ", ")))" }
        let unread = s.timeline.unread
        return "\(results) message\(results == 1 ? "" : "s")\(unread > 0 ? ", \(unread) unread" : "")"
    }

    /// What an empty list says: why it is empty (a filter, a search), not
    /// "nothing here" when the parent has messages the filter hides.
    static func emptyText(_ q: TimelineQuery, _ s: AppState) -> String {
        // Unread only too: "no message matches" hid the read ones that do.
        if !q.search.isEmpty {
            return q.unreadOnly
                // The timeline's key, also while the search has the keyboard
                // (asked along the search's chain, it has none there).
                ? "No unread message matches \"\(q.search)\" (\(Reducer.keymap.name(.toggleReadFilter, in: [.timeline])) shows the read ones too)."
                : "No message matches \"\(q.search)\"."
        }
        if q.unreadOnly { return "No unread messages\(q.child != nil || q.category != nil ? " here" : ""): all read." }
        switch (q.child != nil, q.category != nil) {
        case (true, true): return "No message of this kind for this child."
        case (true, false): return "No message for this child."
        case (false, true): return "No message of this kind."
        case (false, false): break
        }
        return "Nothing here yet."
    }

    /// "Mark 265 unread messages read (Ben, Homework)? No read receipts are sent."
    static func markAllQuestion(_ s: AppState, count: Int, model: ParentModel) -> String {
        let text = countText(s, results: count, model: model)
        let which = text.firstIndex(of: "(").map { " " + text[$0...] } ?? ""
        return "Mark \(count) unread message\(count == 1 ? "" : "s") read\(which)? No read receipts are sent."
    }

    /// The width of the date column for these rows: wider when one of them
    /// is from another school year and shows its year.
    static func dateColumn(_ dates: [Date], _ s: AppState) -> Int {
        max(6, dates.map { DateText.short($0, now: s.now, zone: s.displayZone).displayWidth }.max() ?? 0)
    }

    /// The list as the state has it: selection and offset.
    static func listView(_ s: AppState, count: Int, theme: Theme = Theme(color: false)) -> ListView {
        ListView(
            count: count, selected: count == 0 ? nil : min(s.timeline.list.selected, count - 1),
            offset: s.timeline.list.offset,
            selectedStyle: theme.style(.selected), showsScrollbar: true, scrollbarStyle: theme.style(.dim),
            glyphs: theme.glyphs, uniformSelection: true)
    }

    /// At this width and over, the selected message shows beside the list
    /// (as aerc's split view), unless the parent turned it off.
    static let previewWidth = 120

    static func showsPreview(_ s: AppState, in area: Rect) -> Bool {
        s.size.width >= previewWidth && s.preferences.previewPane
    }

    /// Where the rows go: below the filter line and the count line, on the
    /// left when the preview is shown, and above a note of two or three
    /// lines while it lasts (drawn over the body's last rows, it hid the
    /// selected row, and Enter or r acted on a message never seen).
    static func listArea(in area: Rect, _ s: AppState) -> Rect {
        let width = showsPreview(s, in: area) ? area.width * 11 / 20 : area.width
        return Rect(
            x: area.x, y: area.y + 2, width: width,
            height: max(0, area.height - 2 - AppView.statusRowsOverBody(s)))
    }

    /// The selected message's first lines, right of the list.
    static func renderPreview(_ s: AppState, results: TimelineResults, list: Rect, in area: Rect, _ c: inout Canvas) {
        let x = list.maxX + 1
        let preview = Rect(x: x + 2, y: list.y, width: area.maxX - x - 2, height: list.height)
        for y in preview.y..<preview.maxY { c.text(String(c.theme.glyphs.vertical), x: x, y: y, role: .dim, width: 1) }
        guard let model = s.snapshot?.model, !results.isEmpty,
            let detail = model.message(results[min(s.timeline.list.selected, results.count - 1)].ref)
        else { return }
        let rows = c.wrapped(
            detail.subject, x: preview.x, y: preview.y, width: preview.width, maxRows: 3, role: .header)
        let lines = MessageScreen.lines(detail, model: model, s, width: preview.width, glyphs: c.theme.glyphs)
        for (i, line) in lines.prefix(preview.height - rows - 1).enumerated() {
            c.text(line.text, x: preview.x, y: preview.y + rows + 1 + i, role: line.role, width: preview.width)
        }
    }

    /// One timeline row: unread mark, date, category, subject, children.
    static func row(
        _ e: TimelineEntry, model: ParentModel, _ s: AppState, dateWidth: Int = 6, in area: Rect, _ c: inout Canvas
    ) {
        let mark = e.isUnread ? (c.theme.glyphs == .ascii ? "*" : "●") : " "
        let date = TextWidth.pad(DateText.short(e.sentAt, now: s.now, zone: s.displayZone), toWidth: dateWidth)
        let categoryRole: Role = e.category == .homework ? .homework : e.category == .emergency ? .emergency : .dim
        let names = e.children.compactMap { model.child($0)?.forename }.joined(separator: ", ")
        let nameWidth = min(names.displayWidth, max(0, area.width / 4))
        let head = c.spans(
            [
                // The mark is its glyph, not bold: one attribute change
                // fewer per row (each costs a full reset on the terminal).
                (mark + " ", c.theme.hasColor || !e.isUnread ? .text : .unread), (date + " ", .dim),
                (TextWidth.pad(e.category.rawValue, toWidth: 10) + " ", categoryRole),
            ],
            x: area.x, y: area.y, width: area.width)
        let subjectWidth = max(0, area.width - head - nameWidth - 1)
        var subject = e.subject
        if e.isTranslated { subject += " (translated)" }
        c.text(subject, x: area.x + head, y: area.y, role: e.isUnread ? .unread : .text, width: subjectWidth)
        if nameWidth > 0 {
            c.text(
                TextWidth.truncate(names, toWidth: nameWidth), x: area.maxX - nameWidth, y: area.y, role: .dim,
                width: nameWidth)
        }
    }
}
