/// One record of `behaviour/<academic-year>.json` or
/// `achievements/<academic-year>.json`: a student's events for the year.
public struct StudentEvents: Sendable, Equatable {
    public var student: String
    public var events: [ConductEvent]

    public init(student: String, events: [ConductEvent]) {
        self.student = student
        self.events = events
    }

    public static func decode(_ r: FieldReader) -> StudentEvents? {
        let student = r.string("student")
        let r = student.map { r.relabelled("student \($0)") } ?? r
        r.rejectUnknownFields(["student", "events"])
        let events = (r.objects("events", required: true) ?? []).compactMap(ConductEvent.decode)
        guard let student else { return nil }
        return StudentEvents(student: student, events: events)
    }

    public func json(zone: SchoolTimeZone) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("student", student)
        o.set("events", .array(events.map { $0.json(zone: zone) }))
        return o.value
    }
}
