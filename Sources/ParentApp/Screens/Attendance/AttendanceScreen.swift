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

/// A child's attendance: the year's percentage with the DfE breakdown, the
/// week and the term, every session's code in a grid with the meanings of
/// the codes shown, and "as of" (marks arrive up to 92 minutes after the
/// register).
enum AttendanceScreen: Screen {
    static let title = "Attendance"
    static let showsSections = true

    static let bindings: [Binding] = [
        Binding([.char("c")], .nextChild, .attendance, "Next child", footer: true),
    ]

    static func chain(_ s: AppState) -> [KeyContext] { [.attendance, .list, .app, .global] }

    static func render(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        guard let snap = s.snapshot else { return c.loading(in: area) }
        let model = snap.model
        guard !model.children.isEmpty else { return }
        let child = model.children[min(s.attendance.child, model.children.count - 1)]
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
        let zone = model.school(child.school)?.zone ?? s.displayZone
        let header = "             Attendance   Attended/possible   Authorised   Unauthorised"
        c.text(header, x: area.x, y: y, role: .dim, width: area.width)
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
        if let asOf = report.completeUpTo {
            c.text("As of \(zone.clockText(asOf)): marks reach you up to 92 minutes after the register is taken.", x: area.x, y: y, role: .dim, width: area.width)
        }
        y += 2
        // The grid: one row per week, newest first; AM and PM per day.
        var byDay: [CivilDate: (am: AttendanceEntry?, pm: AttendanceEntry?)] = [:]
        for m in report.marks {
            var day = byDay[m.date] ?? (nil, nil)
            if m.session == .am { day.am = m } else { day.pm = m }
            byDay[m.date] = day
        }
        guard let latest = report.marks.map(\.date).max(), let earliest = report.marks.map(\.date).min() else { return }
        var weeks: [CivilDate] = []
        var monday = latest.startOfWeek
        while monday >= earliest.startOfWeek { weeks.append(monday); monday = monday.adding(days: -7) }
        let legendRows = 2
        let gridRows = max(1, area.maxY - y - 1 - legendRows)
        let first = min(s.attendance.scroll, max(0, weeks.count - gridRows))
        c.text("Week of      Mon     Tue     Wed     Thu     Fri", x: area.x, y: y, role: .dim, width: area.width)
        y += 1
        var seen: [String: (String, AttendanceCode.Category)] = [:]
        for week in weeks.dropFirst(first).prefix(gridRows) {
            var x = area.x
            x += c.text(TextWidth.pad(week.shortText, toWidth: 13), x: x, y: y, role: .text, width: area.maxX - x)
            for d in 0..<5 {
                let day = byDay[week.adding(days: d)]
                for mark in [day?.am, day?.pm] {
                    let text = mark?.code ?? "·"
                    if let mark { seen[mark.code] = (mark.meaning, mark.category) }
                    x += c.text(TextWidth.pad(text, toWidth: 3), x: x, y: y, role: mark.map { Theme.role(for: $0.category) } ?? .dim, width: max(0, area.maxX - x))
                }
                x += 2
            }
            y += 1
        }
        if weeks.count > gridRows {
            c.text("↑↓ \(weeks.count) weeks", x: area.maxX - 12, y: area.y + 2 + 5, role: .dim, width: 12)
        }
        let legend = seen.keys.sorted().map { "\($0) \(seen[$0]!.0)" }.joined(separator: " · ")
        c.wrapped(legend, x: area.x, y: max(y, area.maxY - legendRows), width: area.width, maxRows: legendRows, role: .dim)
    }
}
