import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// `xpressions digest`, the real binary on a data directory a real login
/// and sync filled: it prints what the formats write (whatever the
/// process's time zone and locale), "since last" is remembered only after
/// a digest was written in full, and mistakes are usage errors naming the
/// option.
@Suite struct DigestCommandTests {
    static let now = "2026-03-18T10:42:00Z"
    /// A time zone and locale far from the school's: the digest keeps the school's.
    static let foreign = ["TZ": "America/Los_Angeles", "LANG": "fr_FR.UTF-8", "LC_ALL": "fr_FR.UTF-8"]

    static func run(_ f: SyncFixture, _ arguments: [String], now: String = DigestCommandTests.now) throws
        -> XpressionsBinary.Run
    {
        try XpressionsBinary.run(
            ["digest"] + arguments + ["--data-dir", f.dataDirectory, "--store", f.store],
            // The clock pinned, not an as-of view (`--now` remembers nothing).
            environment: foreign.merging(["XPRESSIONS_CLOCK": now]) { $1 })
    }

    static func memory(_ f: SyncFixture) -> DigestMemory {
        DigestMemory(dataDirectory: f.dataDirectory, files: PosixFileLayer())
    }

    /// When the remembered digest ended (nil: none remembered).
    static func at(_ recall: DigestMemory.Recall) -> Date? {
        if case .last(let entry) = recall { return entry.at }
        return nil
    }

    @Test func theCommandWritesWhatTheFormatsWrite() throws {
        try withTestDirectory { dir in
            let (f, model) = try CalendarExportTests.synced(dir)
            let at = Timestamp.parse(Self.now)!
            let digest = DigestTests.first(model, now: at)
            let me = DigestMail.Mailbox(display: nil, address: "me@example.com")
            let cases: [([String], String)] = [
                ([], DigestText.render(digest)),
                (["--format", "json"], DigestJSON.render(digest)),
                (
                    ["--format=mail", "--to", "me@example.com"],
                    DigestMail.render(digest, to: me, session: f.session.id)
                ),
            ]
            for (arguments, expected) in cases {
                try? FileManager.default.removeItem(atPath: Self.memory(f).path)  // each a first digest
                let printed = try Self.run(f, arguments)
                #expect(printed.status == 0, "\(arguments): \(printed.errors)")
                #expect(printed.errors.isEmpty)
                #expect(printed.output == expected, "\(arguments)")
                for secret in ["liz.abbot", "07700", "100001"] { #expect(!printed.output.contains(secret)) }
            }
            // One child, to a file.
            try? FileManager.default.removeItem(atPath: Self.memory(f).path)
            let out = dir.file("amy.txt")
            let amy = try Self.run(f, ["--child", "amy", "--output", out])
            #expect(amy.status == 0 && amy.output.isEmpty)
            #expect(
                try String(contentsOfFile: out, encoding: .utf8)
                    == DigestText.render(DigestTests.first(model, now: at, child: SyncFixture.amy)))
            #expect(permissions(out) == 0o600)
        }
    }

    @Test func sinceLastIsRememberedOnlyAfterASuccessfulWrite() throws {
        try withTestDirectory { dir in
            let (f, _) = try CalendarExportTests.synced(dir)
            let memory = Self.memory(f)
            // An output that cannot be written (a directory): 73, nothing remembered.
            let blocked = try Self.run(f, ["--output", dir.path])
            #expect(blocked.status == 73)
            #expect(blocked.errors.contains("cannot write \(dir.path)"))
            #expect(!FileManager.default.fileExists(atPath: memory.path))
            // Standard output closed: nothing remembered either.
            let closed = try Self.shell(
                f, "exec >&-; exec \"$0\" \"$@\"", ["digest", "--data-dir", f.dataDirectory])
            #expect(closed.status != 0)
            #expect(!FileManager.default.fileExists(atPath: memory.path))

            // Written: remembered (0600), as the digest's end.
            let first = try Self.run(f, ["--format", "json"])
            #expect(first.status == 0)
            #expect(try JSONParser.parse(Array(first.output.utf8))["sinceSource"] == .string("first-digest"))
            #expect(Self.at(memory.recall(session: f.session.id, scope: "all")) == (Timestamp.parse(Self.now)!))
            #expect(permissions(memory.path) == 0o600)

            // The next digest starts there.
            let later = "2026-03-18T18:00:00Z"
            let second = try JSONParser.parse(Array(try Self.run(f, ["--format", "json"], now: later).output.utf8))
            #expect(second["sinceSource"] == .string("last-digest"))
            #expect(second["since"] == .string(Self.now))
            #expect(Self.at(memory.recall(session: f.session.id, scope: "all")) == (Timestamp.parse(later)!))

            // A duration looks back without moving "last"; a child's digest has its own.
            let look = try JSONParser.parse(
                Array(try Self.run(f, ["--format", "json", "--since", "2d"], now: "2026-03-18T19:00:00Z").output.utf8))
            #expect(look["sinceSource"] == .string("duration") && look["since"] == .string("2026-03-16T19:00:00Z"))
            #expect(try Self.run(f, ["--child", "ben"], now: "2026-03-18T19:00:00Z").status == 0)
            #expect(Self.at(memory.recall(session: f.session.id, scope: "all")) == (Timestamp.parse(later)!))
            #expect(
                Self.at(memory.recall(session: f.session.id, scope: "green-abbey/GA-BEN"))
                    == (Timestamp.parse("2026-03-18T19:00:00Z")!))

            // A failing write after a good one leaves the good one's time.
            #expect(try Self.run(f, ["--output", dir.path], now: "2026-03-18T20:00:00Z").status == 73)
            #expect(Self.at(memory.recall(session: f.session.id, scope: "all")) == (Timestamp.parse(later)!))

            // A state file that cannot be read: said, and the last 24 hours.
            plantFile(memory.path, Array("garbage".utf8), mode: 0o600)
            let damaged = try Self.run(f, ["--format", "json"], now: later)
            #expect(damaged.status == 0)
            #expect(damaged.errors.contains("digest.json could not be read"))
            #expect(try JSONParser.parse(Array(damaged.output.utf8))["sinceSource"] == .string("first-digest"))
            #expect(
                Self.at(memory.recall(session: f.session.id, scope: "all")) == (Timestamp.parse(later)!), "rewritten")
        }
    }

    /// Runs the binary through `sh -c SCRIPT` (to close its standard output first).
    static func shell(_ f: SyncFixture, _ script: String, _ arguments: [String]) throws -> ChildProcess.Result {
        try ChildProcess.run(
            ["/bin/sh", "-c", script, try BuildProducts.executable(named: "xpressions").path] + arguments + [
                "--store", f.store,
            ],
            environment: ProcessInfo.processInfo.environment.merging(["XPRESSIONS_CLOCK": now]) { $1 })
    }

    /// An as-of digest (`--now`) is a look back: it remembers nothing, and
    /// a digest remembered after its moment is not its start. An auditor's
    /// `--now 2025-10-01` made the parent's next digest cover five months.
    @Test func anAsOfDigestChangesNothing() throws {
        try withTestDirectory { dir in
            let (f, _) = try CalendarExportTests.synced(dir)
            let memory = Self.memory(f)
            #expect(try Self.run(f, []).status == 0)
            let remembered = Self.at(memory.recall(session: f.session.id, scope: DigestMemory.scope(nil)))
            #expect(remembered == Timestamp.parse(Self.now))
            let before = try Data(contentsOf: URL(fileURLWithPath: memory.path))
            let back = try XpressionsBinary.run(
                ["digest", "--data-dir", f.dataDirectory, "--store", f.store, "--now", "2025-10-01"],
                environment: Self.foreign)
            #expect(back.status == 0, "\(back.errors)")
            #expect(back.output.contains("Wed 1 Oct 2025"), "\(back.output)")
            #expect(!back.output.contains("Since Wed 1 Oct 2025 09:00 (the last digest)"), "\(back.output)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: memory.path)) == before, "digest.json untouched")
        }
    }

    @Test func beforeTheFirstSyncNothingIsRemembered() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)  // logged in, never synced
            let r = try Self.run(f, [])
            #expect(r.status == 0)
            #expect(r.output.hasSuffix("\nNo school data yet: run xpressions sync first.\n"))
            #expect(!FileManager.default.fileExists(atPath: Self.memory(f).path))
            let json = try JSONParser.parse(Array(try Self.run(f, ["--format", "json"]).output.utf8))
            #expect(
                json["children"] == .array([]) && json["syncedAt"] == .null
                    && json["subject"] == .string("Xpressions: nothing new"))
        }
    }

    @Test func mistakesAreUsageErrorsNamingTheOption() throws {
        try withTestDirectory { dir in
            try FileManager.default.createDirectory(atPath: dir.file("empty"), withIntermediateDirectories: true)
            let nobody = try XpressionsBinary.run(["digest", "--data-dir", dir.file("empty")])
            #expect(nobody.status == 1)
            #expect(nobody.errors.contains("nobody is logged in"))

            let (f, _) = try CalendarExportTests.synced(dir)
            let cases: [([String], String)] = [
                (["--since", "yesterday"], "--since"), (["--since", "0h"], "--since"),
                (["--since", "1.5h"], "--since"),
                (["--since", "400d"], "--since"), (["--since"], "--since"), (["--format", "pdf"], "--format"),
                (["--format", "mail"], "--to"), (["--format", "mail", "--to", "not-an-address"], "--to"),
                (["--format", "mail", "--to", "me@example.com\nBcc: x@example.org"], "--to"),
                (["--to", "me@example.com"], "--to"),
                (["--format", "mail", "--to", "me@example.com", "--from", "<>"], "--from"),
                (["--child", "Bob"], "--child"), (["--now", "tomorrow"], "--now"), (["--bogus"], "--bogus"),
            ]
            for (arguments, option) in cases {
                let r = try Self.run(f, arguments)
                #expect(r.status == 64, "\(arguments): \(r.errors)")
                #expect(r.errors.hasPrefix("xpressions: ") && r.errors.contains(option), "\(arguments): \(r.errors)")
                #expect(r.output.isEmpty)
            }
            #expect(!FileManager.default.fileExists(atPath: Self.memory(f).path), "nothing remembered")
            let help = try XpressionsBinary.run(["digest", "--help"])
            #expect(help.status == 0 && help.output.contains("usage: xpressions digest [--since last|DURATION]"))
            let top = try XpressionsBinary.run(["--help"])
            #expect(
                top.output.contains(
                    "xpressions digest [--since last|DURATION] [--format text|mail|json] [--to ADDRESS]"))
        }
    }
}
