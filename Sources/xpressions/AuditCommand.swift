import Foundation
import Glibc
import ParentCore
import SchoolStore

/// `xpressions store audit [DIR | --store DIR] [--school ID] [--csv]`: the seed's
/// post-installation check of a school's contact data (``StoreAudit``).
/// Exit 0 when every contact with parental responsibility can log in and
/// nothing needs fixing, 1 when something does, 64 wrong usage, 65 when a
/// school's details or contact records cannot be read (named on stderr;
/// the readable schools are still reported), 74 when the report
/// cannot be written to standard output. Progress goes to
/// stderr, on one line rewritten in place, only when stderr is a terminal.
enum AuditCommand {
    static let usage = "usage: xpressions store audit [DIR | --store DIR] [--school ID] [--csv]"

    static func run(_ cursor: inout ArgumentCursor, output: Output) throws(ArgumentCursor.UsageError) -> ExitCode {
        var dir: String? = nil
        var school: String? = nil
        var csv = false
        while let arg = cursor.next() {
            let (name, inline) = ArgumentCursor.split(arg)
            switch name {
            case "--school":
                guard school == nil else {
                    throw .init("store audit: give --school once (one school, or none for all)")
                }
                school = try cursor.value(for: name, inline: inline)
            case "--csv": csv = true
            // As every other command takes the store (support types it out of habit).
            case "--store":
                let value = try cursor.value(for: name, inline: inline)
                guard dir == nil || dir == value else {
                    throw .init("store audit: give the store once (DIR or --store DIR)")
                }
                dir = value
            case "--help", "-h":
                output.out(usage)
                return .ok
            default:
                if name.hasPrefix("-") { throw .init("store audit: unknown option '\(arg)'") }
                guard dir == nil else {
                    throw .init(
                        "store audit: unexpected argument '\(arg)' (the store is given once: DIR or --store DIR)")
                }
                dir = arg
            }
        }
        if let dir { try StoreCommand.checkGiven(dir, command: "audit") }
        guard let root = dir ?? DemoStoreLocator.path() else {
            throw .init("store audit: no DIR given and the built-in demo store was not found")
        }
        let store: FileStore
        do throws(StoreProblems) { store = try FileStore(root: root) } catch {
            for p in error.problems { output.err(p.description) }
            return .dataErr
        }
        let every = store.schoolIDs().sorted()
        var schools = every
        if let school {
            guard every.contains(school) else {
                let some = every.prefix(10).joined(separator: ", ") + (every.count > 10 ? ", …" : "")
                throw .init(
                    "store audit: no school '\(school)' in \(root)\(NearestName.suggestion(school, among: every)) (schools: \(some))"
                )
            }
            schools = [school]
        }
        // Progress on stderr when it is a terminal (the same reporter as validate and index).
        let progress = ProgressReporter.standardError()
        let counter = progress?.counter("auditing", total: schools.count)
        // A school whose files cannot be read is named on stderr; the others
        // are still audited (a broken school must not hide the rest).
        // Children are shown as at the store's time (a demo store's date), as doctor's are.
        let at = StoreOpening.clock(now: nil, store: store).now()
        let (audits, unaudited) = StoreAudit(store: store, at: at).runAll(schools: schools) { _, _, id in
            counter?.step(id)
        }
        progress?.finish()
        for p in unaudited.flatMap(\.problems) { output.err(p.description) }
        // The schools not audited are named in the report too (its table,
        // its CSV): a data manager may read only that.
        let report = StoreAuditReport(audits: audits, unaudited: unaudited)
        let status: ExitCode =
            !unaudited.isEmpty ? .dataErr : audits.allSatisfy { $0.findings.isEmpty } ? .ok : .notFound
        if csv { return output.result(report.csv(), newline: false, status: status, data: true) }
        return output.result(report.text().trimmingCharacters(in: .newlines), status: status)
    }

}
