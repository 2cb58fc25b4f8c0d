import Foundation
import ParentCore
import SchoolStore

/// Opening the store the user asked for (or the built-in demo store) and
/// choosing the clock: `--now`, else the store's demo clock, else real time.
enum StoreOpening {
    struct Failure: Error {
        let status: ExitCode
        /// What stopped the store opening, when it was the store (already on standard error).
        var problems: [StoreProblem] = []
    }

    /// Why the store at `root` could not be opened, naming it once: "<root>:
    /// the store directory is not there" for one that is missing (it said
    /// "<root>: <root>: not a directory" of a path with nothing at it).
    static func unreadable(_ root: String, _ error: any Error) -> String {
        if !FileManager.default.fileExists(atPath: root) { return "\(root): the store directory is not there" }
        let said = "\(error)"
        return said.hasPrefix("\(root): ") ? said : "\(root): \(said)"
    }

    static func resolve(_ path: String?) throws(ArgumentCursor.UsageError) -> String {
        if let path { return path }
        guard let demo = DemoStoreLocator.path() else {
            throw .init("the built-in demo store was not found; pass --store DIR")
        }
        return demo
    }

    /// The store a parent's data directory goes with: the one given, or the
    /// overlay on the built-in demo store kept in the data directory (the
    /// app, `sync` and `school` all use the same one, so they see each
    /// other's writes and never write into the checkout).
    static func resolveForParent(_ path: String?, dataDirectory: String, files: any FileLayer) throws(ArgumentCursor
        .UsageError) -> String
    {
        if let path { return path }
        let builtIn = try resolve(nil)
        do {
            return try DemoStoreSeeder.overlay(of: builtIn, dataDirectory: dataDirectory, files: files)
        } catch {
            throw .init("could not prepare the demo store in \(dataDirectory): \(error)")
        }
    }

    /// Opens and validates a store; on problems prints them and fails with
    /// 65. `tolerant`: prints them and goes on (a session's re-check reads
    /// only its own schools' records, and says when one cannot be read, as
    /// a sync does school by school).
    /// `onlySchool`: the command works on that school alone (the school
    /// side): another school's problems are said in one line and do not
    /// stop it; the store's own and that school's do, except those of the
    /// records parents' devices wrote there (inbox, receipts,
    /// registrations) and the school's acknowledgements: said, and the
    /// school side goes on (one bad record hid every absence report).
    static func open(
        _ root: String, output: Output, tolerant: Bool = false, onlySchool: String? = nil,
        answerReads: String = "only the session's own records", missingIsUsage: Bool = true,
        progress: ProgressReporter? = nil, tolerated: ProblemList? = nil
    ) throws(Failure) -> FileStore {
        // Nothing at the path: a mistyped --store (one line, 64), not a
        // store with a problem to fix ("the store is invalid… run validate").
        var st = stat()
        if missingIsUsage, lstat(root, &st) != 0, errno == ENOENT {
            output.err(
                "xpressions: --store \(root): no such directory (give the folder of the school data: the one holding store.json)"
            )
            output.err("Try 'xpressions --help'.")
            throw Failure(status: .usage)
        }
        var report = StoreValidator(root: root).validateUsingCache(progress: progress)
        if let school = onlySchool, !report.isValid,
            RawFile.isDirectory("\(root)/\(StoreLayout.schoolsDirectory)/\(school)")
        {
            let prefix = "\(StoreLayout.schoolsDirectory)/"
            let elsewhere = report.problems.filter { p in
                p.file.hasPrefix(prefix) && !p.file.hasPrefix("\(prefix)\(school)/")
            }
            if !elsewhere.isEmpty {
                let schools = Set(elsewhere.map { $0.file.dropFirst(prefix.count).prefix { $0 != "/" } }).sorted()
                // Counted as validate counts them: "N checks skipped" is no problem of its own.
                let n = StoreProblem.count(elsewhere)
                output.err(
                    "xpressions: \(root): \(schools.joined(separator: ", ")) \(schools.count == 1 ? "has" : "have") \(n) problem\(n == 1 ? "" : "s") (see xpressions store validate); this works on \(school) alone"
                )
                report.problems.removeAll { p in elsewhere.contains { $0 == p } }
            }
            let written = [
                StoreLayout.inboxDirectory(school), StoreLayout.receiptsDirectory(school),
                StoreLayout.registrationsDirectory(school), StoreLayout.acknowledgementsDirectory(school),
            ].map { $0 + "/" }
            let records = report.problems.filter { p in written.contains { p.file.hasPrefix($0) } }
            if !records.isEmpty {
                for p in records {
                    output.err(p.description)
                    tolerated?.add(p)
                }
                let n = StoreProblem.count(records)
                output.err(
                    "xpressions: \(root): \(n) problem\(n == 1 ? "" : "s") in records parents' devices wrote at \(school) (above; see xpressions store validate); the school side goes on without what cannot be read"
                )
                report.problems.removeAll { p in records.contains { $0 == p } }
            }
        }
        if !report.isValid && tolerant {
            for p in report.problems {
                output.err(p.description)
                tolerated?.add(p)
            }
            // Counted as validate counts them: the "checks skipped" line is not one.
            let n = StoreProblem.count(report.problems)
            output.err(
                "xpressions: \(root): the store has \(n) problem\(n == 1 ? "" : "s") (above); the answer reads \(answerReads)"
            )
        }
        guard report.isValid || tolerant else {
            for p in report.problems { output.err(p.description) }
            let n = StoreProblem.count(report.problems)
            output.err(
                "xpressions: \(root): the store is invalid (\(n) problem\(n == 1 ? "" : "s")); fix it and run `xpressions store validate`"
            )
            throw Failure(status: .dataErr)
        }
        do throws(StoreProblems) {
            return try FileStore(root: root)
        } catch {
            // Those validation found are on standard error already.
            for p in error.problems where !(tolerant && report.problems.contains(p)) { output.err(p.description) }
            throw Failure(status: .dataErr, problems: error.problems)
        }
    }

    /// Of `schools`, those the store at `storeRoot` does not hold (neither
    /// there nor, for the demo's overlay, in the built-in demo store): a
    /// login made on a school's copy read against the demo store.
    static func schoolsNotHeld(_ schools: [String], storeRoot: String) -> [String] {
        schools.filter { school in
            [storeRoot, DemoStoreLocator.path()].compactMap { $0 }.allSatisfy {
                !RawFile.isDirectory(Paths.join($0, "\(StoreLayout.schoolsDirectory)/\(school)"))
            }
        }
    }

    static func parseNow(_ text: String) throws(ArgumentCursor.UsageError) -> NowOption { try NowOption.parse(text) }

    /// The app's clock, read from store.json without opening the whole store.
    /// `--now`, else the store's demo clock (the one last seen, kept in the
    /// data directory, while the store is away), else real time.
    /// `remember: false` for commands that only read the data directory.
    static func appClock(now: NowOption?, storeRoot: String, dataDirectory: String, remember: Bool = true)
        -> any WallClock
    {
        if let now { return OffsetClock(startingAt: now.date(storeRoot: storeRoot)) }
        if let pinned = pinnedClock(storeRoot: storeRoot) { return pinned }
        let read = StoreClockMemory.reading(
            storeRoot: storeRoot, dataDirectory: dataDirectory, files: PosixFileLayer(), remember: remember)
        if let demo = read.clock { return DemoStoreClock(demo) }
        // The store cannot be read now (away at start, or its store.json
        // invalid) and no clock was remembered: real time until it can, then
        // its own clock, if any. (An invalid store.json mended took real
        // time for good: the demo's March all "over 14 days old", read.)
        guard !read.storeRead else { return SystemClock() }
        return AwaitedStoreClock {
            guard (try? FileStore(root: storeRoot)) != nil else { return (false, nil) }
            return (
                true,
                StoreClockMemory.demoClock(
                    storeRoot: storeRoot, dataDirectory: dataDirectory, files: PosixFileLayer(), remember: remember)
            )
        }
    }

    /// The clock of security decisions (the 30-day rule, unlock times, the
    /// login attempt window): always the real time, so an as-of view
    /// (`--now`, a demo clock) never ends a session or opens a lock-out.
    /// The system clock whatever the app's clock is: it has no state, so
    /// no test of the app's clock is needed (`clock is SystemClock` on the
    /// app's lazy clock cost a dynamic cast, and with it the runtime's
    /// one-time look-up of Foundation's boxed-value type: about a twentieth
    /// of the in-process start).
    static var securityClock: any WallClock { SystemClock() }

    /// A clock pinned for end-to-end tests and recordings
    /// (`XPRESSIONS_CLOCK`): unlike `--now`, not an as-of view (what is done
    /// is kept, as in normal use).
    static func pinnedClock(storeRoot: String) -> (any WallClock)? {
        guard let text = ProcessEnvironment.current()["XPRESSIONS_CLOCK"],
            let pinned = try? NowOption.parse(text)
        else { return nil }
        return OffsetClock(startingAt: pinned.date(storeRoot: storeRoot))
    }

    static func clock(now: NowOption?, store: FileStore) -> any WallClock {
        if let now { return OffsetClock(startingAt: now.date(storeRoot: store.layout.root)) }
        if let pinned = pinnedClock(storeRoot: store.layout.root) { return pinned }
        if let demo = store.info.demoClock { return DemoStoreClock(demo) }
        return SystemClock()
    }
}
