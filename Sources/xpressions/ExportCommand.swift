import Foundation
import ParentCore
import SchoolStore

/// `xpressions export calendar|attendance|messages`: the logged-in parent's
/// data taken out of the app, read from the local model without changing
/// anything (like `sync`, it needs no PIN: the data directory is the
/// user's own). Exit 0 written; 1 nobody logged in, or the local data
/// cannot be read; 64 wrong usage (an unknown `--child` names the
/// children); 73 the `--output` file cannot be made, 74 writing failed.
enum ExportCommand {
    static let usage = """
        usage: xpressions export calendar [--with-timetable] [--from DATE] [--to DATE] [OPTIONS]
               xpressions export attendance [--format csv|json] [OPTIONS]
               xpressions export messages [--format mbox|json] [OPTIONS]
        OPTIONS: [--child NAME|ID] [--output FILE] [--data-dir DIR] [--store DIR] [--now TIME]
        """

    /// The longest range of lessons written, in days (two school years).
    static let longestTimetable = 731

    static func run(_ cursor: inout ArgumentCursor, output: Output) throws(ArgumentCursor.UsageError) -> ExitCode {
        guard let what = cursor.next() else {
            throw .init("export: say what to export: calendar, attendance or messages")
        }
        if what == "--help" || what == "-h" {
            output.out(usage)
            return .ok
        }
        let formats: [String]
        switch what {
        case "calendar": formats = ["ics"]
        case "attendance": formats = ["csv", "json"]
        case "messages": formats = ["mbox", "json"]
        // An option where the export's name goes: the name is missing
        // (it said "unknown export '--data-dir'").
        case _ where what.hasPrefix("-"):
            throw .init("export: say what to export first (calendar, attendance or messages), then \(what)")
        default: throw .init("export: unknown export '\(what)' (calendar, attendance or messages)")
        }
        var options = ParentDataOptions()
        var format = formats[0]
        var timetable = false
        var from: CivilDate?
        var to: CivilDate?
        while let arg = cursor.next() {
            let (name, inline) = ArgumentCursor.split(arg)
            if try options.take(name, inline: inline, from: &cursor) { continue }
            switch name {
            case "--format" where formats.count > 1:
                format = try cursor.value(for: name, inline: inline)
                guard formats.contains(format) else {
                    throw .init("export \(what): --format takes \(formats.joined(separator: " or ")), not '\(format)'")
                }
            case "--with-timetable" where what == "calendar": timetable = true
            case "--from" where what == "calendar": from = try date(name, try cursor.value(for: name, inline: inline))
            case "--to" where what == "calendar": to = try date(name, try cursor.value(for: name, inline: inline))
            case "--help", "-h":
                output.out(usage)
                return .ok
            default: throw .init("export \(what): unknown option '\(arg)'")
            }
        }
        if let from, let to, to < from { throw .init("export calendar: --to \(to) is before --from \(from)") }
        if timetable, let from, let to, from.days(until: to) >= longestTimetable {
            throw .init(
                "export calendar: --with-timetable covers at most \(longestTimetable) days; give a shorter --from/--to range"
            )
        }

        let data: ParentData
        let child: ChildSummary?
        do throws(StoreOpening.Failure) { (data, child) = try options.read(output: output) } catch {
            return error.status
        }
        let now = options.clock(dataDirectory: data.dataDirectory).now()
        let model = data.model
        let text: String
        switch (what, format) {
        case ("calendar", _):
            text = CalendarExport.ics(
                model: model, child: child?.ref, from: from, to: to, timetable: timetable, now: now)
            if !text.contains("BEGIN:VEVENT") {
                output.err(
                    "xpressions: no calendar events\(child.map { " for \($0.name)" } ?? "")\(from != nil || to != nil ? " in those dates" : "")\(child.map { $0.features.contains(.calendar) ? "" : " (\($0.schoolName) does not share its calendar through Xpressions)" } ?? ""): the file holds none"
                )
            }
        case ("attendance", let f):
            let sharing = model.children.filter { c in
                (child == nil || c.ref == child?.ref) && c.features.contains(.attendance)
            }
            if sharing.isEmpty {
                output.err(
                    "xpressions: \(child.map { "\($0.name)'s school does not share" } ?? "none of the children's schools shares") attendance through Xpressions; nothing to export"
                )
            } else if child == nil {
                // Every child: one whose school shares none is said, not left
                // out without a word (Tom was, in the demo).
                for c in model.children where !c.features.contains(.attendance) {
                    output.err(
                        "xpressions: \(c.name)'s school does not share attendance through Xpressions; not in the export"
                    )
                }
            }
            text =
                f == "json"
                ? AttendanceExport.json(model: model, child: child?.ref, now: now)
                : AttendanceExport.csv(model: model, child: child?.ref, now: now)
        default:
            // The store the app reads: --store, else the data directory's
            // overlay on the built-in demo store, else (a login made on a
            // store given with --store, exported without it) the built-in
            // demo store, which the check below holds to the login's schools.
            let overlay = Paths.join(data.dataDirectory, "demo-store")
            let storeRoot =
                options.store
                ?? (StoreOverlay.marker(of: overlay) != nil ? overlay : DemoStoreLocator.path() ?? overlay)
            let files = MessageExport.storeFiles(model: model, storeRoot: storeRoot)
            if files != nil {
                // Attachment files come from the store: one that does not hold the
                // login's schools (a school's copy was used, and --store forgotten)
                // would list every file as missing without a word. (Said only
                // of a store that opens: of one that does not, it stood beside
                // "cannot be opened", which the next line says.)
                let missing = StoreOpening.schoolsNotHeld(model.schools.map(\.id), storeRoot: storeRoot)
                if !missing.isEmpty {
                    output.err(
                        "xpressions: the store read for attachment files (\(storeRoot)) does not hold \(missing.joined(separator: ", ")): give --store with the store the app uses; attachments are listed by name meanwhile"
                    )
                }
            }
            if files == nil {
                output.err(
                    "xpressions: the store for attachment files (\(storeRoot)) cannot be opened: give --store with the store the app uses; attachments are listed by name meanwhile"
                )
            }
            // With --now, what had been sent by then (attendance stops there too).
            let upTo = options.now == nil ? nil : now
            text =
                format == "json"
                ? MessageExport.json(model: model, child: child?.ref, attachment: files, upTo: upTo)
                : MessageExport.mbox(model: model, child: child?.ref, attachment: files, upTo: upTo)
        }
        return options.write(text, output: output, data: true)
    }

    static func date(_ option: String, _ text: String) throws(ArgumentCursor.UsageError) -> CivilDate {
        guard let d = CivilDate(parsing: text) else {
            throw .init("\(option) expects a date such as 2026-03-18, got '\(text)'")
        }
        return d
    }
}
