/// One record of `assessments/<academic-year>.json`.
public struct StudentAssessments: Sendable, Equatable {
    public var student: String
    public var results: [AssessmentResult]

    public init(student: String, results: [AssessmentResult]) {
        self.student = student
        self.results = results
    }

    public static func decode(_ r: FieldReader) -> StudentAssessments? {
        let student = r.string("student")
        let r = student.map { r.relabelled("student \($0)") } ?? r
        r.rejectUnknownFields(["student", "results"])
        let results = (r.objects("results", required: true) ?? []).compactMap(AssessmentResult.decode)
        guard let student else { return nil }
        return StudentAssessments(student: student, results: results)
    }

    public func json(zone: SchoolTimeZone) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("student", student)
        o.set("results", .array(results.map { $0.json(zone: zone) }))
        return o.value
    }
}
