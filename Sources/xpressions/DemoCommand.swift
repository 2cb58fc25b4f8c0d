import Foundation
import ParentCore
import SchoolStore

/// `xpressions demo reset [--yes] [--data-dir DIR]`: for presenters, the
/// demo back as it ships: the data directory's overlay on the built-in demo
/// store made fresh, and the demo parent logged out. It only ever touches
/// that overlay, never a store given with `--store`.
enum DemoCommand {
    static let usage = """
        usage: xpressions demo reset [--yes] [--data-dir DIR]
               xpressions demo tour [--data-dir DIR] [--now TIME] [--no-color]
                                    [--headless COLSxROWS [--snapshot FILE|-] [--snapshot-ansi FILE|-]] [--script KEYS|@FILE]
        reset puts the data directory's demo store back as it ships and logs the demo parent out (--yes: no question).
        tour is the guided demo, on a fresh demo store of its own; Space moves on, Esc leaves it into the app.
        With no terminal, --headless runs it on an in-memory screen and --script types the keys (<Space> moves on),
        for example: xpressions demo tour --headless 100x30 --script '<Space><Space><Space>' --snapshot -
        """

    static func run(_ cursor: inout ArgumentCursor, output: Output) throws(ArgumentCursor.UsageError) -> ExitCode {
        guard let verb = cursor.next() else { throw .init("demo: missing subcommand (reset or tour)") }
        if verb == "tour" && cursor.asksForHelp {
            output.out(usage)
            return .ok
        }
        switch verb {
        case "reset": return try reset(&cursor, output: output)
        case "tour": return try TourCommand.run(&cursor, output: output)
        case "--help", "-h":
            output.out(usage)
            return .ok
        default: throw .init("demo: unknown subcommand '\(verb)' (expected reset or tour)")
        }
    }

    static func reset(_ cursor: inout ArgumentCursor, output: Output) throws(ArgumentCursor.UsageError) -> ExitCode {
        var yes = false
        var dataDir: String? = nil
        while let arg = cursor.next() {
            let (name, inline) = ArgumentCursor.split(arg)
            switch name {
            case "--yes", "-y": yes = true
            case "--data-dir": dataDir = try cursor.value(for: name, inline: inline)
            case "--store":
                throw .init(
                    "demo reset only resets the demo store in the data directory (the built-in one and what the demo wrote); it never touches a store given with --store"
                )
            case "--help", "-h":
                output.out(usage)
                return .ok
            default: throw .init("demo reset: unknown option '\(arg)'")
            }
        }
        let environment = ProcessEnvironment.current()
        let data: String
        do {
            data = try DataDirectory.resolve(
                override: dataDir, environment: environment, home: DataDirectory.homeDirectory(environment: environment)
            ).path
        } catch {
            output.err("xpressions: \(error.description)")
            return .cantCreate
        }
        let target = "\(data)/demo-store"
        // Nothing there: a mistyped --data-dir is named, never made.
        guard RawFile.isDirectory(data) else {
            if dataDir != nil { throw .init("demo reset: there is no data directory at \(data): nothing to reset") }
            output.out("Nothing to reset: the demo has not been used in \(data) yet.")
            return .ok
        }
        if !yes {
            guard isatty(STDIN_FILENO) == 1 else {
                throw .init("demo reset: add --yes to confirm (standard input is not a terminal)")
            }
            output.out("Reset the demo store in \(target) to the built-in one and log the demo parent out?")
            output.out("Messages waiting to be sent from the demo will be discarded. Type y to go on: ", newline: false)
            let answer = readLine()
            guard let answer, answer.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("y") else {
                // Ctrl-D ends the line the prompt left open.
                output.out((answer == nil ? "\n" : "") + "Nothing changed.")
                return .notFound
            }
        }
        let files = PosixFileLayer()
        // Nothing of the demo's in this directory: nothing is made, nobody
        // logged out; a parent logged in here on a school's copy is told they stay.
        guard RawFile.isDirectory(target) else {
            let someone = files.exists("\(data)/session.json")
            output.out(
                "Nothing to reset: the demo has not been used in \(data) yet"
                    + (someone ? "; the parent logged in there on another store stays logged in." : "."))
            return .ok
        }
        // Log the demo parent out first (their registrations are in the
        // overlay); a parent logged in on another store (a school's copy
        // given with --store) is none of the demo's business: left as is.
        let account = ParentAccount(
            storeRoot: target, dataDirectory: data, files: files, clock: SystemClock(), securityClock: SystemClock())
        // A demo parent registered for notifications in this overlay at login;
        // a parent of a school's copy (even a copy of the demo, with the same
        // school ids) registered in that copy.
        let session = try? account.loadSession()
        let isDemoParent =
            session.map { s in
                s.schools.contains { school in
                    FileManager.default.fileExists(
                        atPath: "\(target)/\(StoreLayout.schoolsDirectory)/\(school.school)/registrations/\(s.id).json")
                }
            } ?? true
        if isDemoParent {
            do { _ = try account.logOut(.discardUnsent) } catch {
                output.err("xpressions: could not log out in \(data): \(error)")
                return .ioErr
            }
        }
        do {
            try files.removeTree(target)
            _ = try StoreOpening.resolveForParent(nil, dataDirectory: data, files: files)
        } catch {
            output.err("xpressions: could not reset the demo store: \(error)")
            return .ioErr
        }
        if isDemoParent {
            output.out("The demo store in \(target) is as it ships, and nobody is logged in.")
        } else {
            output.out(
                "The demo store in \(target) is as it ships. The parent logged in with data in \(data) is not a demo parent (their schools are not in the demo store), so they stay logged in, with their messages."
            )
        }
        return .ok
    }
}
