import Foundation
import NCursesTerminal
import ParentApp
import ParentCore
import SchoolStore
import TerminalKit

/// `xpressions [options]`: the parent app in the terminal.
enum AppCommand {
    struct Options {
        var store: String?
        var dataDirectory: String?
        var now: NowOption?
        var noColor = false
        var script: String?
        var settings = CoreSettings()
        /// `--headless 80x24`: the in-memory terminal of that size, no terminal needed.
        var headless: Size?
        var snapshot: String?
        var snapshotANSI: String?
        /// The guided demo (`xpressions demo tour`).
        var tour = false
    }

    /// The app's options that take a value, and those that do not.
    static let valuedOptions: Set<String> = [
        "--store", "--data-dir", "--now", "--script", "--headless", "--snapshot", "--snapshot-ansi", "--sync-every",
        "--lock-after", "--login-again-after",
    ]
    /// `--no-colour`, the British spelling, is taken as `--no-color`.
    static let flagOptions: Set<String> = ["--no-color", "--no-colour"]

    static func parse(_ cursor: inout ArgumentCursor) throws(ArgumentCursor.UsageError) -> Options {
        var o = Options()
        while let arg = cursor.next() {
            let (name, inline) = ArgumentCursor.split(arg)
            switch name {
            case "--store": o.store = try cursor.value(for: name, inline: inline)
            case "--data-dir": o.dataDirectory = try cursor.value(for: name, inline: inline)
            case "--now": o.now = try StoreOpening.parseNow(try cursor.value(for: name, inline: inline))
            case "--no-color", "--no-colour": o.noColor = true
            case "--script": o.script = try cursor.value(for: name, inline: inline)
            case "--headless": o.headless = try size(name, try cursor.value(for: name, inline: inline))
            case "--snapshot": o.snapshot = try cursor.value(for: name, inline: inline)
            case "--snapshot-ansi": o.snapshotANSI = try cursor.value(for: name, inline: inline)
            case "--sync-every":
                o.settings.syncInterval = try duration(name, try cursor.value(for: name, inline: inline))
            case "--lock-after": o.settings.idleRelock = try duration(name, try cursor.value(for: name, inline: inline))
            case "--login-again-after":
                o.settings.longAbsence = try duration(name, try cursor.value(for: name, inline: inline))
            default: throw .init(arg.hasPrefix("-") ? "unknown option '\(arg)'" : "unknown command '\(arg)'")
            }
        }
        if (o.snapshot != nil || o.snapshotANSI != nil) && o.headless == nil {
            throw .init("--snapshot and --snapshot-ansi need --headless COLSxROWS")
        }
        return o
    }

    /// Writes in place (open, truncate, write): never a temporary file
    /// renamed over the path, which would replace a device such as
    /// `/dev/null` or `/dev/stdout` with a regular file.
    /// Writes a snapshot file, 0600 (it holds the family's data, as a
    /// Ctrl-P screen does); nil when written, else the exit status: 73 when
    /// the file cannot be made, 74 when writing it failed (a full disk).
    static func writeSnapshot(_ text: String, to path: String) -> ExitCode? {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return .cantCreate }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .ioErr
            }
            if n == 0 { return .ioErr }
            written += n
        }
        return nil
    }

    /// "80x24": at least the app's minimum useful size is not required, but both above zero.
    static func size(_ option: String, _ text: String) throws(ArgumentCursor.UsageError) -> Size {
        // Digits, an x, digits: "80x24x" and "+80x+24" are typing slips.
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2,
            parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let w = Int(parts[0]), let h = Int(parts[1]), (1...1000).contains(w),
            (1...1000).contains(h)
        else {
            throw .init("\(option) expects a size such as 80x24, got '\(text)'")
        }
        return Size(width: w, height: h)
    }

    /// "90s", "5m", "2h", "30d", or plain seconds.
    static func duration(_ option: String, _ text: String) throws(ArgumentCursor.UsageError) -> TimeInterval {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        var number = Substring(text)
        var unit = 1.0
        if let last = text.last, let u = units[last] {
            unit = u
            number = number.dropLast()
        }
        guard let value = Double(number), value > 0 else {
            throw .init("\(option) expects a duration such as 90s, 5m, 2h or 30d, got '\(text)'")
        }
        return value * unit
    }

    static func run(_ cursor: inout ArgumentCursor, output: Output) throws(ArgumentCursor.UsageError) -> ExitCode {
        try run(try parse(&cursor), output: output)
    }

    static func run(_ options: Options, output: Output) throws(ArgumentCursor.UsageError) -> ExitCode {
        let environment = ProcessEnvironment.current()
        let dataDirectory: String
        do {
            dataDirectory = try DataDirectory.resolve(
                override: options.dataDirectory, environment: environment,
                home: DataDirectory.homeDirectory(environment: environment)
            ).path
        } catch {
            output.err("xpressions: \(error)")
            return .cantCreate
        }
        let files: any FileLayer
        do { files = try FaultyFileLayer.fromEnvironment(wrapping: PosixFileLayer(), environment: environment) } catch {
            throw .init("\(error)")
        }
        let storeRoot = try StoreOpening.resolveForParent(options.store, dataDirectory: dataDirectory, files: files)
        var steps: [ScriptStep]? = nil
        if let script = options.script {
            var text = script
            if script.hasPrefix("@") {
                guard let data = FileManager.default.contents(atPath: String(script.dropFirst())) else {
                    throw .init("--script: cannot read \(script.dropFirst())")
                }
                text = String(decoding: data, as: UTF8.self)
            }
            do { steps = try Key.parseScript(text) } catch { throw .init("--script: \(error)") }
        }
        // The app's clock, made when the time is first asked for, after the
        // first frame (reading the store's demo clock and remembering it in
        // the data directory, with an fsync on a first run, was a quarter of
        // the start before it). The data directory is made then (0700): the
        // app keeps its data there in any case, and with it the store's demo
        // clock, for a start while the store is away. An as-of view needs the
        // clock now.
        let clock: any WallClock
        if options.now != nil {
            try? files.makeDirectory(dataDirectory)
            clock = StoreOpening.appClock(now: options.now, storeRoot: storeRoot, dataDirectory: dataDirectory)
        } else {
            clock = LazyClock { [files] in
                try? files.makeDirectory(dataDirectory)
                return StoreOpening.appClock(now: nil, storeRoot: storeRoot, dataDirectory: dataDirectory)
            }
        }
        var settings = options.settings
        // An as-of view works in a sandbox: the device's data and the store
        // stay as they are (see AsOfSandbox).
        let sandbox: AsOfSandbox?
        if options.now != nil {
            // What the school data held then needs the school data: with it
            // away, the view showed today's local data under a past date.
            do { _ = try FileStore(root: storeRoot) } catch {
                output.err(
                    "xpressions: an as-of view (--now) shows what the school data held then, so it needs the school data, which cannot be read now (\(StoreOpening.unreadable(storeRoot, error))). Without --now the app shows what you had."
                )
                return .dataErr
            }
            do {
                sandbox = try AsOfSandbox.make(
                    dataDirectory: dataDirectory, storeRoot: storeRoot, files: files,
                    asOf: options.now?.date(storeRoot: storeRoot))
            } catch {
                output.err("xpressions: cannot prepare the as-of view in \(dataDirectory): \(error)")
                return .cantCreate
            }
            settings.asOfView = true
            settings.asOfStart = options.now?.date(storeRoot: storeRoot)
            settings.loginAttemptsStore = storeRoot
            settings.pinCountDataDirectory = dataDirectory
        } else {
            AsOfSandbox.removeAbandoned(in: dataDirectory, files: files)
            sandbox = nil
        }
        defer { sandbox?.remove(files: files) }
        let runner = EffectRunner(
            environment: AppEnvironment(
                storeRoot: sandbox?.storeRoot ?? storeRoot, dataDirectory: sandbox?.dataDirectory ?? dataDirectory,
                clock: clock, securityClock: StoreOpening.securityClock, files: files,
                settings: settings, processEnvironment: environment),
            inbox: ActionInbox())
        // The store is read on the worker while the terminal is set up.
        runner.startOpening()
        if let size = options.headless {
            return headless(size, options: options, steps: steps ?? [], runner: runner, output: output)
        }
        let backend: NCursesBackend
        do {
            backend = try NCursesBackend(
                options: .init(color: options.noColor ? .disabled : .automatic, environment: environment))
        } catch {
            switch error {
            case .notATerminal, .cannotOpenDevice:
                // No terminal at all (a CI job, a cron entry, ssh without -t):
                // say how to run the app without one.
                output.err(
                    "xpressions: \(error); to run without a terminal, add --headless COLSxROWS (with --script KEYS to type, --snapshot - to print the screen)"
                )
            default: output.err("xpressions: \(error)")
            }
            runner.settle()  // the opening started above finishes its writes
            return .ioErr
        }
        let loop = AppLoop(
            backend: backend, runner: runner, keys: steps.map { .script($0) } ?? .terminal, tour: options.tour)
        loop.run()
        backend.shutdown()
        sandbox?.remove(files: files)  // before a signal ends the process
        backend.reraiseTerminationSignal()
        return .ok
    }

    /// The real app on the in-memory terminal: replays the script (the app
    /// waits for each key's work to finish, as in a terminal), then writes the
    /// last screen as text and, if asked, with its colors.
    static func headless(_ size: Size, options: Options, steps: [ScriptStep], runner: EffectRunner, output: Output)
        -> ExitCode
    {
        let colors =
            options.noColor || !(ProcessEnvironment.current()["NO_COLOR"] ?? "").isEmpty
            ? ColorSupport.monochrome : .xterm256
        let backend = MemoryBackend(
            size: size, capabilities: TerminalCapabilities(colors: colors), frameHistoryLimit: 1)
        AppLoop(backend: backend, runner: runner, keys: .script(steps), tour: options.tour).run()
        let frame = backend.lastFrame ?? ScreenBuffer(size: size)
        for (path, lines) in [(options.snapshot, frame.lines()), (options.snapshotANSI, frame.ansiLines())] {
            guard let path else { continue }
            let text = lines.joined(separator: "\n") + "\n"
            if path == "-" {
                // Every row, blank ones too; a write that fails (a full disk) is 74.
                let status = output.result(String(text.dropLast()), status: .ok)
                if status != .ok { return status }
            } else if let failed = writeSnapshot(text, to: path) {
                output.err("xpressions: cannot write the snapshot to \(path): \(String(cString: strerror(errno)))")
                return failed
            }
        }
        return .ok
    }
}
