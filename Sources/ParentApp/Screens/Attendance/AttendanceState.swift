/// Attendance of one child.
struct AttendanceState: ScreenState {
    var child = 0
    /// The first week shown; nil until the parent scrolls: this week first.
    var scroll: Int?
}

extension AppState {
    var attendance: AttendanceState {
        get { screens[AttendanceState.self] }
        set { screens[AttendanceState.self] = newValue }
    }
}
