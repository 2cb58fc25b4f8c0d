import Foundation
import ParentCore
import SchoolStore
import TerminalKit

extension Route {
    static let more = Route(MoreScreen.self)
}

extension KeyContext {
    static let more = KeyContext("More")
}

/// More: the Enhanced service's tabs for one child: timetable, behaviour,
/// achievements, calendar, assessments. A Core school's tab says the
/// school's service does not include it; an Enhanced school whose MIS does
/// not supply something says that.
enum MoreScreen: Screen {
    static let title = "More"
    static let showsSections = true

    static let bindings: [Binding] = [
        Binding([.char("c")], .nextChild, .more, "Next child", footer: true),
        Binding([.right, .char("]")], .nextTab, .more, "Next tab", footer: true),
        Binding([.left, .char("[")], .previousTab, .more, "Previous tab"),
    ]

    static func chain(_ s: AppState) -> [KeyContext] { [.more, .list, .app, .global] }

    static func render(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        guard let snap = s.snapshot else { return c.loading(in: area) }
        let model = snap.model
        guard !model.children.isEmpty else { return }
        let child = model.children[min(s.more.child, model.children.count - 1)]
        let feature = MoreState.tabs[min(s.more.tab, MoreState.tabs.count - 1)]
        var y = area.y
        Tabs(MoreState.tabs.map(\.title), selected: s.more.tab, style: c.theme.style(.dim), selectedStyle: c.theme.style(.selected),
             glyphs: c.theme.glyphs).render(in: Rect(x: area.x, y: y, width: area.width, height: 1), buffer: &c.buffer)
        y += 1
        c.spans([(child.name, .header), ("  " + child.schoolName, .dim), ("   c next child", .dim)], x: area.x, y: y, width: area.width)
        y += 2
        guard child.features.contains(feature) else {
            let why = child.serviceLevel == .core
                ? "\(child.schoolName)'s service (Core) does not include \(feature.title.lowercased()). Core is messaging; the Enhanced service adds MIS data."
                : "\(child.schoolName)'s MIS does not supply \(feature.title.lowercased())."
            c.wrapped(why, x: area.x, y: y, width: area.width, maxRows: 3, role: .dim)
            return
        }
        let zone = model.school(child.school)?.zone ?? s.displayZone
        var lines: [[(String, Role)]] = []
        switch feature {
        case .timetable:
            let lessons = model.timetable(for: child.ref, now: s.now)
            if lessons.isEmpty { lines.append([("No timetable published.", .dim)]) }
            let periods = Array(Set(lessons.map(\.period))).sorted()
            let column = max(8, (area.width - 8) / 5)
            lines.append([(TextWidth.pad("", toWidth: 8), .dim)] + Lesson.dayNamesForDisplay.map { (TextWidth.pad($0, toWidth: column), Role.dim) })
            let today = zone.civilDate(of: s.now).weekday
            for p in periods {
                let slot = lessons.filter { $0.period == p }
                let time = slot.first.map { "\($0.start)" } ?? ""
                var row: [(String, Role)] = [(TextWidth.pad("\(p) \(time)", toWidth: 8), .dim)]
                for d in 1...5 {
                    let lesson = slot.first { $0.day == d }
                    let text = lesson.map { "\($0.subject) \($0.room)" } ?? ""
                    row.append((TextWidth.fit(text, toWidth: column - 1) + " ", d == today ? .accent : .text))
                }
                lines.append(row)
            }
            if let teachers = Optional(Array(Set(lessons.map { "\($0.subject): \($0.teacher)" })).sorted()), !teachers.isEmpty {
                lines.append([])
                lines.append([("Teachers", .header)])
                for t in teachers { lines.append([("  " + t, .dim)]) }
            }
        case .behaviour, .achievements:
            let events = feature == .behaviour ? model.behaviour(for: child.ref, limit: 200) : model.achievements(for: child.ref, limit: 200)
            let total = model.points(feature, for: child.ref, now: s.now)
            lines.append([("\(total) point\(abs(total) == 1 ? "" : "s") this year", .accent)])
            lines.append([])
            if events.isEmpty { lines.append([("Nothing recorded.", .dim)]) }
            for e in events {
                let points = e.points > 0 ? "+\(e.points)" : "\(e.points)"
                var row: [(String, Role)] = [(TextWidth.pad(e.date.shortText, toWidth: 8), .dim), (TextWidth.pad(points, toWidth: 4), e.points < 0 ? .unauthorised : .present),
                                             (e.type, .text), ("  \(e.staff)", .dim)]
                if let action = e.action { row.append(("  → \(action)", .warning)) }
                lines.append(row)
            }
        case .calendar:
            let events = model.upcomingEvents(child: child.ref, now: s.now, limit: 100)
            if events.isEmpty { lines.append([("Nothing coming up.", .dim)]) }
            for u in events {
                let e = u.event
                let when = e.end.map { "\(e.start.shortText)–\($0.shortText)" } ?? e.start.longText
                var row: [(String, Role)] = [(TextWidth.pad(when, toWidth: 17), .accent), (e.title, .text)]
                if let time = e.time { row.append(("  \(time)", .dim)) }
                if let location = e.location { row.append(("  \(location)", .dim)) }
                lines.append(row)
            }
        case .assessments:
            let results = model.assessments(for: child.ref)
            if results.isEmpty { lines.append([("No assessments published.", .dim)]) }
            lines.append([(TextWidth.pad("Subject", toWidth: 14), .dim), (TextWidth.pad("Assessment", toWidth: 20), .dim), (TextWidth.pad("Grade", toWidth: 17), .dim), ("Target", .dim)])
            for r in results {
                lines.append([(TextWidth.pad(r.subject, toWidth: 14), .text), (TextWidth.pad(r.assessment, toWidth: 20), .dim),
                              (TextWidth.pad(r.grade, toWidth: 17), .accent), (r.target ?? "", .text)])
            }
        case .attendance:
            break
        }
        let height = area.maxY - y
        let top = min(s.more.scroll, max(0, lines.count - height))
        for line in lines.dropFirst(top).prefix(height) {
            c.spans(line, x: area.x, y: y, width: area.width)
            y += 1
        }
    }
}

extension Lesson {
    static let dayNamesForDisplay = ["Mon", "Tue", "Wed", "Thu", "Fri"]
}
