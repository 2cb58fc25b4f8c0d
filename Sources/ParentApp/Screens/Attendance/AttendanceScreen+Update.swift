extension AttendanceScreen {
    static func update(_ command: Command, _ s: inout AppState) -> [Effect]? {
        guard let model = s.snapshot?.model else { return nil }
        if command == .bottom {
            // The grid's room depends on the legend of the weeks in view: the
            // limit is found again from where the last step lands (the first
            // End stopped a week short).
            for _ in 0..<4 {
                let limit = scrollLimit(s)
                if s.attendance.scroll == limit { break }
                s.attendance.scroll = limit
            }
            return []
        }
        // Scrolling starts from the week shown first (this week, not the
        // newest reported one).
        var scroll = s.attendance.scroll ?? grid(s)?.first ?? 0
        if Reducer.scroll(&scroll, command, page: page(s), limit: scrollLimit(s)) {
            s.attendance.scroll = scroll
            return []
        }
        let count = model.children.count
        switch command {
        case .nextChild:
            s.attendance.child = count == 0 ? 0 : (s.attendance.child + 1) % count
            s.attendance.scroll = nil
        case .previousChild:
            s.attendance.child = count == 0 ? 0 : (s.attendance.child + count - 1) % count
            s.attendance.scroll = nil
        case .reportAbsence:
            return AbsenceScreen.start(&s, about: child(s)?.ref)
        default: return nil
        }
        return []
    }

    static func childInView(_ s: AppState) -> Int? { s.attendance.child }

    /// Another child's attendance opens at this week.
    static func show(child index: Int, _ s: inout AppState) {
        guard s.attendance.child != index else { return }
        s.attendance = AttendanceState()
        s.attendance.child = index
    }
}
