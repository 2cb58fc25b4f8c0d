import Foundation

/// One assessment result (a grade against an optional target).
public struct AssessmentResult: Sendable, Equatable, Identifiable {
    public var id: String
    public var subject: String
    public var assessment: String
    public var grade: String
    public var target: String?
    public var date: CivilDate
    public var publishedAt: Date

    public init(
        id: String, subject: String, assessment: String, grade: String, target: String? = nil, date: CivilDate,
        publishedAt: Date
    ) {
        self.id = id
        self.subject = subject
        self.assessment = assessment
        self.grade = grade
        self.target = target
        self.date = date
        self.publishedAt = publishedAt
    }

    static func decode(_ r: FieldReader) -> AssessmentResult? {
        r.rejectUnknownFields(["id", "subject", "assessment", "grade", "target", "date", "publishedAt"])
        let id = r.string("id").flatMap { r.identifier($0, field: "id", quoted: true) }
        let subject = r.string("subject")
        let assessment = r.string("assessment")
        let grade = r.string("grade")
        let target = r.string("target", required: false)
        let date = r.date("date")
        let pub = r.timestamp("publishedAt")
        guard let id, let subject, let assessment, let grade, let date, let pub else { return nil }
        return AssessmentResult(
            id: id, subject: subject, assessment: assessment, grade: grade, target: target, date: date, publishedAt: pub
        )
    }

    func json(zone: SchoolTimeZone) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("id", id)
        o.set("subject", subject)
        o.set("assessment", assessment)
        o.set("grade", grade)
        o.setIfPresent("target", target)
        o.set("date", date)
        o.set("publishedAt", publishedAt, zone: zone)
        return o.value
    }
}
