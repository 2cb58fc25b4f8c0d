import ParentCore
import TerminalKit

/// More: the Enhanced service's tabs of one child (timetable, behaviour,
/// achievements, calendar, assessments).
struct MoreState: ScreenState {
    static let tabs: [EnhancedFeature] = [.timetable, .behaviour, .achievements, .calendar, .assessments]
    var child = 0
    var tab = 0
    var scroll = 0
    /// The tab's lines, worked out in ``MoreScreen/settle(_:)``.
    var lines = Derived<LinesKey, [[(String, Role)]]>()

    /// What the tab's lines come from.
    struct LinesKey: Equatable, Sendable {
        var version: Int
        var generation: Int
        var child: Int
        var tab: Int
        var width: Int
        /// The minute (today's weekday, what is upcoming).
        var minute: Int
    }
}

extension AppState {
    var more: MoreState {
        get { screens[MoreState.self] }
        set { screens[MoreState.self] = newValue }
    }
}
