import Foundation
import SchoolStore

/// `xpressions store validate|generate|index|audit` (audit is ``AuditCommand``).
enum StoreCommand {
    static let usage = """
        usage: xpressions store validate [--strict] [DIR | --store DIR]
               xpressions store generate --schools N --students-per-school N --years N --seed S [--until YYYY-MM-DD] [--no-photos] DIR
               xpressions store generate --demo DIR
               xpressions store index [DIR | --store DIR]
               xpressions store audit [DIR | --store DIR] [--school ID] [--csv]
        """

    /// Every store subcommand, as errors list them.
    static let subcommands = "validate, generate, index or audit"

    static func run(_ cursor: inout ArgumentCursor, output: Output) throws(ArgumentCursor.UsageError) -> ExitCode {
        guard let verb = cursor.next() else { throw .init("store: missing subcommand (\(subcommands))") }
        if ["validate", "generate", "index"].contains(verb) && cursor.asksForHelp {
            output.out(usage)
            return .ok
        }
        switch verb {
        case "validate": return try validate(&cursor, output: output)
        case "generate": return try generate(&cursor, output: output)
        case "index": return try index(&cursor, output: output)
        case "audit": return try AuditCommand.run(&cursor, output: output)
        case "--help", "-h":
            output.out(usage)
            return .ok
        default: throw .init("store: unknown subcommand '\(verb)' (expected \(subcommands))")
        }
    }

    static func storeDirectory(
        _ cursor: inout ArgumentCursor, command: String, flags: Set<String> = [],
        given: inout Set<String>
    ) throws(ArgumentCursor.UsageError) -> String {
        var dir: String? = nil
        while let arg = cursor.next() {
            if flags.contains(arg) {
                given.insert(arg)
                continue
            }
            // `--store DIR`, as `store audit` and the other commands take
            // it, is the DIR (it was an unknown option, with no hint).
            let (name, inline) = ArgumentCursor.split(arg)
            if name == "--store" {
                guard dir == nil else { throw .init("store \(command): give the store once") }
                dir = try cursor.value(for: name, inline: inline)
                continue
            }
            if arg.hasPrefix("-") { throw .init("store \(command): unknown option '\(arg)'") }
            guard dir == nil else { throw .init("store \(command): unexpected argument '\(arg)'") }
            dir = arg
        }
        if let dir {
            try checkGiven(dir, command: command)
            return dir
        }
        guard let demo = DemoStoreLocator.path() else {
            throw .init("store \(command): no DIR given and the built-in demo store was not found")
        }
        return demo
    }

    /// Validates: temporary files left by interrupted writers and login
    /// attempt records older than a day are removed first (and counted),
    /// then problems are printed one per line, then
    /// warnings (`warning: ` first). Exit 0 when valid (warnings or not), 65
    /// when not; `--strict` counts warnings as problems.
    static func validate(_ cursor: inout ArgumentCursor, output: Output) throws(ArgumentCursor.UsageError) -> ExitCode {
        var flags = Set<String>()
        let dir = try storeDirectory(&cursor, command: "validate", flags: ["--strict"], given: &flags)
        let strict = flags.contains("--strict")
        if RawFile.isDirectory(dir) {
            let writer = StoreWriter(root: dir, files: PosixFileLayer())
            // The records' age by the store's clock (its files' times) when
            // this machine's is more than two minutes from it.
            let here = Date()
            let now = writer.storeClock().map { abs($0.timeIntervalSince(here)) > 120 ? $0 : here } ?? here
            let attempts = writer.removeStaleLoginAttempts(now: now)
            let swept = writer.sweepTemporaryFiles() + attempts.temporary
            if swept > 0 {
                output.out(
                    "\(dir): removed \(swept) temporary file\(swept == 1 ? "" : "s") left by an interrupted writer")
            }
            if attempts.old > 0 {
                output.out(
                    "\(dir): removed \(attempts.old) login attempt record\(attempts.old == 1 ? "" : "s") older than 24 hours"
                )
            }
        }
        let report = StoreValidator(root: dir).validate(progress: ProgressReporter.standardError())
        let problems = report.problems + (strict ? report.warnings : [])
        for p in report.problems { output.out(p.description) }
        for w in report.warnings { output.out((strict ? "" : "warning: ") + w.description) }
        if problems.isEmpty {
            let warned =
                report.warnings.isEmpty
                ? "" : ", \(report.warnings.count) warning\(report.warnings.count == 1 ? "" : "s")"
            output.out(
                "\(dir): valid (\(report.schools) schools, \(report.students) students, \(report.contacts) contacts, \(report.messages) messages, \(report.attendanceMarks) attendance marks, \(report.files) files\(warned))"
            )
            return .ok
        }
        // The "N checks … skipped" lines go with the problem before them.
        let counted = StoreProblem.count(problems)
        let warned =
            strict || report.warnings.isEmpty
            ? "" : ", \(report.warnings.count) warning\(report.warnings.count == 1 ? "" : "s")"
        output.err("\(dir): \(counted) problem\(counted == 1 ? "" : "s")\(warned)")
        return .dataErr
    }

    static func index(_ cursor: inout ArgumentCursor, output: Output) throws(ArgumentCursor.UsageError) -> ExitCode {
        var none = Set<String>()
        let dir = try storeDirectory(&cursor, command: "index", given: &none)
        do throws(StoreProblems) {
            try StoreIndexer(root: dir).buildAll(progress: ProgressReporter.standardError())
            // Built now or already there: both said (a fresh store's "up to date"
            // read as nothing done).
            output.out("\(dir): indexes built where missing or out of date; all up to date")
            return .ok
        } catch {
            for p in error.problems { output.out(p.description) }
            return .dataErr
        }
    }

    static func generate(_ cursor: inout ArgumentCursor, output: Output) throws(ArgumentCursor.UsageError) -> ExitCode {
        var options = GeneratorOptions()
        var given = Set<String>()
        var dir: String? = nil
        var demo = false
        while let arg = cursor.next() {
            let (name, inline) = ArgumentCursor.split(arg)
            func int(_ range: ClosedRange<Int>) throws(ArgumentCursor.UsageError) -> Int {
                let v = try cursor.value(for: name, inline: inline)
                guard let i = Int(v), range.contains(i) else {
                    throw .init(
                        "store generate: \(name) expects a whole number in \(range.lowerBound)...\(range.upperBound), got '\(v)'"
                    )
                }
                return i
            }
            switch name {
            case "--schools":
                options.schools = try int(1...10_000)
                given.insert(name)
            case "--students-per-school":
                options.studentsPerSchool = try int(1...50_000)
                given.insert(name)
            case "--years":
                options.years = try int(0...10)
                given.insert(name)
            case "--seed":
                let v = try cursor.value(for: name, inline: inline)
                guard let s = UInt64(v) else {
                    throw .init("store generate: --seed expects a non-negative whole number, got '\(v)'")
                }
                options.seed = s
                given.insert(name)
            case "--until":
                let v = try cursor.value(for: name, inline: inline)
                guard let d = CivilDate(parsing: v) else {
                    throw .init("store generate: --until expects a date YYYY-MM-DD, got '\(v)'")
                }
                options.until = d
            case "--demo": demo = true
            case "--no-photos": options.photos = false
            default:
                if name.hasPrefix("-") { throw .init("store generate: unknown option '\(name)'") }
                guard dir == nil else { throw .init("store generate: unexpected argument '\(arg)'") }
                dir = arg
            }
        }
        guard let dir else { throw .init("store generate: missing DIR") }
        if demo {
            guard given.isEmpty else { throw .init("store generate: --demo takes no other options") }
            do throws(StoreGenerator.Failure) {
                try DemoStoreBuilder().write(into: dir)
            } catch {
                output.err("xpressions: \(error)")
                return .cantCreate
            }
            output.out("\(dir): demo store written")
            return .ok
        }
        let missing = ["--schools", "--students-per-school", "--years", "--seed"].filter { !given.contains($0) }
        if !missing.isEmpty { throw .init("store generate: missing \(missing.joined(separator: ", "))") }
        do throws(StoreGenerator.Failure) {
            try StoreGenerator(options: options).generate(into: dir, progress: ProgressReporter.standardError())
        } catch {
            output.err("xpressions: \(error)")
            return .cantCreate
        }
        output.out(
            "\(dir): generated \(options.schools) school\(options.schools == 1 ? "" : "s") of \(options.studentsPerSchool) students, \(options.years) year\(options.years == 1 ? "" : "s") of data up to \(options.until)"
        )
        return .ok
    }
}
