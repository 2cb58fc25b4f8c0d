/// One lesson in a weekly (or two-weekly, weeks A and B) timetable.
public struct Lesson: Sendable, Equatable {
    public var week: String?
    /// 1 = Monday ... 5 = Friday.
    public var day: Int
    public var period: String
    public var start: String
    public var end: String
    public var subject: String
    public var teacher: String
    public var room: String

    public init(
        week: String? = nil, day: Int, period: String, start: String, end: String, subject: String, teacher: String,
        room: String
    ) {
        self.week = week
        self.day = day
        self.period = period
        self.start = start
        self.end = end
        self.subject = subject
        self.teacher = teacher
        self.room = room
    }

    static let dayNames = ["Mon", "Tue", "Wed", "Thu", "Fri"]

    static func decode(_ r: FieldReader) -> Lesson? {
        r.rejectUnknownFields(["week", "day", "period", "start", "end", "subject", "teacher", "room"])
        let week = r.string("week", required: false)
        let day = r.choice("day", { dayNames.firstIndex(of: $0).map { $0 + 1 } }, expected: "day (Mon to Fri)")
        let period = r.string("period")
        let start = r.string("start")
        let end = r.string("end")
        for (key, value) in [("start", start), ("end", end)] {
            if let value, AttendanceMark.minutes(Substring(value)) == nil {
                r.report(key, "malformed time \(Quote.value(value)) (expected HH:MM)")
            }
        }
        if let s = start.flatMap({ AttendanceMark.minutes(Substring($0)) }),
            let e = end.flatMap({ AttendanceMark.minutes(Substring($0)) }), e <= s
        {
            r.report("end", "lesson ends before it starts")
        }
        let subject = r.string("subject")
        let teacher = r.string("teacher")
        let room = r.string("room")
        guard let day, let period, let start, let end, let subject, let teacher, let room else { return nil }
        return Lesson(
            week: week, day: day, period: period, start: start, end: end, subject: subject, teacher: teacher, room: room
        )
    }

    var json: JSONValue {
        var o = JSONObjectBuilder()
        o.setIfPresent("week", week)
        o.set("day", Lesson.dayNames[day - 1])
        o.set("period", period)
        o.set("start", start)
        o.set("end", end)
        o.set("subject", subject)
        o.set("teacher", teacher)
        o.set("room", room)
        return o.value
    }

    public var dayName: String { Lesson.dayNames[day - 1] }
}
