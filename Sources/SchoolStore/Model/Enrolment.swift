/// A student's year and registration group in one academic year. Messages
/// the school sent to "Year 9" or "9A" in 2024-25 concern the students
/// enrolled there in 2024-25, whatever their year now.
public struct Enrolment: Sendable, Equatable {
    public var academicYear: AcademicYear
    public var year: Int
    public var registrationGroup: String

    public init(academicYear: AcademicYear, year: Int, registrationGroup: String) {
        self.academicYear = academicYear
        self.year = year
        self.registrationGroup = registrationGroup
    }

    static func decode(_ r: FieldReader) -> Enrolment? {
        r.rejectUnknownFields(["academicYear", "year", "group"])
        let ay = r.choice(
            "academicYear", AcademicYear.init(parsing:), expected: "academic year (expected e.g. 2025-26)")
        let year = r.int("year", range: -1...14)
        let group = r.string("group")
        if let group, !MessageScope.isValidGroupName(group) {
            r.report("group", "registration group \(Quote.value(group)) may only hold letters, digits and hyphens")
        }
        guard let ay, let year, let group, MessageScope.isValidGroupName(group) else { return nil }
        return Enrolment(academicYear: ay, year: year, registrationGroup: group)
    }

    var json: JSONValue {
        var o = JSONObjectBuilder()
        o.set("academicYear", academicYear.description)
        o.set("year", year)
        o.set("group", registrationGroup)
        return o.value
    }
}
