import Foundation
import SchoolStore

/// The local model's part for one school: its details and Xpressions
/// settings (topics), the parent's children there (in the order of the
/// contact records' links), and the published school calendar.
struct SchoolPart: Sendable, Equatable {
    var school: School
    /// Student ids of the children the parent sees at this school, in order.
    var children: [String]
    /// Published calendar events by academic year.
    var calendar: [AcademicYear: [CalendarEvent]]
    /// The absence reports about these children in the store's inbox, made
    /// on any device by any of the children's contacts, with the school's
    /// acknowledgements (``SyncEngine/storeReports(school:children:contacts:old:)``).
    var reports: [OutboxItem] = []
    /// The inbox and acknowledgement folders as they were when `reports`
    /// was read: read again only when they change.
    var reportsStamp: String?
    /// The newest inbox record's modification time (nanoseconds) when
    /// `reports` was read: records older than it were read then, and are
    /// not read again (a new parent's message at a school of 2,000 made
    /// every parent's next sync read the whole inbox).
    var reportsSeenUpTo: Int64?

    var id: String { school.id }
    var partName: String { PartName.school(school.id) }

    func encode() -> [UInt8] {
        var o = JSONObjectBuilder()
        o.set("part", "school")
        o.set("school", school.json)
        o.set("children", children)
        let zone = school.zone
        o.set(
            "calendar",
            .array(
                calendar.keys.sorted().map { year in
                    var y = JSONObjectBuilder()
                    y.set("year", year.description)
                    y.set("events", .array(calendar[year]!.map { $0.json(zone: zone) }))
                    return y.value
                }))
        if !reports.isEmpty { o.set("reports", .array(reports.map(\.json))) }
        o.setIfPresent("reportsStamp", reportsStamp)
        // As text: nanoseconds since 1970 do not fit a JSON number exactly.
        if let reportsSeenUpTo { o.set("reportsSeenUpTo", String(reportsSeenUpTo)) }
        return JSONWriter().write(o.value)
    }

    static func decode(_ r: FieldReader) -> SchoolPart? {
        guard let school = r.object("school", required: true).flatMap(School.decode) else { return nil }
        let children = r.stringArray("children", required: true) ?? []
        var calendar: [AcademicYear: [CalendarEvent]] = [:]
        for y in r.objects("calendar") ?? [] {
            guard let year = y.choice("year", AcademicYear.init(parsing:), expected: "academic year") else { continue }
            calendar[year] = (y.objects("events") ?? []).compactMap(CalendarEvent.decode)
        }
        var part = SchoolPart(school: school, children: children, calendar: calendar)
        // Kept from a sync of this build; an earlier part has none (read at the next sync).
        // Copies of the store's reports, their notes left out.
        part.reports = (r.array("reports") ?? []).compactMap {
            OutboxItem.decode($0.value, file: r.file, noteWithheld: true)
        }
        // An earlier build wrote "" for "read again": the same as none.
        part.reportsStamp = r.string("reportsStamp", required: false, allowEmpty: true).flatMap {
            $0.isEmpty ? nil : $0
        }
        part.reportsSeenUpTo = r.string("reportsSeenUpTo", required: false).flatMap { Int64($0) }
        return part
    }
}
