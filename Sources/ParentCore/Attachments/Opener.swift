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
    }

    public let environment: [String: String]

    public init(environment: [String: String]) { self.environment = environment }

    /// The command that opens the file at `path` (of media type `type`).
    public func command(forFile path: String, type: String) -> Command? {
        guard path.hasPrefix("/") else { return nil }  // only ever the app's own copies, by absolute path
        if let command = browser(path) ?? xdgOpen(path) { return command }
        if let (arguments, stdin) = Mailcap.load(environment: environment).command(
            for: type, file: path, path: environment["PATH"])
        {
            return Command(arguments: arguments, standardInput: stdin ? path : nil, source: .mailcap)
        }
        return nil
    }

    /// The command that opens a URL (`https:`, `mailto:`).
    public func command(forURL url: String) -> Command? {
        guard !url.hasPrefix("-") else { return nil }
        return browser(url) ?? xdgOpen(url)
    }

    /// Starts `command` with its output discarded (it must not draw over the
    /// app); returns its pid, for the caller to reap.
    public func launch(_ command: Command) throws -> pid_t {
        try Subprocess.spawn(
            command.arguments, environment: environment,
            stdin: command.standardInput.map { .file($0, flags: O_RDONLY) } ?? .null, stdout: .null, stderr: .null)
    }

    /// The first entry of `$BROWSER` whose program is on `PATH`.
    func browser(_ target: String) -> Command? {
        guard let list = environment["BROWSER"], !list.isEmpty else { return nil }
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
            return Command(arguments: arguments, standardInput: nil, source: .browser)
        }
        return nil
    }

    func xdgOpen(_ target: String) -> Command? {
        Subprocess.find("xdg-open", path: environment["PATH"]).map {
            Command(arguments: [$0, target], standardInput: nil, source: .xdgOpen)
        }
    }
}
