import Dispatch
import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// A store whose school reads wait at a gate the test opens, so a sync can
/// be held "under way" without sleeping.
final class GatedSource: SchoolDataSource, Sendable {
    let base: FileStore
    let gate = DispatchSemaphore(value: 0)
    let entered = DispatchSemaphore(value: 0)

    init(_ base: FileStore) { self.base = base }

    var root: String { base.root }
    func stamp(_ relative: String) -> FileStamp? { base.stamp(relative) }
    func school(_ id: String) throws(StoreProblems) -> School {
        entered.signal()
        gate.wait()
        return try base.school(id)
    }
    func contact(_ id: String, school: String) throws(StoreProblems) -> Fetched<Contact>? {
        try base.contact(id, school: school)
    }
    func student(_ id: String, school: String) throws(StoreProblems) -> Fetched<Student>? {
        try base.student(id, school: school)
    }
    func attendance(student: String, school: String, year: AcademicYear) throws(StoreProblems) -> Fetched<
        StudentAttendance
    >? {
        try base.attendance(student: student, school: school, year: year)
    }
    func timetable(student: String, school: String, year: AcademicYear) throws(StoreProblems) -> Fetched<
        StudentTimetable
    >? {
        try base.timetable(student: student, school: school, year: year)
    }
    func behaviour(student: String, school: String, year: AcademicYear) throws(StoreProblems) -> Fetched<StudentEvents>?
    {
        try base.behaviour(student: student, school: school, year: year)
    }
    func achievements(student: String, school: String, year: AcademicYear) throws(StoreProblems) -> Fetched<
        StudentEvents
    >? {
        try base.achievements(student: student, school: school, year: year)
    }
    func assessments(student: String, school: String, year: AcademicYear) throws(StoreProblems) -> Fetched<
        StudentAssessments
    >? {
        try base.assessments(student: student, school: school, year: year)
    }
    func calendar(school: String, year: AcademicYear) throws(StoreProblems) -> Fetched<[CalendarEvent]> {
        try base.calendar(school: school, year: year)
    }
    func messages(school: String, year: AcademicYear, scope: MessageScope) throws(StoreProblems) -> Fetched<
        [SchoolMessage]
    > {
        try base.messages(school: school, year: year, scope: scope)
    }
    func listedMessageYears(school: String) throws(StoreProblems) -> [AcademicYear] {
        try base.listedMessageYears(school: school)
    }
}

@Suite struct SyncCoordinatorTests {
    @Test func aBackgroundSyncReportsProgressAndOnlyOneRunsAtATime() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            let source = GatedSource(try FileStore(root: f.store))
            let seen = Locked([SyncEvent]())
            let coordinator = SyncCoordinator(engine: try f.engine(source: source)) { event in
                seen.withLock { $0.append(event) }
            }
            #expect(coordinator.isDue())
            #expect(coordinator.start(.opening))
            source.entered.wait()  // the sync is reading the first school
            #expect(coordinator.isRunning)
            #expect(!coordinator.start(.storeChanged))  // one at a time
            #expect(!coordinator.isDue())
            #expect(!coordinator.tick())
            // Both schools' details, read by the identity re-check (a first
            // sync) and by the schools' sync.
            for _ in 0..<4 { source.gate.signal() }
            coordinator.waitUntilIdle()
            #expect(!coordinator.isRunning)

            let events = coordinator.drainEvents()
            #expect(events == seen.withLock { $0 })
            #expect(events.first == .started(.opening))
            guard case .finished(let report)? = events.last else {
                Issue.record("no finish: \(events)")
                return
            }
            #expect(report.problems.isEmpty)
            let progress = events.compactMap { if case .progress(let p) = $0 { return p } else { return nil } }
            // names once synced
            #expect(progress.map(\.activity) == ["Sending", "green-abbey", "riverside-primary", "Saving", "Done"])
            #expect(progress.last?.fraction == 1)
            #expect(coordinator.drainEvents().isEmpty)
            #expect(coordinator.lastReport == report)
            #expect(coordinator.snapshot.children.count == 3)

            // The periodic sync comes round after the interval (60 s by default).
            f.clock.advance(by: 59)
            #expect(!coordinator.isDue())
            #expect(!coordinator.tick())
            f.clock.advance(by: 1)
            #expect(coordinator.isDue())
            #expect(coordinator.tick())
            source.entered.wait()
            for _ in 0..<2 { source.gate.signal() }  // the store unchanged: no re-check, both schools
            coordinator.waitUntilIdle()
            #expect(coordinator.drainEvents().first == .started(.periodic))
            #expect(coordinator.isDue(interval: 0))
        }
    }

    /// The parent sends something (or releases a kept message) while a
    /// sync runs, which may have passed its outbox already: one more sync
    /// runs when it ends, so it goes now, not at the next periodic sync a
    /// minute later (a kept absence report released mid-sync waited).
    @Test func aManualSyncAskedForDuringOneRunsAfterIt() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            let source = GatedSource(try FileStore(root: f.store))
            let coordinator = SyncCoordinator(engine: try f.engine(source: source))
            #expect(coordinator.start(.opening))
            source.entered.wait()
            #expect(!coordinator.start(.manual), "not now: one is running")
            #expect(!coordinator.start(.manual), "asked twice: still one more, not two")
            for _ in 0..<4 { source.gate.signal() }
            source.entered.wait()  // the second sync, reading the first school
            for _ in 0..<2 { source.gate.signal() }
            coordinator.waitUntilIdle()
            coordinator.waitUntilIdle()
            #expect(!coordinator.isRunning)
            let starts = coordinator.drainEvents().filter {
                if case .started = $0 { return true } else { return false }
            }
            #expect(starts == [.started(.opening), .started(.manual)])
        }
    }

    @Test func aSyncThatCannotGetThroughIsRetriedSoonerBackingOffToTheInterval() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            var settings = f.account.settings
            settings.syncInterval = 120
            let account = ParentAccount(
                store: try FileStore(root: f.store), dataDirectory: f.dataDirectory, files: PosixFileLayer(),
                clock: f.clock, settings: settings)
            let coordinator = SyncCoordinator(engine: try SyncEngine(account: account, session: f.session))
            #expect(SyncCoordinator.delay(afterFailures: 0, interval: 120) == 120)
            #expect(
                (1...6).map { SyncCoordinator.delay(afterFailures: $0, interval: 120) } == [15, 30, 60, 120, 120, 120])
            #expect(SyncCoordinator.delay(afterFailures: 3, interval: 20) == 20)

            try FileManager.default.moveItem(atPath: f.store, toPath: f.store + ".away")
            var expected: [TimeInterval] = []
            for delay in [15.0, 30, 60, 120, 120] {
                let started = f.clock.now()
                #expect(coordinator.tick() || coordinator.start(.periodic))
                coordinator.waitUntilIdle()
                #expect(coordinator.nextSyncAt == started.addingTimeInterval(delay))
                f.clock.advance(by: delay - 1)
                #expect(!coordinator.isDue())
                f.clock.advance(by: 1)
                #expect(coordinator.isDue())
                expected.append(delay)
            }
            #expect(coordinator.consecutiveFailures == expected.count)
            #expect(coordinator.snapshot.storeTrouble?.kind == .unreachable)

            // Back: a sync that gets through resets the interval.
            try FileManager.default.moveItem(atPath: f.store + ".away", toPath: f.store)
            let started = f.clock.now()
            #expect(coordinator.tick())
            coordinator.waitUntilIdle()
            #expect(coordinator.consecutiveFailures == 0)
            #expect(coordinator.nextSyncAt == started.addingTimeInterval(120))
            #expect(coordinator.snapshot.storeTrouble == nil)
        }
    }
}

extension SyncCoordinatorTests {
    /// A message the school set to come out in 30 seconds: the next sync
    /// is then, not at the minute's (it showed up to a minute late).
    @Test func theNextSyncComesWhenSomethingIsPublished() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            let coordinator = SyncCoordinator(engine: try f.engine())
            #expect(coordinator.start(.periodic))
            coordinator.waitUntilIdle()
            let periodic = try #require(coordinator.nextSyncAt)
            let soon = f.clock.now().addingTimeInterval(30)
            _ = try f.send("LATER-1", to: .school, subject: "Coming out soon", published: soon)
            f.clock.advance(by: 1)
            #expect(coordinator.start(.periodic))
            coordinator.waitUntilIdle()
            #expect(coordinator.nextSyncAt == soon, "\(String(describing: coordinator.nextSyncAt)) vs \(periodic)")
            #expect(coordinator.snapshot.message(MessageRef(school: "green-abbey", id: "LATER-1")) == nil)
            f.clock.advance(by: 29)
            #expect(coordinator.start(.periodic))
            coordinator.waitUntilIdle()
            #expect(coordinator.snapshot.message(MessageRef(school: "green-abbey", id: "LATER-1")) != nil)
        }
    }
}
