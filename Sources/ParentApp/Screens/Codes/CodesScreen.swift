import ParentCore
import TerminalKit

extension Route {
    static let codes = Route(CodesScreen.self)
}

extension KeyContext {
    static let codes = KeyContext("Attendance codes")
}

/// Every code in the attendance grid of the child shown, in the DfE's
/// words, grouped as the DfE counts them (present, authorised absence…),
/// with how many sessions each: the whole legend, scrolled, when the
/// legend under the grid has no room for all of it (80x24, a week with
/// many codes).
enum CodesScreen: Screen {
    static let title = "Attendance codes"
    static let showsSections = true
    static let isOverlay = true

    static let bindings: [Binding] = [
        Binding([.escape, .char("q"), .enter], .back, .codes, "Back to attendance", footer: true),
        // The way in, from the attendance.
        Binding([.enter], .show(.codes), .attendance, "Codes explained", footer: true),
    ]

    /// Over the sections' tabs, with their keys (1–5, R, L, X worked by
    /// mouse only here).
    static func chain(_ s: AppState) -> [KeyContext] { [.codes, .scroll, .app, .global] }

    /// The child whose codes these are: a section key opens it on them.
    static func childInView(_ s: AppState) -> Int? { s.codes.child }

    /// The codes of a grid there is (not for a Core school's child), for
    /// the child the attendance shows, once it has a mark: with none (a
    /// register not taken yet, an attendance file that cannot be read) there
    /// is no code to explain, and the footer offered "Codes explained" over
    /// the screen saying the attendance could not be read.
    static func canOpen(_ s: AppState) -> Bool {
        guard AttendanceScreen.child(s)?.features.contains(.attendance) == true,
            let report = AttendanceScreen.report(s)
        else { return false }
        return !report.marks.isEmpty
    }

    /// Opened from the attendance (`.show(.codes)`), at the top, on its child.
    static func open(_ s: inout AppState) -> [Effect] {
        s.codes = CodesState(scroll: 0, child: AttendanceScreen.childInView(s) ?? 0)
        s.push(.codes)
        return []
    }

    /// The child whose codes these are.
    static func child(_ s: AppState) -> ChildSummary? {
        guard let children = s.snapshot?.model.children, !children.isEmpty else { return nil }
        return children[min(s.codes.child, children.count - 1)]
    }

    static func isEnabled(_ command: Command, _ s: AppState) -> Bool {
        switch command {
        case .up, .down, .pageUp, .pageDown, .top, .bottom: return scrollLimit(s) > 0
        default: return true
        }
    }

    static func update(_ command: Command, _ s: inout AppState) -> [Effect]? {
        if Reducer.scroll(
            &s.codes.scroll, command, page: Reducer.page(rows: Reducer.bodyRows(s) - 1), limit: scrollLimit(s))
        {
            return []
        }
        guard command == .back else { return nil }
        s.pop()
        return []
    }

    /// The scroll position stays within what there is to scroll at this size.
    /// (At the top there is nothing to limit, and nothing is worked out.)
    static func settle(_ s: inout AppState) {
        guard s.codes.scroll > 0 else { return }
        s.codes.scroll = max(0, min(s.codes.scroll, scrollLimit(s)))
    }

    /// The heading stays on the first row, with the scroll position beside
    /// it (drawn over the first line of the codes, the counter cut J1's
    /// wording short); the codes scroll in the rows under it.
    static func scrollLimit(_ s: AppState) -> Int {
        guard let body = AppView.frame(for: s)?.body else { return 0 }
        return lines(s, width: body.width).count - (body.height - 1)
    }

    static func heading(_ s: AppState) -> String? {
        child(s).map { "The codes in \($0.forename)'s attendance, in the DfE's words" }
    }

    /// The lines under the heading: each DfE category present with its codes.
    static func lines(_ s: AppState, width: Int) -> [[(String, Role)]] {
        guard let model = s.snapshot?.model, let child = child(s),
            let report = model.attendance(for: child.ref, now: s.now)
        else { return [] }
        var out: [[(String, Role)]] = [[]]
        var counts: [String: (entry: AttendanceEntry, sessions: Int)] = [:]
        for mark in report.marks { counts[mark.code, default: (mark, 0)].sessions += 1 }
        let national = AttendanceCode.all.map(\.code)
        let order = national.filter { counts[$0] != nil } + counts.keys.filter { !national.contains($0) }.sorted()
        // First the codes in the weeks the grid showed, each explained, so
        // the page opens on what the parent was looking at (the whole
        // year's list came first, 55 lines at 80x24).
        if let weeks = AttendanceScreen.grid(s).map({ Set($0.visible) }) {
            let shown = Set(report.marks.filter { weeks.contains($0.date.startOfWeek) }.map(\.code))
            let codes = order.filter(shown.contains)
            if !codes.isEmpty {
                out.append([("In the weeks on screen", .accent)])
                for code in codes {
                    guard let entry = counts[code]?.entry else { continue }
                    for (i, part) in TextWidth.wrap(entry.meaning, width: max(1, width - 6)).enumerated() {
                        out.append([
                            (TextWidth.pad(i == 0 ? "  " + code : "", toWidth: 6), Theme.role(for: entry.category)),
                            (part, .text),
                        ])
                    }
                }
                out.append([])
                out.append([("The whole school year", .header)])
                out.append([])
            }
        }
        for category in AttendanceCode.Category.allCases {
            let codes = order.filter { counts[$0]?.entry.category == category }
            guard !codes.isEmpty else { continue }
            out.append([(category.rawValue, .accent)])
            for code in codes {
                guard let (entry, n) = counts[code] else { continue }
                let text = "\(entry.meaning) (\(n) session\(n == 1 ? "" : "s"))"
                let indent = 6
                for (i, part) in TextWidth.wrap(text, width: max(1, width - indent)).enumerated() {
                    out.append([
                        (TextWidth.pad(i == 0 ? "  " + code : "", toWidth: indent), Theme.role(for: category)),
                        (part, .text),
                    ])
                }
            }
            out.append([])
        }
        // The grid's own marks, which are not codes: explained here too (a
        // long note could leave "·" explained nowhere).
        out.append([("Other marks in the grid", .accent)])
        // R? only for a child with an absence report (it explained a mark
        // that was nowhere in the grid).
        let reported = !model.absenceReports(for: child.ref, filedBy: AbsenceScreen.filedBy(s)).isEmpty
        let queued = !model.queuedSessions(for: child.ref, filedBy: AbsenceScreen.filedBy(s)).isEmpty
        for (mark, meaning) in [
            (AttendanceGrid.reportedMark, "absence reported to the school; no register mark yet"),
            (AttendanceGrid.queuedMark, "absence report queued on this device, not sent to the school yet"),
            ("·", "a school day with no mark: not taken yet, or none recorded"),
            ("–", "no school that day (a holiday or INSET day)"),
        ]
        where mark == AttendanceGrid.reportedMark ? reported : mark == AttendanceGrid.queuedMark ? queued : true {
            for (i, part) in TextWidth.wrap(meaning, width: max(1, width - 6)).enumerated() {
                out.append([(TextWidth.pad(i == 0 ? "  " + mark : "", toWidth: 6), .dim), (part, .text)])
            }
        }
        return out
    }

    static func render(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        guard let heading = heading(s), area.height > 1 else { return }
        let all = lines(s, width: area.width)
        let top = s.codes.scroll  // limited in settle, for this size
        let rows = area.height - 1
        let left = c.position(
            top: top, height: rows, total: all.count, up: key(.up, s), down: key(.down, s), x: area.x,
            y: area.y, width: area.width)
        c.text(heading, x: area.x, y: area.y, role: .header, width: left)
        for (i, line) in all.dropFirst(top).prefix(rows).enumerated() {
            c.spans(line, x: area.x, y: area.y + 1 + i, width: area.width)
        }
    }
}
