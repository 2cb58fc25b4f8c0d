import Foundation
import SchoolStore
import TestSupport
import Testing

/// The evening digest with the real binary, as the README's recipe runs it:
/// log in with the app, then `xpressions digest --format mail --to ADDRESS`
/// piped to a scripted `sendmail -t`; the next digest starts where that one
/// ended, and after the school writes and a sync, lists only the new message.
@Suite struct DigestJourneyTests {
    let directory = NSTemporaryDirectory() + "xpressions-digest-\(UUID().uuidString)"
    var store: String { "\(directory)/store" }
    var data: String { "\(directory)/data" }
    static let now = "2026-03-18T10:42:00Z"
    /// Far from the school's time zone and language: the digest keeps the school's.
    static let environment = ["TZ": "Pacific/Auckland", "LC_ALL": "de_DE.UTF-8", "SWIFT_BACKTRACE": "interactive=no"]

    func parent(_ arguments: [String], now: String = DigestJourneyTests.now) throws -> ChildProcess.Result {
        let binary = try BuildProducts.executable(named: "xpressions").path
        var env = ProcessInfo.processInfo.environment
        env.merge(Self.environment) { $1 }
        env["XPRESSIONS_CLOCK"] = now  // the clock in normal use: --now would be an as-of view
        return try ChildProcess.run([binary] + arguments + ["--store", store, "--data-dir", data], environment: env)
    }

    /// `xpressions digest ARGS | sendmail -t`, with a `sendmail` that keeps
    /// its arguments and the message it was given.
    func mailed(_ arguments: [String], now: String = DigestJourneyTests.now) throws -> (
        status: Int32, arguments: String, message: String
    ) {
        // Run through /bin/sh, not exec'd: a script just written can be "busy" (ETXTBSY, exit 126)
        // while another test's child, forked meanwhile, still holds the writer's descriptor.
        let sendmail = "\(directory)/sendmail"
        try Data("#!/bin/sh\necho \"$@\" > \"$0.args\"\ncat > \"$0.eml\"\n".utf8).write(
            to: URL(fileURLWithPath: sendmail))
        chmod(sendmail, 0o755)
        let binary = try BuildProducts.executable(named: "xpressions").path
        let command =
            ([binary, "digest", "--format", "mail"] + arguments + ["--store", store, "--data-dir", data])
            .map { "'\($0)'" }.joined(separator: " ") + " | /bin/sh '\(sendmail)' -t"
        var env = ProcessInfo.processInfo.environment
        env.merge(Self.environment) { $1 }
        env["XPRESSIONS_CLOCK"] = now
        let run = try ChildProcess.run(["/bin/sh", "-c", command], environment: env)
        let args = (try? String(contentsOfFile: sendmail + ".args", encoding: .utf8)) ?? ""
        let message = (try? String(contentsOfFile: sendmail + ".eml", encoding: .utf8)) ?? ""
        return (run.status, args, message)
    }

    /// The header fields of a mail (unfolded), and its body.
    static func headers(_ mail: String) -> (fields: [String: String], body: String) {
        let parts = mail.components(separatedBy: "\n\n")
        var fields: [String: String] = [:]
        var last = ""
        for line in parts[0].split(separator: "\n") {
            if line.first == " " {
                fields[last, default: ""] += line
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            last = String(line[..<colon])
            fields[last] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return (fields, parts.dropFirst().joined(separator: "\n\n"))
    }

    @Test func anEveningDigestByMail() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        AppHarness.shell(["cp", "-a", AppHarness.template, store])

        let before = try parent(["digest"])
        #expect(before.status == 1 && before.output.isEmpty)
        #expect(before.error.contains("nobody is logged in"))

        // Log in as Liz Abbot with the app.
        let login = "liz.abbot@example.com<Enter>07700 100001<Enter>0001<Enter>739184<Enter>739184<Enter>"
        let app = try parent(["--headless", "100x30", "--script", login, "--snapshot", "-"])
        #expect(app.status == 0, "\(app.error)")

        // The first digest: the last 24 hours, through sendmail -t.
        let first = try mailed(["--to", "me@example.com"])
        #expect(first.status == 0)
        #expect(first.arguments == "-t\n")
        let (fields, body) = Self.headers(first.message)
        #expect(fields["To"] == "me@example.com")
        #expect(fields["From"] == "\"Xpressions\" <xpressions@localhost>")
        #expect(fields["Subject"] == "Xpressions: Ben 4 new and attendance 80%, Amy 2 new")
        #expect(fields["Date"] == "Wed, 18 Mar 2026 10:42:00 +0000", "the school's time, not the machine's")
        #expect(fields["Content-Type"] == "text/plain; charset=UTF-8" && fields["Content-Transfer-Encoding"] == "8bit")
        #expect(fields["Message-ID"]?.hasPrefix("<xpressions-digest.20260318T104200Z.") == true)
        #expect(
            body.hasPrefix(
                "Xpressions digest, Wed 18 Mar 2026 10:42\nSince Tue 17 Mar 2026 10:42 (the last 24 hours: no earlier digest)\n"
            ))
        #expect(body.contains("Ben Abbot (9A), Green Abbey School\n") && body.contains("  AM  /   Present (morning)\n"))
        #expect(body.contains("Tomorrow (Thu 19 Mar):\n  08:50-09:50  Geography, Mr Lewis, G24\n"))
        for secret in ["liz.abbot", "07700", "100001"] { #expect(!first.message.contains(secret)) }
        var info = stat()
        #expect(stat("\(data)/digest.json", &info) == 0 && info.st_mode & 0o777 == 0o600)

        // Straight after: nothing new since that digest.
        let again = try parent(["digest"])
        #expect(again.status == 0)
        #expect(again.output.contains("Since Wed 18 Mar 2026 10:42 (the last digest)\n"))
        #expect(!again.output.contains("New messages"))

        // The school writes to Ben; a sync brings it; the next digest lists it alone.
        let sent = try parent(
            [
                "school", "send", "--school", "green-abbey", "--to", "student-GA-BEN", "--subject", "Lost PE kit",
                "--body", "Dear Mrs Abbot,\nBen's PE kit is at reception.",
            ], now: "2026-03-18T10:45:00Z")
        #expect(sent.status == 0, "\(sent.error)")
        let sync = try parent(["sync"], now: "2026-03-18T10:50:00Z")
        #expect(sync.status == 0, "\(sync.output)\(sync.error)")
        let json = try parent(["digest", "--format", "json"], now: "2026-03-18T10:50:00Z")
        #expect(json.status == 0, "\(json.error)")
        let value = try JSONParser.parse(Array(json.output.utf8))
        #expect(value["since"] == .string("2026-03-18T10:42:00Z") && value["sinceSource"] == .string("last-digest"))
        guard case .array(let children)? = value["children"], children.count == 3,
            case .array(let ben)? = children[0]["newMessages"], case .array(let amy)? = children[1]["newMessages"]
        else {
            Issue.record("digest --format json: \(json.output)")
            return
        }
        #expect(ben.map { $0["subject"] } == [.string("Lost PE kit")])
        #expect(ben.first?["firstLine"] == .string("Ben's PE kit is at reception."))
        #expect(amy.isEmpty)
        #expect(value["subject"] == .string("Xpressions: Ben 1 new and attendance 80%"))
    }

    /// `--sendmail`: the digest sees the mail server fail, and gives the
    /// same news again next time; once it goes, the next starts after it.
    @Test func aDigestTheMailCommandRefusesIsGivenAgain() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        AppHarness.shell(["cp", "-a", AppHarness.template, store])
        let login = "liz.abbot@example.com<Enter>07700 100001<Enter>0001<Enter>739184<Enter>739184<Enter>"
        #expect(try parent(["--headless", "100x30", "--script", login]).status == 0)

        let script = "\(directory)/sendmail"
        try Data("#!/bin/sh\ncat > \"$0.eml\"\n[ -e \"$0.down\" ] && exit 75\nexit 0\n".utf8).write(
            to: URL(fileURLWithPath: script))
        #expect(FileManager.default.createFile(atPath: script + ".down", contents: nil))
        let send = ["digest", "--format", "mail", "--to", "me@example.com", "--sendmail", "/bin/sh '\(script)' -t"]
        let refused = try parent(send)
        #expect(refused.status == 74)
        #expect(refused.output.isEmpty)
        #expect(refused.error.contains("exited with status 75"), "\(refused.error)")
        #expect(refused.error.contains("gives it again"))
        #expect(!FileManager.default.fileExists(atPath: "\(data)/digest.json"), "nothing remembered")
        let tried = try String(contentsOfFile: script + ".eml", encoding: .utf8)
        #expect(tried.contains("\nTo: me@example.com\n") || tried.hasPrefix("To: me@example.com\n"))
        #expect(
            (try FileManager.default.contentsOfDirectory(atPath: data)).allSatisfy { !$0.hasPrefix(".digest-mail") })

        // The mail server is back: the same 24 hours go, and are remembered.
        try FileManager.default.removeItem(atPath: script + ".down")
        let delivered = try parent(send)
        #expect(delivered.status == 0, "\(delivered.error)")
        #expect(
            try String(contentsOfFile: script + ".eml", encoding: .utf8).contains(
                "(the last 24 hours: no earlier digest)"))
        #expect(try parent(["digest"]).output.contains("(the last digest)"))

        // Not with --output, nor for a digest that is not a mail.
        #expect(try parent(send + ["--output", "\(directory)/mail.eml"]).status == 64)
        #expect(try parent(["digest", "--sendmail", "sendmail -t"]).status == 64)
    }
}
