import Foundation
import SchoolStore
import TerminalKit
import TestSupport

/// Runs the real `xpressions` binary in tmux against a private copy of the
/// demo store and a private data directory, with the demo clock pinned.
final class AppHarness {
    let directory: String
    let store: String
    let data: String
    let tmux: TmuxSession
    let probe: SttyProbe?

    /// A validated template of the demo store, copied once per test run so
    /// that each test's copy (made with `cp -a`) skips re-validation.
    static let template: String = {
        let root = BuildProducts.packageRoot()!.appendingPathComponent("Assets/demo-store").path
        let dir = NSTemporaryDirectory() + "xpressions-e2e-template-\(getpid())"
        if !FileManager.default.fileExists(atPath: "\(dir)/store.json") {
            try? FileManager.default.removeItem(atPath: dir)
            _ = AppHarness.shell(["cp", "-a", root, dir])
            try? FileManager.default.removeItem(atPath: "\(dir)/.index")
            _ = StoreValidator(root: dir).validateUsingCache()
        }
        return dir
    }()

    @discardableResult
    static func shell(_ args: [String]) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        try? p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    init(size: Size = Size(width: 80, height: 24), probeTerminal: Bool = false) throws {
        directory = NSTemporaryDirectory() + "xpressions-e2e-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        store = "\(directory)/store"
        data = "\(directory)/data"
        AppHarness.shell(["cp", "-a", AppHarness.template, store])
        tmux = TmuxSession(size: size)
        probe = probeTerminal ? try SttyProbe() : nil
    }

    deinit {
        tmux.kill()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Starts the app; `now` pins the clock (ISO 8601) through
    /// `XPRESSIONS_CLOCK`: the app in normal use, at a known time (`--now`
    /// would make it an as-of view, which keeps nothing).
    func start(_ extra: [String] = [], now: String = "2026-03-18T10:42:00Z", environment: [String: String] = [:]) throws
    {
        let binary = try BuildProducts.executable(named: "xpressions").path
        var command = [binary, "--store", store, "--data-dir", data] + extra
        if let probe { command = probe.wrap(command) }
        // The test runner may set NO_COLOR for its own output; the app under test gets color unless a test asks otherwise.
        var variables = ["NO_COLOR": "", "XPRESSIONS_CLOCK": now]
        variables.merge(environment) { _, new in new }
        try tmux.start(command: command, environment: variables)
    }

    @discardableResult
    func waitFor(_ text: String, timeout: Duration = .seconds(30)) throws -> String {
        try tmux.waitFor(text, timeout: timeout)
    }

    /// The app's process id (found by its private data directory).
    func pid() -> Int32? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/pgrep")
        guard let binary = try? BuildProducts.executable(named: "xpressions").path else { return nil }
        p.arguments = ["-f", "^\(binary) --store \(store) --data-dir \(data)"]
        let pipe = Pipe()
        p.standardOutput = pipe
        try? p.run()
        p.waitUntilExit()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return text.split(separator: "\n").compactMap { Int32($0) }.first
    }

    func type(_ text: String) throws { try tmux.type(text) }
    func press(_ keys: String...) throws { try tmux.send(keys: keys) }
    func screen() throws -> String { try tmux.capture() }

    /// Types email, mobile and the last 4 digits on the login screen.
    func enterDetails(email: String, mobile: String, lastFour: String) throws {
        try waitFor("Log in to Xpressions")
        try type(email)
        try press("Enter")
        try type(mobile)
        try press("Enter")
        try waitFor("Last 4")
        try type(lastFour)
        try press("Enter")
    }

    /// Logs in and sets a PIN.
    func logIn(email: String, mobile: String, lastFour: String, pin: String = "739184") throws {
        try enterDetails(email: email, mobile: mobile, lastFour: lastFour)
        try waitFor("Choose a PIN")
        try type(pin)
        try press("Enter")
        try type(pin)
        try press("Enter")
        try waitFor("1 Home")
    }

    /// Logs in as Liz Abbot and sets a PIN: the start of most journeys.
    func logInAsLiz(pin: String = "739184") throws {
        try logIn(email: "liz.abbot@example.com", mobile: "07700 100001", lastFour: "0001", pin: pin)
    }
}
