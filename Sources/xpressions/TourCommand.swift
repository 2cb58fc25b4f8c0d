import Foundation
import ParentCore
import SchoolStore

/// `xpressions demo tour [app options]`: the guided demo. It runs the real
/// app, with captions, on a fresh overlay on the built-in demo store in its
/// own data directory (`<data-dir>/tour`), so the presenter's own session
/// is never touched; every run starts at the login screen.
enum TourCommand {
    static func run(_ cursor: inout ArgumentCursor, output: Output) throws(ArgumentCursor.UsageError) -> ExitCode {
        var options = try AppCommand.parse(&cursor)
        guard options.store == nil else {
            throw .init("demo tour runs on the built-in demo store; it takes no --store")
        }
        // The tour's steps show a school day: a live message, today's
        // attendance, an absence reported and acknowledged. On a day outside
        // the demo school's terms they fail under their captions.
        if let now = options.now, let root = DemoStoreLocator.path(), let store = try? FileStore(root: root),
            let school = try? store.school("green-abbey")
        {
            let day = school.zone.civilDate(of: now.date(storeRoot: root))
            // Closed as the app has it: a bank holiday or a "Holiday" event
            // (INSET) too, not only outside the terms (4 May ran, its
            // attendance "no school that day").
            let events = (try? store.calendar(school: school.id, year: AcademicYear(containing: day)).value) ?? []
            let holiday = events.first { $0.isHoliday && $0.covers(day) }
            if let why = BankHolidays.englandAndWales(day.year)[day] ?? holiday?.title {
                throw .init(
                    "demo tour --now: \(day) is not a school day at the demo's school (\(why)); the tour needs one. Without --now it runs on the demo's own day"
                )
            }
            // A weekend or a half term said as one (a Saturday inside a term
            // listed the terms, as if the day were outside them).
            if day.isWeekend || school.holiday(on: day) != nil, school.terms.contains(where: { $0.contains(day) }) {
                let why = day.isWeekend ? "a \(day.weekday == 6 ? "Saturday" : "Sunday")" : school.holiday(on: day)!
                throw .init(
                    "demo tour --now: \(day) is not a school day at the demo's school (\(why)); the tour needs one. Without --now it runs on the demo's own day"
                )
            }
            guard school.isSchoolDay(day) else {
                let terms = school.terms.map { "\($0.start)…\($0.end)" }.joined(separator: ", ")
                throw .init(
                    "demo tour --now: \(day) is not a school day at the demo's school (terms \(terms)); the tour needs one. Without --now it runs on the demo's own day"
                )
            }
        }
        let environment = ProcessEnvironment.current()
        let data: String
        do {
            data = try DataDirectory.resolve(
                override: options.dataDirectory, environment: environment,
                home: DataDirectory.homeDirectory(environment: environment)
            ).path
        } catch {
            output.err("xpressions: \(error.description)")
            return .cantCreate
        }
        let tour = "\(data)/tour"
        try? FileManager.default.createDirectory(
            atPath: data, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        guard TourLock.take(data) else {
            output.err(
                "xpressions: a demo tour is already running with the data in \(data) (another terminal); starting one afresh would log it out. Give another --data-dir to rehearse."
            )
            return .cantCreate
        }
        do { try PosixFileLayer().removeTree(tour) } catch {
            output.err("xpressions: could not start the tour afresh in \(tour): \(error)")
            return .cantCreate
        }
        options.dataDirectory = tour
        options.tour = true
        return try AppCommand.run(options, output: output)
    }
}
