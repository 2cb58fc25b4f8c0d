import Foundation

@testable import SchoolStore

/// Runs validation's checks of one school's files held in memory twice, with
/// the fast path and with the full decoders only, so tests can require the
/// fast path to vouch only for files the decoders find nothing wrong in, and
/// then to give the same report.
struct FastPathHarness {
    let files: [String: [UInt8]]
    let school: String
    let zone: SchoolTimeZone
    let schoolRecord: School
    var check: AttendanceCheck
    let fast: SchoolValidation
    let full: SchoolValidation

    /// `files`: store-relative paths (`schools/<id>/...`) and their bytes.
    init(files: [String: [UInt8]], school: String) throws {
        self.files = files
        self.school = school
        let problems = ProblemList()
        let schoolFile = StoreLayout.schoolFile(school)
        let decoded = FileStore.decodeDocument(files[schoolFile]!, file: schoolFile, problems: problems) {
            FieldReader($0, file: schoolFile, record: nil, problems: problems).flatMap(School.decode)
        }
        guard let decoded else { throw HarnessError(reason: "\(schoolFile) does not decode: \(problems.problems)") }
        zone = decoded.zone
        schoolRecord = decoded
        var leavers: [String: CivilDate] = [:]
        if let students = files[StoreLayout.studentsFile(school)],
            let values = try? JSONParser.parseArray(students).values
        {
            for (i, v) in values.enumerated() {
                if let r = FieldReader(v, file: "students.json", record: "record \(i + 1)", problems: ProblemList()),
                    let s = Student.decode(r), let left = s.leftOn
                {
                    leavers[s.id] = left
                }
            }
        }
        check = AttendanceCheck(leavers: leavers, terms: decoded.terms)
        // Any store will do for checks given bytes: they read nothing.
        let store = try FileStore(root: StoreFormatTests.demoPath)
        fast = SchoolValidation(store: store, id: school, usesFastPath: true)
        full = SchoolValidation(store: store, id: school, usesFastPath: false)
    }

    struct HarnessError: Error { let reason: String }

    /// What a file is, when the fast path can check it.
    enum Job {
        case students
        case contacts
        case attendance(AcademicYear)
        case yearly(StoreLayout.YearlyKind, AcademicYear)
        case messages(AcademicYear, MessageScope)
    }

    func job(_ path: String) -> Job? {
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count >= 3, parts[0] == "schools", parts[1] == school, parts.last!.hasSuffix(".json") else {
            return nil
        }
        let stem = String(parts.last!.dropLast(5))
        if parts.count == 3 { return stem == "students" ? .students : stem == "contacts" ? .contacts : nil }
        if parts.count == 4, let kind = StoreLayout.YearlyKind(rawValue: parts[2]), kind.isPerStudent,
            let year = AcademicYear(parsing: stem)
        {
            return kind == .attendance ? .attendance(year) : .yearly(kind, year)
        }
        if parts.count == 5, parts[2] == "messages", let year = AcademicYear(parsing: parts[3]),
            let scope = MessageScope(fileStem: stem)
        {
            return .messages(year, scope)
        }
        return nil
    }

    /// The paths the fast path can check.
    var checkablePaths: [String] { files.keys.filter { job($0) != nil }.sorted() }

    func report(_ path: String, _ array: [UInt8], fastPath: Bool) -> FileReport {
        array.withUnsafeBufferPointer { report(path, $0, fastPath: fastPath) }
    }

    func report(_ path: String, _ bytes: UnsafeBufferPointer<UInt8>, fastPath: Bool) -> FileReport {
        let v = fastPath ? fast : full
        switch job(path)! {
        case .students: return v.checkStudents(images: ImageChecker(validation: v, brokenDirectories: []), bytes: bytes)
        case .contacts: return v.checkContacts(school: schoolRecord, bytes: bytes)
        case .attendance(let year):
            return v.checkAttendance(year: year, file: path, zone: zone, check: check, bytes: bytes)
        case .yearly(let kind, let year):
            return v.checkYearly(kind: kind, year: year, file: path, zone: zone, bytes: bytes)
        case .messages(let year, let scope):
            return v.checkMessages(year: year, scope: scope, file: path, zone: zone, bytes: bytes)
        }
    }

    /// The fast path's own answer for a file: nil when it cannot vouch for it.
    func fastOnly(_ path: String, _ array: [UInt8]) -> FileReport? {
        array.withUnsafeBufferPointer { fastOnly(path, $0) }
    }

    func fastOnly(_ path: String, _ bytes: UnsafeBufferPointer<UInt8>) -> FileReport? {
        switch job(path)! {
        case .students:
            // With the image checks, which the fast path leaves to ImageChecker.
            guard FastPeopleCheck(file: path).students(bytes) != nil else { return nil }
            return report(path, bytes, fastPath: true)
        case .contacts: return FastPeopleCheck(file: path).contacts(bytes, countryCode: schoolRecord.countryCode)
        case .attendance(let year): return FastAttendanceCheck(file: path, year: year, check: check).run(bytes)
        case .yearly(let kind, let year): return FastYearlyCheck(file: path, kind: kind, year: year).run(bytes)
        case .messages(let year, let scope):
            var start = FileReport(file: path)
            switch scope {
            case .student(let s): start.studentReferences.append(("file", "scope", s))
            case .group(let g): start.scopeReference = "\(year) group \(g)"
            case .year(let y): start.scopeReference = "\(year) year \(y)"
            case .school: break
            }
            return FastMessageCheck(year: year, zone: zone).run(bytes, report: start)
        }
    }

    /// Everything a report says, as text, to compare two reports.
    static func summary(_ r: FileReport) -> [String] {
        var lines = ["file \(r.file)", "failed \(r.failed)", "records \(r.records)", "marks \(r.marks)"]
        lines += r.problems.map { "problem \($0.description)" }
        lines += r.warnings.map { "warning \($0.description)" }
        lines += r.definedKeys.map { "defines \($0)" }
        lines += r.enrolledScopes.sorted().map { "enrols \($0)" }
        lines += r.leavers.sorted { $0.key < $1.key }.map { "leaver \($0.key) \($0.value)" }
        lines.append("scope \(r.scopeReference ?? "-")")
        lines += r.messageIDs.map { "message \($0)" }
        lines += r.attachments.flatMap { m in
            m.attachments.map { "attachment \(m.message) \($0.name) \($0.size) \($0.mediaType)" }
        }
        lines += r.contactReferences.map { "contact \($0.record) \($0.field) \($0.contact)" }
        lines += r.messageReferences.map { "message ref \($0.record) \($0.field) \($0.message)" }
        lines += r.studentReferences.map { "student \($0.record) \($0.field) \($0.student)" }
        return lines
    }
}
