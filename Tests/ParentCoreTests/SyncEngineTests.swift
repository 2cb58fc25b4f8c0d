import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

@Suite struct SyncEngineTests {
    typealias F = SyncFixture

    /// Every file under the model directory with its size and modification time.
    static func listing(_ directory: String) -> [String: String] {
        var out: [String: String] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
            var st = stat()
            guard stat("\(directory)/\(name)", &st) == 0 else { continue }
            out[name] = "\(st.st_size)-\(st.st_mtim.tv_sec)-\(st.st_mtim.tv_nsec)-\(st.st_ino)"
        }
        return out
    }

    /// The saved sync times, which `status`, `digest` and doctor read in
    /// other processes: a sync that saves anything saves every school's
    /// time (a digest once said "as of 08:00" after a 17:05 sync because
    /// only the school that changed had its time saved), and a sync that
    /// changes nothing writes nothing unless a saved time is over 15
    /// minutes old.
    @Test func syncTimesAreSavedForEverySchoolTheSyncRead() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            f.clock.advance(by: 60)
            let zone = try FileStore(root: f.store).school("green-abbey").zone
            let message = SchoolMessage(
                id: "LIVE-1", category: .general, sender: "Office", sentAt: f.clock.now(), subject: "Coach late",
                body: "Pick-up at 4.30pm.")
            try f.writer.send(message, scope: MessageScope(fileStem: "school")!, school: "green-abbey", zone: zone)
            f.clock.advance(by: 60)
            #expect(try engine.sync().modelChanged)
            let synced = f.clock.now()
            var reopened = try f.engine().snapshot
            #expect(reopened.lastUpdated(school: "green-abbey") == synced)
            #expect(reopened.lastUpdated(school: "riverside-primary") == synced, "unchanged, but read just now")

            // Unchanged, a minute on: nothing written.
            let before = Self.listing("\(f.dataDirectory)/model")
            f.clock.advance(by: 60)
            #expect(try !engine.sync().modelChanged)
            #expect(Self.listing("\(f.dataDirectory)/model") == before)
            // Unchanged, over 15 minutes on: the times alone are saved (and it is not "updated").
            f.clock.advance(by: 16 * 60)
            let late = try engine.sync()
            #expect(!late.modelChanged && late.problems.isEmpty)
            reopened = try f.engine().snapshot
            #expect(reopened.lastUpdated(school: "riverside-primary") == f.clock.now())
        }
    }

    /// Support staff replay a moment with --now in the past, then come back:
    /// the messages that return were seen before, so none is announced as
    /// new; a message published after the time already reached still is.
    @Test func comingBackFromAReplayAnnouncesNothingSeenBefore() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let reached = f.clock.now()
            let count = engine.snapshot.messageCount
            f.clock.set(Timestamp.parse("2026-01-15T09:00:00Z")!)
            try engine.sync()
            #expect(engine.snapshot.messageCount < count, "the replay shows the store as it was then")
            f.clock.set(reached.addingTimeInterval(600))
            let back = try engine.sync()
            #expect(engine.snapshot.messageCount == count)
            #expect(back.newMessages.isEmpty, "\(back.newMessages.count) announced")
            // News after the time reached is news.
            let zone = try FileStore(root: f.store).school("green-abbey").zone
            try f.writer.send(
                SchoolMessage(
                    id: "LIVE-2", category: .general, sender: "Office", sentAt: f.clock.now(), subject: "Coach late",
                    body: "Pick-up at 4.30pm."),
                scope: MessageScope(fileStem: "school")!, school: "green-abbey", zone: zone)
            f.clock.advance(by: 60)
            #expect(try engine.sync().newMessages.map(\.id) == ["LIVE-2"])
        }
    }

    /// An outbox item that cannot be read nor moved aside (no permission) is
    /// said once in a sync, though opening the engine and the sync's own
    /// sweep both find it.
    @Test func anOutboxItemThatCannotBeReadIsSaidOnce() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let item = try engine.reportAbsence(AbsenceOutboxTests.draft())
            let stuck = try f.engine(files: PathFailingLayer(failing: "/outbox/\(item.key)", failsReads: true))
            let report = try stuck.sync()
            #expect(report.damagedOutboxItems.map(\.file) == ["\(item.key).json"], "\(report.damagedOutboxItems)")
            #expect(report.summaryLines.filter { $0.contains(item.key) }.count == 1)
        }
    }

    /// An outbox item the parent's user may not read (a `sudo xpressions`
    /// run left it root-owned) is not damaged: it stays where it is, whole,
    /// is said with what to do, and is sent once it is readable again. The
    /// audit found it "set aside" as an empty copy, its text lost.
    @Test func anOutboxItemWithoutPermissionStaysWholeAndIsSentLater() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            try FileManager.default.moveItem(atPath: f.store, toPath: f.store + ".away")
            let item = try engine.compose(school: "green-abbey", topic: "Absence", body: "Ben is unwell today.")
            try FileManager.default.moveItem(atPath: f.store + ".away", toPath: f.store)
            let path = "\(f.dataDirectory)/outbox/\(item.key).json"
            let bytes = try #require(FileManager.default.contents(atPath: path))
            let forbidden = PathFailingLayer(failing: "/outbox/\(item.key)", onlyReadsForbidden: true)
            let report = try f.engine(files: forbidden).sync()
            #expect(
                report.summaryLines.contains(
                    "problem: outbox/\(item.key).json could not be read (permission denied): left where it is, and sent once your user owns it again (chown)"
                ), "\(report.summaryLines)")
            #expect(!report.isClean)
            #expect(FileManager.default.contents(atPath: path) == bytes)
            #expect(!FileManager.default.fileExists(atPath: "\(f.dataDirectory)/damaged"))
            #expect(try f.writer.inbox(school: "green-abbey").isEmpty)
            // Its owner gives it back: sent, once.
            let mended = try f.engine()
            try mended.sync()
            try mended.sync()
            #expect(try f.writer.inbox(school: "green-abbey").map(\.key) == [item.key])
        }
    }

    @Test func firstSyncFillsTheModelAndAnUnchangedResyncReadsAndWritesNothing() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let source = CountingSource(try FileStore(root: f.store))
            let engine = try f.engine(source: source)
            #expect(engine.snapshot.children.isEmpty)

            let first = try engine.sync()
            #expect(first.problems.isEmpty)
            #expect(first.modelChanged)
            #expect(first.newMessages.isEmpty)  // history, not news
            #expect(first.reads == source.total)
            let m = engine.snapshot
            #expect(m.children.map(\.ref) == [F.ben, F.amy, F.tom])
            #expect(m.children.map(\.name) == ["Ben Abbot (9A)", "Amy Abbot (7B)", "Tom Abbot (3A)"])
            #expect(m.schools.map(\.name) == ["Green Abbey School", "Riverside Primary School"])
            #expect(m.lastUpdated(school: "green-abbey") == DemoStoreCopy.now)
            #expect(m.messageCount > 100)
            #expect(m.timeline(TimelineQuery(search: "simultaneous equations")).map(\.ref.id) == ["GA-DEMO-3"])
            // Riverside is Core: messages only, no Enhanced data fetched.
            #expect(m.attendance(for: F.tom, now: f.clock.now()) == nil)
            #expect(source.byKind["attendance"] == 3)  // Ben 2024-25 and 2025-26, Amy 2025-26
            let attendance = try #require(m.attendance(for: F.ben, now: f.clock.now()))
            #expect(attendance.marks.first?.date == CivilDate(parsing: "2026-03-18"))
            #expect(attendance.marks.first?.session == .am)  // the afternoon mark is not published yet

            // Nothing changed: nothing read, nothing written.
            source.reset()
            let before = Self.listing("\(f.dataDirectory)/model")
            f.clock.advance(by: 60)
            let again = try engine.sync()
            #expect(again.problems.isEmpty)
            #expect(again.reads == 0)
            #expect(source.total == 0)
            #expect(!again.modelChanged)
            #expect(Self.listing("\(f.dataDirectory)/model") == before)
            // ...but the snapshot knows the data was confirmed just now.
            #expect(engine.snapshot.lastUpdated(school: "green-abbey") == f.clock.now())
            #expect(
                engine.snapshot.updatedText(school: "green-abbey", now: f.clock.now().addingTimeInterval(300))
                    == "updated 5 minutes ago")

            // A restarted app sees the same model.
            let reopened = try f.engine()
            #expect(reopened.snapshot.messageCount == m.messageCount)
            #expect(reopened.snapshot.children == m.children)
        }
    }

    @Test func aNewMessageAppearsWithANotificationAndCostsOneRead() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let source = CountingSource(try FileStore(root: f.store))
            let engine = try f.engine(source: source)
            try engine.sync()
            f.clock.advance(by: 120)
            try f.send("NEW-1", to: .group("9A"), subject: "Maths test on Friday", category: .homework)
            source.reset()
            let report = try engine.sync()
            let ref = MessageRef(school: "green-abbey", id: "NEW-1")
            #expect(report.newMessages == [ref])
            #expect(report.notifications == [ref])
            #expect(source.byKind == ["messages": 1])
            #expect(report.schools.first { $0.school == "green-abbey" }?.messagesAdded == 1)
            let m = engine.snapshot
            #expect(m.timeline().first?.ref == ref)
            #expect(m.timeline(TimelineQuery(child: F.ben)).first?.ref == ref)
            #expect(m.timeline(TimelineQuery(child: F.amy)).first?.ref != ref)
            #expect(m.message(ref)?.isUnread == true)
            #expect(report.summaryLines.contains { $0.hasPrefix("Green Abbey School: 1 new message") })
        }
    }

    @Test func aMessagePublishedLaterAppearsExactlyWhenTheClockPassesIt() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let source = CountingSource(try FileStore(root: f.store))
            let engine = try f.engine(source: source)
            try engine.sync()
            let publish = f.clock.now().addingTimeInterval(600)
            try f.send("LATER-1", to: .school, subject: "Snow closure", category: .emergency, published: publish)
            let ref = MessageRef(school: "green-abbey", id: "LATER-1")
            #expect(try engine.sync().newMessages.isEmpty)  // the file changed: read once, nothing visible
            #expect(engine.snapshot.message(ref) == nil)
            f.clock.set(publish.addingTimeInterval(-1))
            source.reset()
            let before = try engine.sync()
            #expect(before.newMessages.isEmpty)
            #expect(source.total == 0)  // the cursor knows nothing is due yet
            f.clock.set(publish)
            let at = try engine.sync()
            #expect(at.newMessages == [ref])
            #expect(at.notifications == [ref])
            #expect(source.byKind == ["messages": 1])
            #expect(engine.snapshot.message(ref)?.children == [F.ben, F.amy])
        }
    }

    @Test func anAttendanceMarkAppearsWhenThePipelinePublishesIt() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let today = CivilDate(parsing: "2026-03-18")!
            func benPM() -> AttendanceEntry? {
                engine.snapshot.attendance(for: F.ben, now: f.clock.now())?.marks.first {
                    $0.date == today && $0.session == .pm
                }
            }
            #expect(benPM() == nil)
            // Recorded 13:29, published 14:14 (within the 92 minutes).
            let published = Timestamp.parse("2026-03-18T14:14:00Z")!
            f.clock.set(published.addingTimeInterval(-1))
            try engine.sync()
            #expect(benPM() == nil)
            // Amy's came at 13:51
            #expect(engine.snapshot.attendance(for: F.amy, now: f.clock.now())?.marks.first?.session == .pm)
            f.clock.set(published)
            let report = try engine.sync()
            let mark = try #require(benPM())
            #expect(mark.code == "\\")
            #expect(mark.meaning == "Present (afternoon)")
            #expect(mark.publishedAt.timeIntervalSince(mark.recordedAt) <= 92 * 60)
            #expect(report.schools.first?.marksAdded == 1)
            #expect(
                engine.snapshot.attendance(for: F.ben, now: f.clock.now())?.completeUpTo
                    == published.addingTimeInterval(-92 * 60))
        }
    }

    /// A link that still stands but no longer lets the parent see the
    /// child (correspondence turned off, parental responsibility taken
    /// away, a leaver past the school's persistence) removes the child,
    /// and the sync says why (it said only "1 child removed").
    @Test func aChildRemovedWhileARecordStillNamesThemSaysWhy() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            try f.editRecords(StoreLayout.contactsFile("green-abbey")) { records in
                for i in records.indices where records[i]["id"] == .string("GA-C-LIZ") {
                    guard case .array(let links)? = records[i]["students"] else { continue }
                    records[i] = records[i].setting(
                        "students",
                        .array(
                            links.map { link in
                                link["student"] == .string("GA-AMY")
                                    ? link.setting("correspondence", .bool(false)) : link
                            }))
                }
            }
            f.clock.advance(by: 60)
            let report = try engine.sync()
            let summary = try #require(report.schools.first { $0.school == "green-abbey" })
            #expect(summary.childrenRemoved == [F.amy])
            #expect(summary.removedBecause == [F.amy: .correspondenceNotAllowed])
            #expect(
                report.summaryLines.contains { $0.contains("1 child removed (GA-AMY: correspondence not allowed)") },
                "\(report.summaryLines)")

            // Ben a leaver since October: past the school's three months.
            try f.editRecords(StoreLayout.studentsFile("green-abbey")) { records in
                for i in records.indices where records[i]["id"] == .string("GA-BEN") {
                    records[i] = records[i].setting("leaver", .bool(true)).setting("leftOn", .string("2025-10-31"))
                }
            }
            f.clock.advance(by: 60)
            let left = try engine.sync()
            let ben = try #require(left.schools.first { $0.school == "green-abbey" })
            #expect(ben.removedBecause == [F.ben: .left(CivilDate(year: 2025, month: 10, day: 31)!, shownForMonths: 3)])
            #expect(
                left.summaryLines.contains { $0.contains("1 child removed (GA-BEN: left on Fri 31 Oct 2025)") },
                "\(left.summaryLines)")
        }
    }

    @Test func aRemovedLinkRemovesTheChildAndTheirData() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let amyOnly = engine.snapshot.timeline(TimelineQuery(child: F.amy)).filter { $0.children == [F.amy] }.map(
                \.ref)
            let shared = engine.snapshot.timeline(TimelineQuery(child: F.amy)).filter { $0.children.count == 2 }.map(
                \.ref)
            #expect(!amyOnly.isEmpty && !shared.isEmpty)
            #expect(
                FileManager.default.fileExists(
                    atPath: "\(f.dataDirectory)/model/\(engine.model.state.files["child.green-abbey.GA-AMY"]!)"))

            // The school removes Liz's link to Amy (a hand edit of contacts.json).
            try f.editRecords(StoreLayout.contactsFile("green-abbey")) { records in
                for i in records.indices where records[i]["id"] == .string("GA-C-LIZ") {
                    guard case .array(let links)? = records[i]["students"] else { continue }
                    records[i] = records[i].setting(
                        "students", .array(links.filter { $0["student"] != .string("GA-AMY") }))
                }
            }
            f.clock.advance(by: 60)
            let report = try engine.sync()
            #expect(report.schools.first?.childrenRemoved == [F.amy])
            let m = engine.snapshot
            #expect(m.children.map(\.ref) == [F.ben, F.tom])
            #expect(m.attendance(for: F.amy, now: f.clock.now()) == nil)
            #expect(m.student(F.amy) == nil)
            for ref in amyOnly { #expect(m.message(ref) == nil) }
            for ref in shared { #expect(m.message(ref)?.children == [F.ben]) }
            #expect(engine.model.state.files["child.green-abbey.GA-AMY"] == nil)
            let names = try FileManager.default.contentsOfDirectory(atPath: "\(f.dataDirectory)/model")
            #expect(!names.contains { $0.contains("GA-AMY") })
            // Nothing of hers left in any model file.
            for name in names {
                let text = try String(contentsOfFile: "\(f.dataDirectory)/model/\(name)", encoding: .utf8)
                #expect(!text.contains("GA-AMY"), "\(name) still mentions Amy")
            }
        }
    }

    @Test func aChildWhoIsNoLongerAllowedCorrespondenceOrNotYetPublishedDisappears() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            try f.editRecords(StoreLayout.contactsFile("riverside-primary")) { records in
                for i in records.indices where records[i]["id"] == .string("RP-C-LIZ") {
                    guard case .array(let links)? = records[i]["students"] else { continue }
                    records[i] = records[i].setting(
                        "students", .array(links.map { $0.setting("correspondence", .bool(false)) }))
                }
            }
            let later = f.clock.now().addingTimeInterval(3600)
            try f.editRecords(StoreLayout.studentsFile("green-abbey")) { records in
                for i in records.indices where records[i]["id"] == .string("GA-AMY") {
                    records[i] = records[i].setting("publishedAt", .string(Timestamp.format(later)))
                }
            }
            try engine.sync()
            #expect(engine.snapshot.children.map(\.ref) == [F.ben])
            #expect(engine.snapshot.timeline().allSatisfy { $0.children == [F.ben] })
            // Amy's record is published an hour later: she comes back, with her data.
            f.clock.set(later)
            let report = try engine.sync()
            #expect(report.schools.first?.childrenAdded == [F.amy])
            #expect(report.newMessages.isEmpty)  // her history is not news
            #expect(engine.snapshot.children.map(\.ref) == [F.ben, F.amy])
            #expect(engine.snapshot.attendance(for: F.amy, now: later)?.marks.isEmpty == false)
        }
    }

    @Test func leaversStayForTheSchoolsPersistenceAndMissLaterYearMessages() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir, email: "siobhan.obrien@example.com", mobile: "07700 100007", lastFour: "0007")
            let zoe = ChildRef(school: "green-abbey", student: "GA-ZOE")
            let engine = try f.engine()
            try engine.sync()
            #expect(engine.snapshot.children.map(\.ref) == [zoe])
            #expect(engine.snapshot.children.first?.isLeaver == true)
            let leftOn = CivilDate(parsing: "2026-02-13")!
            let zone = SyncFixture.london
            let entries = engine.snapshot.timeline()
            #expect(!entries.isEmpty)
            for e in entries {
                let detail = try #require(engine.snapshot.message(e.ref))
                if detail.audience != nil {
                    #expect(zone.civilDate(of: e.sentAt) <= leftOn, "\(e.ref) was sent after she left")
                }
            }
            // A message to her old group after she left is not hers.
            try f.send("AFTER-1", to: .group("11A"), subject: "Year 11 mocks")
            try engine.sync()
            #expect(engine.snapshot.message(MessageRef(school: "green-abbey", id: "AFTER-1")) == nil)
            // Three months after 13 February she is gone, exactly at midnight after 13 May.
            f.clock.set(zone.instant(on: CivilDate(parsing: "2026-05-13")!, minutesAfterMidnight: 23 * 60 + 59))
            try engine.sync()
            #expect(engine.snapshot.children.map(\.ref) == [zoe])
            f.clock.set(zone.instant(on: CivilDate(parsing: "2026-05-14")!, minutesAfterMidnight: 0))
            try engine.sync()
            #expect(engine.snapshot.children.isEmpty)
            #expect(engine.snapshot.messageCount == 0)
        }
    }

    @Test func anotherStudentsEditRereadsOnlyTheParentsSlices() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let source = CountingSource(try FileStore(root: f.store))
            let engine = try f.engine(source: source)
            try engine.sync()
            let files = engine.model.state.files
            try f.editRecords(StoreLayout.recordFile("green-abbey", .attendance, AcademicYear(startYear: 2025))) {
                records in
                guard
                    let i = records.firstIndex(where: {
                        $0["student"] != .string("GA-BEN") && $0["student"] != .string("GA-AMY")
                    }),
                    case .array(var marks)? = records[i]["marks"]
                else { return }
                marks.removeLast()
                records[i] = records[i].setting("marks", .array(marks))
            }
            source.reset()
            let report = try engine.sync()
            #expect(source.byKind == ["attendance": 2])  // Ben's and Amy's records, nobody else's
            #expect(report.newMessages.isEmpty)
            // Their data is unchanged, so their parts were not rewritten (only the cursors).
            #expect(engine.model.state.files["child.green-abbey.GA-BEN"] == files["child.green-abbey.GA-BEN"])
            #expect(engine.model.state.files["child.green-abbey.GA-AMY"] == files["child.green-abbey.GA-AMY"])
            #expect(
                engine.model.state.files.filter { $0.key.hasPrefix("timeline.") }
                    == files.filter { $0.key.hasPrefix("timeline.") })
            source.reset()
            try engine.sync()
            #expect(source.total == 0)
        }
    }

    @Test func anInvalidFileKeepsTheLastGoodStateOfThatSchoolAndNamesIt() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let before = engine.snapshot
            let files = engine.model.state.files.filter {
                $0.key.hasSuffix("green-abbey") || $0.key.contains(".green-abbey.")
            }
            // Two changes at Green Abbey, one of them in a file that is now broken...
            try f.send("GOOD-1", to: .school, subject: "Sports day")
            let broken = StoreLayout.messagesFile("green-abbey", AcademicYear(startYear: 2025), .group("9A"))
            let original = try f.read(broken)
            try f.overwrite(
                broken,
                with: original.replacingOccurrences(
                    of: "\"subject\": \"Maths homework: simultaneous equations\"", with: "\"subjct\": \"x\""))
            // ...and one at Riverside.
            try f.send("RP-1", to: .school, school: "riverside-primary", subject: "Harvest festival")
            f.clock.advance(by: 60)
            let report = try engine.sync()
            #expect(report.hasInvalidStore)
            let problem = try #require(report.problems.first)
            #expect(problem.kind == .invalidStore)
            #expect(problem.school == "green-abbey")
            #expect(problem.file == broken)
            #expect(problem.description.hasPrefix("Green Abbey School: \(broken): message GA-DEMO-3"))
            #expect(problem.description.contains("subjct: unknown field"))
            // Only the broken file's messages are held back at their last
            // good state: the school's other files come in (one bad file
            // kept out an Emergency message to the whole school: an audit).
            #expect(
                report.summaryLines.contains(
                    "Green Abbey School: 1 new message, the last good data kept where there is a problem (below) (2 reads)"
                ),
                "\(report.summaryLines)")
            let m = engine.snapshot
            #expect(m.message(MessageRef(school: "green-abbey", id: "GOOD-1")) != nil)
            let kept = try #require(m.message(MessageRef(school: "green-abbey", id: "GA-DEMO-3")))
            #expect(kept.subject == "Maths homework: simultaneous equations")
            #expect(m.message(MessageRef(school: "riverside-primary", id: "RP-1")) != nil)
            #expect(m.messageCount == before.messageCount + 2)
            #expect(m.trouble(school: "green-abbey")?.file == broken)
            #expect(
                engine.model.state.files.filter { $0.key.hasSuffix("green-abbey") || $0.key.contains(".green-abbey.") }
                    .keys.sorted() == files.keys.sorted())
            #expect(m.lastUpdated(school: "riverside-primary") == f.clock.now())
            // Fixed: the next sync reads it again, and the trouble is gone.
            try f.overwrite(broken, with: original)
            let fixed = try engine.sync()
            #expect(fixed.problems.isEmpty)
            #expect(fixed.newMessages == [])
            #expect(engine.snapshot.trouble(school: "green-abbey") == nil)
            #expect(engine.snapshot.lastUpdated(school: "green-abbey") == f.clock.now())
        }
    }

    @Test func anUnreachableStoreKeepsTheModelAndTheNextSyncCatchesUp() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let before = engine.model.state
            let count = engine.snapshot.messageCount
            try f.send("WHILE-AWAY", to: .school, subject: "Reminder")
            try FileManager.default.moveItem(atPath: f.store, toPath: f.store + ".away")
            f.clock.advance(by: 60)
            let away = f.clock.now()
            let report = try engine.sync()
            #expect(report.problems.map(\.kind) == [.unreachable])
            #expect(report.problems.first?.description.contains("cannot be reached") == true)
            #expect(report.storeUnavailable?.kind == .unreachable)
            // Nothing of the model changed but the note of the trouble, and since when.
            var kept = engine.model.state
            #expect(kept.troubles[ModelState.storeKey]?.since == away)
            kept.troubles = [:]
            #expect(CrashScenario.content(kept) == CrashScenario.content(before))
            #expect(engine.snapshot.messageCount == count)
            #expect(engine.snapshot.storeTrouble?.kind == .unreachable)
            #expect(engine.snapshot.storeTrouble?.since == away)
            // Still away a minute later: the same trouble, since the first failure; nothing written.
            f.clock.advance(by: 60)
            let generation = engine.model.generation
            _ = try engine.sync()
            #expect(engine.model.generation == generation)
            #expect(engine.snapshot.storeTrouble?.since == away)
            // A restarted app knows since when.
            #expect(try SyncEngine(account: f.lazyAccount(), session: f.session).snapshot.storeTrouble?.since == away)

            try FileManager.default.moveItem(atPath: f.store + ".away", toPath: f.store)
            let back = try engine.sync()
            #expect(back.problems.isEmpty)
            #expect(back.newMessages == [MessageRef(school: "green-abbey", id: "WHILE-AWAY")])
            #expect(engine.snapshot.storeTrouble == nil)
            #expect(engine.model.state.troubles.isEmpty)
        }
    }

    /// The read state's file cut short under the open app, then a sync that
    /// finds nothing new: it writes the file again from memory (it used to
    /// write nothing, and the next start set the model aside: the marks of
    /// read were gone).
    @Test func aSyncThatFindsNothingNewStillMendsAPartDamagedUnderIt() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let ref = engine.snapshot.timeline()[0].ref
            _ = try engine.markRead(ref)
            let read = try #require(engine.model.state.files[PartName.read])
            plantFile("\(f.dataDirectory)/model/\(read)", Array("{\"name\":".utf8), mode: 0o600)
            f.clock.advance(by: 60)
            let report = try engine.sync()
            #expect(report.problems.isEmpty)
            #expect(report.newMessages.isEmpty)
            let reopened = try SyncEngine(account: f.lazyAccount(), session: f.session)
            #expect(reopened.model.damage == nil)
            #expect(reopened.model.state.read.read.contains(ref.key))
        }
    }

    @Test func aMissingSchoolDirectoryIsAProblemNotARemoval() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let school = "\(f.store)/schools/riverside-primary"
            try FileManager.default.moveItem(atPath: school, toPath: "\(f.directory.path)/riverside-away")
            let report = try engine.sync()
            #expect(report.problems.map(\.kind) == [.unreachable])
            #expect(report.problems.first?.file == "schools/riverside-primary/school.json")
            #expect(engine.snapshot.children.map(\.ref) == [F.ben, F.amy, F.tom])
        }
    }

    @Test func aClockSetBackShowsOnlyWhatWasPublishedThen() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            // sent 17 March 16:05
            #expect(engine.snapshot.message(MessageRef(school: "green-abbey", id: "GA-DEMO-3")) != nil)
            // Support staff replay the morning of 17 March.
            f.clock.set(Timestamp.parse("2026-03-17T09:00:00Z")!)
            try engine.sync()
            let m = engine.snapshot
            #expect(m.message(MessageRef(school: "green-abbey", id: "GA-DEMO-3")) == nil)
            #expect(m.timeline().allSatisfy { $0.sentAt <= f.clock.now() })
            #expect(
                m.attendance(for: F.ben, now: f.clock.now())?.marks.allSatisfy { $0.publishedAt <= f.clock.now() }
                    == true)
            #expect(m.lastUpdated(school: "green-abbey") == f.clock.now())
        }
    }

    @Test func aMissingRegistrationIsRenewedAndNotificationsNeedOne() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let registration = "\(f.store)/schools/green-abbey/registrations/\(f.session.id).json"
            #expect(FileManager.default.fileExists(atPath: registration))
            try FileManager.default.removeItem(atPath: registration)
            try f.send("N-1", to: .student("GA-BEN"), subject: "Options interview")
            let renewed = try engine.sync()
            #expect(FileManager.default.fileExists(atPath: registration))
            #expect(renewed.notifications == [MessageRef(school: "green-abbey", id: "N-1")])

            // A registration that cannot be renewed: the message arrives, no notification.
            let stuck = try f.engine(files: PathFailingLayer(failing: "/registrations/"))
            try FileManager.default.removeItem(atPath: registration)
            try f.send("N-2", to: .student("GA-BEN"), subject: "Options booklet")
            let report = try stuck.sync()
            #expect(report.newMessages == [MessageRef(school: "green-abbey", id: "N-2")])
            #expect(report.notifications.isEmpty)
            #expect(report.problems.map(\.kind) == [.notifications])
        }
    }

    @Test func afterLogoutASyncDoesNothingAndNotifiesNothing() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            #expect(try f.account.logOut() == .loggedOut(unregistered: true))
            #expect(!FileManager.default.fileExists(atPath: "\(f.dataDirectory)/model"))
            try f.send("AFTER-LOGOUT", to: .school, subject: "Hello")
            let report = try engine.sync()
            #expect(report.problems.map(\.kind) == [.session])
            #expect(report.notifications.isEmpty && report.newMessages.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: "\(f.dataDirectory)/model"))
            #expect(
                !FileManager.default.fileExists(
                    atPath: "\(f.store)/schools/green-abbey/registrations/\(f.session.id).json"))
        }
    }

    @Test func modelFilesArePrivateAndHoldNoEmailPhoneOrPIN() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            #expect(try f.account.setPIN("7391", confirmation: "7391", for: f.pending) == nil)
            let engine = try f.engine()
            try engine.sync()
            _ = try engine.compose(
                school: "green-abbey", topic: "Absence", body: "Ben has a dentist appointment on Friday.")
            try engine.markRead(engine.snapshot.timeline()[0].ref)
            for entry in dir.walk() where entry.path.hasPrefix(f.dataDirectory) {
                #expect(
                    entry.mode == (entry.isDirectory ? 0o700 : 0o600),
                    "\(entry.path) has mode \(String(entry.mode, radix: 8))")
                guard !entry.isDirectory, !entry.path.hasSuffix("session.json"), !entry.path.hasSuffix("install.key")
                else { continue }
                let text = try String(contentsOfFile: entry.path, encoding: .utf8)
                for secret in ["liz.abbot@example.com", "07700 100001", "7700100001", "100001", "7391"] {
                    // A number standing alone: file stamps (nanoseconds) and hex
                    // digests hold any run of digits by chance.
                    let alone = text.ranges(of: secret).contains { r in
                        let before = r.lowerBound == text.startIndex ? nil : text[text.index(before: r.lowerBound)]
                        let after = r.upperBound == text.endIndex ? nil : text[r.upperBound]
                        return ![before, after].contains { $0?.isHexDigit == true }
                    }
                    #expect(!alone, "\(entry.path) holds \(secret)")
                }
            }
        }
    }
}
