import Foundation
import ParentCore
import SchoolStore

/// `xpressions school send|inbox|absences|acknowledge`: the school's side,
/// for demos and support. A presenter sends a message "live" and the parent
/// screen shows it arrive; support staff read what parents wrote; the office
/// lists absence reports and acknowledges them.
enum SchoolCommand {
    /// The schools a mistyped --school is told about: eight, then how many more.
    static func shown(_ ids: [String]) -> String {
        ids.prefix(8).joined(separator: ", ") + (ids.count > 8 ? ", … \(ids.count - 8) more" : "")
    }

    /// A mistyped audience said the way a presenter meant it ("year:9",
    /// "Year 9", "year9"): "; did you mean year-9?"; empty when nothing fits.
    static func suggestion(_ given: String?) -> String {
        guard let given else { return "" }
        let lowered = given.trimmingCharacters(in: .whitespaces).lowercased()
        for kind in ["year", "group", "student"] where lowered.hasPrefix(kind) {
            var rest = given.trimmingCharacters(in: .whitespaces).dropFirst(kind.count)
            while let c = rest.first, [":", "=", " ", "_", "/", "-"].contains(c) { rest = rest.dropFirst() }
            guard !rest.isEmpty, let scope = MessageScope(fileStem: "\(kind)-\(rest)") else { continue }
            return "; did you mean \(scope.fileStem)?"
        }
        if lowered == "all" || lowered == "everyone" || lowered == "whole-school" { return "; did you mean school?" }
        // Reception is year 0 in the store (year-R was refused naming nothing).
        if ["year-r", "year-reception", "reception"].contains(lowered) { return "; Reception is year-0" }
        return ""
    }

    static let usage = """
        usage: xpressions school send --school ID --to SCOPE --subject TEXT --body TEXT [--category NAME] [--sender NAME]
                                      [--store DIR] [--data-dir DIR] [--now TIME]
               xpressions school inbox --school ID [--json] [--store DIR] [--data-dir DIR]
               xpressions school absences --school ID [--date DATE] [--json] [--store DIR] [--data-dir DIR]
               xpressions school acknowledge --school ID KEY [--store DIR] [--data-dir DIR] [--now TIME]
        SCOPE is school, year-N, group-NAME or student-ID (who the message goes to).
        absences lists parents' absence reports (those with a session on DATE, YYYY-MM-DD or today); acknowledge
        records that the office has seen the report KEY (the first column of absences).
        """

    static func run(_ cursor: inout ArgumentCursor, output: Output) throws(ArgumentCursor.UsageError) -> ExitCode {
        guard let verb = cursor.next() else {
            throw .init("school: missing subcommand (send, inbox, absences or acknowledge)")
        }
        if verb == "--help" || verb == "-h" {
            output.out(usage)
            return .ok
        }
        var options: [String: String] = [:]
        var positional: [String] = []
        while let arg = cursor.next() {
            let (name, inline) = ArgumentCursor.split(arg)
            if verb == "acknowledge" && !arg.hasPrefix("-") {
                positional.append(arg)
                continue
            }
            switch name {
            case "--school", "--to", "--subject", "--body", "--category", "--sender", "--store", "--data-dir", "--now",
                "--date":
                // Twice is a mistake, not the last one winning (`--to year-9
                // --to year-10` sent to Year 10 alone, without a word).
                guard options[name] == nil else { throw .init("school \(verb): give \(name) once") }
                options[name] = try cursor.value(for: name, inline: inline)
            case "--json": options["--json"] = "yes"
            case "--help", "-h":
                output.out(usage)
                return .ok
            default: throw .init("school \(verb): unknown option '\(arg)'")
            }
        }
        guard ["send", "inbox", "absences", "acknowledge"].contains(verb) else {
            throw .init("school: unknown subcommand '\(verb)' (expected send, inbox, absences or acknowledge)")
        }
        guard let school = options["--school"] else { throw .init("school \(verb): --school is required") }
        if verb == "acknowledge" && positional.count != 1 {
            throw .init("school acknowledge: give the key of one absence report (see xpressions school absences)")
        }
        var onDate: CivilDate?
        // "today" as the office says it: the school's today, on the store's clock (set below).
        var onToday = false
        if let text = options["--date"] {
            if verb == "absences", text.lowercased() == "today" {
                onToday = true
            } else {
                guard verb == "absences", let d = CivilDate(parsing: text) else {
                    throw .init(
                        verb == "absences"
                            ? "school absences: --date must be a date YYYY-MM-DD or today, not '\(text)'"
                            : "school \(verb): --date is for absences")
                }
                onDate = d
            }
        }
        let root = try resolveStore(options["--store"], dataDirectory: options["--data-dir"], output: output)
        // A mistyped --school is a usage mistake (64) naming the schools,
        // before anything is opened: another school's problems made it
        // "the store is invalid" (65), naming none.
        if !StoreOpening.schoolsNotHeld([school], storeRoot: root).isEmpty,
            let listed = try? FileManager.default.contentsOfDirectory(
                atPath: Paths.join(root, StoreLayout.schoolsDirectory))
        {
            let ids = listed.filter {
                !$0.hasPrefix(".") && RawFile.isDirectory(Paths.join(root, "\(StoreLayout.schoolsDirectory)/\($0)"))
            }.sorted()
            throw .init(
                "school \(verb): no school '\(school)' in \(root)\(NearestName.suggestion(school, among: ids)) (schools: \(SchoolCommand.shown(ids)))"
            )
        }
        let store: FileStore
        // Problems in parents' records said while opening: not said twice.
        let said = ProblemList()
        do throws(StoreOpening.Failure) {
            store = try StoreOpening.open(root, output: output, onlySchool: school, tolerated: said)
        } catch {
            return error.status
        }
        let details: School
        do throws(StoreProblems) { details = try store.school(school) } catch {
            // A mistyped --school is a usage mistake (64), as it is for doctor
            // and audit; a school whose files are broken is the store's (65).
            let ids = store.schoolIDs()
            guard ids.contains(school) else {
                throw .init(
                    "school \(verb): no school '\(school)' in \(root)\(NearestName.suggestion(school, among: ids)) (schools: \(SchoolCommand.shown(ids)))"
                )
            }
            for p in error.problems { output.err(p.description) }
            return .dataErr
        }
        let writer = StoreWriter(root: root, files: PosixFileLayer())
        let swept = writer.sweepTemporaryFiles()
        if swept > 0 {
            output.err(
                "xpressions: \(root): removed \(swept) temporary file\(swept == 1 ? "" : "s") left by an interrupted writer"
            )
        }
        switch verb {
        case "send":
            // A mistyped audience ("yaer-9") is said with what it may have
            // meant, or else with the school's audiences, once they are read
            // below (it named only the forms, and the office guessed again).
            guard let to = options["--to"] else {
                throw .init("school send: --to must be school, year-N, group-NAME or student-ID")
            }
            let typedScope = MessageScope(fileStem: to)
            if typedScope == nil, !SchoolCommand.suggestion(to).isEmpty {
                throw .init(
                    "school send: --to must be school, year-N, group-NAME or student-ID" + SchoolCommand.suggestion(to))
            }
            guard let subject = options["--subject"], let body = options["--body"] else {
                throw .init("school send: --subject and --body are required")
            }
            // A subject is one line in every list that shows it, and what the
            // parent reads is what was sent: no escape or tab (an ESC was
            // stored, and the app showed "esc[31mred" for it).
            guard !subject.contains(where: \.isNewline) else {
                throw .init("school send: --subject must be one line (the body may have several)")
            }
            guard !subject.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
            else {
                throw .init("school send: --subject must be one line, without control characters (a tab or an escape)")
            }
            // So is the sender: a name shown after "from" in every report.
            if let sender = options["--sender"],
                sender.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\u{7F}" })
            {
                throw .init("school send: --sender must be one line, without control characters")
            }
            // Any case, as the office types it ("trip", "TRIP").
            let category =
                options["--category"].map { typed in
                    MessageCategory.allCases.first { $0.rawValue.lowercased() == typed.lowercased() }
                } ?? .general
            guard let category else {
                throw .init(
                    "school send: --category must be one of \(MessageCategory.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            let now = try StoreOpening.clock(
                now: options["--now"].map { text throws(ArgumentCursor.UsageError) in try StoreOpening.parseNow(text) },
                store: store
            ).now()
            // Someone must be there to receive it: a message to an audience the
            // school does not have would leave the store invalid.
            let audience: SchoolAudience
            do throws(StoreProblems) {
                let today = details.zone.civilDate(of: now)
                audience = SchoolAudience(
                    students: try store.allStudents(school: school), year: AcademicYear(containing: today),
                    today: today, leaverPersistenceMonths: details.leaverPersistenceMonths)
            } catch {
                for p in error.problems { output.err(p.description) }
                return .dataErr
            }
            guard let scope = typedScope else {
                throw .init(
                    "school send: --to '\(to)' is not school, year-N, group-NAME or student-ID; it takes \(audience.choices)"
                )
            }
            // Not a mistake in the command line (no "Try --help"): said in
            // one line naming what can be sent to, exit 64.
            if let refusal = audience.refusal(scope, schoolName: details.name) {
                output.err("xpressions: school send: \(refusal); --to takes \(audience.choices)")
                return .usage
            }
            let stamp = Timestamp.format(now).filter(\.isNumber)
            let id = "LIVE-\(stamp)-\(UInt16.random(in: 0...UInt16.max))"
            let message = SchoolMessage(
                id: id, category: category, sender: options["--sender"] ?? "\(details.name) office", sentAt: now,
                subject: subject, body: body)
            // The record as validate will read it: nothing the school side
            // writes may leave the store invalid.
            let problems = ProblemList()
            let file = StoreLayout.messagesFile(school, audience.year, scope)
            if let r = FieldReader(
                message.json(zone: details.zone), file: file, record: "message \(id)", problems: problems)
            {
                _ = SchoolMessage.decode(r)
            }
            if let problem = problems.problems.first {
                throw .init("school send: \(problem.message)" + (problem.field.map { " (\($0))" } ?? ""))
            }
            do {
                try writer.send(message, scope: scope, school: school, zone: details.zone)
            } catch {
                output.err("xpressions: could not send: \(error)")
                return .ioErr
            }
            output.out("Sent \(id) to \(audience.text(scope)) at \(details.name), \(details.zone.format(now)).")
            return .ok
        case "inbox":
            do {
                let skipped = ProblemList()
                let items = try writer.inbox(school: school, skipped: skipped).reversed().map {
                    InboxLine($0, store: store, school: details)
                }
                let status = SchoolCommand.report(skipped, said: said, output: output)
                if options["--json"] != nil {
                    return output.result(
                        JSONWriter().string(.array(items.map(\.json))).trimmingCharacters(in: .newlines), status: status
                    )
                }
                if items.isEmpty {
                    return output.result("No messages from parents at \(details.name).", status: status)
                }
                let text = items.map {
                    $0.heading + "\n    " + $0.item.body.replacingOccurrences(of: "\n", with: "\n    ")
                }
                return output.result(text.joined(separator: "\n"), status: status)
            } catch {
                output.err("xpressions: \(error)")
                return .dataErr
            }
        case "absences":
            let now = try StoreOpening.clock(
                now: options["--now"].map { text throws(ArgumentCursor.UsageError) in
                    try StoreOpening.parseNow(text)
                }, store: store
            ).now()
            if onToday { onDate = details.zone.civilDate(of: now) }
            do {
                let skipped = ProblemList()
                let acks = try writer.acknowledgements(school: school, skipped: skipped)
                let lines = try writer.absenceReports(school: school, skipped: skipped).reversed()
                    .compactMap {
                        AbsenceLine($0, acknowledgement: acks[$0.key], store: store, school: details, now: now)
                    }
                    .filter { line in onDate.map(line.covers) ?? true }
                let status = SchoolCommand.report(skipped, said: said, output: output)
                if options["--json"] != nil {
                    return output.result(
                        JSONWriter().string(.array(lines.map(\.json))).trimmingCharacters(in: .newlines), status: status
                    )
                }
                let on = onDate.map { " on \($0.longText)" } ?? ""
                if lines.isEmpty { return output.result("No absence reports\(on) at \(details.name).", status: status) }
                return output.result(
                    lines.map { $0.lines.joined(separator: "\n") }.joined(separator: "\n"), status: status)
            } catch {
                output.err("xpressions: \(error)")
                return .dataErr
            }
        default:
            let typed = positional[0]
            do {
                // The whole key, or enough of its start to name one report
                // (as git takes a commit's prefix).
                // A prefix of four characters at least, in either case, as git
                // takes a commit's ("x", which every key starts with, named
                // whichever one report there was).
                let reports = try writer.absenceReports(school: school, skipped: ProblemList())
                let lowered = typed.lowercased()
                let matching =
                    MessageScope.isValidIdentifier(typed)
                    ? reports.filter { $0.key == typed }.first.map { [$0] }
                        ?? (typed.count < 4 ? [] : reports.filter { $0.key.lowercased().hasPrefix(lowered) })
                    : []
                guard matching.count == 1, let report = matching.first else {
                    let list = "xpressions school absences --school \(school) lists them"
                    throw ArgumentCursor.UsageError(
                        matching.isEmpty
                            ? "school acknowledge: no absence report '\(typed)' at \(details.name)\(typed.count < 4 ? "; give 4 characters of its key at least" : "") (\(list))"
                            : "school acknowledge: '\(typed)' starts \(matching.count) reports' keys; type more of it (\(list))"
                    )
                }
                let key = report.key
                let now = try StoreOpening.clock(
                    now: options["--now"].map { text throws(ArgumentCursor.UsageError) in
                        try StoreOpening.parseNow(text)
                    }, store: store
                ).now()
                let unreadable = ProblemList()
                if let earlier = try writer.acknowledgements(school: school, skipped: unreadable)[key] {
                    // One stamped ahead of the clock is still to come, as the
                    // listing, the app and the digest say.
                    let current = StoreOpening.clock(now: nil, store: store).now()
                    let toCome =
                        AbsenceStatus.happened(earlier.acknowledgedAt, by: current)
                        ? "" : " That time is still to come (it is \(details.zone.format(current)) now)."
                    output.out("Already acknowledged at \(details.zone.format(earlier.acknowledgedAt)).\(toCome)")
                    return .ok
                }
                // Its record is there but cannot be read: never "already
                // acknowledged" (the parent sees no acknowledgement, and
                // `school absences` says none).
                if let damaged = unreadable.problems.first(where: { $0.file.hasSuffix("/\(key).json") }) {
                    output.err(damaged.description)
                    output.err(
                        "xpressions: school acknowledge: the acknowledgement record of \(key) is there but cannot be read (above), so the parent sees none: move it aside (keep it for support) and acknowledge again"
                    )
                    return .dataErr
                }
                guard now >= report.createdAt else {
                    throw ArgumentCursor.UsageError(
                        "school acknowledge: \(details.zone.format(now)) is before the report was made (\(details.zone.format(report.createdAt))); give a later --now, or none"
                    )
                }
                let ack = AbsenceAcknowledgement(report: report.key, acknowledgedAt: now)
                if try writer.acknowledge(ack, school: school, zone: details.zone) {
                    // A time to come (--now ahead of the clock): parents see it
                    // from then, not at once (the app and digest agree).
                    let current = StoreOpening.clock(now: nil, store: store).now()
                    let sees =
                        AbsenceStatus.happened(now, by: current)
                        ? "The parent sees it after their next sync."
                        : "That time is still to come (it is \(details.zone.format(current)) now): the parent sees it after their first sync from then."
                    output.out("Acknowledged \(key) at \(details.zone.format(now)). \(sees)")
                } else if let first = try? writer.acknowledgements(school: school, skipped: ProblemList())[key] {
                    // Another acknowledged it at the same moment: when, as
                    // for one made before (it said only "Already acknowledged.").
                    output.out("Already acknowledged at \(details.zone.format(first.acknowledgedAt)).")
                } else {
                    output.out("Already acknowledged.")
                }
                return .ok
            } catch let usage as ArgumentCursor.UsageError {
                throw usage
            } catch {
                output.err("xpressions: could not acknowledge: \(error)")
                return .ioErr
            }
        }
    }

    /// Files left out of a listing because they cannot be read: each
    /// problem named on standard error (once: not those `said` opening the
    /// store), counted by file, and exit 1 (the listing is not complete).
    static func report(_ skipped: ProblemList, said: ProblemList, output: Output) -> ExitCode {
        guard !skipped.isEmpty else { return .ok }
        let already = Set(said.problems.map(\.description))
        for p in skipped.problems where !already.contains(p.description) { output.err(p.description) }
        let files = Set(skipped.problems.map(\.file)).count
        output.err(
            "xpressions: \(files) file\(files == 1 ? "" : "s") could not be read (above): what \(files == 1 ? "it holds is" : "they hold is") not shown"
        )
        return .notFound
    }

    /// The store the app uses by default (the demo overlay in the data
    /// directory), so a message sent here reaches a running app: the
    /// running demo tour's, while one runs on that data directory. A
    /// `--data-dir` where nothing is yet is made, with its copy of the demo
    /// store (a presenter may send before the app first opens there), and
    /// said on stderr (a typo made one silently).
    static func resolveStore(_ path: String?, dataDirectory: String?, output: Output) throws(ArgumentCursor.UsageError)
        -> String
    {
        if let path { return path }
        let environment = ProcessEnvironment.current()
        var data: String
        do {
            data = try DataDirectory.resolve(
                override: dataDirectory, environment: environment,
                home: DataDirectory.homeDirectory(environment: environment)
            ).path
        } catch {
            throw .init("\(error)")
        }
        if dataDirectory != nil, !RawFile.isDirectory(data) {
            output.err(
                "xpressions: --data-dir \(data) did not exist: made, with a copy of the demo store for the app to use there (check the path if you meant an app's data directory)"
            )
        }
        if TourLock.isHeld(data) {
            output.err("xpressions: the demo tour is running with the data in \(data): this goes to the tour's store")
            data += "/tour"
        }
        return try StoreOpening.resolveForParent(nil, dataDirectory: data, files: PosixFileLayer())
    }
}
