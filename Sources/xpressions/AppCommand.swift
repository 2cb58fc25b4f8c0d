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
        var now: Date?
        var noColor = false
        var script: String?
        var settings = CoreSettings()
    }

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
            case "--sync-every": o.settings.syncInterval = try duration(name, try cursor.value(for: name, inline: inline))
            case "--lock-after": o.settings.idleRelock = try duration(name, try cursor.value(for: name, inline: inline))
            case "--login-again-after": o.settings.longAbsence = try duration(name, try cursor.value(for: name, inline: inline))
            default: throw .init(arg.hasPrefix("-") ? "unknown option '\(arg)'" : "unknown command '\(arg)'")
            }
        }
        return o
    }

    /// "90s", "5m", "2h", "30d", or plain seconds.
    static func duration(_ option: String, _ text: String) throws(ArgumentCursor.UsageError) -> TimeInterval {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        var number = Substring(text)
        var unit = 1.0
        if let last = text.last, let u = units[last] { unit = u; number = number.dropLast() }
        guard let value = Double(number), value > 0 else { throw .init("\(option) expects a duration such as 90s, 5m, 2h or 30d, got '\(text)'") }
        return value * unit
    }

    static func run(_ cursor: inout ArgumentCursor, output: Output) throws(ArgumentCursor.UsageError) -> Int32 {
        let options = try parse(&cursor)
        let environment = ProcessInfo.processInfo.environment
        let dataDirectory: String
        do {
            dataDirectory = try DataDirectory.resolve(override: options.dataDirectory, environment: environment,
                                                      home: DataDirectory.homeDirectory(environment: environment)).path
        } catch {
            output.err("xpressions: \(error)")
            return 73
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
        let clock = StoreOpening.appClock(now: options.now, storeRoot: storeRoot)
        let backend: NCursesBackend
        do {
            backend = try NCursesBackend(options: .init(color: options.noColor ? .disabled : .automatic))
        } catch {
            output.err("xpressions: \(error)")
            return 74
        }
        let runner = EffectRunner(environment: AppEnvironment(storeRoot: storeRoot, dataDirectory: dataDirectory, clock: clock,
                                                              securityClock: StoreOpening.securityClock(for: clock), files: files,
                                                              settings: options.settings, processEnvironment: environment),
                                  inbox: ActionInbox())
        let loop = AppLoop(backend: backend, runner: runner, keys: steps.map { .script($0) } ?? .terminal)
        loop.run()
        backend.shutdown()
        backend.reraiseTerminationSignal()
        return 0
    }
}
