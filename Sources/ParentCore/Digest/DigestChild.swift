import Foundation
import SchoolStore

/// One child's part of a ``Digest``. A section the child's school does not
/// share through Xpressions (a Core school shares none of them) is nil,
/// which the formats tell apart from "nothing today".
public struct DigestChild: Sendable {
    /// A message, as the digest lists it.
    public struct Message: Sendable, Equatable {
        public var ref: MessageRef
        public var subject: String
        public var category: MessageCategory
        public var sender: String
        public var sentAt: Date
        /// The first line of the body with text on it, shortened to
        /// ``Digest/firstLineLength`` characters (an ellipsis when cut).
        public var firstLine: String
        public var isUnread: Bool
    }

    /// Today's register and this week's figure.
    public struct Attendance: Sendable, Equatable {
        /// Today in the school's time.
        public var today: CivilDate
        /// Marks for today's sessions, and marks for earlier days recorded
        /// today (a late correction), oldest first.
        public var marks: [AttendanceEntry]
        /// This week so far, as the Attendance tab counts it.
        public var week: AttendanceStatistics
        /// A leaver's leaving date, once today is after it: no register is
        /// taken for them any more, and the digest says so.
        public var leftOn: CivilDate? = nil
        /// Why there is no school today ("weekend", "Easter holidays"…), as
        /// tomorrow's lessons say it; nil on a school day ("No marks yet
        /// today" on a Saturday promised a register that never comes).
        public var noSchool: String? = nil
    }

    /// Tomorrow in the school's time: lessons and calendar events.
    public struct Tomorrow: Sendable, Equatable {
        public var date: CivilDate
        /// The lessons in order (nil: the school shares no timetable).
        public var lessons: [Lesson]?
        /// Why there are no lessons: "weekend", "school holiday", a
        /// "Holiday" event's title (an INSET day), "left school"; nil on a
        /// school day.
        public var noLessons: String?
        /// Calendar events on that day (nil: the school shares no calendar).
        public var events: [CalendarEvent]?
    }

    public var ref: ChildRef
    /// "Ben Abbot (9A)".
    public var name: String
    /// "Ben".
    public var forename: String
    public var schoolName: String
    /// The school's time zone: the digest's days and times are in it.
    public var zone: SchoolTimeZone
    /// Messages that arrived since the digest's start, newest first.
    public var newMessages: [Message]
    /// Nil: the school shares no attendance.
    public var attendance: Attendance?
    /// Behaviour events published since the digest's start, newest first
    /// (nil: not shared).
    public var behaviour: [ConductEvent]?
    /// Achievements published since the digest's start, newest first (nil: not shared).
    public var achievements: [ConductEvent]?
    /// Homework messages of the last 7 days, newest first.
    public var homework: [Message]
    public var tomorrow: Tomorrow
    /// Reported absences and where they stand (see ``DigestAbsences``).
    public var absences: [DigestAbsences.Line]

    /// Whether anything but tomorrow's plan and the week's figure is in it.
    public var hasNews: Bool {
        !newMessages.isEmpty || !(attendance?.marks.isEmpty ?? true) || !(behaviour?.isEmpty ?? true)
            || !(achievements?.isEmpty ?? true) || !absences.isEmpty
    }

    /// "2 new and attendance 90%" for the subject line; nil when there is
    /// nothing to say. Attendance is named when this week's figure is below
    /// 100% or today has a mark other than present; its percentage is
    /// rounded down (99.6% is "99%", never "100%").
    public var headline: String? {
        var pieces: [String] = []
        if !newMessages.isEmpty { pieces.append("\(newMessages.count) new") }
        if let a = attendance, let rate = a.week.rate,
            rate < 1 || a.marks.contains(where: { $0.category != .present })
        {
            pieces.append("attendance \(Int((rate * 100).rounded(.down)))%")
        }
        if let b = behaviour, !b.isEmpty { pieces.append("\(b.count) behaviour") }
        if let a = achievements, !a.isEmpty { pieces.append("\(a.count) achievement\(a.count == 1 ? "" : "s")") }
        // Only what the school has is "reported" (a report still queued,
        // or refused, was counted as one: the school had not been told).
        let told = absences.filter { $0.state == "reported" || $0.state == "acknowledged" }.count
        let waiting = absences.filter { $0.state == "queued" }.count
        let refused = absences.filter { $0.state == "failed" }.count
        if told > 0 { pieces.append("\(told) absence\(told == 1 ? "" : "s") reported") }
        if waiting > 0 { pieces.append("\(waiting) absence report\(waiting == 1 ? "" : "s") not sent yet") }
        if refused > 0 { pieces.append("\(refused) absence report\(refused == 1 ? "" : "s") not sent") }
        guard !pieces.isEmpty else { return nil }
        return "\(forename) " + pieces.joined(separator: " and ")
    }
}
