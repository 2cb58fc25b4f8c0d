import Foundation
import TestSupport
import Testing

/// The app and the terminal it is given: output redirected to a file still
/// shows the app on the process's terminal, and a terminal that cannot move
/// the cursor gets one clear line and exit 74 instead of an unusable screen.
@Suite struct TerminalFallbackTests {
    @Test func withOutputRedirectedTheAppUsesTheTerminal() throws {
        let app = try AppHarness()
        let binary = try BuildProducts.executable(named: "xpressions").path
        let out = "\(app.directory)/stdout.txt"
        try app.tmux.start(
            command: [
                "sh", "-c", "exec \"$0\" --store \"$1\" --data-dir \"$2\" --now 2026-03-18T10:42:00Z > \"$3\"",
                binary, app.store, app.data, out,
            ], environment: ["NO_COLOR": ""])
        try app.waitFor("Log in to Xpressions")
        try app.press("C-c")
        let status = try app.tmux.waitForExit(timeout: .seconds(10))
        #expect(status.exitStatus == 0)
        #expect((try? String(contentsOfFile: out, encoding: .utf8))?.isEmpty ?? true)
    }

    @Test func aDumbTerminalGetsOneClearLine() throws {
        let app = try AppHarness(probeTerminal: true)
        try app.start(environment: ["TERM": "dumb"])
        let status = try app.tmux.waitForExit(timeout: .seconds(10))
        #expect(status.exitStatus == 74)
        // The terminal as the user had it (it was left with no echo, no
        // canonical input and output in a staircase).
        #expect(app.probe?.isRestored == true, "\(app.probe?.before ?? "-") → \(app.probe?.after ?? "-")")
        // With no cursor addressing, the pane scrolls: read what scrolled off too.
        let screen = try app.tmux.captureWithHistory().split(whereSeparator: \.isNewline).joined()
        #expect(screen.contains("cannot move the cursor"))
        #expect(screen.contains("set TERM to your terminal"))
    }
}
