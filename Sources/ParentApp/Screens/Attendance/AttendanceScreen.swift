import Foundation
import ParentCore
import SchoolStore
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
    ]

    static func chain(_ s: AppState) -> [KeyContext] { [.attendance, .scroll, .app, .global] }

    static func isEnabled(_ command: Command, _ s: AppState) -> Bool {
        switch command {
        case .nextChild, .previousChild: return (s.snapshot?.model.children.count ?? 0) > 1
        case .up, .down, .pageUp, .pageDown, .top, .bottom: return scrollLimit(s) > 0
        default: return true
        }
    }

    /// The child shown.
    static func child(_ s: AppState) -> ChildSummary? {
        guard let children = s.snapshot?.model.children, !children.isEmpty else { return nil }
        return children[min(s.attendance.child, children.count - 1)]
    }

    /// Rows above the grid: name, blank, header, up to three figures, as of, blank, the grid's header.
    static let rowsAboveGrid = 9

    static func render(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        guard let snap = s.snapshot else { return c.loading(in: area) }
        let model = snap.model
        guard let child = child(s) else { return }
        var y = area.y
        c.spans([(child.name, .header), ("  " + child.schoolName, .dim)], x: area.x, y: y, width: area.width)
        y += 2
        guard child.features.contains(.attendance) else {
            let why = child.serviceLevel == .core ? "\(child.schoolName)'s service (Core) does not include attendance." : "\(child.schoolName)'s MIS does not supply attendance."
            c.wrapped(why, x: area.x, y: y, width: area.width, maxRows: 3, role: .dim)
            return
        }
        guard let report = model.attendance(for: child.ref, now: s.now) else {
            c.text("No attendance marks yet.", x: area.x, y: y, role: .dim, width: area.width)
            return
        }
        let school = model.school(child.school)
        let zone = school?.zone ?? s.displayZone
        c.text("             Attendance   Attended/possible   Authorised   Unauthorised", x: area.x, y: y, role: .dim, width: area.width)
        y += 1
        for stats in [report.week, report.term, report.year].compactMap({ $0 }) where y < area.maxY {
            let label = TextWidth.pad(stats.label, toWidth: 13)
            let rate = TextWidth.pad(stats.percentageText, toWidth: 10, alignment: .right)
            let fraction = TextWidth.pad("\(stats.attended)/\(stats.possibleSessions)", toWidth: 20, alignment: .right)
            let auth = TextWidth.pad("\(stats.authorisedAbsence)", toWidth: 13, alignment: .right)
            let unauth = TextWidth.pad("\(stats.unauthorisedAbsence)", toWidth: 15, alignment: .right)
            c.spans([(label, .text), (rate, .accent), (fraction, .text), (auth, .authorised), (unauth, .unauthorised)], x: area.x, y: y, width: area.width)
            y += 1
        }
        if let leftOn = report.leftOn {
            c.text("Left on \(leftOn.longText): figures and marks stop there", x: area.x, y: y, role: .dim, width: area.width)
        } else if let asOf = report.completeUpTo {
            c.text("As of \(DateText.moment(asOf, now: s.now, zone: zone)) · marks arrive up to 92 min after the register",
                   x: area.x, y: y, role: .dim, width: area.width)
        }
        y = area.y + rowsAboveGrid - 1
        guard let grid = AttendanceGrid(report: report, school: school, scroll: s.attendance.scroll,
                                        width: area.width, rows: area.maxY - y - 1, glyphs: c.theme.glyphs) else { return }
        c.text("Week of      Mon     Tue     Wed     Thu     Fri", x: area.x, y: y, role: .dim, width: area.width)
        if grid.weeks.count > grid.visible.count {
            let where_ = "weeks \(grid.first + 1)–\(grid.first + grid.visible.count) of \(grid.weeks.count) ↑↓"
            c.text(where_, x: area.maxX - where_.displayWidth, y: y, role: .dim, width: where_.displayWidth)
        }
        y += 1
        for row in grid.rows {
            c.spans(row, x: area.x, y: y, width: area.width)
            y += 1
        }
        if !grid.legend.isEmpty { y += 1 }
        for line in grid.legend where y < area.maxY {
            c.spans(line, x: area.x, y: y, width: area.width)
            y += 1
        }
    }

    /// How far the grid scrolls (weeks hidden below the first screenful).
    static func scrollLimit(_ s: AppState) -> Int {
        guard let child = child(s), let model = s.snapshot?.model, let body = AppView.frame(for: s)?.body,
              let report = model.attendance(for: child.ref, now: s.now),
              let grid = AttendanceGrid(report: report, school: model.school(child.school), scroll: s.attendance.scroll,
                                        width: body.width, rows: body.height - rowsAboveGrid, glyphs: .unicode) else { return 0 }
        return grid.weeks.count - grid.visible.count
    }
}
