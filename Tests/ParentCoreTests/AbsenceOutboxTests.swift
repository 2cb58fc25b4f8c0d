import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// Absence reports through the outbox: queued durably, filed in the
/// school's inbox exactly once whatever crashes or fails while sending,
/// kept while the store is out of reach, and acknowledged by the school
/// side (the real `xpressions school absences` and `school acknowledge`),
/// which the parent sees after the next sync.
@Suite struct AbsenceOutboxTests {
    static func draft(_ reason: AbsenceReason = .illness, note: String = "Temperature since last night") -> AbsenceDraft
    {
        AbsenceDraft(
            child: SyncFixture.ben, from: HandBuiltModel.date("2026-03-18"), to: HandBuiltModel.date("2026-03-19"),
            reason: reason, note: note)
    }

    func inboxKeys(_ f: SyncFixture) throws -> [String] {
        try PosixFileLayer().list("\(f.store)/schools/green-abbey/inbox").filter { $0.hasSuffix(".json") }.map {
            String($0.dropLast(5))
        }
    }

    @Test func aReportIsQueuedThenFiledAsAStructuredRecord() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let item = try engine.reportAbsence(Self.draft())
            #expect(item.kind == .absence && item.state == .queued)
            #expect(try engine.outbox.item(item.key)?.absence?.sessions.count == 4)
            #expect(engine.snapshot.unsentCount == 1)
            let report = try engine.sync()
            #expect(report.outbox.sent.map(\.key) == [item.key])
            let filed = try f.writer.absenceReports(school: "green-abbey")
            #expect(filed.map(\.key) == [item.key])
            let absence = try #require(filed.first?.absence)
            #expect(
                absence.student == "GA-BEN" && absence.reason == .illness
                    && absence.note == "Temperature since last night")
            #expect(
                absence.sessions.map(\.description) == [
                    "2026-03-18 AM", "2026-03-18 PM", "2026-03-19 AM", "2026-03-19 PM",
                ])
            #expect(absence.late)  // reported at 10:42: today's morning session had begun
            #expect(filed.first?.topic == "Absence report")
            #expect(filed.first?.body.contains("Wed 18 Mar AM and PM, Thu 19 Mar AM and PM: 4 sessions") == true)
            // The store stays valid with it.
            #expect(StoreValidator(root: f.store).validate().problems.isEmpty)
            // The attendance grid's source: the sessions reported, with the reason.
            #expect(engine.snapshot.reportedSessions(for: SyncFixture.ben).count == 4)
        }
    }

    /// A report made on one device is seen on the parent's other devices
    /// (and after logging in again), and by the child's other parent, with
    /// the school's acknowledgement: it was seen only on the device that
    /// sent it (a second device showed no R?, and the parent filed it
    /// again). Its note stays on the device that sent it: who wrote a
    /// record cannot be told from it (an audit saw the note reach whoever
    /// held the contact record after the school corrected it).
    @Test func aReportIsSeenOnEveryDeviceAndByTheOtherParent() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            let phone = try f.engine()
            try phone.sync()
            let item = try phone.reportAbsence(Self.draft())
            try phone.sync()
            let laptopFixture = try SyncFixture(in: dir, dataName: "laptop")
            let laptop = try laptopFixture.engine()
            try laptop.sync()
            let seen = laptop.snapshot.absenceReports(for: SyncFixture.ben)
            #expect(seen.map(\.key) == [item.key])
            #expect(seen.first?.absence?.note == nil && seen.first?.body == nil, "the note stays on the phone")
            #expect(
                phone.snapshot.absenceReports(for: SyncFixture.ben).first?.absence?.note
                    == "Temperature since last night")
            #expect(seen.first?.acknowledgedAt == nil)
            #expect(laptop.snapshot.reportedSessions(for: SyncFixture.ben).count == 4)
            #expect(laptop.snapshot.outbox.isEmpty, "not this device's to send or list as sent")

            let david = try SyncFixture(
                in: dir, email: "david.abbot@example.com", mobile: "07700 100011", lastFour: "0011", dataName: "david")
            let his = try david.engine()
            try his.sync()
            if his.snapshot.children.contains(where: { $0.ref == SyncFixture.ben }) {
                let theirs = his.snapshot.absenceReports(for: SyncFixture.ben)
                #expect(theirs.map(\.key) == [item.key])
                #expect(theirs.first?.absence?.note == nil && theirs.first?.body == nil, "her note stays hers")
                #expect(his.snapshot.reportedSessions(for: SyncFixture.ben).count == 4)
            } else {
                Issue.record("David is not linked to Ben in the demo store")
            }

            // The school acknowledges it: every device sees it after its next sync.
            let at = f.clock.now().addingTimeInterval(1800)
            _ = try f.writer.acknowledge(
                AbsenceAcknowledgement(report: item.key, acknowledgedAt: at), school: "green-abbey",
                zone: SchoolTimeZone(identifier: "Europe/London")!)
            f.clock.advance(by: 3600)
            try laptop.sync()
            #expect(laptop.snapshot.absenceReports(for: SyncFixture.ben).first?.acknowledgedAt == at)
            // An unchanged store is not read again (the folders' stamps).
            let part = try #require(laptop.model.state.schools["green-abbey"])
            #expect(part.reportsStamp != nil)
            #expect(laptop.storeReports(school: "green-abbey", children: ["GA-BEN"], old: part) == nil)

            // A record that cannot be read (being restored, a permission
            // glitch) keeps the report, and is read again until it can be
            // (it vanished, and stayed gone after the file came back).
            let second = try phone.reportAbsence(
                AbsenceDraft(
                    child: SyncFixture.ben, from: HandBuiltModel.date("2026-03-23"),
                    to: HandBuiltModel.date("2026-03-23"),
                    reason: .medical, note: "Dentist"))
            try phone.sync()
            let secondFile = "\(f.store)/schools/green-abbey/inbox/\(second.key).json"
            let secondBytes = try Data(contentsOf: URL(fileURLWithPath: secondFile))
            try Data("{\"bad".utf8).write(to: URL(fileURLWithPath: secondFile))
            f.clock.advance(by: 60)
            try laptop.sync()
            #expect(laptop.snapshot.absenceReports(for: SyncFixture.ben).map(\.key) == [item.key])
            // What that sync wrote reads back (it wrote an empty stamp the
            // next start called damage, and rebuilt the model every sync).
            let reopened = laptopFixture
            #expect(try reopened.engine().snapshot.absenceReports(for: SyncFixture.ben).map(\.key) == [item.key])
            #expect(!FileManager.default.fileExists(atPath: "\(reopened.dataDirectory)/damaged"))
            try laptop.sync()
            #expect(!FileManager.default.fileExists(atPath: "\(reopened.dataDirectory)/damaged"))
            try secondBytes.write(to: URL(fileURLWithPath: secondFile))  // in place: the folder is unchanged
            f.clock.advance(by: 60)
            try laptop.sync()
            #expect(Set(laptop.snapshot.absenceReports(for: SyncFixture.ben).map(\.key)) == [item.key, second.key])

            // Reason Other, whose note is required where it is written: the
            // copy without it is whole on the other devices (it was dropped
            // as invalid, from the grid, the digest and the model).
            let other = try phone.reportAbsence(
                AbsenceDraft(
                    child: SyncFixture.ben, from: HandBuiltModel.date("2026-03-24"),
                    to: HandBuiltModel.date("2026-03-24"), reason: .other, note: "Grandparent visiting from abroad"))
            try phone.sync()
            f.clock.advance(by: 60)
            try laptop.sync()
            let copies = laptop.snapshot.absenceReports(for: SyncFixture.ben)
            #expect(Set(copies.map(\.key)) == [item.key, second.key, other.key])
            #expect(copies.first { $0.key == other.key }?.absence?.reason == .other)
            #expect(copies.first { $0.key == other.key }?.absence?.note == nil, "the note stays on the phone")
            // ...and it reads back from the model, and a later sync keeps it.
            #expect(
                Set(try laptopFixture.engine().snapshot.absenceReports(for: SyncFixture.ben).map(\.key)).contains(
                    other.key))
            f.clock.advance(by: 60)
            try laptop.sync()
            #expect(laptop.snapshot.absenceReports(for: SyncFixture.ben).contains { $0.key == other.key })
        }
    }

    /// A report kept when the app closed, sent the next day: checked again
    /// as a new one is, with the time it is sent and the late flag of then
    /// (it reached the school stamped the day before, "not late"). One whose
    /// days its calendar now refuses stays kept.
    @Test func aKeptReportIsCheckedAgainWhenItIsSent() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let thursday = AbsenceDraft(
                child: SyncFixture.ben, from: HandBuiltModel.date("2026-03-19"), to: HandBuiltModel.date("2026-03-19"),
                reason: .illness, note: "Fever")
            let kept = try engine.reportAbsence(thursday, heldReason: "You were writing this when the app was closed")
            #expect(kept.isHeld && kept.absence?.late == false)
            f.clock.advance(by: 86_400)  // Thursday, 10:42: its morning has begun
            #expect(try engine.release(kept.key))
            let sent = try #require(try engine.outbox.item(kept.key))
            #expect(!sent.isHeld && sent.createdAt == f.clock.now())
            #expect(sent.absence?.late == true && sent.absence?.note == "Fever")
            try engine.sync()
            let filed = try #require(try f.writer.absenceReports(school: "green-abbey").first)
            #expect(filed.key == kept.key && filed.createdAt == f.clock.now() && filed.absence?.late == true)

            // Kept again, then sent in the next school year: too long ago now.
            let again = try engine.reportAbsence(
                AbsenceDraft(
                    child: SyncFixture.ben, from: HandBuiltModel.date("2026-03-20"),
                    to: HandBuiltModel.date("2026-03-20"), reason: .medical, note: "Dentist"),
                heldReason: "You were writing this when the app was closed")
            f.clock.advance(by: 200 * 86_400)
            #expect(throws: AbsenceRefusal.self) { try engine.release(again.key) }
            #expect(try engine.outbox.item(again.key)?.isHeld == true, "still kept")
        }
    }

    /// A leaver has no absences to report after leaving: refused, nothing
    /// queued, and the attendance grid (its reported sessions) never runs
    /// past the leaving date.
    @Test func aLeaverCannotBeReportedAbsentAfterLeaving() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(
                in: dir, email: "siobhan.obrien@example.com", mobile: "07700 100007", lastFour: "0007")
            let engine = try f.engine()
            try engine.sync()
            let zoe = ChildRef(school: "green-abbey", student: "GA-ZOE")
            let draft = AbsenceDraft(
                child: zoe, from: HandBuiltModel.date("2026-03-18"), to: HandBuiltModel.date("2026-03-18"),
                reason: .illness)
            #expect(
                throws: AbsenceRefusal.afterLeaving(
                    forename: "Zoë", schoolName: "Green Abbey School", leftOn: HandBuiltModel.date("2026-02-13"))
            ) { try engine.reportAbsence(draft) }
            #expect(try engine.outbox.items().filter { $0.kind == .absence }.isEmpty)
            #expect(engine.snapshot.reportedSessions(for: zoe).isEmpty)
            // Said in either tense (a leaving day may still be to come).
            #expect(
                AbsenceRefusal.afterLeaving(
                    forename: "Zoë", schoolName: "Green Abbey School", leftOn: HandBuiltModel.date("2026-02-13")
                ).description
                    == "Zoë's last day at Green Abbey School is Fri 13 Feb 2026: there is no absence to report after it."
            )
        }
    }

    @Test func refusalsSaveNothing() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            let engine = try f.engine()
            try engine.sync()
            #expect(throws: AbsenceRefusal.noteRequired) { try engine.reportAbsence(Self.draft(.other, note: "")) }
            var weekend = Self.draft()
            weekend.from = HandBuiltModel.date("2026-03-21")
            weekend.to = weekend.from
            #expect(throws: AbsenceRefusal.closed(weekend.from, why: "a Saturday")) {
                try engine.reportAbsence(weekend)
            }
            let tom = AbsenceDraft(
                child: SyncFixture.tom, from: HandBuiltModel.date("2026-03-18"), to: HandBuiltModel.date("2026-03-18"),
                reason: .illness)
            #expect(
                throws: AbsenceRefusal.schoolTakesNoMessages(
                    schoolName: "Riverside Primary School", phone: "01632 960718")
            ) {
                try engine.reportAbsence(tom)
            }
            #expect(try engine.outbox.items().filter { $0.kind == .absence }.isEmpty)
        }
    }

    @Test func aReportWaitsWhileTheStoreIsOutOfReachAndGoesOnceItIsBack() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let item = try engine.reportAbsence(Self.draft())
            try FileManager.default.moveItem(atPath: f.store, toPath: f.store + ".away")
            _ = try? engine.sync()
            let waiting = try #require(try engine.outbox.item(item.key))
            #expect(waiting.state == .queued)
            try FileManager.default.moveItem(atPath: f.store + ".away", toPath: f.store)
            try engine.sync()
            try engine.sync()
            #expect(try inboxKeys(f) == [item.key])
            if case .sent = try engine.outbox.item(item.key)?.state {} else { Issue.record("not sent") }
        }
    }

    @Test func aCrashOrFailureAtAnyWritePointOfSendingFilesTheReportOnce() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let item = try engine.reportAbsence(Self.draft(.medical, note: "Orthodontist at 2pm"))
            let queued = try #require(try PosixFileLayer().read("\(f.dataDirectory)/outbox/\(item.key).json"))
            func restore() throws {
                try PosixFileLayer().removeTree("\(f.store)/schools/green-abbey/inbox")
                try PosixFileLayer().writeAtomically(queued, to: "\(f.dataDirectory)/outbox/\(item.key).json")
            }
            func send(_ plan: FaultPlan) throws -> Int {
                let layer = FaultyFileLayer(wrapping: PosixFileLayer(), plan: plan, countsSteps: true)
                let outbox = Outbox(dataDirectory: f.dataDirectory, files: layer)
                do {
                    _ = try outbox.send(source: engine.source, session: f.session, now: f.clock.now())
                } catch is SimulatedCrash {}
                return layer.faultPointCount
            }
            let points = try send(.none)
            #expect(points > 3)
            #expect(try inboxKeys(f) == [item.key])
            for plan in (1...points).flatMap({ [FaultPlan.simulatedCrashAt($0), .failAt($0)] }) {
                try restore()
                _ = try send(plan)
                // The inbox holds it at most once, whole, or not yet.
                let keys = try inboxKeys(f)
                #expect(keys.isEmpty || keys == [item.key], "\(plan)")
                if !keys.isEmpty { #expect(try f.writer.absenceReports(school: "green-abbey").count == 1, "\(plan)") }
                // The restarted app sends again, twice for good measure.
                let again = try f.engine()
                try again.sendOutbox()
                try again.sendOutbox()
                #expect(try inboxKeys(f) == [item.key], "\(plan)")
                #expect(
                    try f.writer.absenceReports(school: "green-abbey").first?.absence?.reason == .medical, "\(plan)")
                #expect(try again.outbox.items().allSatisfy { !$0.isUnsent }, "\(plan)")
            }
        }
    }

    /// The demo store's school office (store.json's demoOffice) answers by
    /// itself: a report is acknowledged at the first sync a minute after it
    /// came in, stamped a minute after it, and a store without an office
    /// never answers.
    @Test func theDemoOfficeAcknowledgesAReportAMinuteLater() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let item = try engine.reportAbsence(Self.draft())
            try engine.sync()
            func acknowledged() -> Date? { engine.snapshot.outbox.first { $0.key == item.key }?.acknowledgedAt }
            #expect(acknowledged() == nil, "just in: not yet")
            f.clock.advance(by: 30)
            try engine.sync()
            #expect(acknowledged() == nil, "half a minute: not yet")
            f.clock.advance(by: 45)
            try engine.sync()
            let filed = try #require(try f.writer.absenceReports(school: "green-abbey").first)
            #expect(acknowledged() == filed.createdAt.addingTimeInterval(60))
            #expect(try f.writer.acknowledgements(school: "green-abbey").count == 1)
            #expect(StoreValidator(root: f.store).validate().problems.isEmpty)
        }
        // The same store without its demo office: nobody answers.
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            let path = "\(f.store)/store.json"
            var info = try FileStore(root: f.store).info
            info.demoOffice = nil
            try Data(JSONWriter().write(info.json)).write(to: URL(fileURLWithPath: path))
            let engine = try f.engine()
            try engine.sync()
            let item = try engine.reportAbsence(Self.draft())
            try engine.sync()
            f.clock.advance(by: 3600)
            try engine.sync()
            #expect(engine.snapshot.outbox.first { $0.key == item.key }?.acknowledgedAt == nil)
            #expect(try f.writer.acknowledgements(school: "green-abbey").isEmpty)
        }
    }

    @Test func theSchoolSideListsAndAcknowledgesAndTheParentSeesIt() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let item = try engine.reportAbsence(Self.draft())
            try engine.sync()
            #expect(engine.snapshot.outbox.first { $0.key == item.key }?.acknowledgedAt == nil)

            // The office lists it (JSON), for the day and not for another.
            let listed = try XpressionsBinary.run([
                "school", "absences", "--school", "green-abbey", "--store", f.store, "--json",
                "--date", "2026-03-19",
            ])
            #expect(listed.status == 0, "\(listed.errors)")
            let rows = try JSONParser.parseArray(Array(listed.output.utf8)).values
            #expect(rows.count == 1)
            #expect(rows.first?["key"] == .string(item.key))
            #expect(rows.first?["child"] == .string("Ben Abbot (9A)"))
            #expect(rows.first?["reasonText"] == .string("Illness"))
            #expect(rows.first?["acknowledged"] == .bool(false))
            let otherDay = try XpressionsBinary.run([
                "school", "absences", "--school", "green-abbey", "--store", f.store, "--date", "2026-03-20",
            ])
            #expect(otherDay.output.contains("No absence reports on Fri 20 Mar 2026 at Green Abbey School."))
            let text = try XpressionsBinary.run(["school", "absences", "--school", "green-abbey", "--store", f.store])
            #expect(text.output.contains("Ben Abbot (9A)  Wed 18 Mar AM and PM, Thu 19 Mar AM and PM: 4 sessions"))
            #expect(text.output.contains("Not acknowledged yet."))
            #expect(!text.output.contains("07700") && !text.output.contains("@example.com"))

            // Acknowledged at 10:50 (once: a second time changes nothing).
            let ack = try XpressionsBinary.run([
                "school", "acknowledge", "--school", "green-abbey", item.key, "--store", f.store,
                "--now", "2026-03-18T10:50:00Z",
            ])
            #expect(ack.status == 0, "\(ack.errors)")
            #expect(ack.output.contains("Acknowledged \(item.key) at 2026-03-18T10:50:00Z"))
            let again = try XpressionsBinary.run([
                "school", "acknowledge", "--school", "green-abbey", item.key, "--store", f.store,
                "--now", "2026-03-18T11:00:00Z",
            ])
            #expect(again.output.contains("Already acknowledged at 2026-03-18T10:50:00Z"))
            let unknown = try XpressionsBinary.run([
                "school", "acknowledge", "--school", "green-abbey", "nope", "--store", f.store,
            ])
            #expect(unknown.status == 64 && unknown.errors.contains("no absence report 'nope'"))
            // Enough of a key's start names its report, as a commit's prefix does in git.
            let prefix = try XpressionsBinary.run([
                "school", "acknowledge", "--school", "green-abbey", String(item.key.prefix(8)), "--store", f.store,
            ])
            #expect(prefix.status == 0 && prefix.output.contains("Already acknowledged"), "\(prefix.errors)")
            // In either case; never "x" alone (every key starts with it).
            let upper = try XpressionsBinary.run([
                "school", "acknowledge", "--school", "green-abbey", String(item.key.prefix(8)).uppercased(),
                "--store", f.store,
            ])
            #expect(upper.status == 0 && upper.output.contains("Already acknowledged"), "\(upper.errors)")
            let x = try XpressionsBinary.run([
                "school", "acknowledge", "--school", "green-abbey", "x", "--store", f.store,
            ])
            #expect(x.status == 64 && x.errors.contains("give 4 characters of its key at least"), "\(x.errors)")
            #expect(StoreValidator(root: f.store).validate().problems.isEmpty)

            // The parent's next sync, once that time has come, finds it.
            f.clock.set(Timestamp.parse("2026-03-18T10:51:00Z")!)
            let report = try engine.sync()
            #expect(report.outbox.acknowledged.map(\.key) == [item.key])
            #expect(
                report.summaryLines.contains(
                    "  absence \(item.key): acknowledged by the school at 2026-03-18T10:50:00Z"))
            #expect(
                engine.snapshot.outbox.first { $0.key == item.key }?.acknowledgedAt
                    == Timestamp.parse("2026-03-18T10:50:00Z"))
            #expect(try engine.sync().outbox.acknowledged.isEmpty)  // found once
            // As of the parent's clock: by the store's own (the demo's day at
            // the real time of day) 10:50 may be still to come.
            let listedAfter = try XpressionsBinary.run([
                "school", "absences", "--school", "green-abbey", "--store", f.store, "--now", "2026-03-18T10:51:00Z",
            ])
            #expect(listedAfter.output.contains("Acknowledged at 2026-03-18T10:50:00Z."))
        }
    }
}

extension AbsenceOutboxTests {
    /// An acknowledgement earlier than its report (written by hand; validate
    /// refuses it) is not taken by a sync either: the same rule.
    @Test func anAcknowledgementBeforeItsReportIsNotTaken() throws {
        try withTestDirectory { dir in
            let (f, _) = try CalendarExportTests.synced(dir)
            let engine = try f.engine()
            let item = try engine.reportAbsence(AbsenceOutboxTests.draft())
            try engine.sync()
            let zone = try #require(engine.snapshot.school("green-abbey")).zone
            _ = try StoreWriter(root: f.store, files: PosixFileLayer())
                .acknowledge(
                    AbsenceAcknowledgement(report: item.key, acknowledgedAt: item.createdAt.addingTimeInterval(-60)),
                    school: "green-abbey", zone: zone)
            let report = try engine.sync()
            #expect(report.outbox.problems.contains { $0.contains("acknowledgedAt is before the report was made") })
            #expect(engine.snapshot.outbox.first { $0.key == item.key }?.acknowledgedAt == nil)
        }
    }
}

extension AbsenceOutboxTests {
    /// An acknowledgement stamped hours ahead of the clock (`school
    /// acknowledge --now` given a time to come) has not happened yet: the
    /// app and the digest both say the report is waiting (the app said
    /// "Acknowledged at 09:12" at 01:00 while the digest said waiting), a
    /// sync does not take it, and the sync after the time comes takes it,
    /// once, and says so.
    @Test func anAcknowledgementStampedAheadOfTheClockWaitsForItsTime() throws {
        try withTestDirectory { dir in
            let (f, _) = try CalendarExportTests.synced(dir)
            let engine = try f.engine()
            let item = try engine.reportAbsence(AbsenceOutboxTests.draft())
            try engine.sync()
            let zone = try #require(engine.snapshot.school("green-abbey")).zone
            let later = f.clock.now().addingTimeInterval(8 * 3600)
            _ = try StoreWriter(root: f.store, files: PosixFileLayer())
                .acknowledge(
                    AbsenceAcknowledgement(report: item.key, acknowledgedAt: later), school: "green-abbey", zone: zone)
            #expect(try engine.sync().outbox.acknowledged.isEmpty)
            let sent = try #require(engine.snapshot.outbox.first { $0.key == item.key })
            #expect(sent.acknowledgedAt == nil)
            // Shown as of now, wherever it is read (an item given the time, as another device's is).
            var seen = sent
            seen.acknowledgedAt = later
            #expect(AbsenceStatus(seen, at: f.clock.now()) == .reported)
            #expect(AbsenceStatus(seen, at: later) == .acknowledged(at: later))
            // A school's clock a minute or two ahead is still taken at once.
            #expect(AbsenceStatus.happened(f.clock.now().addingTimeInterval(120), by: f.clock.now()))
            f.clock.set(later.addingTimeInterval(60))
            let report = try engine.sync()
            #expect(report.outbox.acknowledged.map(\.key) == [item.key])
            #expect(engine.snapshot.outbox.first { $0.key == item.key }?.acknowledgedAt == later)
        }
    }
}

extension AbsenceOutboxTests {
    /// A child leaves the device while their school stays (Liz's record no
    /// longer gives her parental responsibility for Amy): a report being
    /// filled in about them, kept when the form is left, is kept whole from
    /// the model as it was (it could only be kept as a note, its days and
    /// reason lost) and, held, can't be sent while Amy is not hers.
    @Test func aReportAboutAChildWhoLeftIsKeptWhole() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            try f.setPIN()
            let engine = try f.engine()
            try engine.sync()
            let contacts = StoreLayout.contactsFile("green-abbey")
            let text = try f.read(contacts)
            let liz = try #require(text.range(of: "\"id\": \"GA-C-LIZ\""))
            let amy = try #require(text.range(of: "\"student\": \"GA-AMY\"", range: liz.upperBound..<text.endIndex))
            let flag = try #require(
                text.range(of: "\"parentalResponsibility\": true", range: amy.upperBound..<text.endIndex))
            try f.overwrite(
                contacts, with: text.replacingCharacters(in: flag, with: "\"parentalResponsibility\": false"))
            try engine.sync()
            #expect(engine.snapshot.child(SyncFixture.amy) == nil && engine.snapshot.child(SyncFixture.ben) != nil)
            let draft = AbsenceDraft(
                child: SyncFixture.amy, from: HandBuiltModel.date("2026-03-18"), to: HandBuiltModel.date("2026-03-18"),
                reason: .medical, note: "Dentist")
            let item = try engine.reportAbsence(draft, heldReason: "You were writing this when the school stopped")
            #expect(item.isHeld && item.absence?.reason == .medical && item.students == ["GA-AMY"])
            #expect(!engine.snapshot.canRelease(item))
        }
    }
}

extension AbsenceOutboxTests {
    /// Another device's report about Ben whose acknowledgement record cannot
    /// be read: the sync names the file and is not "up to date" (it said
    /// nothing and exited 0, while this device's own report's was named),
    /// and the next sync reads it again.
    @Test func anotherDevicesAcknowledgementThatCannotBeReadIsSaid() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            try f.setPIN()
            let engine = try f.engine()
            try engine.sync()
            let day = HandBuiltModel.date("2026-03-19")
            let key = "xcccc0000000000000000000000000002"
            _ = try f.writer.deliver(
                InboxItem(
                    key: key, contacts: ["GA-C-DAVID"], students: ["GA-BEN"], topic: AbsenceReport.topic,
                    body: "Ben is absent", createdAt: Timestamp.parse("2026-03-18T07:00:00Z")!,
                    absence: AbsenceReport(
                        student: "GA-BEN", from: day, to: day, part: .am,
                        sessions: [AbsenceSession(date: day, session: .am)], reason: .illness)),
                school: "green-abbey", zone: SyncFixture.london)
            let folder = "\(f.store)/\(StoreLayout.acknowledgementsDirectory("green-abbey"))"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try "{bad".write(toFile: "\(folder)/\(key).json", atomically: true, encoding: .utf8)
            let report = try engine.sync()
            #expect(report.outbox.problems.contains { $0.contains("\(key).json") }, "\(report.outbox.problems)")
            #expect(!report.isClean)
            // Said as a problem, as every fault line is (a script greps "problem:").
            #expect(report.summaryLines.contains { $0.hasPrefix("  problem: ") && $0.contains("\(key).json") })
            // Said again until it is mended (not only when the folders change).
            #expect(try engine.sync().outbox.problems.contains { $0.contains("\(key).json") })
        }
    }
}
