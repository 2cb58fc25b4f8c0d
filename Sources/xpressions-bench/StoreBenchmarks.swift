import Foundation
import ParentCore
import SchoolStore

/// Issue #2's figures: validating a 2,000-student school with 5 years of
/// data, and reading one family at 200 and at 20,000 students per school;
/// and `store audit` on 500 schools.
enum StoreBenchmarks {
    /// A generated store, made once and kept in the work directory.
    static func store(_ work: String, schools: Int, students: Int, years: Int, seed: UInt64 = 1) throws -> String {
        let dir = "\(work)/store-\(schools)x\(students)-y\(years)-s\(seed)"
        if RawFile.exists("\(dir)/store.json") { return dir }
        try? FileManager.default.removeItem(atPath: dir)
        let start = BenchClock.now()
        try StoreGenerator(
            options: GeneratorOptions(schools: schools, studentsPerSchool: students, years: years, seed: seed)
        ).generate(into: dir)
        print("generated \(dir) in \(BenchTable.format(BenchClock.now() - start))")
        return dir
    }

    /// All the bytes of a store's data files, read once: the I/O floor any
    /// whole-store operation pays.
    static func readEverything(_ root: String) -> Int {
        var total = 0
        let e = FileManager.default.enumerator(atPath: root)!
        while let p = e.nextObject() as? String {
            if p.hasPrefix(".index") {
                e.skipDescendants()
                continue
            }
            if p.hasSuffix(".json"), let b = try? RawFile.read("\(root)/\(p)") { total += b.count }
        }
        return total
    }

    /// A family: a contact with the most children, and everything the app
    /// shows about them, read through the store's per-record API.
    static func family(in store: FileStore, school: String) throws -> [String] {
        let contacts = try store.allContacts(school: school)
        let c = contacts.max { $0.students.count < $1.students.count }!
        return [c.id]
    }

    @discardableResult
    static func readFamily(_ store: FileStore, school: String, contactID: String) throws -> Int {
        var items = 0
        guard let contact = try store.contact(contactID, school: school)?.value else { return 0 }
        for link in contact.students {
            guard let student = try store.student(link.student, school: school)?.value else { continue }
            for e in student.enrolments {
                let y = e.academicYear
                items += try store.attendance(student: student.id, school: school, year: y)?.value.marks.count ?? 0
                items += try store.behaviour(student: student.id, school: school, year: y)?.value.events.count ?? 0
                items += try store.achievements(student: student.id, school: school, year: y)?.value.events.count ?? 0
                items += try store.assessments(student: student.id, school: school, year: y)?.value.results.count ?? 0
                items += try store.timetable(student: student.id, school: school, year: y)?.value.lessons.count ?? 0
                for scope in [MessageScope.school, .year(e.year), .group(e.registrationGroup), .student(student.id)] {
                    items += try store.messages(school: school, year: y, scope: scope).value.count
                }
            }
        }
        return items
    }

    /// `store audit`'s work (every school's contacts checked by the login
    /// rules, the report's text) on the README's 500-school store, against
    /// reading the files it reads once.
    static func audit(work: String, quick: Bool, into table: inout BenchTable) throws {
        let schools = quick ? 50 : 500
        let dir = "\(work)/audit-\(schools)x200"
        if !RawFile.exists("\(dir)/store.json") {
            try? FileManager.default.removeItem(atPath: dir)
            try StoreGenerator(
                options: GeneratorOptions(schools: schools, studentsPerSchool: 200, years: 0, seed: 1, photos: false)
            ).generate(into: dir)
        }
        let ids = try FileStore(root: dir).schoolIDs()
        let read = "read every school's school, contacts and students files once (\(schools) schools)"
        table.add(
            read,
            BenchClock.measure(runs: 5, warmup: 1) {
                for id in ids {
                    for file in ["school", "contacts", "students"] {
                        _ = try? RawFile.read("\(dir)/schools/\(id)/\(file).json")
                    }
                }
            })
        var contacts = 0
        table.add(
            "store audit of those \(schools) schools, 200 students each (the report's text too)",
            try BenchClock.measure(runs: quick ? 3 : 5, warmup: 1) {
                let store = try FileStore(root: dir)
                let (audits, unaudited) = StoreAudit(store: store, at: Date()).runAll(schools: ids)
                precondition(unaudited.isEmpty, "benchmark store unreadable")
                contacts = audits.reduce(0) { $0 + $1.contacts }
                _ = StoreAuditReport(audits: audits, unaudited: unaudited).text()
            }, reference: read, note: "\(contacts) contacts with parental responsibility")
    }

    static func run(work: String, quick: Bool) throws -> BenchTable {
        var table = BenchTable(title: "Store (issue #2)")
        let big = try store(work, schools: 1, students: quick ? 400 : 2000, years: 5)
        let bytes = readEverything(big)
        // Read and validate alternate, so that a change in the machine's load
        // during the run weighs on both.
        let read = "read every data file of a \(quick ? 400 : 2000)-student, 5-year school (\(bytes / 1_000_000) MB)"
        var readSamples: [UInt64] = []
        var validateSamples: [UInt64] = []
        _ = readEverything(big)
        _ = StoreValidator(root: big).validate()
        for _ in 0..<7 {
            readSamples += BenchClock.measure(runs: 1, warmup: 0) { _ = readEverything(big) }
            validateSamples += BenchClock.measure(runs: 1, warmup: 0) {
                let report = StoreValidator(root: big).validate()
                precondition(report.isValid, "benchmark store invalid: \(report.problems.prefix(3))")
            }
        }
        table.add(read, readSamples)
        table.add("validate that school", validateSamples, reference: read, note: "target ≤ 3x")
        var decodersOnly = StoreValidator(root: big)
        decodersOnly.usesFastPath = false
        table.add(
            "validate that school with the full decoders only (the validator before the fast path)",
            BenchClock.measure(runs: 3) {
                let report = decodersOnly.validate()
                precondition(report.isValid, "benchmark store invalid: \(report.problems.prefix(3))")
            }, reference: read)

        try audit(work: work, quick: quick, into: &table)

        let small = try store(work, schools: 1, students: 200, years: 1, seed: 3)
        let huge = try store(work, schools: 1, students: quick ? 2000 : 20_000, years: 1, seed: 3)
        try StoreIndexer(root: small).buildAll()
        try StoreIndexer(root: huge).buildAll()
        for (label, root) in [("200", small), (quick ? "2,000" : "20,000", huge)] {
            let store = try FileStore(root: root)
            let school = store.schoolIDs()[0]
            let contact = try family(in: store, school: school)[0]
            var items = 0
            let samples = try BenchClock.measure(runs: 30, warmup: 3) {
                let fresh = try FileStore(root: root)  // a new process's view: indexes come from .index/
                items = try readFamily(fresh, school: school, contactID: contact)
            }
            table.add(
                "read one family at \(label) students per school", samples,
                reference: label == "200" ? nil : "read one family at 200 students per school",
                note: "\(items) items, indexes on disk")
        }
        if let v = table.median(of: "validate that school"), let r = table.median(of: read), r > 0 {
            let ratio = Double(v) / Double(r)
            table.footer.append(
                String(
                    format: "validate against a plain read: %.2fx (goal ≤ 3x): %@", ratio,
                    ratio <= 3 ? "met" : "NOT MET"))
        }
        return table
    }
}
