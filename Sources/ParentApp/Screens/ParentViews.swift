import ParentCore
import SchoolStore
import TerminalKit

/// Home: which child is selected.
public struct HomeView: Sendable, Equatable {
    public var selected = 0
    public init() {}
}

/// The timeline: the query (child, category, unread only, search), the
/// selected row, and whether the search field has the keys.
public struct TimelineView: Sendable, Equatable {
    public var query = TimelineQuery()
    public var selected = 0
    public var offset = 0
    public var searching = false
    public var search = TextField(placeholder: "type to search subject and text")
    public init() {}
}

/// One message, scrolled.
public struct MessageView: Sendable, Equatable {
    public var ref: MessageRef?
    public var scroll = 0
    public init() {}
}

/// Attendance of one child.
public struct AttendanceView: Sendable, Equatable {
    public var child = 0
    public var scroll = 0
    public init() {}
}

/// The Enhanced tabs of one child: timetable, behaviour, achievements,
/// calendar, assessments.
public struct EnhancedView: Sendable, Equatable {
    public static let tabs: [EnhancedFeature] = [.timetable, .behaviour, .achievements, .calendar, .assessments]
    public var child = 0
    public var tab = 0
    public var scroll = 0
    public init() {}
}
