import Foundation
import ParentCore
import SchoolStore

/// `xpressions doctor --email E --mobile M [--store DIR] [--now TIME] [--json] [--redact]`,
/// and with `--message ID` or `--subject TEXT` (``MessageDoctorCommand``)
/// why that parent did or did not see one message.
enum DoctorCommand {
    static let usage = """
    usage: xpressions doctor --email EMAIL --mobile NUMBER [--store DIR] [--now TIME] [--json] [--redact]
           xpressions doctor --email EMAIL --mobile NUMBER (--message ID | --subject TEXT) [--school ID] [--data-dir DIR]
                             [--store DIR] [--now TIME] [--json] [--redact]
    """

    /// Everything doctor's command line can say.
    struct Options {
        var email: String?
        var mobile: String?
        var storePath: String?
        var now: NowOption?
        var json = false
        var redact = false
        var messageID: String?
        var subject: String?
        var school: String?
        var dataDirectory: String?

        var disclosure: Disclosure { redact ? .redacted : .asHeld }
    }

    static func run(_ cursor: inout ArgumentCursor, output: Output) throws(ArgumentCursor.UsageError) -> Int32 {
        var o = Options()
        while let arg = cursor.next() {
            let (name, inline) = ArgumentCursor.split(arg)
            switch name {
            case "--email": o.email = try cursor.value(for: name, inline: inline)
            case "--mobile": o.mobile = try cursor.value(for: name, inline: inline)
            case "--store": o.storePath = try cursor.value(for: name, inline: inline)
            case "--now": o.now = try StoreOpening.parseNow(try cursor.value(for: name, inline: inline))
            case "--json": o.json = true
            case "--redact": o.redact = true
            case "--message": o.messageID = try cursor.value(for: name, inline: inline)
            case "--subject": o.subject = try cursor.value(for: name, inline: inline)
            case "--school": o.school = try cursor.value(for: name, inline: inline)
            case "--data-dir": o.dataDirectory = try cursor.value(for: name, inline: inline)
            case "--help", "-h": output.out(usage); return 0
            default: throw .init("doctor: unknown option '\(arg)'")
            }
        }
        guard o.email != nil else { throw .init("doctor: --email is required") }
        guard o.mobile != nil else { throw .init("doctor: --mobile is required") }
        if o.messageID != nil || o.subject != nil { return try MessageDoctorCommand.run(o, output: output) }
        if o.school != nil { throw .init("doctor: --school goes with --message or --subject") }
        if o.dataDirectory != nil { throw .init("doctor: --data-dir goes with --message or --subject") }
        return try login(o, output: output)
    }

    /// Why this parent can or cannot log in.
    static func login(_ o: Options, output: Output) throws(ArgumentCursor.UsageError) -> Int32 {
        let root = try StoreOpening.resolve(o.storePath)
        let store: FileStore
        do throws(StoreOpening.Failure) { store = try StoreOpening.open(root, output: output) } catch { return error.status }
        let at = StoreOpening.clock(now: o.now, store: store).now()
        do throws(StoreProblems) {
            let match = try IdentityMatcher(store: store, disclosure: o.disclosure).match(email: o.email ?? "", mobile: o.mobile ?? "", at: at)
            var schools: [String: School] = [:]
            for a in match.assessments { schools[a.school] = try store.school(a.school) }
            var report = DoctorReport(match: match, schools: schools, at: at, disclosure: o.disclosure)
            // The store's count, on the real time (never --now).
            report.attempts = try? StoreAttemptLimiter(store: store, files: PosixFileLayer(), clock: SystemClock())?
                .status(email: EmailAddress.normalise(o.email ?? ""))
            if o.json {
                output.out(JSONWriter().string(report.json()).trimmingCharacters(in: .newlines))
            } else {
                output.out(report.text().trimmingCharacters(in: .newlines))
            }
            return report.exitStatus
        } catch {
            for p in error.problems { output.err(p.description) }
            return 65
        }
    }
}
