import Dispatch
import Foundation

/// Validates one school directory: each file on its own (in parallel), then
/// the references between them.
struct SchoolValidation: Sendable {
    let store: FileStore
    let id: String

    struct Outcome {
        var problems: [StoreProblem] = []
        var students = 0, contacts = 0, messages = 0, marks = 0, files = 0
    }

    static let knownEntries: Set<String> = Set([
        "school.json", "students.json", "contacts.json", "messages", "inbox", "receipts", "registrations", "photos", "images",
    ]).union(StoreLayout.YearlyKind.allCases.map(\.rawValue))

    func run() -> Outcome {
        var out = Outcome()
        let dir = StoreLayout.schoolDirectory(id)
        let problems = ProblemList()

        // school.json first: the others need its time zone.
        var school: School? = nil
        let schoolFile = StoreLayout.schoolFile(id)
        out.files += 1
        do {
            school = try store.school(id)
        } catch {
            problems.append(contentsOf: error.problems)
        }
        let zone = school?.zone ?? .utc
        if let school, let logo = school.logo {
            checkImage(logo, file: schoolFile, record: nil, field: "logo", problems: problems)
        }

        // Unexpected entries in the school directory.
        for entry in RawFile.list(store.layout.absolute(dir)) ?? [] where !entry.hasPrefix(".") {
            if !SchoolValidation.knownEntries.contains(entry) && entry != school?.logo {
                problems.add(file: "\(dir)/\(entry)", "unexpected file or directory (see the store format for what a school holds)")
            }
        }

        // Collect the independent file jobs.
        var jobs: [@Sendable () -> FileReport] = []
        jobs.append { self.checkStudents(zone: zone) }
        jobs.append { self.checkContacts() }
        for kind in StoreLayout.YearlyKind.allCases {
            let kindDir = StoreLayout.kindDirectory(id, kind)
            for name in RawFile.list(store.layout.absolute(kindDir)) ?? [] where !name.hasPrefix(".") {
                let file = "\(kindDir)/\(name)"
                guard name.hasSuffix(".json"), let year = AcademicYear(parsing: String(name.dropLast(5))) else {
                    problems.add(file: file, "unexpected file: \(kind.rawValue) files are named by academic year, e.g. 2025-26.json")
                    continue
                }
                jobs.append { self.checkYearly(kind: kind, year: year, file: file, zone: zone) }
            }
        }
        let messagesDir = StoreLayout.messagesDirectory(id)
        for yearName in RawFile.list(store.layout.absolute(messagesDir)) ?? [] where !yearName.hasPrefix(".") {
            guard let year = AcademicYear(parsing: yearName), RawFile.isDirectory(store.layout.absolute("\(messagesDir)/\(yearName)")) else {
                problems.add(file: "\(messagesDir)/\(yearName)", "unexpected entry: messages/ holds one directory per academic year, e.g. 2025-26")
                continue
            }
            for name in RawFile.list(store.layout.absolute("\(messagesDir)/\(yearName)")) ?? [] where !name.hasPrefix(".") {
                let file = "\(messagesDir)/\(yearName)/\(name)"
                guard name.hasSuffix(".json"), let scope = MessageScope(fileStem: String(name.dropLast(5))) else {
                    problems.add(file: file, "unexpected file: message files are named school.json, year-N.json, group-NAME.json or student-ID.json")
                    continue
                }
                jobs.append { self.checkMessages(year: year, scope: scope, file: file) }
            }
        }
        for (dirName, kind) in [(StoreLayout.inboxDirectory(id), 0), (StoreLayout.receiptsDirectory(id), 1), (StoreLayout.registrationsDirectory(id), 2)] {
            for name in RawFile.list(store.layout.absolute(dirName)) ?? [] where !name.hasPrefix(".") {
                let file = "\(dirName)/\(name)"
                jobs.append { self.checkWriteBack(kind: kind, file: file, name: name) }
            }
        }

        // Run them on all cores.
        let work = jobs
        let all = Parallel.map(work.count) { work[$0]() }
        out.files += all.count
        for r in all { problems.append(contentsOf: r.problems) }

        // Cross-file checks.
        let studentReport = all[0], contactReport = all[1]
        let students = Set(studentReport.definedKeys)
        let contacts = Set(contactReport.definedKeys)
        out.students = students.count
        out.contacts = contacts.count
        var messageOwner: [String: String] = [:]
        for r in all {
            out.marks += r.marks
            for m in r.messageIDs {
                out.messages += 1
                if let first = messageOwner[m] {
                    problems.add(file: r.file, record: "message \(m)", field: "id", "duplicate message id (also in \(first))")
                } else {
                    messageOwner[m] = r.file
                }
            }
        }
        for r in all {
            for ref in r.studentReferences where !students.contains(ref.student) {
                problems.add(file: r.file, record: ref.record, field: ref.field, "unknown student \(ref.student) (not in \(StoreLayout.studentsFile(id)))")
            }
            for ref in r.contactReferences where !contacts.contains(ref.contact) {
                problems.add(file: r.file, record: ref.record, field: ref.field, "unknown contact \(ref.contact) (not in \(StoreLayout.contactsFile(id)))")
            }
            if let scope = r.scopeReference, !studentReport.enrolledScopes.contains(scope) {
                problems.add(file: r.file, "no student in \(StoreLayout.studentsFile(id)) was enrolled in \(scope.split(separator: " ", maxSplits: 1)[1]) in \(scope.split(separator: " ")[0])")
            }
            for ref in r.messageReferences where messageOwner[ref.message] == nil {
                problems.add(file: r.file, record: ref.record, field: ref.field, "unknown message \(ref.message)")
            }
        }
        out.problems = problems.problems
        return out
    }

    // MARK: - Files

    func parseRecords(_ file: String, _ report: inout FileReport) -> [JSONValue]? {
        let bytes: [UInt8]
        do { bytes = try RawFile.read(store.layout.absolute(file)) } catch {
            report.problems.append(StoreProblem(file: file, message: error == .missing ? "missing" : "unreadable: \(error)"))
            return nil
        }
        do {
            return try JSONParser.parseArray(bytes).values
        } catch {
            report.problems.append(StoreProblem(file: file, message: "malformed JSON at \(error)"))
            return nil
        }
    }

    func checkImage(_ path: String, file: String, record: String?, field: String, problems: ProblemList) {
        let full = store.layout.absolute(StoreLayout.schoolAsset(id, path))
        if path.contains("..") || path.hasPrefix("/") {
            problems.add(file: file, record: record, field: field, "image path \"\(path)\" must stay inside the school directory")
            return
        }
        do {
            _ = try PPMImage.decode(try RawFile.read(full))
        } catch let e as RawFile.ReadError {
            problems.add(file: file, record: record, field: field, e == .missing ? "image \"\(path)\" not found" : "image \"\(path)\" unreadable")
        } catch {
            problems.add(file: file, record: record, field: field, "image \"\(path)\": \(error)")
        }
    }

    func checkStudents(zone: SchoolTimeZone) -> FileReport {
        let file = StoreLayout.studentsFile(id)
        var report = FileReport(file: file)
        guard let values = parseRecords(file, &report) else { return report }
        let problems = ProblemList()
        var seen = Set<String>()
        for (i, v) in values.enumerated() {
            // A record with other problems still defines its id and groups, so
            // one bad field does not cascade into "unknown student" elsewhere.
            if case let .string(rawID)? = v["id"] { report.definedKeys.append(rawID) }
            if case let .array(list)? = v["enrolments"] {
                for e in list {
                    guard case let .string(ay)? = e["academicYear"] else { continue }
                    if case let .string(group)? = e["group"] { report.enrolledScopes.insert("\(ay) group \(group)") }
                    if case let .number(year)? = e["year"] { report.enrolledScopes.insert("\(ay) year \(Int(year))") }
                }
            }
            guard let r = FieldReader(v, file: file, record: "record \(i + 1)", problems: problems), let s = Student.decode(r) else { continue }
            if !MessageScope.isValidIdentifier(s.id) {
                problems.add(file: file, record: "student \(s.id)", field: "id", "ids may only hold letters, digits, hyphens and underscores")
            }
            if !seen.insert(s.id).inserted { problems.add(file: file, record: "student \(s.id)", field: "id", "duplicate student id") }
            if let photo = s.photo { checkImage(photo, file: file, record: "student \(s.id)", field: "photo", problems: problems) }
        }
        report.records = values.count
        report.problems += problems.problems
        return report
    }

    func checkContacts() -> FileReport {
        let file = StoreLayout.contactsFile(id)
        var report = FileReport(file: file)
        guard let values = parseRecords(file, &report) else { return report }
        let problems = ProblemList()
        var seen = Set<String>()
        for (i, v) in values.enumerated() {
            if case let .string(rawID)? = v["id"] { report.definedKeys.append(rawID) }
            guard let r = FieldReader(v, file: file, record: "record \(i + 1)", problems: problems), let c = Contact.decode(r) else { continue }
            if !MessageScope.isValidIdentifier(c.id) {
                problems.add(file: file, record: "contact \(c.id)", field: "id", "ids may only hold letters, digits, hyphens and underscores")
            }
            if !seen.insert(c.id).inserted { problems.add(file: file, record: "contact \(c.id)", field: "id", "duplicate contact id") }
            for (j, link) in c.students.enumerated() {
                report.studentReferences.append(("contact \(c.id)", "students[\(j)].student", link.student))
            }
        }
        report.records = values.count
        report.problems += problems.problems
        return report
    }

    func checkYearly(kind: StoreLayout.YearlyKind, year: AcademicYear, file: String, zone: SchoolTimeZone) -> FileReport {
        var report = FileReport(file: file)
        guard let values = parseRecords(file, &report) else { return report }
        let problems = ProblemList()
        var seen = Set<String>()
        for (i, v) in values.enumerated() {
            guard let r = FieldReader(v, file: file, record: "record \(i + 1)", problems: problems) else { continue }
            let key: String?
            var eventIDs: [String] = []
            switch kind {
            case .attendance:
                let a = StudentAttendance.decode(r, zone: zone, academicYear: year)
                key = a?.student
                report.marks += a?.marks.count ?? 0
            case .timetable:
                key = StudentTimetable.decode(r)?.student
            case .behaviour, .achievements:
                let e = StudentEvents.decode(r)
                key = e?.student
                eventIDs = e?.events.map(\.id) ?? []
                for ev in e?.events ?? [] where !year.contains(ev.date) {
                    problems.add(file: file, record: "student \(e!.student)", field: "events", "event \(ev.id) dated \(ev.date) is outside academic year \(year)")
                }
            case .assessments:
                let a = StudentAssessments.decode(r)
                key = a?.student
                eventIDs = a?.results.map(\.id) ?? []
            case .calendar:
                let e = CalendarEvent.decode(r)
                key = e?.id
            }
            guard let key else { continue }
            let label = kind.isPerStudent ? "student \(key)" : "event \(key)"
            if !seen.insert(key).inserted {
                problems.add(file: file, record: label, field: kind.keyField, kind.isPerStudent ? "a second record for this student" : "duplicate event id")
            }
            if Set(eventIDs).count != eventIDs.count {
                problems.add(file: file, record: label, field: nil, "an event id is used twice")
            }
            if kind.isPerStudent {
                report.definedKeys.append(key)
                report.studentReferences.append((label, "student", key))
            }
        }
        report.records = values.count
        report.problems += problems.problems
        return report
    }

    func checkMessages(year: AcademicYear, scope: MessageScope, file: String) -> FileReport {
        var report = FileReport(file: file)
        guard let values = parseRecords(file, &report) else { return report }
        let problems = ProblemList()
        let zone = (try? store.school(id).zone) ?? .utc
        switch scope {
        case let .student(s): report.studentReferences.append(("file", "scope", s))
        case let .group(g): report.scopeReference = "\(year) group \(g)"
        case let .year(y): report.scopeReference = "\(year) year \(y)"
        case .school: break
        }
        for (i, v) in values.enumerated() {
            guard let r = FieldReader(v, file: file, record: "record \(i + 1)", problems: problems), let m = SchoolMessage.decode(r) else { continue }
            if !MessageScope.isValidIdentifier(m.id) {
                problems.add(file: file, record: "message \(m.id)", field: "id", "ids may only hold letters, digits, hyphens and underscores")
            }
            report.messageIDs.append(m.id)
            let sentDay = zone.civilDate(of: m.sentAt)
            if !year.contains(sentDay) {
                problems.add(file: file, record: "message \(m.id)", field: "sentAt", "sent on \(sentDay), outside academic year \(year) of this file")
            }
            for (j, c) in (m.contacts ?? []).enumerated() {
                report.contactReferences.append(("message \(m.id)", "contacts[\(j)]", c))
            }
        }
        report.problems += problems.problems
        return report
    }

    func checkWriteBack(kind: Int, file: String, name: String) -> FileReport {
        var report = FileReport(file: file)
        guard name.hasSuffix(".json") else {
            report.problems.append(StoreProblem(file: file, message: "unexpected file (expected <key>.json)"))
            return report
        }
        let stem = String(name.dropLast(5))
        let bytes: [UInt8]
        do { bytes = try RawFile.read(store.layout.absolute(file)) } catch {
            report.problems.append(StoreProblem(file: file, message: "unreadable: \(error)"))
            return report
        }
        let problems = ProblemList()
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch {
            report.problems.append(StoreProblem(file: file, message: "malformed JSON at \(error)"))
            return report
        }
        guard let r = FieldReader(value, file: file, record: nil, problems: problems) else {
            report.problems += problems.problems
            return report
        }
        switch kind {
        case 0:
            if let item = InboxItem.decode(r) {
                if item.key != stem { problems.add(file: file, record: "item \(item.key)", field: "key", "does not match the file name \(name)") }
                for (j, c) in item.contacts.enumerated() { report.contactReferences.append(("item \(item.key)", "contacts[\(j)]", c)) }
                for (j, s) in item.students.enumerated() { report.studentReferences.append(("item \(item.key)", "students[\(j)]", s)) }
                if let reply = item.inReplyTo { report.messageReferences.append(("item \(item.key)", "inReplyTo", reply)) }
            }
        case 1:
            if let receipt = ReadReceipt.decode(r) {
                if receipt.key != stem { problems.add(file: file, record: "receipt \(receipt.key)", field: "key", "does not match the file name \(name)") }
                for (j, c) in receipt.contacts.enumerated() { report.contactReferences.append(("receipt \(receipt.key)", "contacts[\(j)]", c)) }
                report.messageReferences.append(("receipt \(receipt.key)", "message", receipt.message))
            }
        default:
            if let reg = NotificationRegistration.decode(r) {
                if reg.id != stem { problems.add(file: file, record: "registration \(reg.id)", field: "id", "does not match the file name \(name)") }
                for (j, c) in reg.contacts.enumerated() { report.contactReferences.append(("registration \(reg.id)", "contacts[\(j)]", c)) }
            }
        }
        report.problems += problems.problems
        return report
    }
}
