import ParentCore

/// More: the Enhanced service's tabs of one child (timetable, behaviour,
/// achievements, calendar, assessments).
struct MoreState: ScreenState {
    static let tabs: [EnhancedFeature] = [.timetable, .behaviour, .achievements, .calendar, .assessments]
    var child = 0
    var tab = 0
    var scroll = 0
}

extension AppState {
    var more: MoreState {
        get { screens[MoreState.self] }
        set { screens[MoreState.self] = newValue }
    }
}
