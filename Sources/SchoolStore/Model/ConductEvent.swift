import Foundation

/// A behaviour incident or an achievement recorded in the MIS.
public struct ConductEvent: Sendable, Equatable, Identifiable {
    public static let maximumPublicationDelay: TimeInterval = 48 * 3600

    public var id: String
    public var date: CivilDate
    public var recordedAt: Date
    public var publishedAt: Date
    public var type: String
    public var points: Int
    public var description: String
    public var staff: String
    /// Behaviour only: the action taken (e.g. "Detention").
    public var action: String?

    public init(
        id: String, date: CivilDate, recordedAt: Date, publishedAt: Date, type: String, points: Int,
        description: String, staff: String, action: String? = nil
    ) {
        self.id = id
        self.date = date
        self.recordedAt = recordedAt
        self.publishedAt = publishedAt
        self.type = type
        self.points = points
        self.description = description
        self.staff = staff
        self.action = action
    }

    static func decode(_ r: FieldReader) -> ConductEvent? {
        r.rejectUnknownFields([
            "id", "date", "recordedAt", "publishedAt", "type", "points", "description", "staff", "action",
        ])
        let id = r.string("id").flatMap { r.identifier($0, field: "id", quoted: true) }
        let date = r.date("date")
        let rec = r.timestamp("recordedAt")
        let pub = r.timestamp("publishedAt")
        if let rec, let pub {
            PublicationRule.check(recorded: rec, published: pub, maximum: maximumPublicationDelay, reader: r)
        }
        let type = r.string("type")
        let points = r.int("points", range: -100...100)
        let description = r.string("description")
        let staff = r.string("staff")
        let action = r.string("action", required: false)
        guard let id, let date, let rec, let pub, let type, let points, let description, let staff else { return nil }
        return ConductEvent(
            id: id, date: date, recordedAt: rec, publishedAt: pub, type: type, points: points,
            description: description, staff: staff, action: action)
    }

    func json(zone: SchoolTimeZone) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("id", id)
        o.set("date", date)
        o.set("recordedAt", recordedAt, zone: zone)
        o.set("publishedAt", publishedAt, zone: zone)
        o.set("type", type)
        o.set("points", points)
        o.set("description", description)
        o.set("staff", staff)
        o.setIfPresent("action", action)
        return o.value
    }
}
