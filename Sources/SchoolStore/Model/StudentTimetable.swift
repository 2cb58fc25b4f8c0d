import Foundation

/// One record of `timetable/<academic-year>.json`.
public struct StudentTimetable: Sendable, Equatable {
    public var student: String
    public var lessons: [Lesson]
    public var publishedAt: Date?

    public init(student: String, lessons: [Lesson], publishedAt: Date? = nil) {
        self.student = student
        self.lessons = lessons
        self.publishedAt = publishedAt
    }

    public static func decode(_ r: FieldReader) -> StudentTimetable? {
        let student = r.string("student")
        let r = student.map { r.relabelled("student \($0)") } ?? r
        r.rejectUnknownFields(["student", "lessons", "publishedAt"])
        let lessons = (r.objects("lessons", required: true) ?? []).compactMap(Lesson.decode)
        let published = r.timestamp("publishedAt", required: false)
        guard let student else { return nil }
        return StudentTimetable(student: student, lessons: lessons, publishedAt: published)
    }

    public func json(zone: SchoolTimeZone) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("student", student)
        o.set("lessons", .array(lessons.map(\.json)))
        o.setIfPresent("publishedAt", publishedAt, zone: zone)
        return o.value
    }
}
