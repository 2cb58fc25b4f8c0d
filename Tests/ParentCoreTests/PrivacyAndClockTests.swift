import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// What is kept of an email is keyed to this install; security decisions
/// run on the real clock, never on the clock support staff move; sync never
/// prints a negative count.
@Suite struct PrivacyAndClockTests {
    typealias F = SyncFixture
    static let email = "liz.abbot@example.com"

    @Test func theSessionAndTheAttemptCountsKeepOnlyAKeyedDigestOfTheEmail() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let key = try InstallKey.load(dataDirectory: f.dataDirectory, files: PosixFileLayer())
            let keyed = key.digest(Self.email, domain: "email")
            let session = try #require(try f.account.loadSession())
            #expect(session.emailDigest == keyed)
            let text = try String(contentsOfFile: "\(f.dataDirectory)/session.json", encoding: .utf8)
            #expect(text.contains(keyed))
            #expect(!text.contains(SHA256.hexDigest(Self.email)))

            _ = try f.account.logIn(email: "Liz.Abbot@Example.com ", mobile: "07700 100001", lastFour: "9999")
            let attempts = try String(contentsOfFile: "\(f.dataDirectory)/login-attempts.json", encoding: .utf8)
            #expect(attempts.contains(keyed))  // the normalised email, keyed
            #expect(!attempts.contains(SHA256.hexDigest(Self.email)))
            #expect(!attempts.lowercased().contains("liz"))

            // Another install keys the same email differently.
            let g = try F(in: dir, storeName: "store2", dataName: "data2")
            #expect(try g.account.loadSession()?.emailDigest != keyed)
        }
    }

    @Test func attemptCountsOfAnEarlierBuildMatchNothing() throws {
        try withTestDirectory { dir in
            let store = try DemoStoreCopy.copy(into: dir)
            let clock = ManualClock(DemoStoreCopy.now)
            let account = try DemoStoreCopy.account(store: store, data: dir, clock: clock)
            // Five failures kept by an earlier build, under the unsalted digest.
            let old = AttemptLimiter(files: PosixFileLayer(), path: dir.file("data/login-attempts.json"), clock: clock)
            try PosixFileLayer().makeDirectory(dir.file("data"))
            for _ in 0..<5 { _ = try old.begin(key: Self.email) }
            guard case .loggedIn = try account.logIn(email: Self.email, mobile: "07700 100001", lastFour: "0001") else {
                Issue.record("the earlier build's counts still locked the email out")
                return
            }
        }
    }

    /// Support staff open the app a month in the past (`--now`), then
    /// normally: no "haven't opened for 30 days", nothing wiped.
    @Test func aMonthInThePastThenNormallyEndsNothing() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            try f.setPIN()
            try f.engine().sync()
            let real = ManualClock(f.clock.now())
            let past = OffsetClock(startingAt: f.clock.now().addingTimeInterval(-31 * 86_400), base: real)
            func account(_ display: any WallClock) -> ParentAccount {
                ParentAccount(
                    storeRoot: f.store, dataDirectory: f.dataDirectory, files: PosixFileLayer(), clock: display,
                    securityClock: real,
                    settings: f.account.settings)
            }
            let asOf = account(past)
            guard case .locked = try asOf.status() else {
                Issue.record("the past view ended the session")
                return
            }
            guard case .unlocked(let session) = try asOf.unlock(pin: "7391") else {
                Issue.record("unlock failed")
                return
            }
            #expect(session.lastUnlockedAt == real.now())
            let engine = try SyncEngine(account: asOf, session: session)
            try engine.sync()
            let item = try engine.compose(school: "green-abbey", topic: "Absence", body: "Queued in the past view.")
            real.advance(by: 600)
            let normal = account(f.clock)
            guard case .locked = try normal.status() else {
                Issue.record("opening normally after the past view ended the session")
                return
            }
            #expect(try Outbox(dataDirectory: f.dataDirectory, files: PosixFileLayer()).item(item.key) != nil)
            #expect(FileManager.default.fileExists(atPath: "\(f.dataDirectory)/model/manifest.json"))
            // And a month on in the real time, whatever the shown time, the rule applies.
            real.advance(by: 31 * 86_400)
            guard case .loggedOut = try account(past).status() else {
                Issue.record("the 30-day rule did not apply")
                return
            }
        }
    }

    @Test func theLoginWindowRunsOnTheSecurityClock() throws {
        try withTestDirectory { dir in
            let store = try DemoStoreCopy.copy(into: dir)
            let shown = ManualClock(DemoStoreCopy.now)
            let real = ManualClock(DemoStoreCopy.now)
            var settings = CoreSettings()
            settings.pinCost = 1
            // The store's file times pass with the real clock, as they would.
            let account = ParentAccount(
                storeRoot: store, dataDirectory: dir.file("data"), files: StoreClockFileLayer { real.now() },
                clock: shown,
                securityClock: real, settings: settings)
            for _ in 0..<5 { _ = try account.logIn(email: Self.email, mobile: "07700 100001", lastFour: "9999") }
            shown.advance(by: 3600)  // moving the shown time does not open the lock
            guard case .lockedOut = try account.logIn(email: Self.email, mobile: "07700 100001", lastFour: "0001")
            else {
                Issue.record("the shown clock opened the lock-out")
                return
            }
            real.advance(by: 15 * 60 + 1)
            guard case .loggedIn = try account.logIn(email: Self.email, mobile: "07700 100001", lastFour: "0001") else {
                Issue.record("the lock-out outlasted its window")
                return
            }
        }
    }

    /// A clock set back (support staff replaying a moment): the marks
    /// published after it were not there yet then, said so (they were
    /// "withdrawn"), and never as a negative count.
    @Test func aClockSetBackSaysMarksNotPublishedYetNeverANegativeCount() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            f.clock.set(Timestamp.parse("2026-03-18T15:00:00Z")!)
            let engine = try f.engine()
            try engine.sync()
            f.clock.set(Timestamp.parse("2026-01-15T09:00:00Z")!)
            let report = try engine.sync()
            let summary = try #require(report.schools.first { $0.school == "green-abbey" })
            #expect(summary.marksRemoved > 0)
            #expect(summary.marksAdded == 0)
            #expect(summary.marksNotYetPublished == summary.marksRemoved)
            #expect(
                report.summaryLines.contains {
                    $0.contains("\(summary.marksRemoved) attendance marks not published yet at this time")
                }, "\(report.summaryLines)")
            #expect(!report.summaryLines.contains { $0.contains("withdrawn") }, "\(report.summaryLines)")
            for line in report.summaryLines {
                #expect(line.range(of: #"-\d"#, options: .regularExpression) == nil, "\(line)")
            }

            // The real binary, back and forth in time.
            #expect(try SyncCommandTests.sync(f, now: "2026-03-18T15:00:00Z").status == 0)
            let back = try SyncCommandTests.sync(f, now: "2026-01-15T09:00:00Z")
            #expect(back.output.contains("attendance marks not published yet at this time"), "\(back.output)")
            #expect(back.output.range(of: #"-\d+ "#, options: .regularExpression) == nil, "\(back.output)")
        }
    }
}
