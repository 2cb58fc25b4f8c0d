import ParentCore

/// Attendance of one child.
struct AttendanceState: ScreenState {
    var child = 0
    /// The first week shown; nil until the parent scrolls: this week first.
    var scroll: Int?
    /// The child's attendance as the model reports it, worked out in
    /// ``AttendanceScreen/settle(_:)`` (the grid, the keys and the page size
    /// each asked the model again).
    var report = Derived<ReportKey, AttendanceReport?>()

    /// What the report comes from.
    struct ReportKey: Equatable, Sendable {
        var version: Int
        var generation: Int
        var child: Int
        var minute: Int
    }
}

extension AppState {
    var attendance: AttendanceState {
        get { screens[AttendanceState.self] }
        set { screens[AttendanceState.self] = newValue }
    }
}
