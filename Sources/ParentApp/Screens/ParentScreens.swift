import TerminalKit

/// The screens drawn from the parent's local model: home, timeline,
/// message, attendance and the Enhanced tabs.
enum ParentScreens {
    static func render(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        guard let snapshot = s.snapshot else {
            c.text("Loading your children's data…", x: area.x, y: area.y + 1, role: .dim, width: area.width)
            return
        }
        switch s.route {
        case .home: HomeScreen.render(s, snapshot, in: area, &c)
        case .timeline: TimelineScreen.render(s, snapshot, in: area, &c)
        case .message: MessageScreen.render(s, snapshot, in: area, &c)
        case .attendance: AttendanceScreen.render(s, snapshot, in: area, &c)
        case .enhanced: EnhancedScreen.render(s, snapshot, in: area, &c)
        default: break
        }
    }
}
