import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// The status line's figures (read quickly from the data directory, and
/// equal to what the app's snapshot says), its template, and the reader
/// they share with the exports: read-only, and never fooled by a sync that
/// commits while it reads.
@Suite struct ParentStatusTests {
    static let now = DemoStoreCopy.now

    @Test func theQuickReadingAgreesWithTheApp() throws {
        try withTestDirectory { dir in
            let (f, _) = try CalendarExportTests.synced(dir)
            let engine = try f.engine()
            for ref in engine.snapshot.timeline(TimelineQuery(child: SyncFixture.amy)).refs.prefix(4) {
                _ = try engine.markRead(ref)
            }
            _ = try engine.compose(
                school: "green-abbey", topic: "Absence", body: "Ben is unwell.", children: [SyncFixture.ben])
            let app = ParentStatus(model: engine.snapshot)
            let quick = try ParentStatus.read(dataDirectory: f.dataDirectory, files: PosixFileLayer())
            #expect(quick == app)
            #expect(
                quick
                    == ParentStatus(
                        model: try ParentData.read(dataDirectory: f.dataDirectory, files: PosixFileLayer()).model))
            #expect(quick.unread == engine.snapshot.unreadCount())
            #expect(quick.children.map(\.unread) == engine.snapshot.children.map(\.unreadCount))
            #expect(quick.children.map(\.forename) == ["Ben", "Amy", "Tom"])
            #expect(quick.queued == 1 && quick.failed == 0)
            #expect(quick.lastSync == Self.now)
            #expect(quick.trouble == nil)

            let ben = quick.only(SyncFixture.ben)
            #expect(ben.unread == engine.snapshot.unreadCount(child: SyncFixture.ben))
            #expect(ben.children.map(\.ref) == [SyncFixture.ben])
            #expect(ben.queued == 1)
            #expect(quick.only(SyncFixture.tom).queued == 0)

            // The manifest lists the unread messages for status (a message
            // marked unread again included); one of an earlier build, without
            // the list, is read from the timeline parts to the same answer.
            let opened = try #require(engine.snapshot.timeline(TimelineQuery(child: SyncFixture.amy)).refs.first)
            _ = try engine.markUnread(opened)
            let marked = try ParentStatus.read(dataDirectory: f.dataDirectory, files: PosixFileLayer())
            #expect(marked == ParentStatus(model: engine.snapshot) && marked.unread == quick.unread + 1)
            let path = "\(f.dataDirectory)/model/manifest.json"
            guard
                case .success(var manifest) = ModelManifest.decode(
                    Array(try Data(contentsOf: URL(fileURLWithPath: path))))
            else {
                Issue.record("the manifest does not read back")
                return
            }
            #expect(manifest.unread != nil)
            // A commit of sync times alone keeps the list (it is worked out
            // again only when the messages or the read state change).
            var times = ModelUpdate()
            times.syncedAt = ["green-abbey": try #require(engine.model.state.syncedAt["green-abbey"])]
            let generation = engine.model.generation
            try engine.model.commit(times)
            #expect(engine.model.generation == generation + 1)
            guard
                case .success(let after) = ModelManifest.decode(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
            else {
                Issue.record("the manifest does not read back")
                return
            }
            #expect(after.unread == manifest.unread && after.unread == engine.model.state.unreadEntries())
            manifest = after
            manifest.unread = nil
            try Data(manifest.encode()).write(to: URL(fileURLWithPath: path))
            #expect(try ParentStatus.read(dataDirectory: f.dataDirectory, files: PosixFileLayer()) == marked)
        }
    }

    @Test func theDefaultLineAndTheJSON() throws {
        try withTestDirectory { dir in
            let (f, model) = try CalendarExportTests.synced(dir)
            let status = try ParentStatus.read(dataDirectory: f.dataDirectory, files: PosixFileLayer())
            let counts = model.children.map { "\($0.forename) \($0.unreadCount)" }.joined(separator: ", ")
            let line = try StatusTemplate(StatusTemplate.standard).render(status, now: Self.now.addingTimeInterval(300))
            #expect(line == "✉ \(model.unreadCount()) (\(counts)) · synced 10:42")
            let json = try JSONParser.parse(Array(status.json(text: line).utf8))
            #expect(json["loggedIn"] == .bool(true))
            #expect(json["unread"] == .number(Double(model.unreadCount())))
            #expect(json["lastSync"] == .string("2026-03-18T10:42:00Z"))
            #expect(json["trouble"] == .null)
            #expect(json["text"] == .string(line))
            guard case .array(let children)? = json["children"] else {
                Issue.record("no children")
                return
            }
            #expect(children.map { $0["forename"] } == model.children.map { .string($0.forename) })
            #expect(
                try JSONParser.parse(Array(ParentStatus.loggedOutJSON.utf8)) == .object([("loggedIn", .bool(false))]))
        }
    }

    /// Messages waiting and a school data store that went away: the line says
    /// so, and since when.
    @Test func queuedMessagesAndTroubleShow() throws {
        try withTestDirectory { dir in
            let (f, _) = try CalendarExportTests.synced(dir)
            try FileManager.default.moveItem(atPath: f.store, toPath: f.store + ".away")
            f.clock.advance(by: 600)
            let account = f.lazyAccount()
            let engine = try SyncEngine(account: account, session: f.session)
            _ = try engine.compose(
                school: "green-abbey", topic: "Absence", body: "Ben is unwell.", children: [SyncFixture.ben])
            let report = try engine.sync()
            #expect(report.storeUnavailable != nil)
            let status = try ParentStatus.read(dataDirectory: f.dataDirectory, files: PosixFileLayer())
            #expect(status.queued == 1)
            #expect(status.trouble?.kind == .unreachable)
            #expect(status.troubledSchools == ["*"])
            let now = f.clock.now()
            let line = try StatusTemplate(StatusTemplate.standard).render(status, now: now)
            #expect(line.hasSuffix("· synced 10:42 · 1 to send ⚠"))
            #expect(
                try StatusTemplate("{trouble}{?trouble: since {since}}").render(status, now: now) == "⚠ since 10:52")
            let json = try JSONParser.parse(Array(status.json(text: line).utf8))
            #expect(json["trouble"]?["kind"] == .string("unreachable"))
            #expect(json["trouble"]?["since"] == .string("2026-03-18T10:52:00Z"))
            #expect(json["queued"] == .number(1))
        }
    }

    @Test func templates() throws {
        let ben = ParentStatus.Child(
            ref: SyncFixture.ben, name: "Ben Abbot (9A)", fullName: "Ben Abbot", forename: "Ben", unread: 2)
        let amy = ParentStatus.Child(
            ref: SyncFixture.amy, name: "Amy Abbot (7B)", fullName: "Amy Abbot", forename: "Amy", unread: 0)
        let school = ParentStatus.School(
            id: "green-abbey", name: "Green Abbey School", lastSync: Self.now, zoneIdentifier: "Europe/London",
            trouble: nil, queued: 0, failed: 0)
        let status = ParentStatus(unread: 2, children: [ben, amy], schools: [school], storeTrouble: nil)
        func render(_ t: String, at now: Date = Self.now) throws -> String {
            try StatusTemplate(t).render(status, now: now)
        }
        #expect(try render(StatusTemplate.standard) == "✉ 2 (Ben 2) · synced 10:42")
        #expect(try render("{unread}/{queued}/{failed}") == "2/0/0")
        #expect(try render("{{unread}} {{{unread}}}") == "{unread} {2}")
        #expect(try render("{?queued:never shown}{?unread:{unread} new}") == "2 new")
        #expect(try render("{?trouble:x}{trouble}{since}") == "")
        // Two conditionals ended at once (it said "no '}' to end it"), and
        // a brace before the end still literal.
        #expect(try render("{?unread:{?children:x}}") == "x")
        #expect(try render("{?unread:a}}}") == "a}")
        #expect(try render("{ago}", at: Self.now.addingTimeInterval(600)) == "10 minutes ago")
        #expect(try render("{synced}", at: Self.now.addingTimeInterval(86_400)) == "18 Mar")
        #expect(try render("{synced}", at: Self.now.addingTimeInterval(366 * 86_400)) == "18 Mar 2026")
        let never = ParentStatus(unread: 0, children: [], schools: [], storeTrouble: nil)
        #expect(try StatusTemplate("{synced} {ago} {?children:x}").render(never, now: Self.now) == "never never ")
        for bad in ["{nope}", "{unread", "unread}", "{?unread:open", "{?bogus:x}", "{?unread}"] {
            #expect(throws: StatusTemplateError.self, "\(bad)") { _ = try StatusTemplate(bad) }
        }
        do {
            _ = try StatusTemplate("{nope}")
        } catch {
            #expect(error.description.contains("unknown placeholder {nope}"))
            #expect(error.description.contains("{unread}"))
        }
    }

    @Test func childrenAreNamedByIdNameOrForename() throws {
        let make = { (school: String, id: String, fore: String, sur: String) in
            ParentStatus.Child(
                ref: ChildRef(school: school, student: id), name: "\(fore) \(sur)", fullName: "\(fore) \(sur)",
                forename: fore, unread: 0)
        }
        let kids = [
            make("a", "S1", "Zoë", "O'Brien"), make("a", "S2", "Ben", "Abbot"), make("b", "S1", "Ben", "Other"),
        ]
        #expect(try ChildChoice.find("zoe", in: kids).ref.student == "S1")
        #expect(try ChildChoice.find(" ZOË O'BRIEN ", in: kids).ref.school == "a")
        #expect(try ChildChoice.find("b/S1", in: kids).fullName == "Ben Other")
        #expect(try ChildChoice.find("S2", in: kids).forename == "Ben")
        #expect(throws: ExportError.ambiguousChild("Ben", matches: ["Ben Abbot: a/S2", "Ben Other: b/S1"])) {
            try ChildChoice.find("Ben", in: kids)
        }
        #expect(throws: ExportError.ambiguousChild("S1", matches: ["Zoë O'Brien: a/S1", "Ben Other: b/S1"])) {
            try ChildChoice.find("S1", in: kids)
        }
        #expect(throws: ExportError.noSuchChild("Amy", choices: ["Zoë O'Brien", "Ben Abbot", "Ben Other"])) {
            try ChildChoice.find("Amy", in: kids)
        }
        // A word of a name, the family's name: one child, or which of them
        // (it said "names none" of the children it named).
        #expect(try ChildChoice.find("other", in: kids).fullName == "Ben Other")
        // Without its apostrophe, as people type it.
        #expect(try ChildChoice.find("obrien", in: kids).forename == "Zoë")
        // A hyphenated family name, whole or either half (whole, it found nobody).
        let hyphen = kids + [make("a", "S4", "Dylan", "Smith-Jones (8A)")]
        for word in ["smith-jones", "Smith-Jones", "jones", "smith"] {
            #expect(try ChildChoice.find(word, in: hyphen).forename == "Dylan", "\(word)")
        }
        let family = [make("a", "S2", "Ben", "Abbot"), make("a", "S3", "Amy", "Abbot")]
        #expect(throws: ExportError.ambiguousChild("abbot", matches: ["Ben Abbot: a/S2", "Amy Abbot: a/S3"])) {
            try ChildChoice.find("abbot", in: family)
        }
        // A line break in a name from the store stays on the error's one line.
        #expect(
            ExportError.noSuchChild("Sam", choices: ["D'Souza\nNewline", "Ben"]).description
                == "--child \"Sam\" names none of the children (D'Souza^JNewline, Ben)")
    }

    /// Nobody logged in, a login without its PIN, a session or a model part
    /// that cannot be read: each said plainly, naming the file.
    @Test func whatCannotBeReadIsSaidPlainly() throws {
        try withTestDirectory { dir in
            #expect(throws: ExportError.nobodyLoggedIn(dataDirectory: dir.file("none"))) {
                try ParentData.read(dataDirectory: dir.file("none"), files: PosixFileLayer())
            }
            let (f, _) = try CalendarExportTests.synced(dir)
            let data = f.dataDirectory
            let session = try String(contentsOfFile: "\(data)/session.json", encoding: .utf8)
            var withoutPIN = try JSONParser.parse(Array(session.utf8))
            if case .object(var members) = withoutPIN {
                members.removeAll { $0.0 == "pinHash" }
                withoutPIN = .object(members)
            }
            try f.plant("session.json", JSONWriter().string(withoutPIN))
            #expect(throws: ExportError.nobodyLoggedIn(dataDirectory: data)) {
                try ParentStatus.read(dataDirectory: data, files: PosixFileLayer())
            }
            try f.plant("session.json", "{\"version\": 2, \"id\": ")
            #expect(throws: ExportError.sessionUnreadable(dataDirectory: data)) {
                try ParentData.read(dataDirectory: data, files: PosixFileLayer())
            }
            try f.plant("session.json", session)

            let part = try #require(
                try FileManager.default.contentsOfDirectory(atPath: "\(data)/model").first { $0.hasPrefix("timeline.") }
            )
            let before = try ParentStatus.read(dataDirectory: data, files: PosixFileLayer())
            try f.plant("model/\(part)", "[")
            // Status reads the unread messages the manifest lists, not the
            // timeline parts: the same answer (the app and sync, which read
            // the parts, find the damage).
            #expect(try ParentStatus.read(dataDirectory: data, files: PosixFileLayer()) == before)
            for read in [
                { _ = try ParentData.read(dataDirectory: data, files: PosixFileLayer()) }
            ] as [() throws -> Void] {
                do {
                    try read()
                    Issue.record("a damaged part was read")
                } catch let error as ExportError {
                    #expect(error.description.hasPrefix("\(data)/model/\(part): malformed JSON"), "\(error)")
                    #expect(!error.isUsage)
                }
            }
        }
    }

    /// Reading changes nothing: no lock taken, no directory made, a killed
    /// writer's temporary file left for the app to sweep.
    @Test func readingChangesNothing() throws {
        try withTestDirectory { dir in
            let (f, _) = try CalendarExportTests.synced(dir)
            let leftover = "\(f.dataDirectory)/model/.tmp-killed-writer"
            plantFile(leftover)
            try? FileManager.default.removeItem(atPath: "\(f.dataDirectory)/outbox")
            func tree() -> [String] {
                dir.walk().filter { $0.path.hasPrefix(f.dataDirectory) }.map { entry in
                    let info = FileManager.default.fileInfo(entry.path)
                    return "\(entry.path) \(entry.mode) \(info)"
                }
            }
            let before = tree()
            let files = WatchingLayer()
            let data = try ParentData.read(dataDirectory: f.dataDirectory, files: files)
            _ = try ParentStatus.read(dataDirectory: f.dataDirectory, files: files)
            _ = CalendarExport.ics(model: data.model, timetable: true, now: Self.now)
            _ = AttendanceExport.csv(model: data.model, now: Self.now)
            _ = MessageExport.mbox(model: data.model)
            #expect(files.writes.isEmpty, "\(files.writes)")
            #expect(tree() == before)
            #expect(FileManager.default.fileExists(atPath: leftover))
            #expect(!FileManager.default.fileExists(atPath: "\(f.dataDirectory)/outbox"))
        }
    }

    /// A sync that commits while the reader is between the manifest and the
    /// parts (the old generation's files gone): the reader reads again and
    /// sees the new generation whole.
    @Test func aCommitWhileReadingIsMetByReadingAgain() throws {
        try withTestDirectory { dir in
            let (f, before) = try CalendarExportTests.synced(dir)
            let engine = try f.engine()
            let commits = Locked(0)
            let manifestReads = Locked(0)
            let files = WatchingLayer { path in
                if path.hasSuffix("/model/manifest.json") { manifestReads.withLock { $0 += 1 } }
                guard path.contains("/model/timeline."), commits.withLock({ $0 }) == 0 else { return }
                commits.withLock { $0 += 1 }
                do {
                    try MessageExportTests.send(f, id: "GA-MID-READ", subject: "Sent while reading", body: "Hello")
                    try engine.sync()
                } catch {
                    Issue.record("the sync in the middle failed: \(error)")
                }
            }
            let data = try ParentData.read(dataDirectory: f.dataDirectory, files: files)
            #expect(commits.withLock { $0 } == 1)
            #expect(manifestReads.withLock { $0 } >= 3, "read, seen changed, read again")
            #expect(data.model.messageCount == before.messageCount + 1)
            #expect(data.model.message(MessageRef(school: "green-abbey", id: "GA-MID-READ")) != nil)
            #expect(files.writes.isEmpty, "the reader wrote nothing: \(files.writes)")
        }
    }
}

extension FileManager {
    /// Size and modification time of a path, for comparing trees.
    func fileInfo(_ path: String) -> String {
        let attributes = (try? attributesOfItem(atPath: path)) ?? [:]
        return "\(attributes[.size] ?? 0) \((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
    }
}
