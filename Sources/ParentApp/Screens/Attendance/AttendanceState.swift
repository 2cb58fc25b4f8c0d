import ParentCore
import TerminalKit

/// Attendance of one child.
struct AttendanceState: ScreenState {
    var child = 0
    /// The first week shown; nil until the parent scrolls: this week first.
    var scroll: Int?
    /// The child's attendance as the model reports it, worked out in
    /// ``AttendanceScreen/settle(_:)`` (the grid, the keys and the page size
    /// each asked the model again).
    var report = Derived<ReportKey, AttendanceReport?>()
    /// The grid and the report lines laid out in the body, worked out in
    /// ``AttendanceScreen/settle(_:)`` too: the keys (is ↑ live, how far a
    /// page goes), the update and the render read it (each built the grid
    /// again, about six times a key).
    var layout = Derived<LayoutKey, AttendanceScreen.Layout?>()

    /// What the layout comes from besides the report.
    struct LayoutKey: Equatable, Sendable {
        var report: ReportKey
        var scroll: Int?
        var body: Rect
        /// The rows a note or a tour's caption covers at the body's foot.
        var covered: Int
    }

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
