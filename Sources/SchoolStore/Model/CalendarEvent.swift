import Foundation

/// One event of the school calendar, `calendar/<academic-year>.json`.
public struct CalendarEvent: Sendable, Equatable, Identifiable {
    public var id: String
    public var title: String
    public var start: CivilDate
    public var end: CivilDate?
    /// "18:00-20:00", or nil for an all-day event.
    public var time: String?
    public var location: String?
    public var category: String
    /// Year groups it is for; empty = everyone.
    public var years: [Int]
    public var publishedAt: Date

    public init(
        id: String, title: String, start: CivilDate, end: CivilDate? = nil, time: String? = nil,
        location: String? = nil,
        category: String, years: [Int] = [], publishedAt: Date
    ) {
        self.id = id
        self.title = title
        self.start = start
        self.end = end
        self.time = time
        self.location = location
        self.category = category
        self.years = years
        self.publishedAt = publishedAt
    }

    public var lastDay: CivilDate { end ?? start }

    /// An event of category "Holiday" (an INSET day, a closure): the school
    /// is closed on its days, wherever a school day is decided (the absence
    /// form, the digest, the calendar export, validate, the demo tour).
    public var isHoliday: Bool { category.caseInsensitiveCompare("Holiday") == .orderedSame }

    /// Whether `day` is one of the event's days.
    public func covers(_ day: CivilDate) -> Bool { start <= day && day <= lastDay }

    public static func decode(_ r: FieldReader) -> CalendarEvent? {
        let raw = r.string("id")
        let r = raw.map { r.relabelled("event \($0)") } ?? r
        let id = raw.flatMap { r.identifier($0, field: "id") }
        r.rejectUnknownFields(["id", "title", "start", "end", "time", "location", "category", "years", "publishedAt"])
        let title = r.string("title")
        let start = r.date("start")
        let end = r.date("end", required: false)
        if let start, let end, end < start { r.report("end", "event ends (\(end)) before it starts (\(start))") }
        let time = r.string("time", required: false)
        if let time {
            let parts = time.split(separator: "-")
            if parts.count != 2 || parts.contains(where: { AttendanceMark.minutes($0) == nil }) {
                r.report("time", "malformed time range \(Quote.value(time)) (expected HH:MM-HH:MM)")
            }
        }
        let location = r.string("location", required: false)
        let category = r.string("category")
        let years = r.intArray("years") ?? []
        let pub = r.timestamp("publishedAt")
        guard let id, let title, let start, let category, let pub else { return nil }
        return CalendarEvent(
            id: id, title: title, start: start, end: end, time: time, location: location, category: category,
            years: years, publishedAt: pub)
    }

    public func json(zone: SchoolTimeZone) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("id", id)
        o.set("title", title)
        o.set("start", start)
        o.setIfPresent("end", end)
        o.setIfPresent("time", time)
        o.setIfPresent("location", location)
        o.set("category", category)
        if !years.isEmpty { o.set("years", .array(years.map { .number(Double($0)) })) }
        o.set("publishedAt", publishedAt, zone: zone)
        return o.value
    }
}
