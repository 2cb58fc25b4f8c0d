import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// `xpressions export …` and `xpressions status`, the real binary on a data
/// directory a real login and sync filled: what they write is what the
/// formats write, where they write it (in place, 0600 when new), their exit
/// statuses, and that they change nothing in the data directory.
@Suite struct ExportCommandTests {
    static let now = "2026-03-18T10:42:00Z"

    static func run(_ f: SyncFixture, _ arguments: [String]) throws -> XpressionsBinary.Run {
        try XpressionsBinary.run(arguments + ["--data-dir", f.dataDirectory, "--now", now])
    }

    /// The text without the lines that carry the moment of the export (the
    /// binary's clock starts at `--now` and moves on).
    static func timeless(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("DTSTAMP:") && !$0.contains("\"exportedAt\"") }.joined(separator: "\n")
    }

    @Test func theCommandsWriteWhatTheFormatsWrite() throws {
        try withTestDirectory { dir in
            let (f, model) = try CalendarExportTests.synced(dir)
            let at = Timestamp.parse(Self.now)!
            let from = CivilDate(parsing: "2026-03-01")!
            let to = CivilDate(parsing: "2026-03-31")!
            let cases: [([String], String)] = [
                (["export", "calendar"], CalendarExport.ics(model: model, now: at)),
                (
                    [
                        "export", "calendar", "--with-timetable", "--from", "2026-03-01", "--to=2026-03-31", "--child",
                        "amy",
                    ],
                    CalendarExport.ics(
                        model: model, child: SyncFixture.amy, from: from, to: to, timetable: true, now: at)
                ),
                (["export", "attendance"], AttendanceExport.csv(model: model, now: at)),
                (
                    ["export", "attendance", "--format", "json", "--child", "GA-BEN"],
                    AttendanceExport.json(model: model, child: SyncFixture.ben, now: at)
                ),
                // Logged in on a copy of the demo store, exported without --store:
                // the attachment files come from the built-in demo store.
                (
                    ["export", "messages"],
                    MessageExport.mbox(
                        model: model,
                        attachment: MessageExport.storeFiles(model: model, storeRoot: DemoStoreCopy.original))
                ),
                (
                    ["export", "messages", "--format=json", "--child", "Tom Abbot (3A)"],
                    MessageExport.json(
                        model: model, child: SyncFixture.tom,
                        attachment: MessageExport.storeFiles(model: model, storeRoot: DemoStoreCopy.original))
                ),
            ]
            for (n, (arguments, expected)) in cases.enumerated() {
                let out = dir.file("export-\(n)")
                let written = try Self.run(f, arguments + ["--output", out])
                #expect(written.status == 0, "\(arguments): \(written.errors)")
                #expect(written.output.isEmpty)
                #expect(
                    Self.timeless(try String(contentsOfFile: out, encoding: .utf8)) == Self.timeless(expected),
                    "\(arguments)")
                #expect(permissions(out) == 0o600, "a new file is the parent's alone")
                let printed = try Self.run(f, arguments)
                #expect(Self.timeless(printed.output) == Self.timeless(expected), "\(arguments) on standard output")
            }
            let status = try Self.run(f, ["status"])
            #expect(status.status == 0)
            let expected = try StatusTemplate(StatusTemplate.standard).render(ParentStatus(model: model), now: at)
            #expect(status.output == expected + "\n")
            let json = try Self.run(f, ["status", "--json", "--child", "ben", "--format", "{unread}"])
            let value = try JSONParser.parse(Array(json.output.utf8))
            #expect(value["unread"] == .number(Double(model.unreadCount(child: SyncFixture.ben))))
            #expect(value["text"] == .string("\(model.unreadCount(child: SyncFixture.ben))"))
        }
    }

    /// `--output` is written in place: an existing file keeps its inode and
    /// mode, and a FIFO stays a FIFO (a temporary file renamed over it would
    /// have replaced it).
    @Test func theOutputIsWrittenInPlace() throws {
        try withTestDirectory { dir in
            let (f, _) = try CalendarExportTests.synced(dir)
            let existing = dir.file("calendar.ics")
            plantFile(existing, Array(String(repeating: "old content\n", count: 10_000).utf8), mode: 0o644)
            var before = stat()
            stat(existing, &before)
            #expect(try Self.run(f, ["export", "calendar", "--output", existing]).status == 0)
            var after = stat()
            stat(existing, &after)
            #expect(after.st_ino == before.st_ino)
            #expect(permissions(existing) == 0o644)
            let text = try String(contentsOfFile: existing, encoding: .utf8)
            #expect(
                text.hasPrefix("BEGIN:VCALENDAR\r\n") && text.hasSuffix("END:VCALENDAR\r\n")
                    && !text.contains("old content"))

            let fifo = dir.file("status.fifo")
            #expect(mkfifo(fifo, 0o600) == 0)
            let received = Locked("")
            let reader = Thread {
                let fd = open(fifo, O_RDONLY)
                guard fd >= 0 else { return }
                defer { close(fd) }
                var bytes: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 4096)
                while case let n = read(fd, &buffer, buffer.count), n > 0 { bytes += buffer[0..<n] }
                received.withLock { $0 = String(decoding: bytes, as: UTF8.self) }
            }
            reader.start()
            #expect(try Self.run(f, ["status", "--output", fifo]).status == 0)
            var info = stat()
            #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
            let deadline = Date().addingTimeInterval(10)
            while received.withLock({ $0.isEmpty }) && Date() < deadline { usleep(10_000) }
            #expect(received.withLock { $0.hasPrefix("✉ ") })
        }
    }

    @Test func exitStatusesAndPlainMessages() throws {
        try withTestDirectory { dir in
            // A data directory with nobody logged in (a mistyped one is exit 64: CommandLineTests).
            try FileManager.default.createDirectory(atPath: dir.file("empty"), withIntermediateDirectories: true)
            let nobody = try XpressionsBinary.run(["export", "messages", "--data-dir", dir.file("empty")])
            #expect(nobody.status == 1)
            #expect(
                nobody.errors
                    == "xpressions: nobody is logged in with data in \(dir.file("empty")); log in with the app first\n")
            let quiet = try XpressionsBinary.run(["status", "--data-dir", dir.file("empty")])
            // Nothing on either stream: a shell prompt's status shows nothing after a logout.
            #expect(quiet.status == 1 && quiet.output.isEmpty && quiet.errors.isEmpty)
            let formatted = try XpressionsBinary.run([
                "status", "--format", "{unread}", "--data-dir", dir.file("empty"),
            ])
            #expect(formatted.status == 1 && formatted.output.isEmpty && formatted.errors.isEmpty)
            let loggedOut = try XpressionsBinary.run(["status", "--json", "--data-dir", dir.file("empty")])
            #expect(loggedOut.status == 1)
            #expect(try JSONParser.parse(Array(loggedOut.output.utf8)) == .object([("loggedIn", .bool(false))]))

            let (f, _) = try CalendarExportTests.synced(dir)
            let usage: [[String]] = [
                ["export"], ["export", "photos"], ["export", "attendance", "--format", "xlsx"],
                ["export", "calendar", "--format", "csv"],
                ["export", "messages", "--with-timetable"], ["export", "calendar", "--from", "18/03/2026"],
                ["export", "calendar", "--from", "2026-03-18", "--to", "2026-03-01"],
                ["export", "calendar", "--with-timetable", "--from", "2026-01-01", "--to", "2029-01-01"],
                ["export", "calendar", "--child", "Bob"], ["status", "--format", "{nope}"], ["status", "--bogus"],
            ]
            for arguments in usage {
                let r = try Self.run(f, arguments)
                #expect(r.status == 64, "\(arguments): \(r.errors)")
                #expect(r.errors.hasPrefix("xpressions: "), "\(arguments)")
                #expect(r.output.isEmpty)
            }
            let bob = try Self.run(f, ["export", "calendar", "--child", "Bob"])
            #expect(
                bob.errors.contains(
                    "--child \"Bob\" names none of the children (Ben Abbot (9A), Amy Abbot (7B), Tom Abbot (3A))"))

            // Tom's school is Core: nothing to export, said on stderr.
            let tom = try Self.run(f, ["export", "attendance", "--child", "tom"])
            #expect(tom.status == 0)
            #expect(tom.errors.contains("Tom Abbot (3A)'s school does not share attendance"))
            #expect(try CSVReader.parse(tom.output) == [AttendanceExport.csvColumns])
            // Every child: Tom is said to be left out (he was, without a word).
            let all = try Self.run(f, ["export", "attendance"])
            #expect(all.status == 0)
            #expect(
                all.errors.contains(
                    "Tom Abbot (3A)'s school does not share attendance through Xpressions; not in the export"),
                "\(all.errors)")

            // An output that cannot be written: 73, naming it.
            let blocked = try Self.run(f, ["export", "messages", "--output", dir.path])
            #expect(blocked.status == 73)
            #expect(blocked.errors.contains("cannot write \(dir.path)"))

            let help = try XpressionsBinary.run(["export", "--help"])
            #expect(help.status == 0 && help.output.contains("export calendar [--with-timetable]"))
            #expect(
                try XpressionsBinary.run(["--help"]).output.contains("xpressions status [--json] [--format TEMPLATE]"))
        }
    }

    /// Nothing in the data directory changes, whatever is run.
    @Test func theCommandsChangeNothing() throws {
        try withTestDirectory { dir in
            let (f, _) = try CalendarExportTests.synced(dir)
            plantFile("\(f.dataDirectory)/model/.tmp-killed-writer")
            func tree() -> [String] {
                dir.walk().filter { $0.path.hasPrefix(f.dataDirectory) }.map {
                    "\($0.path) \($0.mode) \(FileManager.default.fileInfo($0.path))"
                }
            }
            let before = tree()
            for arguments in [
                ["export", "calendar", "--with-timetable"], ["export", "attendance", "--format", "json"],
                ["export", "messages"],
                ["status", "--json"], ["status", "--store", f.store],
            ] {
                #expect(try Self.run(f, arguments).status == 0, "\(arguments)")
            }
            #expect(tree() == before)
            #expect(
                !FileManager.default.fileExists(atPath: "\(f.dataDirectory)/demo-store"),
                "no copy of the demo store is made")
        }
    }
}
