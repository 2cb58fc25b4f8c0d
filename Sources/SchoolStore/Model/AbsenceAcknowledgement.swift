import Foundation

/// The school office has seen a parent's absence report:
/// `schools/<id>/acknowledgements/<report key>.json`, written by the school
/// side (`xpressions school acknowledge`), created once and never
/// overwritten. Named by the report's key, so a report is acknowledged once.
public struct AbsenceAcknowledgement: Sendable, Equatable {
    /// The key of the inbox record acknowledged.
    public var report: String
    public var acknowledgedAt: Date

    public init(report: String, acknowledgedAt: Date) {
        self.report = report
        self.acknowledgedAt = acknowledgedAt
    }

    public static func decode(_ r: FieldReader) -> AbsenceAcknowledgement? {
        let report = r.string("report")
        let r = report.map { r.relabelled("acknowledgement \($0)") } ?? r
        r.rejectUnknownFields(["report", "acknowledgedAt"])
        let at = r.timestamp("acknowledgedAt")
        guard let report, let at else { return nil }
        return AbsenceAcknowledgement(report: report, acknowledgedAt: at)
    }

    public func json(zone: SchoolTimeZone) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("report", report)
        o.set("acknowledgedAt", acknowledgedAt, zone: zone)
        return o.value
    }
}
