/// One record of `attendance/<academic-year>.json`: a student's marks for the year.
public struct StudentAttendance: Sendable, Equatable {
    public var student: String
    public var marks: [AttendanceMark]

    public init(student: String, marks: [AttendanceMark]) {
        self.student = student
        self.marks = marks
    }

    public static func decode(_ r: FieldReader, zone: SchoolTimeZone, academicYear: AcademicYear?) -> StudentAttendance?
    {
        let student = r.string("student")
        let r = student.map { r.relabelled("student \($0)") } ?? r
        r.rejectUnknownFields(["student", "marks"])
        var marks: [AttendanceMark] = []
        var seen = Set<Int>()
        let list: [JSONValue]
        switch r.raw("marks") {
        case .array(let values)?: list = values
        case nil, .null?:
            r.report("marks", "missing")
            list = []
        case let other?:
            r.report("marks", "expected an array, found \(other.kindName)")
            list = []
        }
        marks.reserveCapacity(list.count)
        for (i, value) in list.enumerated() {
            var path: String { r.fieldPath("marks[\(i)]") }
            guard case .string(let text) = value else {
                r.problems.add(
                    file: r.file, record: r.record, field: path, "expected a mark string, found \(value.kindName)")
                continue
            }
            switch AttendanceMark.parse(text, zone: zone) {
            case .failure(let e):
                r.problems.add(file: r.file, record: r.record, field: path, e.reason)
            case .success(let mark):
                if let academicYear, !academicYear.contains(mark.date) {
                    r.problems.add(
                        file: r.file, record: r.record, field: path,
                        "date \(mark.date) is outside academic year \(academicYear)")
                }
                if !seen.insert(mark.date.daysSinceEpoch * 2 + (mark.session == .am ? 0 : 1)).inserted {
                    r.problems.add(
                        file: r.file, record: r.record, field: path,
                        "a second mark for \(mark.date) \(mark.session.rawValue)")
                }
                marks.append(mark)
            }
        }
        guard let student else { return nil }
        return StudentAttendance(student: student, marks: marks)
    }

    public func json(zone: SchoolTimeZone) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("student", student)
        o.set("marks", marks.map { $0.compactText(zone: zone) })
        return o.value
    }
}
