import Foundation
import TerminalKit

/// Drives a program in a real terminal: a detached tmux session on a private server.
///
/// Every session has its own server (`tmux -L <unique> -f /dev/null`), so tests run in
/// parallel without seeing each other or the user's tmux configuration. The pane stays
/// after the program exits (`remain-on-exit`) so its exit status and last screen can
/// be read. The server is killed by `kill()` and, at the latest, when the session is
/// deinitialised.
///
///     let tmux = TmuxSession()
///     try tmux.start(command: [binary.path, "--demo"])
///     try tmux.waitFor("Choose a child")
///     try tmux.send(keys: "Down", "Enter")
///     #expect(try tmux.waitForExit() == 0)
///
/// Synchronise on the screen (`waitFor`), never on time: tmux shows a repaint within
/// milliseconds, and `waitFor` polls every 20 ms until its deadline.
public final class TmuxSession {
    /// The private server's socket name.
    public let socketName: String
    /// The pane's size.
    public private(set) var size: Size
    private var socketPath: String?
    private var isStarted = false
    /// Where the wrapper records the program's exit status (see `start`).
    private let statusFile = FileManager.default.temporaryDirectory
        .appendingPathComponent("xpt-status-" + UUID().uuidString).path

    public init(size: Size = Size(width: 80, height: 24)) {
        self.socketName = "xpt-" + UUID().uuidString.prefix(13).lowercased()
        self.size = size
    }

    deinit {
        kill()
    }

    /// Starts `command` (program and arguments, no shell) in the pane.
    ///
    /// The command runs under a small `sh` wrapper that records its exit status: tmux
    /// 3.3 sometimes misses the exit of a pane's program (the pane turns dead, the
    /// status never arrives), so the status is taken from the wrapper when tmux lacks
    /// it. The wrapper and the program share the pane's process group, so terminal
    /// signals (SIGWINCH, SIGHUP when the pane goes) reach the program as usual.
    ///
    /// The program gets `LANG=C.UTF-8`, `TERM=xterm-256color` and
    /// `SWIFT_BACKTRACE=interactive=no` (so a crash prints a backtrace instead of waiting
    /// for a key), then `environment`, which may override them.
    public func start(command: [String], environment: [String: String] = [:], workingDirectory: String? = nil) throws {
        guard !isStarted else { throw TmuxError("session \(socketName) already started") }
        var variables = ["LANG": "C.UTF-8", "TERM": "xterm-256color", "SWIFT_BACKTRACE": "interactive=no"]
        variables.merge(environment) { _, new in new }
        let assignments = variables.keys.sorted().map { "\($0)=\(variables[$0] ?? "")" }
        var arguments = [
            "start-server", ";", "set-option", "-g", "remain-on-exit", "on", ";",
            "new-session", "-d", "-s", "main", "-x", "\(size.width)", "-y", "\(size.height)",
        ]
        if let workingDirectory { arguments += ["-c", workingDirectory] }
        let wrapper = #"f=$1; shift; "$@"; s=$?; echo $s >"$f"; exit $s"#
        arguments +=
            ["--", "env", "-u", "TMUX", "-u", "TMUX_PANE"] + assignments
            + ["sh", "-c", wrapper, "sh", statusFile] + command
        let result = try tmux(arguments)
        guard result.status == 0 else { throw TmuxError("tmux new-session failed: \(result.error)") }
        isStarted = true
        socketPath = try? tmux(["display-message", "-p", "#{socket_path}"]).output
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Sends named keys as tmux spells them: `Enter`, `Escape`, `Tab`, `BTab`, `BSpace`,
    /// `DC`, `Up`, `C-c`, `F5`, `PPage`... (see tmux(1), KEY BINDINGS).
    public func send(keys: String...) throws {
        try send(keys: keys)
    }

    /// Sends named keys (see `send(keys:)`).
    public func send(keys: [String]) throws {
        guard !keys.isEmpty else { return }
        try check(tmux(["send-keys", "-t", "main"] + keys), "send-keys")
    }

    /// Types `text` literally (`send-keys -l`).
    public func type(_ text: String) throws {
        guard !text.isEmpty else { return }
        try check(tmux(["send-keys", "-t", "main", "-l", "--", text]), "send-keys -l")
    }

    /// Pastes `text` as a terminal does (`paste-buffer -p`: bracketed, when
    /// the program asked for it), line breaks included.
    public func paste(_ text: String) throws {
        try check(tmux(["set-buffer", "-b", "xpressions-test", "--", text]), "set-buffer")
        try check(tmux(["paste-buffer", "-p", "-d", "-b", "xpressions-test", "-t", "main"]), "paste-buffer")
    }

    /// Sends raw bytes as if the terminal produced them (`send-keys -H`), e.g. an SGR
    /// mouse report `"\u{1B}[<0;6;4M"`.
    public func send(bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        let hex = bytes.map { String(format: "%02x", $0) }
        try check(tmux(["send-keys", "-t", "main", "-H"] + hex), "send-keys -H")
    }

    /// Plays a key script (see `Key.parseScript(_:)`): characters are typed, keys sent by
    /// their tmux names, `<Resize WxH>` resizes the window, `<Wait ms>` pauses (prefer
    /// `waitFor` to synchronise). Mouse steps cannot be sent and throw.
    public func send(script: String) throws {
        var literal = ""
        func flush() throws {
            try type(literal)
            literal = ""
        }
        for step in try Key.parseScript(script) {
            switch step {
            case .wait(let milliseconds):
                try flush()
                Thread.sleep(forTimeInterval: Double(milliseconds) / 1000)
            case .key(.char(let character)):
                literal.append(character)
            case .key(.resize(let newSize)):
                try flush()
                try resize(to: newSize)
            case .key(let key):
                try flush()
                guard let name = TmuxSession.tmuxName(for: key) else {
                    throw TmuxError("key \(key.displayName) cannot be sent through tmux")
                }
                try send(keys: name)
            }
        }
        try flush()
    }

    /// The tmux name of a key, nil for keys tmux cannot send (mouse, resize).
    public static func tmuxName(for key: Key) -> String? {
        switch key {
        case .char(let character): return String(character)
        case .ctrl(let character): return "C-\(character)"
        case .enter: return "Enter"
        case .escape: return "Escape"
        case .tab: return "Tab"
        case .backTab: return "BTab"
        case .backspace: return "BSpace"
        case .delete: return "DC"
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PPage"
        case .pageDown: return "NPage"
        case .function(let number): return (1...12).contains(number) ? "F\(number)" : nil
        case .mouse, .resize, .paste: return nil
        }
    }

    /// The pane's text now (`capture-pane -p`): one line per row, trailing spaces trimmed.
    public func capture() throws -> String {
        let result = try tmux(["capture-pane", "-p", "-t", "main"])
        try check(result, "capture-pane")
        return result.output
    }

    /// The pane's text including what scrolled off the top (`capture-pane -p -S -`).
    public func captureWithHistory() throws -> String {
        let result = try tmux(["capture-pane", "-p", "-S", "-", "-t", "main"])
        try check(result, "capture-pane -S -")
        return result.output
    }

    /// The pane's text with SGR color and attribute sequences (`capture-pane -p -e`).
    public func captureWithColors() throws -> String {
        let result = try tmux(["capture-pane", "-p", "-e", "-t", "main"])
        try check(result, "capture-pane -e")
        return result.output
    }

    /// Waits until the screen contains `text`; returns that screen.
    /// - Throws: `TmuxError` with the last screen when `timeout` passes first.
    @discardableResult
    public func waitFor(_ text: String, timeout: Duration = .seconds(10)) throws -> String {
        try waitFor("screen to show \"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    /// Waits until `predicate` accepts the screen, polling every 20 ms; returns that
    /// screen once it is whole: a capture can land while the program is
    /// still writing a frame (the top of the new screen over the bottom of
    /// the old one: a CI run failed on one), so an accepted screen is
    /// captured again until two in a row agree, for at most half a second.
    /// `description` says what was awaited, for the failure message.
    /// - Throws: `TmuxError` with the last screen when `timeout` passes first.
    @discardableResult
    public func waitFor(_ description: String, timeout: Duration = .seconds(10), until predicate: (String) -> Bool)
        throws -> String
    {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var screen = ""
        while true {
            screen = try capture()
            if predicate(screen) { return try settled(screen, predicate) }
            if clock.now >= deadline { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        throw TmuxError("timed out after \(timeout) waiting for \(description)", lastScreen: screen)
    }

    /// `screen` once a second capture agrees with it (the frame was whole),
    /// or the last one `predicate` still accepts after half a second (a
    /// screen that keeps changing, such as a clock).
    private func settled(_ screen: String, _ predicate: (String) -> Bool) throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(500)
        var last = screen
        while clock.now < deadline {
            Thread.sleep(forTimeInterval: 0.03)
            let next = try capture()
            if next == last { return next }
            guard predicate(next) else { return last }
            last = next
        }
        return last
    }

    /// Resizes the window (the program gets SIGWINCH).
    public func resize(to newSize: Size) throws {
        try check(
            tmux(["resize-window", "-t", "main", "-x", "\(newSize.width)", "-y", "\(newSize.height)"]), "resize-window")
        size = newSize
    }

    /// Where the pane's cursor is (0-based column and row) and whether it is shown.
    public func cursor() throws -> (position: Point, isVisible: Bool) {
        let result = try tmux(["display-message", "-p", "-t", "main", "#{cursor_x} #{cursor_y} #{cursor_flag}"])
        try check(result, "display-message")
        let fields = result.output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ").compactMap {
            Int($0)
        }
        guard fields.count == 3 else { throw TmuxError("unexpected cursor report: \(result.output)") }
        return (Point(x: fields[0], y: fields[1]), fields[2] == 1)
    }

    /// The terminal device of the pane, e.g. `/dev/pts/7`.
    public func paneTTY() throws -> String {
        let result = try tmux(["display-message", "-p", "-t", "main", "#{pane_tty}"])
        try check(result, "display-message")
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether the program runs, and how it ended.
    public func status() throws -> PaneStatus {
        let result = try tmux([
            "list-panes", "-t", "main", "-F", "#{pane_dead} #{pane_dead_status} #{pane_dead_signal}",
        ])
        try check(result, "list-panes")
        let fields = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
            .split(separator: " ", omittingEmptySubsequences: false)
        guard fields.first == "1" else { return PaneStatus(isRunning: true) }
        var signal = fields.count > 2 ? Int32(fields[2]).flatMap { $0 > 0 ? $0 : nil } : nil
        var exitStatus = fields.count > 1 ? Int32(fields[1]) : nil
        if let signal { exitStatus = 128 + signal }
        if exitStatus == nil, let recorded = try? String(contentsOfFile: statusFile, encoding: .utf8) {
            exitStatus = Int32(recorded.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        // The wrapper reports a program ended by signal n as status 128 + n.
        if signal == nil, let status = exitStatus, status > 128, status <= 128 + 64 { signal = status - 128 }
        return PaneStatus(isRunning: false, exitStatus: exitStatus, signal: signal)
    }

    /// Whether the program is still running (false if tmux cannot tell).
    public var isRunning: Bool {
        (try? status().isRunning) ?? false
    }

    /// Waits until the program exits; returns its status.
    /// - Throws: `TmuxError` with the last screen if it still runs at the deadline.
    @discardableResult
    public func waitForExit(timeout: Duration = .seconds(10)) throws -> PaneStatus {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            let current = try status()
            if !current.isRunning, current.exitStatus != nil { return current }
            if clock.now >= deadline { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        throw TmuxError("timed out after \(timeout) waiting for the program to exit", lastScreen: try? capture())
    }

    /// Kills the server (and the program) and removes its socket. Safe to call twice.
    public func kill() {
        guard isStarted else { return }
        isStarted = false
        _ = try? tmux(["kill-server"])
        if let socketPath, !socketPath.isEmpty {
            try? FileManager.default.removeItem(atPath: socketPath)
        }
        try? FileManager.default.removeItem(atPath: statusFile)
    }

    // MARK: Running tmux

    private func tmux(_ arguments: [String]) throws -> ChildProcess.Result {
        try TmuxSession.runTmux(["-L", socketName, "-f", "/dev/null"] + arguments)
    }

    private func check(_ result: ChildProcess.Result, _ what: String) throws {
        guard result.status == 0 else {
            throw TmuxError("tmux \(what) failed (status \(result.status)): \(result.error)")
        }
    }

    private static func runTmux(_ arguments: [String]) throws -> ChildProcess.Result {
        var environment = ProcessInfo.processInfo.environment
        for name in ["TMUX", "TMUX_PANE", "LC_ALL", "LC_CTYPE"] { environment[name] = nil }
        environment["LANG"] = "C.UTF-8"
        return try ChildProcess.run(["tmux"] + arguments, environment: environment)
    }
}
