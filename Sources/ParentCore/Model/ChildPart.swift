import Foundation
import SchoolStore

/// The local model's part for one child: the student record as published
/// and, for an Enhanced school, the published Enhanced data per academic
/// year (only items whose publication time had passed at the last sync).
struct ChildPart: Sendable, Equatable {
    var school: String
    var timezone: String
    var student: Student
    var attendance: [AcademicYear: [AttendanceMark]] = [:]
    var timetable: [AcademicYear: StudentTimetable] = [:]
    var behaviour: [AcademicYear: [ConductEvent]] = [:]
    var achievements: [AcademicYear: [ConductEvent]] = [:]
    var assessments: [AcademicYear: [AssessmentResult]] = [:]

    var ref: ChildRef { ChildRef(school: school, student: student.id) }
    var partName: String { PartName.child(ref) }
    var zone: SchoolTimeZone { SchoolTimeZone(identifier: timezone) ?? .utc }

    func encode() -> [UInt8] {
        let zone = self.zone
        var o = JSONObjectBuilder()
        o.set("part", "child")
        o.set("school", school)
        o.set("timezone", timezone)
        o.set("student", student.json(zone: zone))
        func years<T>(_ key: String, _ map: [AcademicYear: T], _ record: (T) -> JSONValue) {
            o.set(
                key,
                .array(
                    map.keys.sorted().map { year in
                        var y = JSONObjectBuilder()
                        y.set("year", year.description)
                        y.set("record", record(map[year]!))
                        return y.value
                    }))
        }
        years("attendance", attendance) { StudentAttendance(student: student.id, marks: $0).json(zone: zone) }
        years("timetable", timetable) { $0.json(zone: zone) }
        years("behaviour", behaviour) { StudentEvents(student: student.id, events: $0).json(zone: zone) }
        years("achievements", achievements) { StudentEvents(student: student.id, events: $0).json(zone: zone) }
        years("assessments", assessments) { StudentAssessments(student: student.id, results: $0).json(zone: zone) }
        return JSONWriter().write(o.value)
    }

    static func decode(_ r: FieldReader) -> ChildPart? {
        guard let school = r.string("school"), let timezone = r.string("timezone"),
            let zone = SchoolTimeZone(identifier: timezone),
            let student = r.object("student", required: true).flatMap(Student.decode)
        else { return nil }
        var part = ChildPart(school: school, timezone: timezone, student: student)
        func years<T>(_ key: String, _ decode: (FieldReader, AcademicYear) -> T?) -> [AcademicYear: T] {
            var map: [AcademicYear: T] = [:]
            for y in r.objects(key) ?? [] {
                guard let year = y.choice("year", AcademicYear.init(parsing:), expected: "academic year"),
                    let value = y.object("record", required: true).flatMap({ decode($0, year) })
                else { continue }
                map[year] = value
            }
            return map
        }
        part.attendance = years("attendance") { StudentAttendance.decode($0, zone: zone, academicYear: $1)?.marks }
        part.timetable = years("timetable") { r, _ in StudentTimetable.decode(r) }
        part.behaviour = years("behaviour") { r, _ in StudentEvents.decode(r)?.events }
        part.achievements = years("achievements") { r, _ in StudentEvents.decode(r)?.events }
        part.assessments = years("assessments") { r, _ in StudentAssessments.decode(r)?.results }
        return part
    }
}

extension ChildPart {
    /// Drops a kind of data (the school no longer supplies it).
    /// Whether it holds any of a kind of data for a year.
    func holds(_ kind: StoreLayout.YearlyKind, year: AcademicYear) -> Bool {
        switch kind {
        case .attendance: return !(attendance[year]?.isEmpty ?? true)
        case .timetable: return timetable[year] != nil
        case .behaviour: return !(behaviour[year]?.isEmpty ?? true)
        case .achievements: return !(achievements[year]?.isEmpty ?? true)
        case .assessments: return !(assessments[year]?.isEmpty ?? true)
        case .calendar: return false
        }
    }

    mutating func clear(_ kind: StoreLayout.YearlyKind) {
        keep(kind, years: [])
    }

    /// Keeps a kind of data only for these academic years.
    mutating func keep(_ kind: StoreLayout.YearlyKind, years: Set<AcademicYear>) {
        switch kind {
        case .attendance: attendance = attendance.filter { years.contains($0.key) }
        case .timetable: timetable = timetable.filter { years.contains($0.key) }
        case .behaviour: behaviour = behaviour.filter { years.contains($0.key) }
        case .achievements: achievements = achievements.filter { years.contains($0.key) }
        case .assessments: assessments = assessments.filter { years.contains($0.key) }
        case .calendar: break
        }
    }

    /// Puts back a kind of data for a year as `old` held it (a file held
    /// back at its last good state).
    mutating func restore(_ kind: StoreLayout.YearlyKind, year: AcademicYear, from old: ChildPart) {
        switch kind {
        case .attendance: attendance[year] = old.attendance[year]
        case .timetable: timetable[year] = old.timetable[year]
        case .behaviour: behaviour[year] = old.behaviour[year]
        case .achievements: achievements[year] = old.achievements[year]
        case .assessments: assessments[year] = old.assessments[year]
        case .calendar: break
        }
    }

    var markCount: Int { attendance.values.reduce(0) { $0 + $1.count } }
}
