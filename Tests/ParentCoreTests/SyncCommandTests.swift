import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// `xpressions sync`, the real binary in a child process: its summary and
/// exit codes, and killed at every write point (`XPRESSIONS_CRASH_AT=k`),
/// then restarted.
@Suite struct SyncCommandTests {
    static let now = "2026-03-18T14:20:00Z"

    static func sync(_ f: SyncFixture, now: String = now, environment: [String: String] = [:]) throws
        -> XpressionsBinary.Run
    {
        // The clock pinned in normal use: `sync --now` is an as-of sync, which keeps nothing.
        try XpressionsBinary.run(
            ["sync", "--store", f.store, "--data-dir", f.dataDirectory],
            environment: environment.merging(["XPRESSIONS_CLOCK": now]) { a, _ in a })
    }

    @Test func syncPrintsASummaryWithoutPersonalDetailsAndSaysHowItWent() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            let first = try Self.sync(f)
            #expect(first.status == 0, "\(first.errors)")
            let lines = first.output.split(separator: "\n").map(String.init)
            #expect(lines.first?.hasPrefix("xpressions sync: 2 schools, 3 children, ") == true)
            #expect(lines.contains { $0.hasPrefix("Green Abbey School: ") })
            #expect(lines.contains { $0.hasPrefix("Riverside Primary School: ") })
            #expect(lines.last?.hasPrefix("took ") == true)
            // A first sync's older messages start read, and a sync run from
            // cron says so as the app does (it did not).
            #expect(
                lines.contains {
                    $0.hasPrefix("Green Abbey School: ") && $0.contains("over 14 days old, so they start read")
                },
                "\(lines)")
            for secret in ["liz.abbot", "07700", "Ben", "Amy", "Tom", "Abbot"] {
                #expect(!first.output.contains(secret), "output shows \(secret)")
            }

            let again = try Self.sync(f)
            #expect(again.status == 0)
            #expect(again.output.contains("Green Abbey School: up to date (0 reads)"))

            // An invalid file at one school: 1, the file named, that school's last good data kept.
            let broken = StoreLayout.messagesFile("green-abbey", AcademicYear(startYear: 2025), .school)
            try f.overwrite(broken, with: "[{\"id\": ")
            let invalid = try Self.sync(f)
            #expect(invalid.status == 1)
            #expect(invalid.output.contains("problem: Green Abbey School: \(broken): malformed JSON"))
            #expect(
                invalid.output.contains("Green Abbey School: the last good data kept where there is a problem (below)"),
                "\(invalid.output)")

            // Not logged in: 1.
            #expect(try f.account.logOut() == .loggedOut(unregistered: true))
            let none = try Self.sync(f)
            #expect(none.status == 1)
            #expect(none.errors.contains("nobody is logged in"))

            // Not a store: 65.
            let notAStore = try XpressionsBinary.run(["sync", "--store", dir.path, "--data-dir", f.dataDirectory])
            #expect(notAStore.status == 65)
            let usage = try XpressionsBinary.run(["sync", "--bogus"])
            #expect(usage.status == 64)
        }
    }

    @Test func queuedItemsLeftUnsentMakeTheExitCodeOne() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            let engine = try f.engine()
            try engine.sync()
            _ = try engine.compose(school: "green-abbey", topic: "Absence", body: "Ben is unwell.")
            let schoolFile = StoreLayout.schoolFile("green-abbey")
            try f.overwrite(
                schoolFile,
                with: try f.read(schoolFile).replacingOccurrences(
                    of: "\"incomingEnabled\": true", with: "\"incomingEnabled\": false"))
            let run = try Self.sync(f)
            #expect(run.status == 1)
            #expect(run.output.contains("outbox: 0 sent, 0 queued, 1 failed"))
            #expect(run.output.contains("has turned off messages from parents"))
        }
    }

    /// Kills the real binary at each write point k = 1, 2, ... of a sync
    /// (with the outbox to send), then restarts it; stops at the first k the
    /// sync finishes before reaching.
    @Test func killedAtEveryWritePointTheRestartedSyncFinishesTheJob() throws {
        try withTestDirectory { dir in
            let s = try CrashScenario(in: dir)
            func modelContent() throws -> ModelState {
                var c = CrashScenario.content(
                    try LocalModel(
                        dataDirectory: s.dataDirectory, session: s.fixture.session.id, files: PosixFileLayer()
                    ).state)
                c.syncedAt = [:]  // the binary's clock runs on from --now
                return c
            }
            var before = s.before
            var after = s.after
            before.syncedAt = [:]
            after.syncedAt = [:]
            var k = 1
            var crashes = 0
            while k < 500 {
                let run = try Self.sync(s.fixture, environment: [FaultyFileLayer.crashAtVariable: "\(k)"])
                if run.status == 0 { break }
                #expect(run.status == 137, "k=\(k): \(run.errors)")
                #expect(run.errors.contains("xpressions: simulated crash at #\(k) "))
                crashes += 1
                let content = try modelContent()
                #expect(
                    content == before || content == after, "k=\(k): the model is neither the old state nor the new one")
                #expect(
                    s.keys.isSubset(
                        of: Set(try Outbox(dataDirectory: s.dataDirectory, files: PosixFileLayer()).items().map(\.key)))
                )
                #expect(Set(try s.filed(s.inbox)).isSubset(of: s.keys))
                // The restart.
                let restart = try Self.sync(s.fixture)
                #expect(restart.status == 0, "k=\(k) restart: \(restart.output) \(restart.errors)")
                #expect(try modelContent() == after, "k=\(k): the restart did not reach the new state")
                #expect(Set(try s.filed(s.inbox)) == s.keys, "k=\(k): inbox")
                #expect(Set(try s.filed(s.receipts)) == s.receiptKeys, "k=\(k): receipts")
                try s.restore()
                k += 1
            }
            #expect(crashes > 10)
            #expect(try modelContent() == after)  // the run that got past every point
        }
    }
}

extension SyncCommandTests {
    /// A message kept when the app closed while it was written is never
    /// sent without the parent: `sync` said nothing of it and exited 0, and
    /// `status --json` said "queued": 0. Both say it now.
    @Test func aKeptMessageIsSaidBySyncAndStatus() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            let engine = try f.engine()
            try engine.sync()
            _ = try engine.keepUnsent(
                school: "green-abbey", topic: nil, body: "Half-written about Ben?", inReplyTo: nil, children: [],
                reason: "You were writing this when the app was closed")
            let run = try Self.sync(f)
            #expect(run.status == 1, "\(run.output)")
            #expect(
                run.output.contains("outbox: 1 message kept for you to send, edit or discard in the app (m on Home)"),
                "\(run.output)")
            #expect(!run.output.contains("Half-written"))
            let status = try ParentStatus.read(dataDirectory: f.dataDirectory, files: PosixFileLayer())
            #expect(status.kept == 1)
            #expect(status.json(text: "").contains("\"kept\":1") || status.json(text: "").contains("\"kept\": 1"))
        }
    }
}
