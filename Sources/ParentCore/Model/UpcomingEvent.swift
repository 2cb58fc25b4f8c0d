import SchoolStore

/// A school calendar event still to come (or under way).
public struct UpcomingEvent: Sendable, Equatable {
    public var school: String
    public var schoolName: String
    public var event: CalendarEvent
    /// The children it is for (all the parent's children there when the
    /// event is for everyone).
    public var children: [ChildRef]
}
