import Foundation
import ParentCore
import TerminalKit

extension Route {
    static let more = Route(MoreScreen.self)
}

extension KeyContext {
    static let more = KeyContext("More")
}

extension Command {
    /// The calendar tab: save the child's school calendar as an .ics file
    /// (More's own meaning, declared here: no shared file names it).
    static let exportCalendar = Command.own("exportCalendar")
}

/// More: the Enhanced service's tabs for one child: timetable, behaviour,
/// achievements, calendar, assessments. A Core school's tab says the
/// school's service does not include it; an Enhanced school whose MIS does
/// not supply something says that.
enum MoreScreen: Screen {
    static let title = "More"
    static let sectionHelp = "More: timetable, behaviour, achievements, calendar, assessments"
    static let showsSections = true

    static let bindings: [Binding] = [
        Binding([.char("c")], .nextChild, .more, "Next child", footer: true),
        Binding([.right, .char("]"), .tab], .nextTab, .more, "Next tab", footer: true),
        Binding([.left, .char("["), .backTab], .previousTab, .more, "Previous tab"),
        Binding([.char("e")], .exportCalendar, .more, "Save the calendar (.ics)", footer: true),
    ]

    static func chain(_ s: AppState) -> [KeyContext] { [.more, .scroll, .app, .global] }

    static func isEnabled(_ command: Command, _ s: AppState) -> Bool {
        switch command {
        case .nextChild: return (s.snapshot?.model.children.count ?? 0) > 1
        // No child shown: no tabs to move between.
        case .nextTab, .previousTab: return !(s.snapshot?.model.children.isEmpty ?? true)
        case .exportCalendar:
            return MoreState.tabs[s.more.tab] == .calendar && selectedChild(s)?.features.contains(.calendar) == true
        case .up, .down, .pageUp, .pageDown, .top, .bottom: return scrollLimit(s) > 0
        default: return true
        }
    }

    /// Rows above the tab's lines: the tabs, the child, a blank line.
    static let rowsAboveLines = 3

    static func render(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        guard let snap = s.snapshot else { return c.loading(in: area) }
        let model = snap.model
        guard !model.children.isEmpty else { return c.noChild(in: area) }
        let child = model.children[min(s.more.child, model.children.count - 1)]
        var y = area.y
        Tabs(
            MoreState.tabs.map(\.title), selected: s.more.tab, style: c.theme.style(.dim),
            selectedStyle: c.theme.style(.selected),
            glyphs: c.theme.glyphs
        ).render(in: Rect(x: area.x, y: y, width: area.width, height: 1), buffer: &c.buffer)
        y += 1
        var heading: [(String, Role)] = [(child.name, .header), ("  " + child.schoolName, .dim)]
        if model.children.count > 1, let key = Reducer.keymap.label(for: .nextChild, in: chain(s)) {
            heading.append(("   \(key) next child", .dim))
        }
        let all = lines(s, child: child, width: area.width)
        let height = area.maxY - y - 2
        let top = min(s.more.scroll, max(0, all.count - height))
        // More below or above: said, with the keys that scroll (the
        // timetable's teachers went on out of sight without a sign).
        let used = c.position(
            top: top, height: height, total: all.count, up: key(.up, s), down: key(.down, s), x: area.x, y: y,
            width: area.width)
        c.spans(heading, x: area.x, y: y, width: used)
        y += 2
        // Scrolled, the heading the first lines belong to stays on top (the
        // assessments' school year, the timetable's weekdays scrolled away
        // and the rows below said nothing of which they were): it takes the
        // first row, and the lines go on from the one after, so the last
        // line shown is the same and every line shows at some scroll.
        var first = top
        let pinned = sticky(all, top: top, timetable: MoreState.tabs[s.more.tab] == .timetable)
        if !pinned.isEmpty, height > pinned.count {
            for line in pinned {
                c.spans(line, x: area.x, y: y, width: area.width)
                y += 1
            }
            first = top + pinned.count
        }
        for line in all.dropFirst(first).prefix(height - (first - top)) {
            c.spans(line, x: area.x, y: y, width: area.width)
            y += 1
        }
    }

    /// The heading the line `top` belongs to, when it has scrolled away:
    /// the last header above it with the column headings under it (the
    /// assessments' "Subject  Assessment  Grade"), or the timetable's
    /// weekday row. Empty when nothing has scrolled away.
    static func sticky(_ all: [[(String, Role)]], top: Int, timetable: Bool) -> [[(String, Role)]] {
        guard top > 0, top < all.count else { return [] }
        if let h = all[..<top].lastIndex(where: { $0.first?.1 == .header }) {
            let columns = h + 1 < top && all[h + 1].count > 1 && all[h + 1].allSatisfy { $0.1 == .dim }
            return columns ? [all[h], all[h + 1]] : [all[h]]
        }
        return timetable ? [all[0]] : []
    }

    /// How far the tab's lines scroll.
    static func scrollLimit(_ s: AppState) -> Int {
        guard let model = s.snapshot?.model, !model.children.isEmpty, let body = AppView.frame(for: s)?.body else {
            return 0
        }
        let child = model.children[min(s.more.child, model.children.count - 1)]
        return lines(s, child: child, width: body.width).count - textRows(s)
    }

    /// The rows the tab's lines have on screen (below its heading).
    static func textRows(_ s: AppState) -> Int { max(1, (AppView.frame(for: s)?.body.height ?? 0) - rowsAboveLines) }

    /// What the tab's lines at `width` come from.
    static func linesKey(_ s: AppState, width: Int) -> MoreState.LinesKey {
        MoreState.LinesKey(
            version: s.snapshot?.version ?? -1, generation: s.snapshot?.model.generation ?? -1, child: s.more.child,
            tab: s.more.tab, width: width, minute: s.minute)
    }

    /// The tab's lines for this state, worked out once per change.
    static func settle(_ s: inout AppState) {
        guard let model = s.snapshot?.model, !model.children.isEmpty, let body = AppView.frame(for: s)?.body else {
            return
        }
        let child = model.children[min(s.more.child, model.children.count - 1)]
        let state = s
        s.more.lines.settle(linesKey(s, width: body.width)) { makeLines(state, child: child, width: body.width) }
    }

    /// The current tab's lines for one child (as settled, else worked out).
    static func lines(_ s: AppState, child: ChildSummary, width: Int) -> [[(String, Role)]] {
        s.more.lines.value(for: linesKey(s, width: width)) ?? makeLines(s, child: child, width: width)
    }

    static func makeLines(_ s: AppState, child: ChildSummary, width: Int) -> [[(String, Role)]] {
        guard let model = s.snapshot?.model else { return [] }
        let feature = MoreState.tabs[min(s.more.tab, MoreState.tabs.count - 1)]
        guard child.features.contains(feature) else {
            let why =
                child.serviceLevel == .core
                ? "\(child.schoolName)'s service (Core) does not include \(feature.title.lowercased()). Core is messaging; the Enhanced service adds MIS data."
                : "\(child.schoolName)'s MIS does not supply \(feature.title.lowercased())."
            return TextWidth.wrap(why, width: width).map { [($0, .dim)] }
        }
        let zone = model.school(child.school)?.zone ?? s.displayZone
        let today = zone.civilDate(of: s.now)
        var lines: [[(String, Role)]] = []
        // The school's file for this tab held back (it can't be read): said
        // first, and never "No timetable published." or "0 points" for it
        // (a first sync stated those of files it could not read: an audit).
        let unread = model.schoolTroubles[child.school]?.concerns("/\(feature.rawValue)/") ?? false
        if unread {
            lines += TextWidth.wrap(
                "\(child.schoolName)'s \(feature.title.lowercased()) can't be read just now (its file has a problem): what was last read is shown, if anything, until the school's data is fixed.",
                width: width
            ).map { [($0, .warning)] }
            lines.append([])
        }
        switch feature {
        case .timetable:
            let lessons = model.timetable(for: child.ref, now: s.now)
            if lessons.isEmpty, !unread { lines.append([("No timetable published.", .dim)]) }
            let periods = Array(Set(lessons.map(\.period))).sorted()
            // The period and its start, then a column a day: a table's
            // columns, laid among the tab's lines (they scroll as one).
            let slots = periods.map { p in lessons.filter { $0.period == p } }
            let labels = zip(periods, slots).map { p, slot in "\(p) \(slot.first.map { "\($0.start)" } ?? "")" }
            let first = max(7, labels.map(TextWidth.of).max() ?? 0)
            let day = max(7, (width - first - 1) / 5 - 1)
            let table = Table(
                columns: [Table.Column("", width: .fixed(first))]
                    + Lesson.dayNamesForDisplay.map { Table.Column($0, width: .fixed(day)) }, rows: [])
            let tableWidth = first + 1 + 5 * (day + 1)
            lines.append(table.fittedHeader(totalWidth: tableWidth).map { ($0, .dim) })
            for (slot, label) in zip(slots, labels) {
                let texts =
                    [label] + (1...5).map { d in slot.first { $0.day == d }.map { "\($0.subject) \($0.room)" } ?? "" }
                let cells = table.fittedRow(texts, totalWidth: tableWidth)
                lines.append(
                    cells.enumerated().map { column, cell in
                        (cell, column == 0 ? .dim : column == today.weekday ? .accent : .text)
                    })
            }
            let teachers = Array(Set(lessons.map { "\($0.subject): \($0.teacher)" })).sorted()
            if !teachers.isEmpty {
                lines.append([])
                lines.append([("Teachers", .header)])
                for t in teachers { lines.append([("  " + t, .dim)]) }
            }
        case .behaviour, .achievements:
            let events =
                feature == .behaviour
                ? model.behaviour(for: child.ref, limit: 200) : model.achievements(for: child.ref, limit: 200)
            let total = model.points(feature, for: child.ref, now: s.now)
            // (A total of what could not be read is none.)
            if !(unread && events.isEmpty) {
                lines.append([
                    (
                        "\(total) point\(abs(total) == 1 ? "" : "s") this school year (\(AcademicYear(containing: today)))",
                        .accent
                    )
                ])
                lines.append([])
            }
            if events.isEmpty, !unread { lines.append([("Nothing recorded.", .dim)]) }
            let dates = events.map { DateText.day($0.date, today: today) }
            let dateWidth = (dates.map(\.displayWidth).max() ?? 0) + 2
            for (e, date) in zip(events, dates) {
                let points = e.points > 0 ? "+\(e.points)" : "\(e.points)"
                var row: [(String, Role)] = [
                    (TextWidth.pad(date, toWidth: dateWidth), .dim),
                    (TextWidth.pad(points, toWidth: 4), e.points < 0 ? .unauthorised : .present),
                    (e.type, .text), ("  \(e.staff)", .dim),
                ]
                // The action on its own rows under the type when the row has
                // no room for it (it was cut mid-word: "→ Phone confiscated
                // until end o"), so it is read whole.
                let indent = dateWidth + 4
                if let action = e.action {
                    let used = row.reduce(0) { $0 + TextWidth.of($1.0) }
                    if used + TextWidth.of("  → \(action)") <= width {
                        row.append(("  → \(action)", .warning))
                        lines.append(row)
                    } else {
                        lines.append(row)
                        // Wrapped to the room after "→ ", every row under the first's text.
                        for (i, part) in TextWidth.wrap(action, width: max(10, width - indent - 2)).enumerated() {
                            lines.append([
                                (String(repeating: " ", count: indent) + (i == 0 ? "→ " : "  "), .warning),
                                (part, .warning),
                            ])
                        }
                    }
                } else {
                    lines.append(row)
                }
            }
        case .calendar:
            let events = model.upcomingEvents(child: child.ref, now: s.now, limit: 100)
            if events.isEmpty, !unread { lines.append([("Nothing coming up.", .dim)]) }
            let whens = events.map { u in
                u.event.end.map { "\(DateText.day(u.event.start, today: today))–\(DateText.day($0, today: today))" }
                    ?? "\(CivilDate.weekdayShortNames[u.event.start.weekday - 1]) \(DateText.day(u.event.start, today: today))"
            }
            let whenWidth = max(17, (whens.map(\.displayWidth).max() ?? 0) + 2)
            for (u, when) in zip(events, whens) {
                let e = u.event
                var row: [(String, Role)] = [(TextWidth.pad(when, toWidth: whenWidth), .accent), (e.title, .text)]
                if let time = e.time { row.append(("  \(time)", .dim)) }
                if let location = e.location { row.append(("  \(location)", .dim)) }
                lines.append(row)
            }
        case .assessments:
            let results = model.assessments(for: child.ref)
            if results.isEmpty, !unread { lines.append([("No assessments published.", .dim)]) }
            var year: AcademicYear? = nil
            // Columns as wide as what they hold (a support engineer's "Design
            // and Technology" pushed the grades out of line), the subject and
            // the assessment at most a third of the width each, cut with "…".
            func column(_ title: String, _ least: Int, _ texts: [String], most: Int) -> Table.Column {
                Table.Column(
                    title, width: .fixed(min(max(least, texts.map(TextWidth.of).max() ?? 0), max(least, most))))
            }
            let table = Table(
                columns: [
                    column("Subject", 13, results.map(\.subject), most: width / 3),
                    column("Assessment", 19, results.map(\.assessment), most: width / 3),
                    column("Grade", 16, results.map(\.grade), most: 16), Table.Column("Target"),
                ], rows: [])
            let roles: [Role] = [.text, .dim, .accent, .text]
            // Too narrow for them all: laid out whole and cut at the edge
            // with "…", as every line is (not the target dropped unseen).
            let fixed = table.columnWidths(totalWidth: .max / 2).dropLast().reduce(3, +)
            let tableWidth = max(width, fixed + max(6, results.map { TextWidth.of($0.target ?? "") }.max() ?? 0))
            for r in results {
                let resultYear = r.academicYear
                if resultYear != year {
                    if year != nil { lines.append([]) }
                    year = resultYear
                    var label =
                        resultYear == AcademicYear(containing: today)
                        ? "\(resultYear) (this school year)" : "\(resultYear)"
                    if let group = r.yearGroup { label += ", Year \(group)" }
                    lines.append([(label, .header)])
                    lines.append(table.fittedHeader(totalWidth: tableWidth).map { ($0, .dim) })
                }
                let cells = table.fittedRow([r.subject, r.assessment, r.grade, r.target ?? ""], totalWidth: tableWidth)
                lines.append(zip(cells, roles).map { ($0, $1) })
            }
        case .attendance:
            break
        }
        return lines
    }
}

extension Lesson {
    static let dayNamesForDisplay = ["Mon", "Tue", "Wed", "Thu", "Fri"]
}
