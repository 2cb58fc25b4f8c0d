import Foundation
import ParentCore
import TerminalKit

extension Route {
    static let attendance = Route(AttendanceScreen.self)
}

extension KeyContext {
    static let attendance = KeyContext("Attendance")
}

/// A child's attendance: the DfE figures for the week, the term and the
/// year, every session's code in a grid of weeks (newest first) with the
/// meaning of every code the visible weeks show, holidays told apart from
/// days without a register yet, and "as of" (marks arrive up to 92 minutes
/// after the register is taken).
enum AttendanceScreen: Screen {
    static let title = "Attendance"
    static let showsSections = true

    static let bindings: [Binding] = [
        Binding([.char("c"), .tab], .nextChild, .attendance, "Next child", footer: true),
        Binding([.backTab], .previousChild, .attendance, "Previous child"),
        Binding([.char("a")], .reportAbsence, .attendance, "Report an absence", footer: true),
    ]

    static func chain(_ s: AppState) -> [KeyContext] { [.attendance, .scroll, .app, .global] }

    static func isEnabled(_ command: Command, _ s: AppState) -> Bool {
        switch command {
        case .nextChild, .previousChild: return (s.snapshot?.model.children.count ?? 0) > 1
        case .up, .pageUp, .top: return (s.attendance.scroll ?? grid(s)?.first ?? 0) > 0
        case .down, .pageDown, .bottom: return (s.attendance.scroll ?? grid(s)?.first ?? 0) < scrollLimit(s)
        default: return true
        }
    }

    /// Reporting is offered when some child can be reported absent;
    /// otherwise `a` only explains why not (not in the footer).
    static func isOffered(_ command: Command, _ s: AppState) -> Bool {
        command == .reportAbsence ? AbsenceScreen.canReport(s, about: child(s)?.ref) : isEnabled(command, s)
    }

    static func reportKey(_ s: AppState) -> AttendanceState.ReportKey {
        AttendanceState.ReportKey(
            version: s.snapshot?.version ?? -1, generation: s.snapshot?.model.generation ?? -1,
            child: s.attendance.child, minute: s.minute)
    }

    /// The shown child's attendance (as settled, else worked out now).
    static func report(_ s: AppState) -> AttendanceReport? {
        if let kept = s.attendance.report.value(for: reportKey(s)) { return kept }
        guard let child = child(s), let model = s.snapshot?.model else { return nil }
        return model.attendance(for: child.ref, now: s.now)
    }

    /// The report, worked out once per change of the model, child or
    /// minute, and its layout once per change of those, the scroll or the
    /// body's size.
    static func settle(_ s: inout AppState) {
        guard s.snapshot != nil else { return }
        let state = s
        s.attendance.report.settle(reportKey(s)) {
            guard let child = child(state), let model = state.snapshot?.model else { return nil }
            return model.attendance(for: child.ref, now: state.now)
        }
        guard let key = layoutKey(s) else { return }
        let settled = s
        s.attendance.layout.settle(key) { layOut(settled, in: key.body) }
    }

    /// The grid, the report lines under it, and the row the grid ends above.
    typealias Layout = (grid: AttendanceGrid, reports: [[(String, Role)]], bottom: Int)

    static func layoutKey(_ s: AppState) -> AttendanceState.LayoutKey? {
        guard let body = AppView.frame(for: s)?.body else { return nil }
        return AttendanceState.LayoutKey(
            report: reportKey(s), scroll: s.attendance.scroll, body: body, covered: AppView.statusRowsOverBody(s))
    }

    /// The layout as the screen draws it now (as settled, else worked out now).
    static func layout(_ s: AppState) -> Layout? {
        guard let key = layoutKey(s) else { return nil }
        if let kept = s.attendance.layout.value(for: key) { return kept }
        return layOut(s, in: key.body)
    }

    private static func layOut(_ s: AppState, in body: Rect) -> Layout? {
        guard let child = child(s), let report = report(s) else { return nil }
        return layout(s, child: child, report: report, area: body, glyphs: .unicode)
    }

    /// The child shown.
    static func child(_ s: AppState) -> ChildSummary? {
        guard let children = s.snapshot?.model.children, !children.isEmpty else { return nil }
        return children[min(s.attendance.child, children.count - 1)]
    }

    /// The figures' table: what each column is, and its color.
    static let columns: [Table.Column] = [
        Table.Column("", width: .fixed(13)), Table.Column("Attendance", width: .fixed(10), alignment: .right),
        Table.Column("Attended/possible", width: .fixed(20), alignment: .right),
        Table.Column("Authorised", width: .fixed(13), alignment: .right),
        Table.Column("Unauthorised", width: .fixed(15), alignment: .right),
    ]
    /// The same in under 71 columns, with shorter headings (at 60 columns
    /// "Authorised" and "Unauthorised" ran together, and so did their
    /// figures: "10 6" read as 106).
    static let narrowColumns: [Table.Column] = [
        Table.Column("", width: .fixed(12)), Table.Column("Attendance", width: .fixed(11), alignment: .right),
        Table.Column("Sessions", width: .fixed(10), alignment: .right),
        Table.Column("Auth.", width: .fixed(7), alignment: .right),
        Table.Column("Unauth.", width: .fixed(9), alignment: .right),
    ]
    /// The columns for `width`: the full headings where they fit, else the
    /// short ones, as many as fit whole (a column cut in two ran into the
    /// next: "SessionsAuth.").
    static func columns(width: Int) -> [Table.Column] {
        func size(_ c: Table.Column) -> Int {
            if case .fixed(let n) = c.width { return n }
            return 0
        }
        if width >= columns.reduce(0, { $0 + size($1) }) { return columns }
        var used = 0
        return Array(
            narrowColumns.prefix { column in
                used += size(column)
                return used <= width
            })
    }
    static let columnRoles: [Role] = [.text, .accent, .text, .authorised, .unauthorised]

    /// Rows above the grid: name, blank, header, up to three figures, as of, blank, the grid's header.
    static let rowsAboveGrid = 9

    /// What to say when the child's school's attendance file is held back
    /// (it could not be read at the last sync); nil when it is not.
    static func unreadable(_ model: ParentModel, child: ChildSummary) -> String? {
        guard model.schoolTroubles[child.school]?.concerns("/attendance/") == true else { return nil }
        return
            "\(child.schoolName)'s attendance can't be read just now (its file has a problem), so none is shown: it shows here once the school's data is fixed."
    }

    static func render(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        guard let snap = s.snapshot else { return c.loading(in: area) }
        let model = snap.model
        guard let child = child(s) else { return c.noChild(in: area) }
        var y = area.y
        c.spans([(child.name, .header), ("  " + child.schoolName, .dim)], x: area.x, y: y, width: area.width)
        y += 2
        guard child.features.contains(.attendance) else {
            let why =
                child.serviceLevel == .core
                ? "\(child.schoolName)'s service (Core) does not include attendance."
                : "\(child.schoolName)'s MIS does not supply attendance."
            c.wrapped(why, x: area.x, y: y, width: area.width, maxRows: 3, role: .dim)
            return
        }
        // The school's attendance file held back (it can't be read): said,
        // never "no marks yet" (a first sync showed 0/0 and "yet").
        let unread = unreadable(model, child: child)
        guard let report = report(s),
            unread == nil
                || [report.week, report.term, report.year].contains(where: { ($0?.possibleSessions ?? 0) > 0 })
        else {
            c.wrapped(
                unread ?? "No attendance marks yet.", x: area.x, y: y, width: area.width, maxRows: 3,
                role: unread == nil ? .dim : .warning)
            return
        }
        let school = model.school(child.school)
        let zone = school?.zone ?? s.displayZone
        let figures = [report.week, report.term, report.year].compactMap { $0 }
        let rows = min(figures.count, max(0, area.maxY - y - 1))
        let columns = AttendanceScreen.columns(width: area.width)
        var table = Table(
            columns: columns, rowCount: rows, headerStyle: c.theme.style(.dim), columnSpacing: 0,
            glyphs: c.theme.glyphs
        ) { row, column in
            let stats = figures[row]
            switch column {
            case 0: return stats.label
            case 1: return stats.percentageText
            case 2: return "\(stats.attended)/\(stats.possibleSessions)"
            case 3: return "\(stats.authorisedAbsence)"
            default: return "\(stats.unauthorisedAbsence)"
            }
        }
        let theme = c.theme
        table.cellStyle = { _, column in theme.style(AttendanceScreen.columnRoles[column]) }
        let tableWidth = columns.reduce(0) { total, column in
            if case .fixed(let n) = column.width { return total + n }
            return total
        }
        table.render(in: Rect(x: area.x, y: y, width: min(area.width, tableWidth), height: rows + 1), buffer: &c.buffer)
        y += rows + 1
        if let leftOn = report.leftOn {
            // A leaving day still to come is said as one.
            let past =
                leftOn < (s.snapshot?.model.school(report.child.school)?.zone ?? s.displayZone).civilDate(of: s.now)
            c.text(
                past
                    ? "Left on \(leftOn.longText): figures and marks stop there"
                    : "Leaves on \(leftOn.longText): figures and marks stop there", x: area.x, y: y, role: .dim,
                width: area.width)
        } else if let asOf = report.completeUpTo {
            c.text(
                "As of \(DateText.moment(asOf, now: s.now, zone: zone)) · marks arrive up to 92 min after the register",
                x: area.x, y: y, role: .dim, width: area.width)
        }
        y = area.y + rowsAboveGrid - 1
        // The settled layout, unless the theme draws other glyphs (ASCII).
        let laidOut =
            c.theme.glyphs == .unicode && area == layoutKey(s)?.body
            ? layout(s) : layout(s, child: child, report: report, area: area, glyphs: c.theme.glyphs)
        guard let (grid, reports, bottom) = laidOut else {
            // No marks this school year (a new year before its first
            // register, or an as-of date the school's data does not reach):
            // said, not a blank screen.
            let year = AcademicYear(containing: zone.civilDate(of: s.now))
            c.wrapped(
                unread ?? "No attendance marks for \(year) yet: they show here from the first register of the year.",
                x: area.x, y: y + 1, width: area.width, maxRows: 3, role: unread == nil ? .dim : .warning)
            return
        }
        c.text("Week of      Mon     Tue     Wed     Thu     Fri", x: area.x, y: y, role: .dim, width: area.width)
        if grid.weeks.count > grid.visible.count {
            // The keys that move from here (↑ at the top did nothing).
            let keys =
                (isEnabled(.up, s) ? Reducer.keymap.name(.up, in: chain(s)) : "")
                + (isEnabled(.down, s) ? Reducer.keymap.name(.down, in: chain(s)) : "")
            // Beside the weekdays, never over Friday's heading (at 60
            // columns it was): shorter where the long form has no room.
            let header = 49  // "Week of      Mon … Fri" and a space
            var position = "weeks \(grid.first + 1)–\(grid.first + grid.visible.count) of \(grid.weeks.count) \(keys)"
            if area.width - position.displayWidth < header {
                position = "\(grid.first + 1)–\(grid.first + grid.visible.count)/\(grid.weeks.count)\(keys)"
            }
            if area.width - position.displayWidth >= header {
                c.text(position, x: area.maxX - position.displayWidth, y: y, role: .dim, width: position.displayWidth)
            }
        }
        y += 1
        for row in grid.rows {
            c.spans(row, x: area.x, y: y, width: area.width)
            y += 1
        }
        if !grid.legend.isEmpty { y += 1 }
        // A legend with no room for all of it ends by saying where the rest is
        // (a note of two or three lines covers the body's last rows: the
        // legend ends above it, so no code goes unexplained meanwhile).
        let room = min(bottom, area.maxY - AppView.statusRowsOverBody(s)) - y
        let cut = grid.legend.count > room
        for line in grid.legend.prefix(cut ? max(0, room - 1) : room) {
            c.spans(line, x: area.x, y: y, width: area.width)
            y += 1
        }
        if cut, room > 0 {
            let key = Reducer.keymap.name(.show(.codes), in: chain(s))
            c.spans(
                [("…", .dim), (" more codes: ", .dim), (key, .keyName), (" explains every code", .dim)], x: area.x,
                y: y, width: area.width)
            y += 1
        }
        // Where the child's absence reports stand, under the legend.
        if bottom < area.maxY {
            y += 1
            for line in reports where y < area.maxY {
                c.spans(line, x: area.x, y: y, width: area.width)
                y += 1
            }
        }
    }

    /// How far the grid scrolls (weeks hidden below the first screenful).
    static func scrollLimit(_ s: AppState) -> Int {
        guard let grid = grid(s) else { return 0 }
        return grid.weeks.count - grid.visible.count
    }

    /// How far a page moves: the weeks in view (the rows left for the grid
    /// depend on its legend, not on the terminal's height alone).
    static func page(_ s: AppState) -> Int { max(1, grid(s)?.visible.count ?? 1) }

    /// The grid as the screen draws it now.
    static func grid(_ s: AppState) -> AttendanceGrid? { layout(s)?.grid }

    /// The grid, the report lines under it, and the row the grid ends
    /// above, in `area` (the body). The reports say what they cover when
    /// that leaves the grid two weeks; else where they stand only (the R?
    /// marks show what they cover): three reports with their sessions left
    /// one week of grid at 80x24.
    static func layout(
        _ s: AppState, child: ChildSummary, report: AttendanceReport, area: Rect, glyphs: Glyphs
    ) -> (grid: AttendanceGrid, reports: [[(String, Role)]], bottom: Int)? {
        guard let model = s.snapshot?.model else { return nil }
        let school = model.school(child.school)
        let zone = school?.zone ?? s.displayZone
        let top = area.y + rowsAboveGrid - 1
        // The school year the grid is of: its marks' (a leaver's last), else today's.
        let thisYear =
            report.marks.first.map { AcademicYear(containing: $0.date) }
            ?? AcademicYear(containing: zone.civilDate(of: s.now))
        func attempt(_ compact: Bool) -> (AttendanceGrid, [[(String, Role)]], Int)? {
            let reports = reportLines(
                s, child: child.ref, zone: zone, width: area.width, compact: compact, year: thisYear)
            // A note of two or three lines (a tour's caption) covers the
            // body's last rows: the reports end above it too (their days
            // went under the caption at 80x24).
            let visible = area.maxY - AppView.statusRowsOverBody(s)
            var bottom = area.maxY
            if !reports.isEmpty, visible - top - reports.count > 4 { bottom = visible - reports.count - 1 }
            return AttendanceGrid(
                // A note of two or three lines covers the body's last rows:
                // the grid leaves them (its legend, or the line saying where
                // the rest is, went under the note entirely).
                report: report, school: school, scroll: s.attendance.scroll, width: area.width,
                rows: min(bottom, visible) - top - 1, glyphs: glyphs,
                // This school year's (the grid's): a report of last year's
                // March pulled that week, without its marks, into a new
                // year's grid.
                reported: model.reportedSessions(for: child.ref, filedBy: AbsenceScreen.filedBy(s)).filter {
                    thisYear.contains($0.key.date)
                }, queued: model.queuedSessions(for: child.ref, filedBy: AbsenceScreen.filedBy(s)),
                today: school?.zone.civilDate(of: s.now), calendar: model.absenceCalendar(school: child.school)
            ).map { ($0, reports, bottom) }
        }
        guard let full = attempt(false) else { return nil }
        // The reports in full only where they have their rows (five of them
        // had none at 80x24: the grid took a third week, and not one
        // report's status was shown).
        let reportsShown = full.1.isEmpty || full.2 < area.maxY
        if reportsShown, full.0.visible.count >= min(2, full.0.weeks.count) { return full }
        return attempt(true) ?? full
    }

    /// "Thu 3 Dec", or "Thu 3–Fri 4 Dec" / "Mon 30 Nov–Tue 1 Dec".
    static func dayRange(_ first: CivilDate, _ last: CivilDate) -> String {
        let name = { (d: CivilDate) in CivilDate.weekdayShortNames[d.weekday - 1] }
        guard first != last else { return "\(name(first)) \(first.shortText)" }
        if first.month == last.month, first.year == last.year {
            return "\(name(first)) \(first.day)–\(name(last)) \(last.shortText)"
        }
        return "\(name(first)) \(first.shortText)–\(name(last)) \(last.shortText)"
    }

    /// The child's latest absence reports (two at most), two lines each:
    /// where it stands ("Absence report: Acknowledged by the school at
    /// 09:12"), then what it covers ("  Mon 16 Mar AM and PM: 2 sessions
    /// (Illness)"). One line each was cut off at 80 columns.
    /// `year`: only reports with a session in it (last year's were listed
    /// under a new year's grid, their days without a year).
    static func reportLines(
        _ s: AppState, child: ChildRef, zone: SchoolTimeZone, width: Int, compact: Bool = false,
        year: AcademicYear? = nil
    ) -> [[(String, Role)]] {
        guard let model = s.snapshot?.model else { return [] }
        // The reports with a session today or ahead (all of them up to
        // three: an acknowledged one was dropped once two newer came), else
        // the two newest.
        let all = model.absenceReports(for: child, filedBy: AbsenceScreen.filedBy(s)).filter { item in
            year.map { y in item.absence?.sessions.contains { y.contains($0.date) } ?? false } ?? true
        }
        let today = zone.civilDate(of: s.now)
        // Still to come: a session today or ahead that the register has not
        // marked yet (one already marked "/" was counted as "still to come,
        // marked R? in the grid").
        let shownReport = report(s).flatMap { $0.child == child ? $0 : nil }
        let marked = Set(shownReport?.marks.map { AbsenceSession(date: $0.date, session: $0.session) } ?? [])
        // One the school refused comes first: the parent has to phone.
        // A day past whose register has no mark yet is still R? in the grid:
        // its report stays listed (it went from under the grid the day after,
        // R? still shown, and the other parent could no longer see it had
        // been acknowledged). Two weeks back at most.
        let recent = today.adding(days: -14)
        // Not a day the school has closed since: no register will come (a
        // report of one was counted "not marked yet" for ever).
        let calendar = model.absenceCalendar(school: child.school)
        let live = all.filter {
            $0.absence?.sessions.contains { session in
                session.date >= recent && !marked.contains(session)
                    && (calendar.map { $0.isSchoolDay(session.date) } ?? true)
            } == true
        }.enumerated().sorted { a, b in
            a.element.isFailed != b.element.isFailed ? a.element.isFailed : a.offset < b.offset
        }.map(\.element)
        // Compact (no room for them all, ``layout``): one, where it stands.
        let short = compact
        let shown = live.isEmpty ? Array(all.prefix(short ? 1 : 2)) : Array(live.prefix(short ? 1 : 3))
        let more = live.count - min(live.count, shown.count)
        let rest: [[(String, Role)]] =
            more == 0 ? [] : [[("… and \(more) more not marked yet", .dim)]]
        return shown.flatMap { item -> [[(String, Role)]] in
            guard let report = item.absence else { return [] }
            let status = OutboxStatus(item, now: s.now, zone: zone, copyOnly: OutboxStatus.copyOnly(s, item))
            let covers = TextWidth.wrap(
                "\(AbsenceReport.summary(report.sessions)) (\(report.reason.label))", width: max(10, width - 2))
            // Where it stands is wrapped too: a refusal says what to do
            // instead ("… Please phone the school (01632 960344)"), which was
            // cut off at 80 columns.
            // Short, the days are said with it (a refusal, three lines of it,
            // said nothing of which days it was about).
            let days = report.sessions.map(\.date)
            let label =
                short && !days.isEmpty
                ? "Absence \(AttendanceScreen.dayRange(days.min()!, days.max()!)): " : "Absence report: "
            let said = TextWidth.wrap(status.text, width: max(10, width - label.count))
            let first: [(String, Role)] = [(label, .dim), (said.first ?? "", status.role)]
            // Short: where it stands only (the grid's R? marks show what it
            // covers).
            return [first] + said.dropFirst().map { [(String(repeating: " ", count: label.count) + $0, status.role)] }
                + (short ? [] : covers.map { [("  " + $0, .text)] })
        } + rest
    }
}
