import Foundation
import ParentCore
import SchoolStore

/// `xpressions school send|inbox`: the school's side, for demos and support.
/// A presenter sends a message "live" and the parent screen shows it arrive;
/// support staff read what parents wrote.
enum SchoolCommand {
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
        return ""
    }


    static let usage = """
    usage: xpressions school send --school ID --to SCOPE --subject TEXT --body TEXT [--category NAME] [--sender NAME]
                                  [--store DIR] [--data-dir DIR] [--now TIME]
           xpressions school inbox --school ID [--json] [--store DIR] [--data-dir DIR]
    SCOPE is school, year-N, group-NAME or student-ID (who the message goes to).
    """

    static func run(_ cursor: inout ArgumentCursor, output: Output) throws(ArgumentCursor.UsageError) -> ExitCode {
        guard let verb = cursor.next() else { throw .init("school: missing subcommand (send or inbox)") }
        var options: [String: String] = [:]
        while let arg = cursor.next() {
            let (name, inline) = ArgumentCursor.split(arg)
            switch name {
            case "--school", "--to", "--subject", "--body", "--category", "--sender", "--store", "--data-dir", "--now":
                options[name] = try cursor.value(for: name, inline: inline)
            case "--json": options["--json"] = "yes"
            case "--help", "-h": output.out(usage); return .ok
            default: throw .init("school \(verb): unknown option '\(arg)'")
            }
        }
        guard let school = options["--school"] else { throw .init("school \(verb): --school is required") }
        let root = try resolveStore(options["--store"], dataDirectory: options["--data-dir"])
        let store: FileStore
        do throws(StoreOpening.Failure) { store = try StoreOpening.open(root, output: output) } catch { return error.status }
        let details: School
        do throws(StoreProblems) { details = try store.school(school) } catch {
            output.err("xpressions: no school '\(school)' in \(root) (schools: \(store.schoolIDs().joined(separator: ", ")))")
            return .dataErr
        }
        let writer = StoreWriter(root: root, files: PosixFileLayer())
        let swept = writer.sweepTemporaryFiles()
        if swept > 0 {
            output.err("xpressions: \(root): removed \(swept) temporary file\(swept == 1 ? "" : "s") left by an interrupted writer")
        }
        switch verb {
        case "send":
            guard let to = options["--to"], let scope = MessageScope(fileStem: to) else {
                throw .init("school send: --to must be school, year-N, group-NAME or student-ID" + SchoolCommand.suggestion(options["--to"]))
            }
            guard let subject = options["--subject"], let body = options["--body"] else { throw .init("school send: --subject and --body are required") }
            let category = options["--category"].map { MessageCategory(rawValue: $0) } ?? .general
            guard let category else { throw .init("school send: --category must be one of \(MessageCategory.allCases.map(\.rawValue).joined(separator: ", "))") }
            let now = try StoreOpening.clock(now: options["--now"].map { text throws(ArgumentCursor.UsageError) in try StoreOpening.parseNow(text) }, store: store).now()
            // Someone must be there to receive it: a message to an audience the
            // school does not have would leave the store invalid.
            let audience: SchoolAudience
            do throws(StoreProblems) {
                audience = SchoolAudience(students: try store.allStudents(school: school), year: AcademicYear(containing: details.zone.civilDate(of: now)))
            } catch {
                for p in error.problems { output.err(p.description) }
                return .dataErr
            }
            if let refusal = audience.refusal(scope, schoolName: details.name) {
                throw .init("school send: \(refusal); --to takes \(audience.choices)")
            }
            let stamp = Timestamp.format(now).filter(\.isNumber)
            let id = "LIVE-\(stamp)-\(UInt16.random(in: 0...UInt16.max))"
            let message = SchoolMessage(id: id, category: category, sender: options["--sender"] ?? "\(details.name) office", sentAt: now,
                                        subject: subject, body: body)
            // The record as validate will read it: nothing the school side
            // writes may leave the store invalid.
            let problems = ProblemList()
            let file = StoreLayout.messagesFile(school, audience.year, scope)
            if let r = FieldReader(message.json(zone: details.zone), file: file, record: "message \(id)", problems: problems) {
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
            output.out("Sent \(id) to \(scope.audienceText ?? to) at \(details.name), \(details.zone.format(now)).")
            return .ok
        case "inbox":
            do {
                let items = try writer.inbox(school: school).reversed().map { InboxLine($0, store: store, school: details) }
                if options["--json"] != nil {
                    output.out(JSONWriter().string(.array(items.map(\.json))).trimmingCharacters(in: .newlines))
                    return .ok
                }
                if items.isEmpty { output.out("No messages from parents at \(details.name).") }
                for item in items {
                    output.out(item.heading)
                    output.out("    " + item.item.body.replacingOccurrences(of: "\n", with: "\n    "))
                }
                return .ok
            } catch {
                output.err("xpressions: \(error)")
                return .dataErr
            }
        default:
            throw .init("school: unknown subcommand '\(verb)' (expected send or inbox)")
        }
    }

    /// The store the app uses by default (the demo overlay in the data
    /// directory), so a message sent here reaches a running app.
    static func resolveStore(_ path: String?, dataDirectory: String?) throws(ArgumentCursor.UsageError) -> String {
        if let path { return path }
        let environment = ProcessInfo.processInfo.environment
        let data: String
        do {
            data = try DataDirectory.resolve(override: dataDirectory, environment: environment,
                                             home: DataDirectory.homeDirectory(environment: environment)).path
        } catch {
            throw .init("\(error)")
        }
        return try StoreOpening.resolveForParent(nil, dataDirectory: data, files: PosixFileLayer())
    }
}
