import Foundation
import Testing

@testable import SchoolStore

/// One broken file gives one problem and a count of the checks skipped
/// because of it; every id that becomes part of a file name follows one rule.
@Suite struct CascadeAndIdentifierTests {
    func problems(_ overrides: [String: String?]) throws -> [String] {
        let store = try TinyStore(overriding: overrides)
        defer { store.remove() }
        return store.problems()
    }

    static let item =
        #"{"key": "k1", "contacts": ["C123"], "students": ["S1"], "topic": "Absence", "body": "Ill", "inReplyTo": "M1", "createdAt": "2026-03-16T08:00:00Z"}"#

    @Test func aTruncatedStudentsFileIsOneProblemAndOneSkipLine() throws {
        let text = TinyStore.files["schools/green-abbey/students.json"]!
        let p = try problems(["schools/green-abbey/students.json": String(text.prefix(60))])
        #expect(p.count == 2)
        #expect(p[0].hasPrefix("schools/green-abbey/students.json: malformed JSON at line "))
        #expect(p[1] == "schools/green-abbey/students.json: 4 checks that depend on students.json skipped")
    }

    /// `[]` written over students.json (or contacts.json): one problem
    /// saying so, not one "unknown student" per reference.
    @Test func anEmptiedStudentsOrContactsFileIsOneProblemNotACascade() throws {
        #expect(
            try problems(["schools/green-abbey/students.json": "[]"]) == [
                "schools/green-abbey/students.json: lists no students, but other files of the school refer to students",
                "schools/green-abbey/students.json: 4 checks that depend on students.json skipped",
            ])
        #expect(
            try problems(["schools/green-abbey/contacts.json": "[]", "schools/green-abbey/inbox/k1.json": Self.item])
                == [
                    "schools/green-abbey/contacts.json: lists no contacts, but other files of the school refer to contacts",
                    "schools/green-abbey/contacts.json: 1 check that depends on contacts.json skipped",
                ])
    }

    /// A message file emptied while its messages' attachment folders stay:
    /// one line for the folders, not one per folder (the audit saw 24); a
    /// message that cannot be read: its problem, and the folder checks
    /// counted as skipped rather than the folder called unexpected.
    @Test func attachmentFoldersOfAnEmptiedMessageFileAreOneLine() throws {
        let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Assets/demo-store").path
        let copy = NSTemporaryDirectory() + "xpressions-cascade-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: copy) }
        try FileManager.default.copyItem(atPath: demo, toPath: copy)
        try? FileManager.default.removeItem(atPath: "\(copy)/.index")
        let school = "\(copy)/schools/green-abbey/messages/2025-26/school.json"
        let original = try String(contentsOfFile: school, encoding: .utf8)
        try "[]".write(toFile: school, atomically: true, encoding: .utf8)
        let files = "schools/green-abbey/messages/2025-26/files"
        let emptied = StoreValidator(root: copy).validate().problems.map(\.description).filter { $0.contains(files) }
        #expect(emptied.count == 1, "\(emptied)")
        #expect(emptied.first?.contains("folders name no message in") == true)
        #expect(emptied.first?.contains("a message file there looks emptied or cut short") == true)

        // One message's category made unreadable: its problem, and one skip line.
        let id = "M2025-000803"  // a message with a folder of files
        let broken = original.replacingOccurrences(
            of: "\"id\": \"\(id)\",\n    \"category\": \"", with: "\"id\": \"\(id)\",\n    \"category\": \"x")
        #expect(broken != original)
        try broken.write(toFile: school, atomically: true, encoding: .utf8)
        let problems = StoreValidator(root: copy).validate().problems.map(\.description)
        #expect(problems.contains { $0.contains("message \(id): category") }, "\(problems)")
        #expect(!problems.contains { $0.contains("unexpected: no message") }, "\(problems)")
        #expect(problems.contains { $0.contains("check of attachment folders that depend on") }, "\(problems)")
    }

    @Test func brokenContactsAndMessageFilesSkipTheChecksThatNeedThem() throws {
        let p = try problems(["schools/green-abbey/contacts.json": "[", "schools/green-abbey/inbox/k1.json": Self.item])
        #expect(
            p == [
                "schools/green-abbey/contacts.json: malformed JSON at line 1, column 2: unexpected end of file: expected a value",
                "schools/green-abbey/contacts.json: 1 check that depends on contacts.json skipped",
            ])
        let q = try problems([
            "schools/green-abbey/messages/2025-26/group-9A.json": "{}", "schools/green-abbey/inbox/k1.json": Self.item,
        ])
        #expect(
            q == [
                "schools/green-abbey/messages/2025-26/group-9A.json: malformed JSON at line 1, column 1: the file must hold a JSON array of records, found an object",
                "schools/green-abbey/messages/2025-26/group-9A.json: 1 check that depends on the message files skipped",
            ])
        // A school.json emptied to {}: one problem, not one per missing field (13).
        let empty = try problems(["schools/green-abbey/school.json": "{}"])
        #expect(
            empty.filter { $0.hasPrefix("schools/green-abbey/school.json") } == [
                "schools/green-abbey/school.json: holds none of a school's fields (id, name, serviceLevel, …): the file looks emptied"
            ], "\(empty)")
        // A year's messages folder replaced by a file: the replies' checks
        // are skipped too (each was warned of a message "the school removed").
        let y = try TinyStore(overriding: ["schools/green-abbey/inbox/k1.json": Self.item])
        defer { y.remove() }
        let year = "\(y.root)/schools/green-abbey/messages/2025-26"
        try FileManager.default.removeItem(atPath: year)
        try Data("x".utf8).write(to: URL(fileURLWithPath: year))
        #expect(y.warnings().filter { $0.contains("inbox/") } == [], "\(y.warnings())")
        #expect(
            y.problems().contains(
                "schools/green-abbey/messages/2025-26: 1 check that depends on the message files skipped"),
            "\(y.problems())")
        // A healthy store still checks them: a reply to a message the school
        // took back is a warning (the school's edit keeps its store valid).
        let r = try TinyStore(overriding: [
            "schools/green-abbey/inbox/k1.json": Self.item.replacingOccurrences(of: "\"M1\"", with: "\"M9\"")
        ])
        defer { r.remove() }
        #expect(r.problems() == [])
        #expect(
            r.warnings().filter { $0.contains("inbox/") } == [
                "schools/green-abbey/inbox/k1.json: item k1: inReplyTo: unknown message M9: the school removed it after a parent's app wrote this record, which stays as written"
            ])
    }

    @Test func idsThatNameFilesFollowTheMessageIdRuleInEveryRecordType() throws {
        let rule = "ids are 1 to 64 letters, digits, hyphens and underscores"
        let calendar =
            #"[{"id": "a/b", "title": "Open evening", "start": "2026-03-19", "category": "Event", "publishedAt": "2026-03-01T09:00:00Z"}]"#
        #expect(
            try problems(["schools/green-abbey/calendar/2025-26.json": calendar]) == [
                "schools/green-abbey/calendar/2025-26.json: event a/b: id: \(rule)"
            ])
        let behaviour =
            #"[{"student": "S1", "events": [{"id": "../x", "date": "2026-03-16", "recordedAt": "2026-03-16T10:00:00Z", "publishedAt": "2026-03-16T11:00:00Z", "type": "Late", "points": -1, "description": "Late", "staff": "Mr A"}]}]"#
        #expect(
            try problems(["schools/green-abbey/behaviour/2025-26.json": behaviour]) == [
                #"schools/green-abbey/behaviour/2025-26.json: student S1: events[0].id: "../x": \#(rule)"#
            ])
        let achievements = behaviour.replacingOccurrences(of: "../x", with: "A 1")
        #expect(
            try problems(["schools/green-abbey/achievements/2025-26.json": achievements]) == [
                #"schools/green-abbey/achievements/2025-26.json: student S1: events[0].id: "A 1": \#(rule)"#
            ])
        let assessments =
            #"[{"student": "S1", "results": [{"id": "r/1", "subject": "Maths", "assessment": "Mock", "grade": "6", "date": "2026-03-10", "publishedAt": "2026-03-11T09:00:00Z"}]}]"#
        #expect(
            try problems(["schools/green-abbey/assessments/2025-26.json": assessments]) == [
                #"schools/green-abbey/assessments/2025-26.json: student S1: results[0].id: "r/1": \#(rule)"#
            ])
        let spaced = Self.item.replacingOccurrences(of: "\"k1\"", with: "\"k 1\"")
        #expect(
            try problems(["schools/green-abbey/inbox/k 1.json": spaced]) == [
                "schools/green-abbey/inbox/k 1.json: item k 1: key: \(rule)"
            ])
    }

    /// A student id students.json refuses is one problem there, and the
    /// references to it elsewhere are counted as skipped, not said again
    /// in every file (39 bad ids gave 470 "unknown student" lines).
    @Test func aRefusedStudentIdIsOneProblemNotOnePerReference() throws {
        let p = try problems(TinyStore.edit("schools/green-abbey/students.json", #""id": "S1""#, #""id": "S 1""#))
        #expect(p.count == 2, "\(p)")
        #expect(
            p.first?.contains("students.json: student \"S 1\": id: ") == true || p.first?.contains("id:") == true,
            "\(p)")
        #expect(p.last?.hasSuffix("that depend on students.json skipped") == true, "\(p)")
        #expect(!p.contains { $0.contains("unknown student S1") }, "\(p)")
    }

    /// A whole number far too big is out of range, not "a fraction".
    @Test func aHugeWholeNumberIsOutOfRange() throws {
        let p = try problems(
            TinyStore.edit(
                "schools/green-abbey/school.json", #""mis": "SIMS","#,
                #""mis": "SIMS", "leaverPersistenceMonths": 10000000000000000000000000000000000000000,"#))
        #expect(
            p.contains {
                $0.hasSuffix("leaverPersistenceMonths: a number of 16 or more digits is out of range 0...120")
            }, "\(p)")
    }

    /// The messages folder itself refused (a file in its place): the checks
    /// that depend on the message files are skipped, never a warning per
    /// receipt of a message "the school removed".
    @Test func aRefusedMessagesFolderSkipsTheChecksOnMessages() throws {
        var overrides: [String: String?] = [:]
        for i in 0..<5 {
            overrides["schools/green-abbey/receipts/r\(i).json"] =
                #"{"key": "r\#(i)", "message": "M1", "contacts": ["C123"], "readAt": "2026-03-16T09:00:00Z"}"#
        }
        let store = try TinyStore(overriding: overrides)
        defer { store.remove() }
        #expect(store.problems().isEmpty && store.warnings().isEmpty, "\(store.problems()) \(store.warnings())")
        let messages = "\(store.root)/schools/green-abbey/messages"
        try FileManager.default.removeItem(atPath: messages)
        try "x".write(toFile: messages, atomically: true, encoding: .utf8)
        #expect(!store.warnings().contains { $0.contains("the school removed it") }, "\(store.warnings())")
        #expect(store.problems().contains { $0.contains("checks that depend on the message files skipped") })
    }

    @Test func theWriterNeverWritesARecordNamedOutsideItsDirectory() throws {
        let store = try TinyStore()
        defer { store.remove() }
        let writer = StoreWriter(root: store.root, files: PosixFileLayer())
        let item = InboxItem(
            key: "../../escape", contacts: ["C123"], students: ["S1"], topic: "Absence", body: "x", createdAt: Date())
        #expect(throws: StoreProblems.self) { try writer.deliver(item, school: "green-abbey", zone: .utc) }
        #expect(!FileManager.default.fileExists(atPath: "\(store.root)/schools/escape.json"))
        #expect(throws: StoreProblems.self) { try writer.unregister(id: "../contacts", school: "green-abbey") }
        #expect(FileManager.default.fileExists(atPath: "\(store.root)/schools/green-abbey/contacts.json"))
        #expect(throws: StoreProblems.self) { try FileStore(root: store.root).school("../green-abbey") }
    }
}
