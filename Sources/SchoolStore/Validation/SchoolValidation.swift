import Dispatch
import Foundation

/// Validates one school directory: each file on its own (in parallel), then
/// the references between them.
///
/// A file that cannot be read as a whole (missing, refused, malformed JSON)
/// gives one problem, and the checks of other files that depend on it are
/// counted and skipped ("2,544 checks that depend on students.json
/// skipped") instead of each failing on its own.
struct SchoolValidation: Sendable {
    let store: FileStore
    let id: String
    /// Whether the big per-student and message files go through the fast
    /// path first (tests turn it off to compare it with the full decoders).
    var usesFastPath = true
    /// Counts the files checked ("validating green-abbey: 120/1,583 files").
    var progress: ProgressReporter.Counter? = nil
    /// Read buffers reused from file to file (fresh memory for each file
    /// would cost a page fault per 4 KB read).
    var buffers = ReadBuffers()

    struct Outcome {
        var problems: [StoreProblem] = []
        var warnings: [StoreProblem] = []
        var students = 0, contacts = 0, messages = 0, marks = 0, files = 0
    }

    static let knownEntries: Set<String> = Set([
        "school.json", "students.json", "contacts.json", "messages", "inbox", "receipts", "registrations",
        "acknowledgements", "photos", "images",
    ]).union(StoreLayout.YearlyKind.allCases.map(\.rawValue))

    /// Directories of images referred to by path (photos, logos).
    static let imageDirectories = ["photos", "images"]

    /// Lists a directory of the school, reporting (once) when it is not a
    /// directory or leads outside the store; nil when missing or refused.
    func list(_ relative: String, problems: ProblemList) -> [String]? {
        do throws(RawFile.ReadError) {
            return try store.layout.list(relative)
        } catch {
            problems.add(file: relative, error.description)
            return nil
        }
    }

    func run() -> Outcome {
        var out = Outcome()
        let dir = StoreLayout.schoolDirectory(id)
        let problems = ProblemList()

        // The directory itself must be one (inside the store).
        guard let entries = list(dir, problems: problems) else {
            out.problems = problems.problems
            return out
        }

        // school.json first: the others need its time zone.
        let school: School?
        out.files += 1
        do {
            school = try store.school(id)
        } catch {
            school = nil
            problems.append(contentsOf: error.problems)
        }
        let zone = school?.zone ?? .utc

        // Unexpected entries in the school directory.
        for entry in entries where !entry.hasPrefix(".") {
            // Without a readable school.json the logo's name is unknown: an
            // image beside it is not reported as unexpected on top.
            let maybeLogo = school == nil ? entry.hasSuffix(".ppm") : entry == school?.logo
            if !SchoolValidation.knownEntries.contains(entry) && !maybeLogo {
                problems.add(
                    file: "\(dir)/\(entry)",
                    "unexpected file or directory (see the store format for what a school holds)")
            }
        }
        // An image directory that is not a directory is one problem, not one
        // per image in it.
        var brokenImageDirectories: Set<String> = []
        for name in SchoolValidation.imageDirectories where entries.contains(name) {
            if list("\(dir)/\(name)", problems: problems) == nil { brokenImageDirectories.insert(name) }
        }
        let images = ImageChecker(validation: self, brokenDirectories: brokenImageDirectories)
        if let school, let logo = school.logo {
            images.check(logo, file: StoreLayout.schoolFile(id), record: nil, field: "logo", problems: problems)
        }
        if let school {
            out.warnings += Self.addressWarnings(school, file: StoreLayout.schoolFile(id))
            out.warnings += Self.settingWarnings(school, file: StoreLayout.schoolFile(id))
        }

        // Collect the independent file jobs: everything but attendance first,
        // then attendance, which needs the leavers found in students.json.
        var jobs: [@Sendable () -> FileReport] = []
        // The bytes of each job's file when it is a big one (the per-student
        // yearly files): those run first, biggest first, so that no big file
        // is left alone at the end while the other core idles.
        var sizes: [Int64] = []
        var attendanceJobs: [(AcademicYear, String)] = []
        jobs.append { self.checkStudents(images: images) }
        jobs.append { self.checkContacts(school: school) }
        sizes += [Int64.max, Int64.max - 1]
        for kind in StoreLayout.YearlyKind.allCases {
            let kindDir = StoreLayout.kindDirectory(id, kind)
            for name in list(kindDir, problems: problems) ?? [] where !name.hasPrefix(".") {
                let file = "\(kindDir)/\(name)"
                guard name.hasSuffix(".json"), let year = AcademicYear(parsing: String(name.dropLast(5))) else {
                    problems.add(
                        file: file,
                        "unexpected file: \(kind.rawValue) files are named by academic year, e.g. 2025-26.json")
                    continue
                }
                if kind == .attendance {
                    attendanceJobs.append((year, file))
                } else {
                    jobs.append { self.checkYearly(kind: kind, year: year, file: file, zone: zone) }
                    sizes.append(store.stamp(file)?.size ?? 0)
                }
            }
        }
        let messagesDir = StoreLayout.messagesDirectory(id)
        var attachmentYears: [AcademicYear] = []
        // A year's folder that can't be read: the checks that depend on the
        // message files are skipped, as for a message file at fault (every
        // parent's reply was warned of a message "the school removed").
        var unreadMessageYear: String?
        let before = problems.count
        let yearNames = list(messagesDir, problems: problems)
        // The messages folder itself refused (a file, a FIFO, a link
        // leading out): the same (302 receipts were each warned of a
        // message "the school removed").
        if yearNames == nil, problems.count > before { unreadMessageYear = messagesDir }
        for yearName in yearNames ?? [] where !yearName.hasPrefix(".") {
            let yearDir = "\(messagesDir)/\(yearName)"
            guard let year = AcademicYear(parsing: yearName), store.layout.isDirectory(yearDir) else {
                problems.add(
                    file: yearDir, "unexpected entry: messages/ holds one directory per academic year, e.g. 2025-26")
                if AcademicYear(parsing: yearName) != nil { unreadMessageYear = unreadMessageYear ?? yearDir }
                continue
            }
            guard let names = list(yearDir, problems: problems) else {
                unreadMessageYear = unreadMessageYear ?? yearDir
                continue
            }
            for name in names where !name.hasPrefix(".") {
                let file = "\(yearDir)/\(name)"
                if name == StoreLayout.attachmentsDirectoryName {
                    attachmentYears.append(year)
                    continue
                }
                guard name.hasSuffix(".json"), let scope = MessageScope(fileStem: String(name.dropLast(5))) else {
                    problems.add(
                        file: file,
                        "unexpected file: message files are named school.json, year-N.json, group-NAME.json or student-ID.json"
                    )
                    continue
                }
                jobs.append { self.checkMessages(year: year, scope: scope, file: file, zone: zone) }
                sizes.append(0)
            }
        }
        for (dirName, kind) in [
            (StoreLayout.inboxDirectory(id), 0), (StoreLayout.receiptsDirectory(id), 1),
            (StoreLayout.registrationsDirectory(id), 2),
            (StoreLayout.acknowledgementsDirectory(id), 3),
        ] {
            for name in list(dirName, problems: problems) ?? [] where !name.hasPrefix(".") {
                let file = "\(dirName)/\(name)"
                jobs.append { self.checkWriteBack(kind: kind, file: file, name: name, school: school) }
                sizes.append(0)
            }
        }

        // Run them on all cores.
        let checked = progress
        checked?.start(total: jobs.count + attendanceJobs.count)
        let work = jobs
        var all = SchoolValidation.biggestFirst(sizes) { i in
            let report = work[i]()
            checked?.step()
            return report
        }
        let studentReport = all[0]
        let contactReport = all[1]
        let leavers = studentReport.leavers
        let attendance = AttendanceCheck(leavers: leavers, terms: school?.terms ?? [])
        let attendanceWork = attendanceJobs
        all += SchoolValidation.biggestFirst(attendanceWork.map { store.stamp($0.1)?.size ?? 0 }) { i in
            let report = self.checkAttendance(
                year: attendanceWork[i].0, file: attendanceWork[i].1, zone: zone, check: attendance)
            checked?.step()
            return report
        }
        out.files += all.count
        for r in all {
            problems.append(contentsOf: r.problems)
            out.warnings += r.warnings
        }

        // Attachments: the messages' metadata, and the files against it.
        let attachmentWarnings = ProblemList()
        out.files += AttachmentCheck(validation: self).run(
            reports: all, years: attachmentYears, problems: problems, warnings: attachmentWarnings)
        out.warnings += attachmentWarnings.problems

        // Cross-file checks.
        // An absence report's day the calendar now has as a "Holiday"
        // (an INSET day, a polling-station closure): a warning, as a day in a
        // half term is (the form refuses it; validate said nothing).
        var holidays: [CivilDate: String] = [:]
        for r in all { holidays.merge(r.holidayDays) { a, _ in a } }
        for r in all {
            for day in r.absenceDays {
                // Outside the terms it is warned of as a holiday already.
                guard let title = holidays[day.date], school?.isSchoolDay(day.date) ?? true else { continue }
                out.warnings.append(
                    StoreProblem(
                        file: r.file, record: day.record, field: day.field,
                        message:
                            "\(day.date) is a school holiday in the calendar (\(Quote.clip(title))): the calendar changed after the report, or the record was written by hand"
                    ))
            }
        }
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
                    problems.add(
                        file: r.file, record: "message \(m)", field: "id", "duplicate message id (also in \(first))")
                } else {
                    messageOwner[m] = r.file
                }
            }
        }
        let failedMessageFile =
            all.first { $0.failed && $0.file.hasPrefix(messagesDir + "/") }?.file ?? unreadMessageYear
        var skippedForStudents = 0
        var skippedForContacts = 0
        var skippedForMessages = 0
        // An empty students.json or contacts.json (written as `[]`) is one
        // problem, not one per reference to what it no longer lists.
        let noStudents = studentReport.failed || students.isEmpty
        let noContacts = contactReport.failed || contacts.isEmpty
        // Records whose ids students.json refuses: a reference to a student
        // it does not list may be one of them, so it is counted with the
        // checks skipped, not said as one more problem (39 bad ids gave 470
        // "unknown student" lines in every other file).
        let badStudentIDs = studentReport.problems.contains { $0.field == "id" }
        for r in all {
            if noStudents {
                skippedForStudents += r.studentReferences.count + (r.scopeReference == nil ? 0 : 1)
            } else {
                for ref in r.studentReferences where !students.contains(ref.student) {
                    if badStudentIDs {
                        skippedForStudents += 1
                        continue
                    }
                    if Self.isWrittenByAParent(ref.record) {
                        out.warnings.append(
                            Self.removedSince(
                                r.file, ref.record, ref.field,
                                "unknown student \(Quote.clip(ref.student)) (not in \(StoreLayout.studentsFile(id)))"))
                        continue
                    }
                    problems.add(
                        file: r.file, record: ref.record, field: ref.field,
                        SchoolValidation.unknownStudent(ref.student, school: id))
                }
                if let scope = r.scopeReference, !studentReport.enrolledScopes.contains(scope) {
                    problems.add(
                        file: r.file,
                        "no student in \(StoreLayout.studentsFile(id)) was enrolled in \(scope.split(separator: " ", maxSplits: 1)[1]) in \(scope.split(separator: " ")[0])"
                    )
                }
            }
            if noContacts {
                skippedForContacts += r.contactReferences.count
            } else {
                for ref in r.contactReferences where !contacts.contains(ref.contact) {
                    // A parent's registration outlives a record the school
                    // deleted (the central server keeps it): the app withdraws
                    // it at its next sync, so that is a warning, not a problem.
                    if ref.record.hasPrefix("registration ") {
                        out.warnings.append(
                            StoreProblem(
                                file: r.file, record: ref.record, field: ref.field,
                                message:
                                    "unknown contact \(Quote.clip(ref.contact)) (not in \(StoreLayout.contactsFile(id))): a deleted record; the parent's app withdraws this registration at its next sync"
                            ))
                        continue
                    }
                    if Self.isWrittenByAParent(ref.record) {
                        out.warnings.append(
                            Self.removedSince(
                                r.file, ref.record, ref.field,
                                "unknown contact \(Quote.clip(ref.contact)) (not in \(StoreLayout.contactsFile(id)))"))
                        continue
                    }
                    problems.add(
                        file: r.file, record: ref.record, field: ref.field,
                        "unknown contact \(Quote.clip(ref.contact)) (not in \(StoreLayout.contactsFile(id)))")
                }
            }
            if failedMessageFile != nil {
                skippedForMessages += r.messageReferences.count
            } else {
                // Only parents' records (replies, receipts) name a message:
                // one the school took back afterwards is a warning.
                for ref in r.messageReferences where messageOwner[ref.message] == nil {
                    out.warnings.append(
                        Self.removedSince(r.file, ref.record, ref.field, "unknown message \(Quote.clip(ref.message))"))
                }
            }
        }
        func skipped(_ count: Int, _ file: String, _ what: String) {
            if count > 0 {
                problems.add(
                    file: file,
                    "\(Quote.count(count)) \(count == 1 ? "check that depends" : "checks that depend") on \(what) skipped"
                )
            }
        }
        if !studentReport.failed && students.isEmpty && skippedForStudents > 0 {
            problems.add(file: studentReport.file, "lists no students, but other files of the school refer to students")
        }
        if !contactReport.failed && contacts.isEmpty && skippedForContacts > 0 {
            problems.add(file: contactReport.file, "lists no contacts, but other files of the school refer to contacts")
        }
        skipped(skippedForStudents, studentReport.file, "students.json")
        skipped(skippedForContacts, contactReport.file, "contacts.json")
        if let failedMessageFile { skipped(skippedForMessages, failedMessageFile, "the message files") }
        out.problems = problems.problems
        return out
    }

    /// A website or email parents' apps will not open: the app opens only
    /// web addresses (`http`, `https`, or bare as `www.school.sch.uk`) and
    /// plain email addresses, whatever the school's records hold.
    static func addressWarnings(_ school: School, file: String) -> [StoreProblem] {
        var out: [StoreProblem] = []
        for (field, value) in [("website", school.website), ("websiteOverride", school.websiteOverride ?? "")]
        where !value.isEmpty && !isWebAddress(value) {
            out.append(
                StoreProblem(
                    file: file, field: field,
                    message:
                        "\(Quote.value(value)) is not a web address (http, https, or bare as www.school.sch.uk): parents see it, but their app does not open it"
                ))
        }
        if !school.email.isEmpty && !isPlainEmail(school.email) {
            out.append(
                StoreProblem(
                    file: file, field: "email",
                    message:
                        "\(Quote.value(school.email)) is not a plain email address: parents see it, but their app does not open it"
                ))
        }
        return out
    }

    /// Settings that parse but do nothing: incoming Xpressions ticked at a
    /// school on Core (parents can write only to Enhanced schools).
    static func settingWarnings(_ school: School, file: String) -> [StoreProblem] {
        guard school.xpressions.incomingEnabled, school.serviceLevel == .core else { return [] }
        return [
            StoreProblem(
                file: file, field: "xpressions.incomingEnabled",
                message:
                    "incoming Xpressions are enabled, but the school is on Core: parents cannot write to it (only Enhanced schools take messages and absence reports), and their app says to phone it"
            )
        ]
    }

    static func isWebAddress(_ value: String) -> Bool {
        let v = value.trimmingCharacters(in: .whitespaces)
        guard !v.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 32 } == true }) else { return false }
        let lower = v.lowercased()
        if lower.hasPrefix("https://") || lower.hasPrefix("http://") { return v.count > 8 }
        return !v.contains(":") && !v.contains("@") && v.contains(".") && !v.hasPrefix(".")
    }

    static func isPlainEmail(_ value: String) -> Bool {
        let v = value.trimmingCharacters(in: .whitespaces)
        let parts = v.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasSuffix(".") else {
            return false
        }
        return !v.contains {
            $0.isWhitespace || "?&:<>;,/\\\"'()[]".contains($0) || $0.asciiValue.map { $0 < 32 } == true
        }
    }

    /// Whether a record was written by a parent's app (an inbox item, a
    /// read receipt, a registration): create-only, so it keeps naming what
    /// the school may remove later.
    static func isWrittenByAParent(_ record: String) -> Bool {
        record.hasPrefix("item ") || record.hasPrefix("receipt ") || record.hasPrefix("registration ")
    }

    /// A parent's record naming what the school removed after it was
    /// written: a warning, never a problem, since the school's own removal
    /// must not make its store invalid (which would stop the school side).
    static func removedSince(_ file: String, _ record: String, _ field: String, _ what: String)
        -> StoreProblem
    {
        StoreProblem(
            file: file, record: record, field: field,
            message: "\(what): the school removed it after a parent's app wrote this record, which stays as written")
    }

    /// Runs `job(i)` for every index on all cores, starting the biggest jobs
    /// first (equal sizes keep their order); the results in index order.
    static func biggestFirst<T: Sendable>(_ sizes: [Int64], _ job: @Sendable (Int) -> T) -> [T] {
        let order = startOrder(sizes)
        let done = Parallel.map(order.count) { k in job(order[k]) }
        var results = [T?](repeating: nil, count: order.count)
        for (k, i) in order.enumerated() { results[i] = done[k] }
        return results.map { $0! }
    }

    /// The indexes of `sizes`, biggest first, equal sizes in index order.
    static func startOrder(_ sizes: [Int64]) -> [Int] {
        sizes.indices.sorted { sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : $0 < $1 }
    }

    // MARK: - Files

    /// Reads a file once, into one of the run's reused buffers, and checks
    /// its bytes with `check`; a file that cannot be read is one problem (and
    /// marked as failed).
    func withFile(_ file: String, _ report: inout FileReport, _ check: (UnsafeBufferPointer<UInt8>) -> FileReport)
        -> FileReport
    {
        do throws(RawFile.ReadError) {
            guard let opened = try store.layout.open(file) else { throw .missing }
            return try buffers.withBuffer(byteCount: Int(opened.stamp.size)) {
                (buffer) throws(RawFile.ReadError) -> FileReport in
                let count = try opened.readAll(into: buffer)
                return check(
                    UnsafeBufferPointer(start: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count))
            }
        } catch {
            report.problems.append(StoreProblem(file: file, message: error.description))
            report.failed = true
            return report
        }
    }

    func parseRecords(_ bytes: [UInt8], _ file: String, _ report: inout FileReport) -> [JSONValue]? {
        do {
            return try JSONParser.parseArray(bytes).values
        } catch {
            report.problems.append(StoreProblem(file: file, message: "malformed JSON at \(error)"))
            report.failed = true
            return nil
        }
    }

    func checkStudents(images: ImageChecker) -> FileReport {
        let file = StoreLayout.studentsFile(id)
        var report = FileReport(file: file)
        return withFile(file, &report) { checkStudents(images: images, bytes: $0) }
    }

    /// students.json's checks on its bytes: the fast path (then the photos),
    /// else the decoders.
    func checkStudents(images: ImageChecker, bytes: UnsafeBufferPointer<UInt8>) -> FileReport {
        let file = StoreLayout.studentsFile(id)
        var report = FileReport(file: file)
        if usesFastPath, let (fast, photos) = FastPeopleCheck(file: file).students(bytes) {
            // The decoders find nothing else wrong: only the images can.
            let problems = ProblemList()
            for (record, path) in photos {
                images.check(path, file: file, record: record, field: "photo", problems: problems)
            }
            report = fast
            report.problems = problems.problems
            return report
        }
        guard let values = parseRecords(Array(bytes), file, &report) else { return report }
        let problems = ProblemList()
        var seen = Set<String>()
        for (i, v) in values.enumerated() {
            // A record with other problems still defines its id and groups, so
            // one bad field does not cascade into "unknown student" elsewhere.
            if case .string(let rawID)? = v["id"] { report.definedKeys.append(rawID) }
            if case .array(let list)? = v["enrolments"] {
                for e in list {
                    guard case .string(let ay)? = e["academicYear"] else { continue }
                    if case .string(let group)? = e["group"] { report.enrolledScopes.insert("\(ay) group \(group)") }
                    if case .number(let year)? = e["year"], abs(year) < 1e9 {
                        report.enrolledScopes.insert("\(ay) year \(Int(year))")
                    }
                }
            }
            guard let r = FieldReader(v, file: file, record: "record \(i + 1)", problems: problems),
                let s = Student.decode(r)
            else { continue }
            if !seen.insert(s.id).inserted {
                problems.add(file: file, record: "student \(s.id)", field: "id", "duplicate student id")
            }
            if let photo = s.photo {
                images.check(photo, file: file, record: "student \(s.id)", field: "photo", problems: problems)
            }
            if let left = s.leftOn { report.leavers[s.id] = left }
        }
        report.records = values.count
        report.problems += problems.problems
        return report
    }

    func checkContacts(school: School?) -> FileReport {
        let file = StoreLayout.contactsFile(id)
        var report = FileReport(file: file)
        return withFile(file, &report) { checkContacts(school: school, bytes: $0) }
    }

    /// contacts.json's checks on its bytes: the fast path, else the decoders.
    func checkContacts(school: School?, bytes: UnsafeBufferPointer<UInt8>) -> FileReport {
        let file = StoreLayout.contactsFile(id)
        var report = FileReport(file: file)
        if usesFastPath, let fast = FastPeopleCheck(file: file).contacts(bytes, countryCode: school?.countryCode) {
            return fast
        }
        guard let values = parseRecords(Array(bytes), file, &report) else { return report }
        let problems = ProblemList()
        var seen = Set<String>()
        for (i, v) in values.enumerated() {
            if case .string(let rawID)? = v["id"] { report.definedKeys.append(rawID) }
            guard let r = FieldReader(v, file: file, record: "record \(i + 1)", problems: problems),
                let c = Contact.decode(r)
            else { continue }
            if !seen.insert(c.id).inserted {
                problems.add(file: file, record: "contact \(c.id)", field: "id", "duplicate contact id")
            }
            for (j, link) in c.students.enumerated() {
                report.studentReferences.append(("contact \(c.id)", "students[\(j)].student", link.student))
            }
            if let school { report.warnings += PhoneWarnings.check(c, countryCode: school.countryCode, file: file) }
        }
        report.records = values.count
        report.problems += problems.problems
        return report
    }

    /// What a reference to a student `students.json` does not hold says.
    static func unknownStudent(_ student: String, school: String) -> String {
        "unknown student \(Quote.clip(student)) (not in \(StoreLayout.studentsFile(school)))"
    }

    /// The rule for every id that becomes part of a file name or path.
    static let identifierRule = "ids are 1 to 64 letters, digits, hyphens and underscores"

    func checkYearly(kind: StoreLayout.YearlyKind, year: AcademicYear, file: String, zone: SchoolTimeZone) -> FileReport
    {
        var report = FileReport(file: file)
        return withFile(file, &report) { checkYearly(kind: kind, year: year, file: file, zone: zone, bytes: $0) }
    }

    /// A yearly file's checks on its bytes: the fast path, else the decoders.
    func checkYearly(
        kind: StoreLayout.YearlyKind, year: AcademicYear, file: String, zone: SchoolTimeZone,
        bytes: UnsafeBufferPointer<UInt8>
    ) -> FileReport {
        var report = FileReport(file: file)
        if usesFastPath, let fast = FastYearlyCheck(file: file, kind: kind, year: year).run(bytes) { return fast }
        guard let values = parseRecords(Array(bytes), file, &report) else { return report }
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
                    problems.add(
                        file: file, record: "student \(e!.student)", field: "events",
                        "event \(Quote.clip(ev.id)) dated \(ev.date) is outside academic year \(year)")
                }
            case .assessments:
                let a = StudentAssessments.decode(r)
                key = a?.student
                eventIDs = a?.results.map(\.id) ?? []
            case .calendar:
                let e = CalendarEvent.decode(r)
                key = e?.id
                if let e, e.isHoliday, e.start.days(until: e.lastDay) < 400 {
                    var d = e.start
                    while d <= e.lastDay {
                        report.holidayDays[d] = e.title
                        d = d.adding(days: 1)
                    }
                }
            }
            guard let key else { continue }
            let label = kind.isPerStudent ? "student \(key)" : "event \(key)"
            if !seen.insert(key).inserted {
                problems.add(
                    file: file, record: label, field: kind.keyField,
                    kind.isPerStudent ? "a second record for this student" : "duplicate event id")
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

    /// An attendance file: the records, then marks after a leaver's leaving
    /// date and on half-term or holiday days, as warnings.
    func checkAttendance(year: AcademicYear, file: String, zone: SchoolTimeZone, check: AttendanceCheck) -> FileReport {
        var report = FileReport(file: file)
        return withFile(file, &report) { checkAttendance(year: year, file: file, zone: zone, check: check, bytes: $0) }
    }

    /// An attendance file's checks on its bytes: the fast path, else the decoders.
    func checkAttendance(
        year: AcademicYear, file: String, zone: SchoolTimeZone, check: AttendanceCheck,
        bytes: UnsafeBufferPointer<UInt8>
    ) -> FileReport {
        var report = FileReport(file: file)
        if usesFastPath, let fast = FastAttendanceCheck(file: file, year: year, check: check).run(bytes) { return fast }
        guard let values = parseRecords(Array(bytes), file, &report) else { return report }
        let problems = ProblemList()
        var seen = Set<String>()
        var warnings = AttendanceCheck.Findings(file: file)
        let terms = check.terms(in: year)
        for (i, v) in values.enumerated() {
            guard let r = FieldReader(v, file: file, record: "record \(i + 1)", problems: problems),
                let a = StudentAttendance.decode(r, zone: zone, academicYear: year)
            else { continue }
            report.marks += a.marks.count
            let label = "student \(a.student)"
            if !seen.insert(a.student).inserted {
                problems.add(file: file, record: label, field: "student", "a second record for this student")
            }
            report.definedKeys.append(a.student)
            report.studentReferences.append((label, "student", a.student))
            check.inspect(a, terms: terms, into: &warnings)
        }
        report.records = values.count
        report.problems += problems.problems
        report.warnings += warnings.lines()
        return report
    }

    func checkMessages(year: AcademicYear, scope: MessageScope, file: String, zone: SchoolTimeZone) -> FileReport {
        var report = FileReport(file: file)
        return withFile(file, &report) { checkMessages(year: year, scope: scope, file: file, zone: zone, bytes: $0) }
    }

    /// A message file's checks on its bytes: the fast path, else the decoders.
    func checkMessages(
        year: AcademicYear, scope: MessageScope, file: String, zone: SchoolTimeZone, bytes: UnsafeBufferPointer<UInt8>
    ) -> FileReport {
        var report = FileReport(file: file)
        switch scope {
        case .student(let s): report.studentReferences.append(("file", "scope", s))
        case .group(let g): report.scopeReference = "\(year) group \(g)"
        case .year(let y): report.scopeReference = "\(year) year \(y)"
        case .school: break
        }
        if usesFastPath, let fast = FastMessageCheck(year: year, zone: zone).run(bytes, report: report) { return fast }
        guard let values = parseRecords(Array(bytes), file, &report) else { return report }
        let problems = ProblemList()
        for (i, v) in values.enumerated() {
            guard let r = FieldReader(v, file: file, record: "record \(i + 1)", problems: problems),
                let m = SchoolMessage.decode(r)
            else { continue }
            report.messageIDs.append(m.id)
            if !m.attachments.isEmpty { report.attachments.append((m.id, m.attachments)) }
            let sentDay = zone.civilDate(of: m.sentAt)
            if !year.contains(sentDay) {
                problems.add(
                    file: file, record: "message \(m.id)", field: "sentAt",
                    "sent on \(sentDay), outside academic year \(year) of this file")
            }
            for (j, c) in (m.contacts ?? []).enumerated() {
                report.contactReferences.append(("message \(m.id)", "contacts[\(j)]", c))
            }
        }
        report.problems += problems.problems
        return report
    }

    func checkWriteBack(kind: Int, file: String, name: String, school: School?) -> FileReport {
        var report = FileReport(file: file)
        guard name.hasSuffix(".json") else {
            report.problems.append(StoreProblem(file: file, message: "unexpected file (expected <key>.json)"))
            return report
        }
        let stem = String(name.dropLast(5))
        let bytes: [UInt8]
        do { bytes = try store.layout.read(file) } catch {
            // Gone since the folder was listed: a parent's device withdrew
            // it meanwhile (a registration at logout), which is no problem
            // of the store ("missing" was said while the app logged out).
            if error == .missing { return report }
            report.problems.append(StoreProblem(file: file, message: error.description))
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
        let key: (label: String, field: String, value: String)?
        switch kind {
        case 0:
            if let item = InboxItem.decode(r) {
                key = ("item \(item.key)", "key", item.key)
                for (j, c) in item.contacts.enumerated() {
                    report.contactReferences.append(("item \(item.key)", "contacts[\(j)]", c))
                }
                for (j, s) in item.students.enumerated() {
                    report.studentReferences.append(("item \(item.key)", "students[\(j)]", s))
                }
                if let reply = item.inReplyTo {
                    report.messageReferences.append(("item \(item.key)", "inReplyTo", reply))
                }
                // An absence report covers school days as the parent's app
                // found them when it was made: a day within the school's
                // terms that is a holiday now is a warning (the school may
                // have moved a half term since), never a problem that would
                // make the store invalid and stop the school side.
                if let absence = item.absence {
                    for (i, s) in absence.sessions.enumerated() {
                        report.absenceDays.append(("item \(item.key)", "absence.sessions[\(i)]", s.date))
                    }
                }
                if let absence = item.absence, let school, let first = school.terms.map(\.start).min(),
                    let last = school.terms.map(\.end).max()
                {
                    for (i, s) in absence.sessions.enumerated()
                    where s.date >= first && s.date <= last && !school.isSchoolDay(s.date) {
                        report.warnings.append(
                            StoreProblem(
                                file: file, record: "item \(item.key)", field: "absence.sessions[\(i)]",
                                message:
                                    "\(s) is in a holiday at \(school.name) now (not a school day in its terms): the calendar changed after the report, or the record was written by hand"
                            ))
                    }
                    // A bank holiday in term, which the app's form refuses
                    // for a school on UK time: a warning, as a holiday is.
                    if school.timezone == "Europe/London" {
                        for (i, s) in absence.sessions.enumerated() where school.isSchoolDay(s.date) {
                            if let name = BankHolidays.englandAndWales(s.date.year)[s.date] {
                                report.warnings.append(
                                    StoreProblem(
                                        file: file, record: "item \(item.key)", field: "absence.sessions[\(i)]",
                                        message:
                                            "\(s) is a bank holiday (\(name)): schools in England and Wales are closed; the record was written by hand, or by another app"
                                    ))
                            }
                        }
                    }
                }
                // `late` is what `createdAt` makes it (school time: a day
                // before the report's, or that day's session once begun, at
                // 09:00 or 13:30): a report saying it came in time for a
                // session already begun tells the office wrong.
                if let absence = item.absence, !absence.late, let school {
                    let made = school.zone.civilDate(of: item.createdAt)
                    let minutes = school.zone.minutesAfterMidnight(of: item.createdAt)
                    if let begun = absence.sessions.first(where: { s in
                        s.date < made || (s.date == made && minutes >= (s.session == .am ? 9 * 60 : 13 * 60 + 30))
                    }) {
                        problems.add(
                            file: file, record: "item \(item.key)", field: "absence.late",
                            "false, but \(begun) had begun when the report was made (\(Timestamp.format(item.createdAt))): it is a late report"
                        )
                    }
                }
            } else {
                key = nil
            }
        case 1:
            if let receipt = ReadReceipt.decode(r) {
                key = ("receipt \(receipt.key)", "key", receipt.key)
                for (j, c) in receipt.contacts.enumerated() {
                    report.contactReferences.append(("receipt \(receipt.key)", "contacts[\(j)]", c))
                }
                report.messageReferences.append(("receipt \(receipt.key)", "message", receipt.message))
            } else {
                key = nil
            }
        case 3:
            if let ack = AbsenceAcknowledgement.decode(r) {
                key = ("acknowledgement \(ack.report)", "report", ack.report)
                if MessageScope.isValidIdentifier(ack.report), ack.report == stem {
                    let inbox = "\(StoreLayout.inboxDirectory(id))/\(ack.report).json"
                    if store.layout.stamp(inbox) == nil {
                        problems.add(
                            file: file, record: "acknowledgement \(ack.report)", field: "report",
                            "no absence report \(ack.report) in \(StoreLayout.inboxDirectory(id))/")
                    } else if let bytes = try? store.layout.read(inbox), let value = try? JSONParser.parse(bytes),
                        let reader = FieldReader(value, file: inbox, record: nil, problems: ProblemList()),
                        let item = InboxItem.decode(reader)
                    {
                        if item.absence == nil {
                            // Only an absence report is acknowledged (`school
                            // acknowledge` refuses a message; validate took one).
                            problems.add(
                                file: file, record: "acknowledgement \(ack.report)", field: "report",
                                "\(ack.report) in \(StoreLayout.inboxDirectory(id))/ is a message, not an absence report: only absence reports are acknowledged"
                            )
                        } else if ack.acknowledgedAt < item.createdAt {
                            // The school cannot have read a report before it was made.
                            problems.add(
                                file: file, record: "acknowledgement \(ack.report)", field: "acknowledgedAt",
                                "\(Timestamp.format(ack.acknowledgedAt)) is before the report was made (\(Timestamp.format(item.createdAt)))"
                            )
                        }
                    }
                }
            } else {
                key = nil
            }
        default:
            if let reg = NotificationRegistration.decode(r) {
                key = ("registration \(reg.id)", "id", reg.id)
                for (j, c) in reg.contacts.enumerated() {
                    report.contactReferences.append(("registration \(reg.id)", "contacts[\(j)]", c))
                }
            } else {
                key = nil
            }
        }
        if let key {
            if key.value != stem {
                problems.add(file: file, record: key.label, field: key.field, "does not match the file name \(name)")
            } else if !MessageScope.isValidIdentifier(key.value) {
                problems.add(file: file, record: key.label, field: key.field, SchoolValidation.identifierRule)
            }
        }
        report.problems += problems.problems
        return report
    }
}
