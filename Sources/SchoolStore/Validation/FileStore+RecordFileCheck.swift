extension FileStore {
    /// One year's per-student file (attendance, timetable, behaviour,
    /// achievements, assessments) checked by `store validate`'s rules: its
    /// records decode, no student has two, and every student is in the
    /// school's `students.json`. What a sync asks when a child's record,
    /// shown before, is no longer in the file: a file that fails is a fault
    /// (the last good data is kept), one that passes is the school taking
    /// the record back. Empty when the file is valid (or missing).
    public func recordFileProblems(school: String, kind: StoreLayout.YearlyKind, year: AcademicYear) -> [StoreProblem] {
        let file = StoreLayout.recordFile(school, kind, year)
        guard layout.stamp(file) != nil else { return [] }
        let zone: SchoolTimeZone
        do { zone = try self.school(school).zone } catch { return error.problems }
        let report = SchoolValidation(store: self, id: school, usesFastPath: false)
            .checkYearly(kind: kind, year: year, file: file, zone: zone)
        var problems = report.problems
        guard !report.failed, kind.isPerStudent else { return problems }
        let known: Set<String>
        do { known = Set(try allStudents(school: school).map(\.id)) } catch { return problems + error.problems }
        for ref in report.studentReferences where !known.contains(ref.student) {
            problems.append(
                StoreProblem(
                    file: file, record: ref.record, field: ref.field,
                    message: SchoolValidation.unknownStudent(ref.student, school: school)))
        }
        return problems
    }
}
