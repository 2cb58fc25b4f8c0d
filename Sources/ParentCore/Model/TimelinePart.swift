import SchoolStore

/// The local model's part for one school and academic year: the visible
/// messages that concern the parent's children there, each once (a
/// message is filed in exactly one scope file), newest first.
struct TimelinePart: Sendable, Equatable {
    var school: String
    var year: AcademicYear
    var timezone: String
    var messages: [StoredMessage]

    var partName: String { PartName.timeline(school, year) }

    /// Newest first, then by id, so equal content always encodes the same.
    static func ordered(_ messages: [StoredMessage]) -> [StoredMessage] {
        messages.sorted { a, b in
            a.message.sentAt != b.message.sentAt ? a.message.sentAt > b.message.sentAt : a.message.id < b.message.id
        }
    }

    func encode() -> [UInt8] {
        let zone = SchoolTimeZone(identifier: timezone) ?? .utc
        var o = JSONObjectBuilder()
        o.set("part", "timeline")
        o.set("school", school)
        o.set("year", year.description)
        o.set("timezone", timezone)
        o.set("messages", .array(messages.map { $0.json(zone: zone) }))
        return JSONWriter().write(o.value)
    }

    static func decode(_ r: FieldReader) -> TimelinePart? {
        guard let school = r.string("school"), let year = r.choice("year", AcademicYear.init(parsing:), expected: "academic year"),
              let timezone = r.string("timezone") else { return nil }
        let messages = (r.objects("messages", required: true) ?? []).compactMap(StoredMessage.decode)
        return TimelinePart(school: school, year: year, timezone: timezone, messages: messages)
    }
}
