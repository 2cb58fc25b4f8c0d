import Foundation
import SchoolStore
import TestSupport
import Testing

/// A parent's journey across the real binary: log in with the app (on the
/// in-memory terminal), open a message, then take the data out and watch
/// the status line as a background `xpressions sync` brings a new message.
@Suite struct ExportJourneyTests {
    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    let directory = NSTemporaryDirectory() + "xpressions-export-\(UUID().uuidString)"
    var store: String { "\(directory)/store" }
    var data: String { "\(directory)/data" }
    static let now = "2026-03-18T10:42:00Z"

    func run(_ arguments: [String], clock: String? = nil) throws -> Run {
        let r = try XpressionsBinary.run(arguments, environment: clock.map { ["XPRESSIONS_CLOCK": $0] } ?? [:])
        return Run(status: r.status, output: r.output, errors: r.errors)
    }

    /// The parent's commands at a known time, in normal use (`--now` would
    /// make the app and sync an as-of view, which keeps nothing).
    func parent(_ arguments: [String], now: String = ExportJourneyTests.now) throws -> Run {
        try run(arguments + ["--store", store, "--data-dir", data], clock: now)
    }

    @Test func logInTakeTheDataOutAndWatchTheStatusLine() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        AppHarness.shell(["cp", "-a", AppHarness.template, store])

        // Nobody logged in yet.
        let before = try parent(["status"])
        // Silent on both streams (a prompt shows nothing after a logout); the export says why.
        #expect(before.status == 1 && before.output.isEmpty && before.errors.isEmpty)
        let export = try parent(["export", "messages"])
        #expect(export.status == 1 && export.errors.contains("nobody is logged in"))

        // Log in as Liz Abbot and open the newest message of the timeline.
        let login = "liz.abbot@example.com<Enter>07700 100001<Enter>0001<Enter>739184<Enter>739184<Enter>"
        let app = try parent(["--headless", "100x30", "--script", login + "2<Enter>", "--snapshot", "-"])
        #expect(app.status == 0, "\(app.errors)")

        let json = try JSONParser.parse(Array(try parent(["status", "--json"]).output.utf8))
        guard case .number(let unread)? = json["unread"], case .array(let children)? = json["children"] else {
            Issue.record("status --json: \(json)")
            return
        }
        let messages = try JSONParser.parse(Array(try parent(["export", "messages", "--format", "json"]).output.utf8))
        guard case .array(let all)? = messages["messages"] else {
            Issue.record("no messages")
            return
        }
        let read = all.filter { $0["read"] == .bool(true) }
        // The message opened in the app, and the history older than 14 days at the first sync.
        let recent = all.filter { $0["read"] == .bool(false) }
        #expect(read.count > 1 && !recent.isEmpty, "history starts read, the newest stay unread")
        #expect(Int(unread) == all.count - read.count)
        #expect(children.count == 3)

        let line = try parent(["status"])
        #expect(line.status == 0)
        #expect(line.output.hasPrefix("✉ \(Int(unread)) (Ben "))
        #expect(line.output.hasSuffix(" · synced 10:42\n"))

        let mbox = try parent(["export", "messages", "--child", "amy"])
        #expect(mbox.output.hasPrefix("From green-abbey@xpressions.invalid "))
        #expect(!mbox.output.contains("liz.abbot"))
        // The school's files go with their messages, as MIME parts (the store holds every one of the demo's).
        let everything = try parent(["export", "messages"]).output
        #expect(everything.contains("Content-Type: multipart/mixed; boundary="))
        #expect(everything.components(separatedBy: "Content-Disposition: attachment; ").count > 2)
        #expect(!everything.contains("their files are not in this export"))
        let calendar = try parent(["export", "calendar", "--child", "Ben", "--with-timetable"])
        #expect(calendar.output.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(calendar.output.contains("UID:event-E2025-015@green-abbey.xpressions\r\n"), "Year 9 parents' evening")
        #expect(!calendar.output.contains("UID:event-E2025-013@"), "Year 7's is Amy's, not Ben's")
        let attendance = try parent(["export", "attendance"])
        #expect(
            attendance.output.hasPrefix("kind,child,student,school,date,session,code,meaning,category,recorded_at,"))

        // The school sends Ben a message; a background sync brings it; the line shows it.
        let sent = try parent([
            "school", "send", "--school", "green-abbey", "--to", "student-GA-BEN", "--subject", "Lost PE kit",
            "--body", "Ben's PE kit is at reception.",
        ])
        #expect(sent.status == 0, "\(sent.errors)")
        let sync = try parent(["sync"], now: "2026-03-18T10:50:00Z")  // a while later: the message is out
        #expect(sync.status == 0, "\(sync.output)\(sync.errors)")
        let after = try parent(["status", "--format", "{unread}"])
        #expect(after.output == "\(Int(unread) + 1)\n")
    }
}
