import Foundation
import Testing

@testable import SchoolStore

@Suite struct StoreFormatTests {
    static var demoPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Assets/demo-store").path
    }

    @Test func theCommittedDemoStoreIsExactlyWhatTheBuilderWrites() throws {
        var expected: [String: [UInt8]] = [:]
        DemoStoreBuilder().generate { expected[$0] = $1 }
        var onDisk: [String] = []
        let root = StoreFormatTests.demoPath
        let enumerator = FileManager.default.enumerator(atPath: root)!
        while let path = enumerator.nextObject() as? String {
            if path.hasPrefix(".index") {
                enumerator.skipDescendants()
                continue
            }
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: "\(root)/\(path)", isDirectory: &isDir), !isDir.boolValue {
                onDisk.append(path)
            }
        }
        #expect(
            Set(onDisk) == Set(expected.keys),
            "Assets/demo-store is out of date: run `swift run xpressions store generate --demo` into a fresh directory and replace it"
        )
        for (path, bytes) in expected {
            let actual = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(root)/\(path)")))
            #expect(actual == bytes, "\(path) differs from DemoStoreBuilder output")
        }
    }

    @Test func theDemoStoreValidates() {
        let report = StoreValidator(root: StoreFormatTests.demoPath).validate()
        #expect(report.problems.map(\.description) == [])
        #expect(report.schools == 2)
        #expect(report.attendanceMarks > 50_000)
    }

    @Test func everyDemoFileRoundTripsThroughTheModel() throws {
        // Decode every record and encode it again: the bytes must not change.
        let store = try FileStore(root: StoreFormatTests.demoPath)
        let writer = JSONWriter()
        for id in store.schoolIDs() {
            let school = try store.school(id)
            let zone = school.zone
            func same(_ file: String, _ encoded: [UInt8]) throws {
                let original = try RawFile.read(store.layout.absolute(file))
                #expect(original == encoded, "\(file) does not round-trip")
            }
            try same(StoreLayout.schoolFile(id), writer.write(school.json))
            try same(
                StoreLayout.studentsFile(id),
                writer.writeRecords(try store.allStudents(school: id).map { $0.json(zone: zone) }))
            try same(
                StoreLayout.contactsFile(id),
                writer.writeRecords(try store.allContacts(school: id).map { $0.json(zone: zone) }))
            for year in store.messageYears(school: id) {
                for scope in store.messageScopes(school: id, year: year) {
                    let messages = try store.messages(school: id, year: year, scope: scope).value
                    try same(
                        StoreLayout.messagesFile(id, year, scope),
                        writer.writeRecords(messages.map { $0.json(zone: zone) }))
                }
            }
            for year in store.academicYears(school: id, kind: .behaviour) {
                let students = try store.allStudents(school: id)
                var records: [JSONValue] = []
                for s in students where s.enrolments.contains(where: { $0.academicYear == year }) {
                    if let r = try store.behaviour(student: s.id, school: id, year: year) {
                        records.append(r.value.json(zone: zone))
                    }
                }
                try same(StoreLayout.recordFile(id, .behaviour, year), writer.writeRecords(records))
            }
        }
    }

    @Test func oneRecordIsReadThroughTheIndexAndAnEditIsNoticed() throws {
        let store = try TinyStore()
        defer { store.remove() }
        let fs = try FileStore(root: store.root)
        let ben = try #require(try fs.student("S1", school: "green-abbey"))
        #expect(ben.value.fullName == "Ben Abbot")
        #expect(try fs.student("S9", school: "green-abbey") == nil)
        #expect(FileManager.default.fileExists(atPath: "\(store.root)/.index/schools/green-abbey/students.json.id.idx"))
        // A hand edit: the stale index is rebuilt and the new record found.
        let path = "\(store.root)/schools/green-abbey/students.json"
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(
            of: #""id": "S2", "forename": "Amy""#, with: #""id": "S3", "forename": "Amélie""#)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        #expect(try fs.student("S3", school: "green-abbey")?.value.forename == "Amélie")
        #expect(try fs.student("S2", school: "green-abbey") == nil)
        let marks = try #require(
            try fs.attendance(student: "S1", school: "green-abbey", year: AcademicYear(startYear: 2025)))
        #expect(marks.value.marks.map(\.code.code) == ["/", "I"])
    }

    @Test func generatorIsDeterministicAndValid() throws {
        let options = GeneratorOptions(schools: 2, studentsPerSchool: 60, years: 2, seed: 42)
        var a: [String: [UInt8]] = [:]
        var b: [String: [UInt8]] = [:]
        let g = StoreGenerator(options: options)
        for i in 0..<2 { g.generateSchool(i) { a[$0] = $1 } }
        for i in 0..<2 { g.generateSchool(i) { b[$0] = $1 } }
        #expect(a == b)
        var c: [String: [UInt8]] = [:]
        StoreGenerator(options: GeneratorOptions(schools: 2, studentsPerSchool: 60, years: 2, seed: 43)).generateSchool(
            0
        ) { c[$0] = $1 }
        #expect(c[StoreLayout.contactsFile("school-0001")] != a[StoreLayout.contactsFile("school-0001")])

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gen-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try g.generate(into: dir)
        let report = StoreValidator(root: dir).validate()
        #expect(report.problems.map(\.description) == [])
        #expect(report.students == 120)
        #expect(throws: StoreGenerator.Failure.self) { try g.generate(into: dir) }  // refuses a non-empty directory
    }

    @Test func generatedFamiliesHaveRealisticShape() {
        let roster = StoreGenerator(options: GeneratorOptions(schools: 1, studentsPerSchool: 1000, years: 1, seed: 5))
            .roster(school: 0)
        #expect(roster.students.count == 1000)
        // Siblings share contact records; most families have two parents.
        let multiChild = roster.contacts.filter { $0.students.count > 1 }.count
        #expect(Double(multiChild) / Double(roster.contacts.count) > 0.25)
        let perStudent = Dictionary(
            grouping: roster.contacts.flatMap { c in c.students.map { ($0.student, c.id) } }, by: \.0)
        let withTwo = perStudent.values.filter { $0.count >= 2 }.count
        #expect(Double(withTwo) / 1000 > 0.7)
        #expect(roster.contacts.allSatisfy { !$0.students.isEmpty })
    }

    @Test func ppmImagesDecodeAndRejectGarbage() throws {
        let image = AvatarPainter.portrait(seed: 1)
        #expect(try PPMImage.decode(image.encode()) == image)
        #expect(throws: PPMImage.DecodeError.notPPM) { try PPMImage.decode(Array("P3\n1 1\n255\n0 0 0".utf8)) }
        #expect(throws: PPMImage.DecodeError.truncated(expected: 12, found: 3)) {
            try PPMImage.decode(Array("P6\n2 2\n255\n".utf8) + [1, 2, 3])
        }
    }
}
