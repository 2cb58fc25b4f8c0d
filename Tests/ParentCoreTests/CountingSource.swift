import Foundation

@testable import ParentCore
@testable import SchoolStore

/// A store that counts what a sync reads from it (records and files, not
/// stamps), by kind: the proof that a sync costs the parent's data.
final class CountingSource: SchoolDataSource, Sendable {
    let base: FileStore
    private let counts = Locked([String: Int]())

    init(_ base: FileStore) { self.base = base }

    var root: String { base.root }
    var total: Int { counts.withLock { $0.values.reduce(0, +) } }
    var byKind: [String: Int] { counts.withLock { $0 } }
    func reset() { counts.withLock { $0 = [:] } }

    private func count(_ kind: String) { counts.withLock { $0[kind, default: 0] += 1 } }

    func stamp(_ relative: String) -> FileStamp? { base.stamp(relative) }
    func school(_ id: String) throws(StoreProblems) -> School {
        count("school")
        return try base.school(id)
    }
    func contact(_ id: String, school: String) throws(StoreProblems) -> Fetched<Contact>? {
        count("contact")
        return try base.contact(id, school: school)
    }
    func student(_ id: String, school: String) throws(StoreProblems) -> Fetched<Student>? {
        count("student")
        return try base.student(id, school: school)
    }
    func attendance(student: String, school: String, year: AcademicYear) throws(StoreProblems) -> Fetched<
        StudentAttendance
    >? {
        count("attendance")
        return try base.attendance(student: student, school: school, year: year)
    }
    func timetable(student: String, school: String, year: AcademicYear) throws(StoreProblems) -> Fetched<
        StudentTimetable
    >? {
        count("timetable")
        return try base.timetable(student: student, school: school, year: year)
    }
    func behaviour(student: String, school: String, year: AcademicYear) throws(StoreProblems) -> Fetched<StudentEvents>?
    {
        count("behaviour")
        return try base.behaviour(student: student, school: school, year: year)
    }
    func achievements(student: String, school: String, year: AcademicYear) throws(StoreProblems) -> Fetched<
        StudentEvents
    >? {
        count("achievements")
        return try base.achievements(student: student, school: school, year: year)
    }
    func assessments(student: String, school: String, year: AcademicYear) throws(StoreProblems) -> Fetched<
        StudentAssessments
    >? {
        count("assessments")
        return try base.assessments(student: student, school: school, year: year)
    }
    func calendar(school: String, year: AcademicYear) throws(StoreProblems) -> Fetched<[CalendarEvent]> {
        count("calendar")
        return try base.calendar(school: school, year: year)
    }
    func messages(school: String, year: AcademicYear, scope: MessageScope) throws(StoreProblems) -> Fetched<
        [SchoolMessage]
    > {
        count("messages")
        return try base.messages(school: school, year: year, scope: scope)
    }
    func listedMessageYears(school: String) throws(StoreProblems) -> [AcademicYear] {
        try base.listedMessageYears(school: school)
    }
    func schoolIDs() -> [String] { base.schoolIDs() }
    func loginLookup(email: String?, phone: String?) -> FileStore.LoginLookup {
        count("lookup")
        return base.loginLookup(email: email, phone: phone)
    }
}
