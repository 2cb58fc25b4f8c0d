import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// A sync never withdraws data because a store file is unreadable or
/// invalid: the school's last good state is kept, with a problem naming the
/// file, until a valid store says otherwise. One broken school never stops
/// another.
@Suite struct StoreFaultTests {
    typealias F = SyncFixture
    static let year = AcademicYear(startYear: 2025)

    /// Syncs once, breaks the store with `damage`, syncs again: returns the
    /// report, after checking that Green Abbey kept everything and says so.
    /// `heldBack`: only the broken file's data is held at its last good
    /// state (a year's file, a message file): the school syncs the rest
    /// and still has the problem; otherwise the whole school is not synced.
    static func brokenGreenAbbey(_ f: F, file: String, heldBack: Bool = false, _ damage: () throws -> Void) throws
        -> SyncReport
    {
        let engine = try f.engine()
        try engine.sync()
        let before = engine.snapshot
        let files = engine.model.state.files
        try damage()
        f.clock.advance(by: 60)
        let report = try engine.sync()
        #expect(!report.isClean)
        let problem = try #require(report.problems.first { $0.school == "green-abbey" })
        #expect(problem.file == file)
        #expect(problem.description.hasPrefix("Green Abbey School: \(file): "))
        #expect(report.schools.allSatisfy { $0.messagesRemoved == 0 && $0.childrenRemoved.isEmpty })
        #expect(
            report.summaryLines.contains("Green Abbey School: not synced (kept the last good data)") == !heldBack,
            "\(report.summaryLines)")
        #expect(report.schools.first { $0.school == "green-abbey" }?.synced == heldBack)
        #expect(!report.summaryLines.contains { $0.contains("withdrawn") || $0.contains("removed") })
        let after = engine.snapshot
        #expect(after.children == before.children)
        #expect(after.messageCount == before.messageCount)
        // Every part as it was (a held-back file's cursor stays as it was
        // too, so it is looked at again; other files' cursors move on).
        #expect(
            engine.model.state.files.filter { $0.key.contains("green-abbey") && !$0.key.hasPrefix("cursors.") }
                == files.filter { $0.key.contains("green-abbey") && !$0.key.hasPrefix("cursors.") })
        let trouble = try #require(after.schoolTroubles["green-abbey"])
        #expect(trouble.file == file)
        #expect(trouble.since == f.clock.now())
        #expect(after.trouble(school: "riverside-primary") == nil)
        #expect(after.lastUpdated(school: "riverside-primary") == f.clock.now())  // the other school synced
        return report
    }

    @Test func aScopeFileReplacedByADirectoryIsUnreadableNotEmpty() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let file = StoreLayout.messagesFile("green-abbey", Self.year, .school)
            let report = try Self.brokenGreenAbbey(f, file: file, heldBack: true) {
                try FileManager.default.removeItem(atPath: "\(f.store)/\(file)")
                try FileManager.default.createDirectory(
                    atPath: "\(f.store)/\(file)", withIntermediateDirectories: false)
            }
            #expect(report.problems.first?.kind == .invalidStore)  // the store's problem, not out of reach
            #expect(report.problems.first?.message.contains("is a directory") == true)
        }
    }

    /// A FIFO in a message file's place is said as validate says it (sync
    /// said "not a regular file"), and holds back that file alone.
    @Test func aFIFOInAMessageFilesPlaceIsNamedAsOne() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let file = StoreLayout.messagesFile("green-abbey", Self.year, .school)
            let report = try Self.brokenGreenAbbey(f, file: file, heldBack: true) {
                try FileManager.default.removeItem(atPath: "\(f.store)/\(file)")
                #expect(mkfifo("\(f.store)/\(file)", 0o600) == 0)
            }
            let message = report.problems.first?.message ?? ""
            #expect(message.contains("is a FIFO (named pipe), not a regular file"), "\(message)")
        }
    }

    /// An id that cannot name a file (`../evil`, a space, a slash, 300,000
    /// characters) is refused by sync as by validate: the school keeps its
    /// last good state (sync took it, withdrawing the real message).
    @Test(arguments: ["../evil", "M 1", "a/b", "300,000 characters"])
    func anIdThatCannotNameAFileIsRefusedBySyncAsByValidate(_ label: String) throws {
        let bad = label.hasSuffix("characters") ? String(repeating: "M", count: 300_000) : label
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let messages = StoreLayout.messagesFile("green-abbey", Self.year, .school)
            let text = try String(contentsOfFile: "\(f.store)/\(messages)", encoding: .utf8)
            let id = try #require(text.firstMatch(of: /"id": "([^"]+)"/)?.1)
            _ = try Self.brokenGreenAbbey(f, file: messages, heldBack: true) {
                try text.replacingOccurrences(of: "\"id\": \"\(id)\"", with: "\"id\": \"\(bad)\"").write(
                    toFile: "\(f.store)/\(messages)", atomically: true, encoding: .utf8)
            }
            let validation = StoreValidator(root: f.store).validate().problems.map(\.description)
            #expect(
                validation.contains { $0.contains("id: ids are 1 to 64 letters, digits, hyphens and underscores") })
            // The id is quoted to about 80 characters, then its length.
            #expect(validation.allSatisfy { $0.count < 400 }, "a quote ran long")
            if bad.count > 1000 {
                #expect(
                    validation.contains { $0.contains("M…(300,000 characters): id: ") && $0.count < 300 },
                    "\(validation.map { String($0.prefix(150)) })")
            }
        }
    }

    /// The emptied file is the one named, as validate names it (the sync
    /// named the contact whose reference dangled).
    @Test func anEmptiedStudentsFileIsADanglingReferenceNotChildrenRemoved() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let report = try Self.brokenGreenAbbey(f, file: StoreLayout.studentsFile("green-abbey")) {
                try f.overwrite(StoreLayout.studentsFile("green-abbey"), with: "[]")
            }
            let problem = try #require(report.problems.first)
            #expect(problem.kind == .invalidStore)
            #expect(
                problem.message
                    == "schools/green-abbey/students.json: lists no students, but other files of the school refer to students"
            )
            #expect(try f.engine().snapshot.schoolTroubles["green-abbey"]?.kind == .invalid)
        }
    }

    /// A record whose id is a number (the parent's own contact, or their
    /// child's student record): the sync names the file, record and field
    /// as validate does. It said the contacts file "looks emptied", or
    /// blamed the contact for an unknown student.
    @Test(arguments: ["contacts", "students"])
    func aRecordWithANumberForItsIdIsNamedAsValidateNamesIt(_ which: String) throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let file =
                which == "contacts" ? StoreLayout.contactsFile("green-abbey") : StoreLayout.studentsFile("green-abbey")
            let id = which == "contacts" ? "GA-C-LIZ" : "GA-BEN"
            let report = try Self.brokenGreenAbbey(f, file: file) {
                try f.overwrite(
                    file, with: try f.read(file).replacingOccurrences(of: "\"id\": \"\(id)\"", with: "\"id\": 12"))
            }
            let problem = try #require(report.problems.first { $0.school == "green-abbey" })
            #expect(!problem.message.contains("looks emptied") && !problem.message.contains("unknown student"))
            let validation = StoreValidator(root: f.store).validate().problems.first
            #expect(problem.message == validation?.description, "\(problem.message) / \(validation?.description ?? "")")
        }
    }

    @Test func anEmptiedContactsFileWhileTheRegistrationNamesTheContactIsInvalid() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let registration = "schools/green-abbey/registrations/\(f.session.id).json"
            // Named as the emptied file it is, not as the registration that
            // still names the contact (support looked at the registration).
            let report = try Self.brokenGreenAbbey(f, file: StoreLayout.contactsFile("green-abbey")) {
                try f.overwrite(StoreLayout.contactsFile("green-abbey"), with: "[]")
            }
            #expect(report.problems.first?.message.contains("the file looks emptied") == true)
            // Without the registration too (it may have gone with a damaged
            // session), a file with no contact at all is still a fault: the
            // children stay, and the problem names contacts.json.
            try FileManager.default.removeItem(atPath: "\(f.store)/\(registration)")
            let engine = try f.engine()
            let emptied = try engine.sync()
            #expect(emptied.schools.first { $0.school == "green-abbey" }?.childrenRemoved ?? [] == [])
            #expect(
                emptied.problems.contains {
                    $0.file == StoreLayout.contactsFile("green-abbey") && $0.message.contains("looks emptied")
                }, "\(emptied.problems)")
            #expect(engine.snapshot.children.map(\.ref) == [F.ben, F.amy, F.tom])
            #expect(engine.snapshot.schoolTroubles["green-abbey"]?.kind == .invalid)
        }
    }

    @Test func aMessagesDirectoryOrYearReplacedByAFileIsUnreadable() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let messages = StoreLayout.messagesDirectory("green-abbey")
            let report = try Self.brokenGreenAbbey(f, file: messages) {
                try FileManager.default.moveItem(
                    atPath: "\(f.store)/\(messages)", toPath: "\(f.directory.path)/messages-away")
                try f.overwrite(messages, with: "")
            }
            // Said in words, as other folders are ("unreadable" alone said nothing).
            #expect(
                report.problems.first?.message.hasSuffix("messages: is a regular file, not a folder: refused") == true,
                "\(report.problems)")
            try FileManager.default.removeItem(atPath: "\(f.store)/\(messages)")
            try FileManager.default.moveItem(
                atPath: "\(f.directory.path)/messages-away", toPath: "\(f.store)/\(messages)")
            #expect(try f.engine().sync().problems.isEmpty)
        }
    }

    /// The fault test's case: the messages folder moved out of the store and
    /// a link left in its place. The store refuses to follow it, and the sync
    /// said "every message withdrawn"; it is a problem naming the folder.
    @Test func aMessagesFolderLinkedOutOfTheStoreWithdrawsNothing() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let messages = StoreLayout.messagesDirectory("green-abbey")
            let report = try Self.brokenGreenAbbey(f, file: messages) {
                try FileManager.default.moveItem(
                    atPath: "\(f.store)/\(messages)", toPath: "\(f.directory.path)/messages-away")
                try FileManager.default.createSymbolicLink(
                    atPath: "\(f.store)/\(messages)", withDestinationPath: "\(f.directory.path)/messages-away")
            }
            #expect(report.problems.first?.message.contains("outside") == true, "\(report.problems)")
        }
    }

    /// A year's folder linked out of the store, its files changed since the
    /// last sync (so they are read): one problem, of the folder, as
    /// validate says it (one for each file in it, before).
    @Test func aYearFolderLinkedOutOfTheStoreIsOneProblem() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let year = "\(StoreLayout.messagesDirectory("green-abbey"))/2025-26"
            let away = "\(f.directory.path)/year-away"
            try FileManager.default.moveItem(atPath: "\(f.store)/\(year)", toPath: away)
            try FileManager.default.createSymbolicLink(atPath: "\(f.store)/\(year)", withDestinationPath: away)
            let later = Date().addingTimeInterval(5)
            for name in try FileManager.default.contentsOfDirectory(atPath: away) where name.hasSuffix(".json") {
                try FileManager.default.setAttributes([.modificationDate: later], ofItemAtPath: "\(away)/\(name)")
            }
            let report = try engine.sync()
            let outside = report.problems.filter { $0.message.contains("leads outside the store") }
            #expect(outside.count == 1, "\(report.problems.map(\.description))")
            #expect(outside.first?.file == year, "\(outside)")
            #expect(engine.snapshot.timeline().count > 0, "the last good messages are kept")
        }
    }

    /// A school's whole folder, or a folder in it, moved out of the store
    /// and linked back, its files unchanged: refused at the very next sync,
    /// naming the link as validate does (a sync named the school's
    /// `messages` folder, the first thing it lists, and said "up to date"
    /// through a linked subfolder until a file in it changed).
    @Test(arguments: ["", "attendance", "messages/2025-26", "messages/2025-26/files"])
    func aFolderSwappedForALinkOutsideIsRefusedAtOnce(_ name: String) throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let school = "\(StoreLayout.schoolsDirectory)/green-abbey"
            let folder = name.isEmpty ? school : "\(school)/\(name)"
            let away = "\(f.directory.path)/folder-away"
            try FileManager.default.moveItem(atPath: "\(f.store)/\(folder)", toPath: away)
            try FileManager.default.createSymbolicLink(atPath: "\(f.store)/\(folder)", withDestinationPath: away)
            f.clock.advance(by: 60)
            let report = try engine.sync()
            let outside = report.problems.filter { $0.message.contains("leads outside the store") }
            #expect(outside.map(\.file) == [folder], "\(report.problems.map(\.description))")
            #expect(engine.snapshot.timeline().count > 0, "the last good data is kept")
            #expect(engine.snapshot.trouble(school: "green-abbey") != nil)
            let validate = StoreValidator(root: f.store).validate()
            #expect(
                validate.problems.contains { folder.hasPrefix($0.file) && $0.message.contains("outside the store") },
                "\(validate.problems.prefix(3))")
        }
    }

    /// A year's attendance (or behaviour, achievements, assessments) file
    /// emptied whole while the children's data was shown from it: a fault,
    /// never a year of marks withdrawn (the audit saw "484 attendance marks
    /// withdrawn", exit 0).
    @Test(arguments: [StoreLayout.YearlyKind.attendance, .behaviour, .achievements, .assessments])
    func aYearsFileEmptiedWholeWithdrawsNothing(_ kind: StoreLayout.YearlyKind) throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let file = StoreLayout.recordFile("green-abbey", kind, Self.year)
            let report = try Self.brokenGreenAbbey(f, file: file, heldBack: true) {
                try "[]\n".write(toFile: "\(f.store)/\(file)", atomically: true, encoding: .utf8)
            }
            #expect(report.problems.first?.message.contains("the file looks emptied") == true, "\(report.problems)")
            // Once for the file, not once a child shown from it (Ben and Amy).
            #expect(report.problems.filter { $0.file == file }.count == 1, "\(report.problems)")
        }
    }

    /// A year's file cut short (or unreadable) holds back only its own data:
    /// an urgent message sent at the same time still comes in (it was kept
    /// out with the whole school, while a deleted file held back only itself).
    @Test(arguments: [StoreLayout.YearlyKind.attendance, .achievements])
    func aYearsFileCutShortLetsTheSchoolsMessagesIn(_ kind: StoreLayout.YearlyKind) throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let before = engine.snapshot
            let file = StoreLayout.recordFile("green-abbey", kind, Self.year)
            let text = try f.read(file)
            try f.overwrite(file, with: String(text.prefix(500)))
            _ = try f.send("URGENT-1", to: .school, subject: "School closed today", category: .emergency)
            f.clock.advance(by: 60)
            let report = try engine.sync()
            #expect(report.problems.contains { $0.file == file }, "\(report.problems)")
            #expect(!report.summaryLines.contains("Green Abbey School: not synced (kept the last good data)"))
            #expect(engine.snapshot.message(MessageRef(school: "green-abbey", id: "URGENT-1")) != nil)
            #expect(engine.snapshot.children.map(\.ref) == before.children.map(\.ref))
            if kind == .attendance {
                #expect(
                    engine.snapshot.attendance(for: F.ben, now: f.clock.now())?.marks
                        == before.attendance(for: F.ben, now: f.clock.now())?.marks, "the last good marks kept")
            }
        }
    }

    /// A child's record in a year's file renamed to a student the school
    /// does not have: `store validate` refuses the file, and so does the
    /// sync (it withdrew the child's year, exit 0). The problem names the
    /// file, the record and the field.
    @Test(arguments: [StoreLayout.YearlyKind.attendance, .behaviour, .timetable, .achievements])
    func aRecordRenamedToAnUnknownStudentWithdrawsNothing(_ kind: StoreLayout.YearlyKind) throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let file = StoreLayout.recordFile("green-abbey", kind, Self.year)
            let report = try Self.brokenGreenAbbey(f, file: file, heldBack: true) {
                try f.editRecords(file) { records in
                    for i in records.indices where records[i]["student"] == .string(F.ben.student) {
                        records[i] = records[i].setting("student", .string("S999999"))
                    }
                }
            }
            let problem = try #require(report.problems.first { $0.school == "green-abbey" })
            #expect(problem.message.contains("student S999999: student: unknown student S999999"), "\(problem)")
        }
    }

    /// Two records for one child in a year's file: validate's error, and
    /// the sync's (one of them was picked, so the other's data came and went).
    @Test func aSecondRecordForAChildIsAProblem() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let file = StoreLayout.recordFile("green-abbey", .behaviour, Self.year)
            // Only that file's data is held back: the school's messages still come in.
            let report = try Self.brokenGreenAbbey(f, file: file, heldBack: true) {
                try f.editRecords(file) { records in
                    if let ben = records.first(where: { $0["student"] == .string(F.ben.student) }) {
                        records.append(ben)
                    }
                }
            }
            let problem = try #require(report.problems.first { $0.school == "green-abbey" })
            #expect(problem.message.contains("a second record for this student"), "\(problem)")
        }
    }

    /// A year's file deleted while a child's data was shown from it: a
    /// school takes back one student's record, never a whole year's file
    /// (it withdrew behaviour and timetables without a word, exit 0).
    @Test(arguments: [StoreLayout.YearlyKind.behaviour, .timetable, .achievements, .calendar])
    func aYearsFileDeletedWithdrawsNothing(_ kind: StoreLayout.YearlyKind) throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let file = StoreLayout.recordFile("green-abbey", kind, Self.year)
            let report = try Self.brokenGreenAbbey(f, file: file, heldBack: true) {
                try FileManager.default.removeItem(atPath: "\(f.store)/\(file)")
            }
            let problem = try #require(report.problems.first { $0.school == "green-abbey" })
            #expect(problem.message.contains("missing, though"), "\(problem)")
            #expect(report.problems.filter { $0.file == file }.count == 1, "\(report.problems)")
        }
    }

    /// The audit's case: last year's attendance and behaviour files cleared
    /// out (validate accepts that) stopped the whole school, so an urgent
    /// message never came. Only those files' data is held at its last good
    /// state, said every sync; the message comes in.
    @Test func aYearsFileHeldBackDoesNotStopTheSchoolsOtherData() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let last = AcademicYear(startYear: 2024)
            let marks = engine.model.state.children[F.ben]?.attendance[last]?.count ?? 0
            #expect(marks > 0)
            var saved: [String: Data] = [:]
            for kind in [StoreLayout.YearlyKind.attendance, .behaviour] {
                let path = "\(f.store)/\(StoreLayout.recordFile("green-abbey", kind, last))"
                saved[path] = try Data(contentsOf: URL(fileURLWithPath: path))
                try FileManager.default.removeItem(atPath: path)
            }
            let messages = StoreLayout.messagesFile("green-abbey", Self.year, .school)
            try f.editRecords(messages) { records in
                records[0] = records[0].setting("subject", .string("Snow: school closed tomorrow"))
            }
            for _ in 0..<2 {
                f.clock.advance(by: 60)
                let report = try engine.sync()
                #expect(!report.isClean)
                #expect(
                    report.problems.map(\.file) == [
                        StoreLayout.recordFile("green-abbey", .attendance, last),
                        StoreLayout.recordFile("green-abbey", .behaviour, last),
                    ], "\(report.problems)")
                #expect(engine.snapshot.timeline().contains { $0.subject == "Snow: school closed tomorrow" })
                #expect(engine.model.state.children[F.ben]?.attendance[last]?.count == marks, "kept")
                #expect(
                    engine.snapshot.schoolTroubles["green-abbey"]?.file
                        == StoreLayout.recordFile("green-abbey", .attendance, last))
                // Each file held back is known, so each screen says so (only
                // the first one's did), after a restart too.
                #expect(engine.snapshot.schoolTroubles["green-abbey"]?.concerns("/behaviour/") == true)
                #expect(engine.snapshot.schoolTroubles["green-abbey"]?.concerns("/calendar/") == false)
                #expect(try f.engine().snapshot.schoolTroubles["green-abbey"]?.concerns("/behaviour/") == true)
            }
            // Mended: the problem goes, and nothing was lost meanwhile.
            for (path, data) in saved { try data.write(to: URL(fileURLWithPath: path)) }
            f.clock.advance(by: 60)
            let mended = try engine.sync()
            #expect(mended.problems.isEmpty, "\(mended.problems)")
            #expect(engine.snapshot.schoolTroubles["green-abbey"] == nil)
            #expect(engine.model.state.children[F.ben]?.attendance[last]?.count == marks)
        }
    }

    /// A calendar of one event, the school taking it back: the school's
    /// to do (validate accepts it), not a fault that stops the school's
    /// sync (the audit saw an emergency message held back by it). Two
    /// events with one id are a problem, as validate says.
    @Test func aCalendarsOnlyEventTakenBackIsNotAFaultButADuplicateIdIs() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let file = StoreLayout.recordFile("green-abbey", .calendar, Self.year)
            try f.editRecords(file) { records in records = Array(records.prefix(1)) }
            let engine = try f.engine()
            try engine.sync()
            try "[]\n".write(toFile: "\(f.store)/\(file)", atomically: true, encoding: .utf8)
            f.clock.advance(by: 60)
            let report = try engine.sync()
            #expect(report.problems.isEmpty, "\(report.summaryLines)")

            try f.overwrite(file, with: "[]\n")
            let twice = try Self.brokenGreenAbbey(f, file: file, heldBack: true) {
                let original = try String(contentsOfFile: "\(DemoStoreCopy.original)/\(file)", encoding: .utf8)
                try original.write(toFile: "\(f.store)/\(file)", atomically: true, encoding: .utf8)
                try f.editRecords(file) { records in records.append(records[0]) }
            }
            #expect(twice.problems.first?.message.contains("duplicate event id") == true, "\(twice.problems)")
        }
    }

    @Test func aCalendarEmptiedWholeWithdrawsNothing() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let file = StoreLayout.recordFile("green-abbey", .calendar, Self.year)
            let report = try Self.brokenGreenAbbey(f, file: file, heldBack: true) {
                try "[]\n".write(toFile: "\(f.store)/\(file)", atomically: true, encoding: .utf8)
            }
            #expect(report.problems.first?.message.contains("the file looks emptied") == true, "\(report.problems)")
        }
    }

    /// A calendar file at fault in any way, or a year's record file that is
    /// a directory, a FIFO or a link to a device, holds back only its own
    /// data: an Emergency message sent at the same time comes in (the whole
    /// school was held back).
    @Test(arguments: ["calendar gone", "calendar directory", "calendar FIFO", "attendance FIFO", "behaviour device"])
    func aFileAtFaultLetsAnEmergencyMessageIn(_ fault: String) throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let before = engine.snapshot
            let kind: StoreLayout.YearlyKind =
                fault.hasPrefix("calendar") ? .calendar : fault.hasPrefix("attendance") ? .attendance : .behaviour
            let file = StoreLayout.recordFile("green-abbey", kind, Self.year)
            let path = "\(f.store)/\(file)"
            try FileManager.default.removeItem(atPath: path)
            switch fault {
            case "calendar directory":
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            case "calendar FIFO", "attendance FIFO": #expect(mkfifo(path, 0o644) == 0)
            case "behaviour device":
                try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/dev/zero")
            default: break
            }
            _ = try f.send("URGENT-2", to: .school, subject: "Snow closure", category: .emergency)
            f.clock.advance(by: 60)
            let report = try engine.sync()
            #expect(report.problems.contains { $0.file == file }, "\(report.problems)")
            #expect(!report.summaryLines.contains("Green Abbey School: not synced (kept the last good data)"))
            #expect(engine.snapshot.message(MessageRef(school: "green-abbey", id: "URGENT-2")) != nil)
            #expect(engine.snapshot.children.map(\.ref) == before.children.map(\.ref))
            if kind == .calendar {
                let kept = engine.snapshot.state.schools["green-abbey"]?.calendar
                #expect(kept == before.state.schools["green-abbey"]?.calendar, "the last good events kept")
                #expect(kept?.isEmpty == false)
            }
        }
    }

    /// Two messages with one id in a file: validate's error, and the
    /// sync's (it withdrew a message, exit 0).
    @Test func aDuplicateMessageIdIsAProblem() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let file = StoreLayout.messagesFile("green-abbey", Self.year, .school)
            let report = try Self.brokenGreenAbbey(f, file: file, heldBack: true) {
                try f.editRecords(file) { records in
                    if records.count > 1 { records[1] = records[1].setting("id", records[0]["id"] ?? .null) }
                }
            }
            let problem = try #require(report.problems.first { $0.school == "green-abbey" })
            #expect(problem.message.contains("duplicate message id"), "\(problem)")
        }
    }

    /// Another class's file copied over this one (a support engineer's slip):
    /// every message shown from it gone at once and others there instead is
    /// held back as a fault (Ben's class's messages were withdrawn and
    /// another class's shown to his parent, exit 0: an audit).
    @Test func aMessageFileCopiedOverAnotherIsHeldBack() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let file = StoreLayout.messagesFile("green-abbey", Self.year, .group("9A"))
            let other = StoreLayout.messagesFile("green-abbey", Self.year, .group("9B"))
            let report = try Self.brokenGreenAbbey(f, file: file, heldBack: true) {
                try f.overwrite(file, with: try f.read(other))
            }
            #expect(report.problems.first?.message.contains("the file looks replaced by another") == true)
            #expect(report.newMessages.isEmpty)
        }
    }

    /// A message dated outside its file's academic year, as validate
    /// refuses it: the file is held back (a message dated 2031 was
    /// withdrawn, exit 0).
    @Test func aMessageDatedOutsideItsFilesYearHoldsTheFileBack() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let file = StoreLayout.messagesFile("green-abbey", Self.year, .school)
            let report = try Self.brokenGreenAbbey(f, file: file, heldBack: true) {
                try f.editRecords(file) { records in
                    records[records.count - 1] = records[records.count - 1].setting(
                        "sentAt", .string("2031-01-01T00:00:00Z"))
                }
            }
            let problem = try #require(report.problems.first)
            #expect(
                problem.description.contains("sentAt: sent on 2031-01-01, outside academic year 2025-26"), "\(problem)")
        }
    }

    @Test func aCalendarOrAttendanceFileReplacedByADirectoryIsUnreadable() throws {
        for file in [
            StoreLayout.recordFile("green-abbey", .calendar, Self.year),
            StoreLayout.recordFile("green-abbey", .attendance, Self.year),
        ] {
            try withTestDirectory { dir in
                let f = try F(in: dir)
                let report = try Self.brokenGreenAbbey(f, file: file, heldBack: true) {
                    try FileManager.default.removeItem(atPath: "\(f.store)/\(file)")
                    try FileManager.default.createDirectory(
                        atPath: "\(f.store)/\(file)", withIntermediateDirectories: false)
                }
                // Something else in a file's place is the store's problem (the banner
                // says "has a problem"), not the store out of reach.
                #expect(report.problems.first { $0.school == "green-abbey" }?.kind == .invalidStore)
            }
        }
    }

    /// A whole data folder (calendar, attendance, timetable…) replaced by a
    /// file hides its files: it is a problem naming the folder, never "all
    /// events and marks withdrawn" (it was, with exit 0).
    @Test(arguments: StoreLayout.YearlyKind.allCases)
    func aDataFolderReplacedByAFileIsAProblemNotEmpty(_ kind: StoreLayout.YearlyKind) throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let folder = StoreLayout.kindDirectory("green-abbey", kind)
            // Only its own data is held back: the school's messages still come in.
            let report = try Self.brokenGreenAbbey(f, file: folder, heldBack: true) {
                try FileManager.default.removeItem(atPath: "\(f.store)/\(folder)")
                try f.overwrite(folder, with: "x")
            }
            #expect(
                report.problems.first?.description
                    == "Green Abbey School: \(folder): is a regular file, not a folder: refused")
        }
    }

    /// Last year's messages folder replaced by a file holds back that year
    /// alone: this year's messages and the school's other data still come
    /// in (the whole school was held back).
    @Test func aYearsMessagesFolderReplacedByAFileHoldsBackThatYearAlone() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let folder = StoreLayout.messagesYearDirectory("green-abbey", AcademicYear(startYear: 2024))
            let report = try Self.brokenGreenAbbey(f, file: folder, heldBack: true) {
                try FileManager.default.removeItem(atPath: "\(f.store)/\(folder)")
                try f.overwrite(folder, with: "x")
            }
            #expect(report.problems.first?.message.contains("not a folder") == true, "\(report.problems)")
        }
    }

    /// A folder that cannot be read (no permission) hides its files too. Root
    /// reads everything, so this runs only as another user.
    @Test(.enabled(if: geteuid() != 0))
    func aFolderWithoutPermissionIsAProblemNotEmpty() throws {
        for folder in [
            StoreLayout.kindDirectory("green-abbey", .calendar), StoreLayout.messagesDirectory("green-abbey"),
            StoreLayout.messagesYearDirectory("green-abbey", Self.year),
        ] {
            try withTestDirectory { dir in
                let f = try F(in: dir)
                defer { chmod("\(f.store)/\(folder)", 0o755) }
                // The calendar's folder holds back only the calendar, a year's
                // messages folder only that year.
                let alone = folder != StoreLayout.messagesDirectory("green-abbey")
                _ = try Self.brokenGreenAbbey(f, file: folder, heldBack: alone) { chmod("\(f.store)/\(folder)", 0) }
            }
        }
    }

    /// A message file emptied to `[]` (or deleted) while its messages'
    /// attachment files are still there is a fault validate rejects: nothing
    /// is withdrawn, and only that file is held back (the whole school was,
    /// an Emergency message with it: an audit). A message withdrawn with its
    /// files goes, as ever.
    @Test func anEmptiedMessageFileWithItsAttachmentsStillThereWithdrawsNothing() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let file = StoreLayout.messagesFile("green-abbey", Self.year, .school)
            let report = try Self.brokenGreenAbbey(f, file: file, heldBack: true) { try f.overwrite(file, with: "[]") }
            #expect(report.problems.first?.description.contains("its attachment files are still in") == true)
            #expect(!StoreValidator(root: f.store).validate().problems.isEmpty, "validate agrees")
        }
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let count = engine.snapshot.messageCount
            // The school withdraws all but one message of the file, and their files with them.
            let file = StoreLayout.messagesFile("green-abbey", Self.year, .school)
            let ids = try FileStore(root: f.store).messages(school: "green-abbey", year: Self.year, scope: .school)
                .value.map(\.id)
            try f.editRecords(file) { records in records = Array(records.prefix(1)) }
            for id in ids.dropFirst() {
                try? FileManager.default.removeItem(
                    atPath: "\(f.store)/\(StoreLayout.attachmentDirectory("green-abbey", Self.year, id))")
            }
            f.clock.advance(by: 60)
            let report = try engine.sync()
            #expect(report.problems.isEmpty, "\(report.problems)")
            #expect(engine.snapshot.messageCount < count)
        }
    }

    /// A message file with no attachments emptied to `[]` or deleted, while
    /// more than one of its messages was shown: a fault (validate cannot
    /// tell), not every message taken back at once; nothing is withdrawn.
    /// An auditor saw "35 messages withdrawn", exit 0. A file's last message
    /// taken back goes, as ever.
    @Test func aMessageFileEmptiedOrDeletedWithdrawsNothing() throws {
        let file = StoreLayout.messagesFile("green-abbey", Self.year, .group("9A"))
        for damage in ["emptied", "deleted"] {
            try withTestDirectory { dir in
                let f = try F(in: dir)
                let report = try Self.brokenGreenAbbey(f, file: file, heldBack: true) {
                    if damage == "emptied" {
                        try f.overwrite(file, with: "[]")
                    } else {
                        try FileManager.default.removeItem(atPath: "\(f.store)/\(file)")
                    }
                }
                #expect(
                    report.problems.first?.description.contains("the file looks emptied or lost") == true,
                    "\(damage): \(report.problems)")
            }
        }
        try withTestDirectory { dir in
            let f = try F(in: dir)
            try f.editRecords(file) { records in records = Array(records.prefix(1)) }
            let engine = try f.engine()
            try engine.sync()
            let count = engine.snapshot.messageCount
            try f.overwrite(file, with: "[]")
            f.clock.advance(by: 60)
            let report = try engine.sync()
            #expect(report.problems.isEmpty, "\(report.problems)")
            #expect(engine.snapshot.messageCount == count - 1)
        }
    }

    /// A year's folder moved away, or the messages folder emptied or gone:
    /// the same fault as one file lost, a year at a time. An auditor saw
    /// "147 messages withdrawn", exit 0, and "364 new messages" when the
    /// folder came back.
    @Test func aMessageYearFolderGoneWithdrawsNothing() throws {
        let messages = "schools/green-abbey/messages"
        for damage in ["year moved", "folder emptied", "folder gone"] {
            try withTestDirectory { dir in
                let f = try F(in: dir)
                let away = "\(dir.path)/away"
                let file = damage == "year moved" ? "\(messages)/2025-26/" : "\(messages)/2024-25/"
                let report = try Self.brokenGreenAbbey(f, file: file, heldBack: true) {
                    switch damage {
                    case "year moved":
                        try FileManager.default.moveItem(atPath: "\(f.store)/\(messages)/2025-26", toPath: away)
                    case "folder emptied":
                        try FileManager.default.moveItem(atPath: "\(f.store)/\(messages)", toPath: away)
                        try FileManager.default.createDirectory(
                            atPath: "\(f.store)/\(messages)", withIntermediateDirectories: false)
                    default:
                        try FileManager.default.moveItem(atPath: "\(f.store)/\(messages)", toPath: away)
                    }
                }
                #expect(
                    report.problems.first?.description.contains("the folder looks moved or lost") == true,
                    "\(damage): \(report.problems)")
                #expect(report.problems.count == (damage == "year moved" ? 1 : 2), "\(report.problems)")
                // Never "up to date" beside its problem line (an auditor saw both).
                #expect(
                    report.summaryLines.contains { $0.hasPrefix("Green Abbey School: the last good data kept") },
                    "\(report.summaryLines)")
                if damage == "year moved" {
                    // Its folder there but emptied: one problem, not one a file.
                    try FileManager.default.createDirectory(
                        atPath: "\(f.store)/\(messages)/2025-26", withIntermediateDirectories: false)
                    f.clock.advance(by: 60)
                    let emptied = try f.engine().sync()
                    #expect(emptied.problems.count == 1, "\(emptied.problems)")
                    #expect(emptied.problems.first?.message.contains("message files missing") == true)
                    #expect(emptied.schools.allSatisfy { $0.messagesRemoved == 0 })
                    try FileManager.default.removeItem(atPath: "\(f.store)/\(messages)/2025-26")
                }
                // Back: nothing new to the parent, and no problem.
                let target = damage == "year moved" ? "\(f.store)/\(messages)/2025-26" : "\(f.store)/\(messages)"
                try? FileManager.default.removeItem(atPath: target)
                try FileManager.default.moveItem(atPath: away, toPath: target)
                f.clock.advance(by: 60)
                let back = try f.engine().sync()
                #expect(back.problems.isEmpty, "\(back.problems)")
                #expect(back.newMessages.isEmpty)
                #expect(back.schools.allSatisfy { $0.messagesRemoved == 0 })
            }
        }
    }

    @Test func oneBrokenSchoolNeverStopsAnotherFromSyncing() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            try f.overwrite(StoreLayout.studentsFile("riverside-primary"), with: "[{\"id\": ")
            try f.send("GA-NEW", to: .school, subject: "Sports day")
            f.clock.advance(by: 60)
            let report = try engine.sync()
            #expect(report.newMessages == [MessageRef(school: "green-abbey", id: "GA-NEW")])
            #expect(report.schools.first { $0.school == "green-abbey" }?.synced == true)
            #expect(report.schools.first { $0.school == "riverside-primary" }?.synced == false)
            #expect(engine.snapshot.children.map(\.ref) == [F.ben, F.amy, F.tom])
            #expect(engine.snapshot.schoolTroubles.keys.sorted() == ["riverside-primary"])
            #expect(engine.snapshot.lastUpdated(school: "green-abbey") == f.clock.now())
        }
    }

    @Test func aWholeSchoolDirectoryGoneKeepsTheLastGoodStateUntilItIsBack() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let school = "\(f.store)/schools/riverside-primary"
            try FileManager.default.moveItem(atPath: school, toPath: "\(f.directory.path)/riverside-away")
            f.clock.advance(by: 60)
            let gone = f.clock.now()
            for _ in 0..<2 {
                let report = try engine.sync()
                #expect(report.problems.map(\.kind) == [.unreachable])
                #expect(engine.snapshot.children.map(\.ref) == [F.ben, F.amy, F.tom])
                #expect(engine.snapshot.schoolTroubles["riverside-primary"]?.since == gone)
                f.clock.advance(by: 3600)
            }
            try FileManager.default.moveItem(atPath: "\(f.directory.path)/riverside-away", toPath: school)
            #expect(try engine.sync().problems.isEmpty)
            #expect(engine.snapshot.schoolTroubles.isEmpty)
        }
    }

    /// The issue's two examples, through the real binary: exit 1, the file
    /// named, nothing withdrawn.
    @Test func theSyncCommandExitsOneAndWithdrawsNothing() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            #expect(try SyncCommandTests.sync(f).status == 0)
            let scope = "\(f.store)/\(StoreLayout.messagesFile("green-abbey", Self.year, .school))"
            try FileManager.default.moveItem(atPath: scope, toPath: "\(dir.path)/school.json.away")
            try FileManager.default.createDirectory(atPath: scope, withIntermediateDirectories: false)
            let directory = try SyncCommandTests.sync(f)
            #expect(directory.status == 1)
            #expect(
                directory.output.contains(
                    "schools/green-abbey/messages/2025-26/school.json: unreadable: is a directory"))
            #expect(!directory.output.contains("withdrawn"))
            try FileManager.default.removeItem(atPath: scope)
            try FileManager.default.moveItem(atPath: "\(dir.path)/school.json.away", toPath: scope)

            try f.overwrite(StoreLayout.studentsFile("green-abbey"), with: "[]")
            let emptied = try SyncCommandTests.sync(f)
            #expect(emptied.status == 1)
            // The emptied file is named, as validate names it (the contact
            // whose reference dangled was).
            #expect(
                emptied.output.contains(
                    "schools/green-abbey/students.json: lists no students, but other files of the school refer to students"
                ), "\(emptied.output)")
            #expect(!emptied.output.contains("withdrawn"))
            #expect(!emptied.output.contains("removed"))
            #expect(emptied.output.hasPrefix("xpressions sync: 2 schools, 3 children, "))
        }
    }
}

extension StoreFaultTests {
    /// A first sync (an as-of view's, a new device's) that meets a school's
    /// files broken names the school as the store does: the app's banner
    /// had nothing to name it by, and R said "green-abbey".
    @Test func aSchoolBrokenAtTheFirstSyncIsNamedAsTheStoreNamesIt() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            try FileManager.default.removeItem(
                atPath: "\(f.store)/\(StoreLayout.studentsFile("green-abbey"))")
            let engine = try f.engine()
            let report = try engine.sync()
            let problem = try #require(report.problems.first { $0.school == "green-abbey" })
            #expect(problem.description.hasPrefix("Green Abbey School: "), "\(problem)")
            #expect(engine.snapshot.schoolTroubles["green-abbey"]?.schoolName == "Green Abbey School")
            #expect(engine.snapshot.school("green-abbey") == nil)
            // Kept with the trouble, for the next start.
            #expect(try f.engine().snapshot.schoolTroubles["green-abbey"]?.schoolName == "Green Abbey School")
        }
    }
}

extension StoreFaultTests {
    /// A syntax error in one child's record, read by its byte range: placed
    /// in the file as validate places it (sync said "line 10", validate
    /// "line 4736").
    @Test func aSyntaxErrorInOneRecordIsPlacedInTheFileAsValidatePlacesIt() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let file = StoreLayout.recordFile("green-abbey", .behaviour, Self.year)
            var text = try f.read(file)
            let ben = try #require(text.range(of: "\"student\": \"GA-BEN\""))
            let points = try #require(text.range(of: #""points": "#, range: ben.upperBound..<text.endIndex))
            let end = try #require(text.range(of: ",", range: points.upperBound..<text.endIndex))
            text.replaceSubrange(points.upperBound..<end.lowerBound, with: "1e400")
            try f.overwrite(file, with: text)
            let engine = try f.engine()
            let report = try engine.sync()
            let synced = try #require(report.problems.first { $0.file == file }?.message)
            let validated = try #require(
                StoreValidator(root: f.store).validate().problems.first { $0.file == file }?.message)
            func position(_ s: String) -> String? {
                s.range(of: #"line \d+, column \d+"#, options: .regularExpression).map { String(s[$0]) }
            }
            #expect(position(synced) != nil && position(synced) == position(validated), "\(synced) / \(validated)")
            #expect(position(synced) != "line 10, column 19")
        }
    }
}

extension StoreFaultTests {
    /// Reasons in words, as validate gives them: a FIFO in a folder's place
    /// was "a regular file", and a link loop was strerror's own capitals.
    @Test func aFolderThatIsAFifoOrALinkLoopIsSaidInWords() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let attendance = StoreLayout.kindDirectory("green-abbey", .attendance)
            let behaviour = StoreLayout.kindDirectory("green-abbey", .behaviour)
            try FileManager.default.removeItem(atPath: "\(f.store)/\(attendance)")
            #expect(mkfifo("\(f.store)/\(attendance)", 0o644) == 0)
            try FileManager.default.removeItem(atPath: "\(f.store)/\(behaviour)")
            try FileManager.default.createSymbolicLink(
                atPath: "\(f.store)/\(behaviour)", withDestinationPath: "behaviour")
            f.clock.advance(by: 60)
            let said = try engine.sync().problems.map(\.description)
            #expect(
                said.contains("Green Abbey School: \(attendance): is a FIFO (named pipe), not a folder: refused"),
                "\(said)")
            #expect(
                said.contains(
                    "Green Abbey School: \(behaviour): unreadable: too many levels of symbolic links (a link loop)"),
                "\(said)")
        }
    }
}

extension StoreFaultTests {
    /// This device's registration cut short in the store (a bad copy, a
    /// hand edit): the next sync writes it again, as for one deleted (it
    /// stayed cut short, and the school took the device for unregistered).
    @Test func aRegistrationCutShortIsWrittenAgain() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let path =
                "\(f.store)/\(StoreLayout.registrationsDirectory("green-abbey"))/\(f.session.schools[0].registration).json"
            let whole = try Data(contentsOf: URL(fileURLWithPath: path))
            try whole.prefix(20).write(to: URL(fileURLWithPath: path))
            #expect(!f.writer.isRegistered(id: f.session.schools[0].registration, school: "green-abbey"))
            f.clock.advance(by: 60)
            try engine.sync()
            #expect(f.writer.isRegistered(id: f.session.schools[0].registration, school: "green-abbey"))
            #expect(try f.writer.registrations(school: "green-abbey").contains { $0.id == f.session.id })
        }
    }
}
