import Foundation
import SchoolStore

/// The user's opener, as mail clients find it: `$BROWSER` (a `:`-separated
/// list of commands, each with `%s` for the target or the target added at
/// the end), else `xdg-open`, else, for a file, a mailcap entry for its
/// type (see ``Mailcap``). Commands are argument vectors run with
/// `posix_spawn` (``Subprocess``), never through a shell: the target is one
/// argument whatever it holds. The app only ever hands it a path it wrote
/// itself (absolute, under a name of its own) or a URL it detected.
public struct Opener: Sendable {
    /// Where a command came from.
    public enum Source: Sendable, Equatable {
        case browser
        case xdgOpen
        case mailcap
    }

    /// A program to start: its full path first.
    public struct Command: Sendable, Equatable {
        public var arguments: [String]
        /// The file to give it on its standard input (a mailcap entry without `%s`).
        public var standardInput: String?
        public var source: Source
        /// A mailcap entry marked `needsterminal`.
        public var terminal = false
    }

    public let environment: [String: String]

    public init(environment: [String: String]) { self.environment = environment }

    /// The command that opens the file at `path` (of media type `type`).
    public func command(forFile path: String, type: String) -> Command? { commands(forFile: path, type: type).first }

    /// Every command that could open the file, in the order they are tried:
    /// each `$BROWSER` entry found, then xdg-open, then a mailcap entry.
    public func commands(forFile path: String, type: String) -> [Command] {
        guard path.hasPrefix("/") else { return [] }  // only ever the app's own copies, by absolute path
        var out = browsers(path) + (xdgOpen(path).map { [$0] } ?? [])
        if let (arguments, stdin, terminal) = Mailcap.load(environment: environment).command(
            for: type, file: path, path: environment["PATH"])
        {
            out.append(
                Command(arguments: arguments, standardInput: stdin ? path : nil, source: .mailcap, terminal: terminal))
        }
        return out
    }

    /// The command that opens a URL (`https:`, `mailto:`).
    public func command(forURL url: String) -> Command? { commands(forURL: url).first }

    /// Every command that could open a URL, in order.
    public func commands(forURL url: String) -> [Command] {
        guard !url.hasPrefix("-") else { return [] }
        return browsers(url) + (xdgOpen(url).map { [$0] } ?? [])
    }

    /// Browsers that draw in the terminal they are started from: such a
    /// `$BROWSER` is run with the terminal handed over, as mutt does for a
    /// `needsterminal` entry (started in the background, it drew nothing
    /// and the app said "Opened").
    public static let terminalBrowsers: Set<String> = [
        "w3m", "lynx", "elinks", "links", "links2", "browsh", "carbonyl", "www-browser",
    ]

    /// Whether `command` is a terminal browser (by its program's name).
    public static func needsTerminal(_ command: Command) -> Bool {
        if command.terminal { return true }
        guard let program = command.arguments.first?.split(separator: "/").last else { return false }
        return terminalBrowsers.contains(String(program))
    }

    /// The `$BROWSER` entries whose program is not on `PATH` (named, so a
    /// failure says which: "w3m is not installed", not "set $BROWSER").
    public func browsersNotFound() -> [String] {
        guard let list = environment["BROWSER"], !list.isEmpty else { return [] }
        return list.split(separator: ":").compactMap { entry in
            guard let program = Mailcap.words(String(entry))?.first else { return nil }
            return Subprocess.find(program, path: environment["PATH"]) == nil ? program : nil
        }
    }

    /// Why each `$BROWSER` entry that cannot be used is not: its program
    /// not installed ("w3m is not installed"), or shell syntax, which is
    /// never run through a shell (`opener %s &` was dropped without a word,
    /// and the parent told to set the `$BROWSER` they had set).
    public func browserProblems() -> [String] {
        guard let list = environment["BROWSER"], !list.isEmpty else { return [] }
        return list.split(separator: ":").compactMap { entry in
            guard let program = Mailcap.words(String(entry))?.first else {
                return
                    "\(Quote.value(String(entry))) is not used: it has shell syntax (one of | ; & < > ` $ or an open quote), and openers are run without a shell"
            }
            return Subprocess.find(program, path: environment["PATH"]) == nil ? "\(program) is not installed" : nil
        }
    }

    /// What trying the openers came to.
    public enum Outcome: Sendable, Equatable {
        /// One is running (its pid, for the caller to reap), or it already
        /// ended well.
        case started(pid: pid_t?)
        /// None was found.
        case none
        /// Every one failed: why, each ("xdg-open ended with status 3").
        case failed([String])
    }

    /// Starts the commands in order until one does not fail at once: a
    /// command that ends within `settle` seconds with a status other than 0
    /// (xdg-open with nothing to hand the file to, a `$BROWSER` entry that
    /// cannot run here) counts as failed and the next is tried, as mutt
    /// goes down a list. One still running after `settle` has opened it.
    public func start(_ commands: [Command], settle: TimeInterval = 1.5) -> Outcome {
        guard !commands.isEmpty else { return .none }
        var why: [String] = []
        for command in commands {
            let name = (command.arguments.first ?? "").split(separator: "/").last.map(String.init) ?? "the opener"
            do {
                let pid = try launch(command)
                guard let status = Subprocess.wait(pid, upTo: settle) else { return .started(pid: pid) }
                if status == 0 { return .started(pid: nil) }
                why.append("\(name) ended with status \(status)")
            } catch {
                why.append("\(name) could not be started (\(error))")
            }
        }
        return .failed(why)
    }

    /// Starts `command` with its output discarded (it must not draw over the
    /// app); returns its pid, for the caller to reap.
    public func launch(_ command: Command) throws -> pid_t {
        try Subprocess.spawn(
            command.arguments, environment: environment,
            stdin: command.standardInput.map { .file($0, flags: O_RDONLY) } ?? .null, stdout: .null, stderr: .null)
    }

    /// The first entry of `$BROWSER` whose program is on `PATH`.
    func browser(_ target: String) -> Command? { browsers(target).first }

    /// Every entry of `$BROWSER` whose program is on `PATH`, in order.
    func browsers(_ target: String) -> [Command] {
        guard let list = environment["BROWSER"], !list.isEmpty else { return [] }
        var out: [Command] = []
        for entry in list.split(separator: ":") {
            guard let words = Mailcap.words(String(entry)), let program = words.first,
                let found = Subprocess.find(program, path: environment["PATH"])
            else { continue }
            var arguments = [found]
            var placed = false
            for word in words.dropFirst() {
                if word.contains("%s") { placed = true }
                arguments.append(Mailcap.substitute(word, file: target, type: ""))
            }
            if !placed { arguments.append(target) }
            out.append(Command(arguments: arguments, standardInput: nil, source: .browser))
        }
        return out
    }

    func xdgOpen(_ target: String) -> Command? {
        Subprocess.find("xdg-open", path: environment["PATH"]).map {
            Command(arguments: [$0, target], standardInput: nil, source: .xdgOpen)
        }
    }
}
