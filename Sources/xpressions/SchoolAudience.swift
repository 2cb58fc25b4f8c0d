import Foundation
import SchoolStore

/// Who a school can send to on a day: the year groups, registration groups
/// and students on roll in that academic year, from `students.json`. A
/// message to anyone else would leave the store invalid, so `school send`
/// refuses it and names the audiences there are.
///
/// A year or group counts only when some student has an enrolment for that
/// exact academic year, as `store validate` requires; a student's earlier
/// enrolment does not carry over into a year the school has not enrolled.
struct SchoolAudience {
    let year: AcademicYear
    let years: [Int]
    let groups: [String]
    let students: Set<String>
    /// The academic years that have any enrolment, oldest first.
    let enrolledYears: [AcademicYear]
    /// Each student's name as the school shows it ("Amy Abbot"), for saying
    /// whom a message went to.
    let names: [String: String]
    /// The students still shown to parents today (a leaver only within the
    /// school's leaver persistence), as the parent's sync decides: a
    /// message to one of them is seen in any academic year; a message to
    /// the whole school only through a student enrolled in that year. A
    /// message no parent sees leaves the store valid, so the office would
    /// think it went out: it is refused.
    let reachable: Set<String>
    /// Whether some student shown to parents is enrolled in `year`.
    let schoolReachable: Bool
    /// When each leaver left, for saying why one is not reachable.
    let leftOn: [String: CivilDate]

    init(students: [Student], year: AcademicYear, today: CivilDate? = nil, leaverPersistenceMonths: Int = 3) {
        self.year = year
        var years = Set<Int>()
        var groups = Set<String>()
        // The lowest year each group's students are in: Reception's "RA"
        // (year 0) comes before 1A, as year-0 comes before year-1 (it came last).
        var groupYear: [String: Int] = [:]
        var ids = Set<String>()
        var enrolled = Set<AcademicYear>()
        var names: [String: String] = [:]
        var reachable = Set<String>()
        var schoolReachable = false
        var leftOn: [String: CivilDate] = [:]
        for s in students {
            ids.insert(s.id)
            names[s.id] = s.fullName
            if s.leaver, let left = s.leftOn { leftOn[s.id] = left }
            if today.map({ s.isVisible(on: $0, leaverPersistenceMonths: leaverPersistenceMonths) }) ?? true {
                reachable.insert(s.id)
                if s.enrolments.contains(where: { $0.academicYear == year }) { schoolReachable = true }
            }
            for e in s.enrolments {
                enrolled.insert(e.academicYear)
                guard e.academicYear == year else { continue }
                years.insert(e.year)
                groups.insert(e.registrationGroup)
                groupYear[e.registrationGroup] = min(groupYear[e.registrationGroup] ?? e.year, e.year)
            }
        }
        self.years = years.sorted()
        // In the order a person reads them: 7A before 10A (as text, 10A came first).
        self.groups = groups.sorted { a, b in
            let (ya, yb) = (groupYear[a] ?? 0, groupYear[b] ?? 0)
            return ya != yb ? ya < yb : a.localizedStandardCompare(b) == .orderedAscending
        }
        self.students = ids
        self.enrolledYears = enrolled.sorted()
        self.names = names
        self.reachable = reachable
        self.schoolReachable = schoolReachable
        self.leftOn = leftOn
    }

    /// Whom a message to `scope` goes to, in words: "Group 9A", "Amy Abbot
    /// (student GA-AMY)".
    func text(_ scope: MessageScope) -> String {
        if case .student(let id) = scope { return names[id].map { "\($0) (student \(id))" } ?? "student \(id)" }
        return scope.audienceText ?? "\(scope)"
    }

    /// Why `scope` has no one in it, or nil when it does.
    func refusal(_ scope: MessageScope, schoolName: String) -> String? {
        switch scope {
        case .school:
            if students.isEmpty { return "\(schoolName) has no students on roll" }
            guard !schoolReachable else { return nil }
            let known =
                enrolledYears.isEmpty
                ? "" : " (the school's enrolments are for \(enrolledYears.map(\.description).joined(separator: ", ")))"
            return "no parent at \(schoolName) would see it: no student is on roll in \(year)\(known)"
        case .year(let y):
            return years.contains(y)
                ? nil : "there is no \(scope.audienceText ?? "Year \(y)") at \(schoolName) in \(year)\(noEnrolments)"
        case .group(let g):
            guard !groups.contains(g) else { return nil }
            // Group names are as the MIS spells them: "9a" is a slip for "9A".
            let near = groups.first { $0.lowercased() == g.lowercased() }.map { " (did you mean group-\($0)?)" } ?? ""
            return "there is no registration group \(g) at \(schoolName) in \(year)\(noEnrolments)\(near)"
        case .student(let s):
            guard students.contains(s) else {
                // Ids are as the MIS spells them: "s000001" is a slip for "S000001".
                let near = students.first { $0.lowercased() == s.lowercased() }.map { " (did you mean student-\($0)?)" }
                return "there is no student \(s) at \(schoolName)\(near ?? "")"
            }
            guard !reachable.contains(s) else { return nil }
            let why = leftOn[s].map { "left on \($0.longText)" } ?? "is not shown to parents"
            return "no parent would see it: \(text(.student(s))) \(why), past the school's leaver persistence"
        }
    }

    /// " (no student is enrolled in any year or group in 2026-27; the
    /// school's enrolments are for 2024-25, 2025-26)" when the academic year
    /// has no enrolments at all; empty otherwise.
    private var noEnrolments: String {
        guard years.isEmpty else { return "" }
        let known =
            enrolledYears.isEmpty
            ? "" : "; the school's enrolments are for \(enrolledYears.map(\.description).joined(separator: ", "))"
        return " (no student is enrolled in any year or group in \(year)\(known))"
    }

    /// "school, year-7 … year-11 (7, 8, 9, 10, 11), group-7A … (7A, 7B, …), or student-ID"
    var choices: String {
        var parts = schoolReachable ? ["school"] : []
        if !years.isEmpty { parts.append(years.map { "year-\($0)" }.joined(separator: ", ")) }
        if !groups.isEmpty { parts.append(groups.map { "group-\($0)" }.joined(separator: ", ")) }
        parts.append("student-ID")
        return parts.joined(separator: ", ")
    }
}
