import Foundation
import ParentCore
import SchoolStore

/// The options every command that reads the logged-in parent's data takes
/// (`export`, `status`): `--data-dir DIR`, `--child NAME|ID`, `--output
/// FILE`, and `--store DIR` / `--now TIME`, which only choose the clock, as
/// for the app (`--now`, else the store's demo clock, else real time; the
/// store is the data directory's copy of the demo store when not given).
/// Nothing is written to the data directory or the store.
struct ParentDataOptions {
    var dataDirectory: String?
    var store: String?
    var now: NowOption?
    var child: String?
    var output: String?

    /// Takes one of these options from the command line; false when `name` is not one.
    mutating func take(_ name: String, inline: String?, from cursor: inout ArgumentCursor) throws(ArgumentCursor
        .UsageError) -> Bool
    {
        switch name {
        case "--data-dir": dataDirectory = try cursor.value(for: name, inline: inline)
        case "--store": store = try cursor.value(for: name, inline: inline)
        case "--now": now = try StoreOpening.parseNow(try cursor.value(for: name, inline: inline))
        case "--child": child = try cursor.value(for: name, inline: inline)
        case "--output", "-o": output = try cursor.value(for: name, inline: inline)
        default: return false
        }
        return true
    }

    /// The data directory, resolved as for the app.
    func resolveDataDirectory() throws(DataDirectoryError) -> String {
        let environment = ProcessEnvironment.current()
        return try DataDirectory.resolve(
            override: dataDirectory, environment: environment,
            home: DataDirectory.homeDirectory(environment: environment)
        ).path
    }

    /// The app's clock for this data directory, reading no more than `store.json`.
    func clock(dataDirectory: String) -> any WallClock {
        let root = store ?? Paths.join(dataDirectory, "demo-store")
        return StoreOpening.appClock(now: now, storeRoot: root, dataDirectory: dataDirectory, remember: false)
    }

    /// The data directory, resolved; a `--data-dir` given that is a file
    /// is a usage mistake (64) naming it.
    func checkedDataDirectory(output: Output) throws(StoreOpening.Failure) -> String {
        let directory: String
        do { directory = try resolveDataDirectory() } catch {
            output.err("xpressions: \(error.description)")
            throw StoreOpening.Failure(status: .notFound)
        }
        if dataDirectory != nil, RawFile.exists(directory), !RawFile.isDirectory(directory) {
            output.err("xpressions: --data-dir \(directory) is not a directory")
            output.err("Try 'xpressions --help'.")
            throw StoreOpening.Failure(status: .usage)
        }
        return directory
    }

    /// Says an export error; a usage mistake (`--child` naming nobody) with
    /// the help line, as every usage mistake. Nobody logged in where there
    /// is no directory at all says so: exit 1 still (a timer set up before
    /// the first login has nothing to do), but a mistyped path is told apart
    /// from a logout.
    func fail(_ error: ExportError, output: Output) -> StoreOpening.Failure {
        if case .nobodyLoggedIn(let directory) = error, !RawFile.exists(directory) {
            output.err(
                "xpressions: nobody is logged in with data in \(directory): there is no such directory (the app makes it at the first login; check the path if you have logged in)"
            )
            return StoreOpening.Failure(status: .notFound)
        }
        output.err("xpressions: \(error.description)")
        if error.isUsage { output.err("Try 'xpressions --help'.") }
        return StoreOpening.Failure(status: error.isUsage ? .usage : .notFound)
    }

    /// The data of the parent logged in to the data directory, and the child
    /// `--child` names (nil: all). Problems are printed; the exit status is thrown.
    func read(output: Output) throws(StoreOpening.Failure) -> (ParentData, ChildSummary?) {
        let directory = try checkedDataDirectory(output: output)
        do throws(ExportError) {
            let data = try ParentData.read(dataDirectory: directory, files: PosixFileLayer())
            if let note = data.modelNote { output.err("xpressions: \(note)") }
            let chosen = try child.map { text throws(ExportError) in try ChildChoice.find(text, in: data.model.children)
            }
            return (data, chosen)
        } catch {
            throw fail(error, output: output)
        }
    }

    /// The status of the parent logged in to the data directory (of the
    /// child `--child` names). Problems are printed; the exit status is thrown.
    /// `quietWhenLoggedOut`: nobody logged in is said by the exit status
    /// alone (a shell prompt shows nothing then, not an error at every prompt).
    func readStatus(output: Output, quietWhenLoggedOut: Bool = false) throws(StoreOpening.Failure) -> ParentStatus {
        let directory = try checkedDataDirectory(output: output)
        do throws(ExportError) {
            let status = try ParentStatus.read(dataDirectory: directory, files: PosixFileLayer())
            guard let child else { return status }
            return status.only(try ChildChoice.find(child, in: status.children).ref)
        } catch {
            if case .nobodyLoggedIn = error, quietWhenLoggedOut { throw StoreOpening.Failure(status: .notFound) }
            throw fail(error, output: output)
        }
    }

    /// Writes `text` to `--output` (in place: opened and truncated, never a
    /// temporary file renamed over the path, so `/dev/stdout` or a FIFO stays
    /// what it is; a new file is made 0600) or to standard output. Gives
    /// `status` when written; otherwise says why on standard error and gives
    /// 73 (EX_CANTCREAT) for a path that could not be made, or 74 (EX_IOERR)
    /// when writing failed on the way (`> /dev/full`, a closed pipe).
    ///
    /// `data` (an mbox, a calendar, CSV, JSON) goes to a file as it is;
    /// text for a person (the digest, the status line) has its control
    /// characters made visible (``TerminalSafe``) wherever it goes.
    func write(_ text: String, output: Output, status: ExitCode = .ok, data: Bool = false) -> ExitCode {
        guard let path = self.output, path != "-" else {
            return output.result(text, newline: false, status: status, data: data)
        }
        do {
            try OutputFile.write(Array((data ? text : TerminalSafe.text(text)).utf8), toPath: path)
            return status
        } catch {
            output.err("xpressions: cannot write \(path): \(error.description)")
            return error.opening ? .cantCreate : .ioErr
        }
    }
}
