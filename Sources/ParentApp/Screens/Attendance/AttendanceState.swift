/// Attendance of one child.
struct AttendanceState: ScreenState {
    var child = 0
    var scroll = 0
}

extension AppState {
    var attendance: AttendanceState {
        get { screens[AttendanceState.self] }
        set { screens[AttendanceState.self] = newValue }
    }
}
