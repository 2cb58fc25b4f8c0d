import Foundation
import ParentCore
import SchoolStore

/// `xpressions doctor --email E --mobile M [--store DIR] [--now TIME] [--json] [--redact]`
/// (with where the email stands with the store's login attempt count),
/// with `--message ID` or `--subject TEXT` (``MessageDoctorCommand``) why
/// that parent did or did not see one message, and with `--data-dir DIR`
/// alone whether the login session there would still be valid against the
/// store (``SessionValidity``).
enum DoctorCommand {
    static let usage = """
        usage: xpressions doctor --email EMAIL --mobile NUMBER [--store DIR] [--now TIME] [--json] [--redact]
               xpressions doctor --email EMAIL --mobile NUMBER (--message ID | --subject TEXT) [--school ID] [--data-dir DIR]
                                 [--store DIR] [--now TIME] [--json] [--redact]
               xpressions doctor --data-dir DIR [--email EMAIL --mobile NUMBER] [--store DIR] [--now TIME] [--json] [--redact]
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

    static func run(_ cursor: inout ArgumentCursor, output: Output) throws(ArgumentCursor.UsageError) -> ExitCode {
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
            case "--help", "-h":
                output.out(usage)
                return .ok
            default: throw .init("doctor: unknown option '\(arg)'")
            }
        }
        let message = o.messageID != nil || o.subject != nil
        if o.school != nil && !message { throw .init("doctor: --school goes with --message or --subject") }
        if o.dataDirectory != nil && !message {
            guard (o.email == nil) == (o.mobile == nil) else {
                throw .init("doctor: give --email and --mobile together, or neither")
            }
            return try session(o, store: try DoctorStore.choose(o), output: output)
        }
        guard o.email != nil else { throw .init("doctor: --email is required") }
        guard o.mobile != nil else { throw .init("doctor: --mobile is required") }
        let chosen = try DoctorStore.choose(o)
        if message { return try MessageDoctorCommand.run(o, store: chosen, output: output) }
        return try login(o, store: chosen, output: output)
    }

    /// Whether the login in `--data-dir` would still be valid against the
    /// store, record by record. Reads the directory, never writes it.
    static func session(_ o: Options, store chosen: DoctorStore, output: Output) throws(ArgumentCursor.UsageError)
        -> ExitCode
    {
        let data = chosen.dataDirectory ?? o.dataDirectory ?? ""
        let store: FileStore
        let root = chosen.root
        do throws(StoreOpening.Failure) {
            // The store away is an answer here ("cannot be told"), not a typo.
            // A first look checks it whole: progress on a terminal.
            store = try StoreOpening.open(
                root, output: output, tolerant: true, missingIsUsage: false, progress: ProgressReporter.standardError())
        } catch {
            // The store away or unreadable (the problem is on standard
            // error): what the data directory holds, unchecked, on standard
            // output, and the store's exit status.
            let at = o.now.map { OffsetClock(startingAt: $0.date(storeRoot: root)).now() } ?? Date()
            guard
                let validity = try? SessionValidity.read(
                    dataDirectory: data, source: nil, files: PosixFileLayer(), now: at, email: o.email,
                    mobile: o.mobile,
                    storeProblem: "at \(root) cannot be read (\(error.problems.first?.description ?? "see above"))",
                    disclosure: o.disclosure)
            else { return error.status }
            _ = output.result(
                o.json ? chosen.json(validity.json()) : chosen.text(validity.text()), status: error.status)
            return error.status
        }
        let at = StoreOpening.clock(now: o.now, store: store).now()
        let validity: SessionValidity
        do {
            validity = try SessionValidity.read(
                dataDirectory: data, source: store, files: PosixFileLayer(), now: at,
                email: o.email, mobile: o.mobile, disclosure: o.disclosure)
        } catch {
            output.err("xpressions: cannot read the data directory \(data): \(error)")
            return .cantCreate
        }
        let status = ExitCode(answer: validity.isValid)
        if o.json { return output.result(chosen.json(validity.json()), status: status) }
        let school = validity.check?.schools.first?.school ?? validity.check?.records.first?.school
        let zone =
            school.flatMap { try? store.school($0).zone } ?? store.info.demoClock.flatMap {
                SchoolTimeZone(identifier: $0.timezone)
            } ?? .utc
        return output.result(chosen.text(validity.text(zone: zone)), status: status)
    }

    /// Why this parent can or cannot log in.
    static func login(_ o: Options, store chosen: DoctorStore, output: Output) throws(ArgumentCursor.UsageError)
        -> ExitCode
    {
        let root = chosen.root
        let store: FileStore
        do throws(StoreOpening.Failure) {
            // The first doctor on a store checks it whole (seconds on a big
            // one): progress on a terminal, as for the indexes after it.
            store = try StoreOpening.open(
                root, output: output, tolerant: true, answerReads: "the schools that can be read",
                progress: ProgressReporter.standardError())
        } catch {
            return error.status
        }
        let at = StoreOpening.clock(now: o.now, store: store).now()
        do throws(StoreProblems) {
            // A store's first doctor builds its login indexes: say so on a terminal (a problem is
            // left for the lookup to report).
            try? store.prepareLoginIndexes(progress: ProgressReporter.standardError())
            let match = try IdentityMatcher(store: store, disclosure: o.disclosure).match(
                email: o.email ?? "", mobile: o.mobile ?? "", at: at, unreadable: true, skippingBrokenSchools: true)
            // Nothing found where the schools could be read, and some could
            // not: the parent's record may be there, as the login says.
            if !match.identified, !match.skipped.isEmpty { throw StoreProblems(match.skipped) }
            var schools: [String: School] = [:]
            for a in match.assessments { schools[a.school] = try store.school(a.school) }
            var report = DoctorReport(match: match, schools: schools, at: at, disclosure: o.disclosure)
            for id in match.skippedSchools { report.skippedNames[id] = try? store.school(id).name }
            // The store's count, on the real time (never --now).
            // A count that cannot be read makes every login fail, as the app
            // says: doctor says so too (it said "can log in").
            do {
                report.attempts = try StoreAttemptLimiter(store: store, files: PosixFileLayer(), clock: SystemClock())?
                    .status(email: EmailAddress.normalise(EmailAddress.typed(o.email ?? "")))
            } catch let problems as StoreProblems {
                report.attemptsProblem = problems.problems.first.map { "\($0.file): \($0.message)" }
            } catch {
                report.attemptsProblem = "\(error)"
            }
            report.storeCountsAttempts = store.info.secret != nil
            report.loginZone = ParentService.summary(store).zone
            let status = ExitCode(answer: report.canLogInNow)
            return output.result(o.json ? chosen.json(report.json()) : chosen.text(report.text()), status: status)
        } catch {
            // Validation listed the store's problems already: say only why there is no answer.
            let first = error.problems.first.map { "\($0.file)" } ?? "a school's file"
            output.err(
                "xpressions: no answer: no record that can be read holds these details, and \(first) cannot be read (above): the parent's record may be there, and a login now says the school's data cannot be read; fix it and ask again"
            )
            return .dataErr
        }
    }
}
