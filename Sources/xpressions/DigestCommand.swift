import Foundation
import ParentCore
import SchoolStore

/// `xpressions digest`: the evening digest of the parent logged in to the
/// data directory, from the local model alone (run after `xpressions
/// sync`), as text, a mail for `sendmail -t`, or JSON. `--since last` (the
/// default) starts where the last digest written for this login (and this
/// `--child`) ended, or 24 hours back without one; it is remembered only
/// once the digest has been written out in full (standard output or
/// `--output`), or, with `--sendmail COMMAND`, handed to that command and
/// the command succeeded; never with `--now` (an as-of digest changes
/// nothing). Exit 0 written; 1 nobody logged in, or the local
/// data cannot be read; 64 wrong usage (the option is named); 73 the
/// `--output` file cannot be made, 74 writing failed or the `--sendmail`
/// command failed (nothing remembered either way).
enum DigestCommand {
    static let usage = """
        usage: xpressions digest [--since last|DURATION] [--format text|mail|json] [--to ADDRESS] [--from ADDRESS]
                                 [--sendmail COMMAND] [--child NAME|ID] [--output FILE] [--data-dir DIR]
                                 [--store DIR] [--now TIME]
        DURATION: a whole number of s, m, h, d or w (90m, 24h, 2d); last (the default) starts where the
        last digest ended, or 24 hours back when there was none. --format mail needs --to.
        --sendmail '/usr/sbin/sendmail -t' hands the mail to that command (run by /bin/sh) and remembers
        the digest only when the command succeeds; a failed delivery is given again next time.
        """

    static func run(_ cursor: inout ArgumentCursor, output: Output) throws(ArgumentCursor.UsageError) -> ExitCode {
        var options = ParentDataOptions()
        var since = DigestSince.last
        var format = "text"
        var to: DigestMail.Mailbox?
        var from = DigestMail.defaultFrom
        var fromGiven = false
        var sendmail: String?
        while let arg = cursor.next() {
            let (name, inline) = ArgumentCursor.split(arg)
            if try options.take(name, inline: inline, from: &cursor) { continue }
            switch name {
            case "--since":
                let text = try cursor.value(for: name, inline: inline)
                do throws(DigestSince.ParseError) { since = try DigestSince.parse(text) } catch {
                    throw .init("digest: \(error.description)")
                }
            case "--format":
                format = try cursor.value(for: name, inline: inline)
                guard ["text", "mail", "json"].contains(format) else {
                    throw .init("digest: --format takes text, mail or json, not '\(format)'")
                }
            case "--to":
                let text = try cursor.value(for: name, inline: inline)
                guard let box = DigestMail.Mailbox.parse(text, named: true) else {
                    throw .init("digest: --to expects an email address such as me@example.com, got '\(text)'")
                }
                to = box
            case "--from":
                let text = try cursor.value(for: name, inline: inline)
                guard let box = DigestMail.Mailbox.parse(text, named: true) else {
                    throw .init(
                        "digest: --from expects an email address such as \"Xpressions <xpressions@localhost>\", got '\(text)'"
                    )
                }
                from = box
                fromGiven = true
            case "--sendmail":
                let command = try cursor.value(for: name, inline: inline)
                guard !command.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw .init("digest: --sendmail expects a command such as '/usr/sbin/sendmail -t'")
                }
                sendmail = command
            case "--help", "-h":
                output.out(usage)
                return .ok
            default: throw .init("digest: unknown option '\(arg)'")
            }
        }
        if format == "mail" && to == nil {
            throw .init("digest: --format mail needs --to ADDRESS (the address the digest goes to)")
        }
        if format != "mail" && (to != nil || fromGiven || sendmail != nil) {
            throw .init("digest: --to, --from and --sendmail are for --format mail")
        }
        if sendmail != nil && options.output != nil {
            throw .init("digest: --sendmail and --output both say where the mail goes; give one")
        }

        let data: ParentData
        let child: ChildSummary?
        do throws(StoreOpening.Failure) { (data, child) = try options.read(output: output) } catch {
            return error.status
        }
        let now = moment(options, dataDirectory: data.dataDirectory)
        let memory = DigestMemory(dataDirectory: data.dataDirectory, files: PosixFileLayer())
        let scope = DigestMemory.scope(child?.ref)
        var last: DigestMemory.Entry?
        if since == .last {
            switch memory.recall(session: data.session.id, scope: scope) {
            case .none: break
            // One remembered after this as-of moment is not "the last" then.
            case .last(let entry): last = entry.at <= now ? entry : nil
            case .unreadable(let reason):
                output.err(
                    "xpressions: \(memory.path) could not be read (\(reason)); the digest covers the last 24 hours")
            }
        }
        let (start, source) = since.start(now: now, lastDigest: last?.at)
        let digest = Digest.make(
            model: data.model, child: child?.ref, since: start, sinceSource: source, now: now,
            seen: source == .lastDigest ? last?.seen : nil)
        let text: String
        switch format {
        case "json": text = DigestJSON.render(digest)
        case "mail": text = DigestMail.render(digest, to: to!, from: from, session: data.session.id)
        default: text = DigestText.render(digest)
        }
        if let sendmail {
            if let failure = DigestDelivery.send(text, command: sendmail, dataDirectory: data.dataDirectory) {
                output.err(
                    "xpressions: the digest was not delivered: \(failure); the next --since last digest gives it again")
                return .ioErr
            }
        } else {
            let written = options.write(text, output: output)
            if written != .ok { return written }
        }
        // Before the first sync there is nothing to have seen: the first
        // digest after it still covers the 24 hours before it. An as-of
        // digest (`--now`) is a look back, never remembered: the parent's
        // next digest still starts where their last one ended.
        if since == .last && !digest.children.isEmpty && options.now == nil {
            do {
                try memory.remember(
                    DigestMemory.Entry(at: now, seen: Set(digest.seenKeys)), session: data.session.id, scope: scope)
            } catch {
                output.err(
                    "xpressions: the digest was written, but when could not be remembered in \(memory.path) (\(error)); the next --since last digest repeats this one"
                )
            }
        }
        return .ok
    }

    /// Now, to the second: `--now` exactly when given (the digest's window
    /// and the remembered time must not drift with the run), else the app's
    /// clock for the data directory.
    static func moment(_ options: ParentDataOptions, dataDirectory: String) -> Date {
        let date: Date
        if let now = options.now {
            date = now.date(storeRoot: options.store ?? Paths.join(dataDirectory, "demo-store"))
        } else {
            date = options.clock(dataDirectory: dataDirectory).now()
        }
        return Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }
}
