import SchoolStore

/// The local model's part for one school and one month: the visible
/// messages sent that month (in the school's time zone) that concern the
/// parent's children there, each once (a message is filed in exactly one
/// scope file), newest first. Parts by month keep a new message's rewrite
/// small and let a big model be decoded on several cores.
struct TimelinePart: Sendable, Equatable {
    var school: String
    /// The academic year of the scope files the messages came from.
    var year: AcademicYear
    /// "2026-03".
    var month: String
    var timezone: String
    var messages: [StoredMessage]

    var partName: String { PartName.timeline(school, year, month) }

    /// "2026-03" for a date.
    static func month(of date: CivilDate) -> String { String(date.description.prefix(7)) }

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
        o.set("month", month)
        o.set("timezone", timezone)
        o.set("messages", .array(messages.map { $0.json(zone: zone) }))
        return JSONWriter().write(o.value)
    }

    static func decode(_ r: FieldReader) -> TimelinePart? {
        guard let school = r.string("school"),
            let year = r.choice("year", AcademicYear.init(parsing:), expected: "academic year"),
            let month = r.string("month"), let timezone = r.string("timezone")
        else { return nil }
        guard case .array(let items)? = r.raw("messages") else {
            r.report("messages", "missing")
            return nil
        }
        var messages: [StoredMessage] = []
        messages.reserveCapacity(items.count)
        // The full decoder, which names what is wrong: the parts as this build writes them
        // are read by decodeStreaming(_:) before it comes to this.
        for (i, item) in items.enumerated() {
            guard
                let reader = FieldReader(
                    item, file: r.file, record: r.record, path: "messages[\(i)]", problems: r.problems),
                let m = StoredMessage.decode(reader)
            else { continue }
            messages.append(m)
        }
        return TimelinePart(school: school, year: year, month: month, timezone: timezone, messages: messages)
    }
}
