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

    /// The editor gets the terminal too, not the redirected output: vim
    /// drew its screen into the file while the parent typed blind.
    @Test func withOutputRedirectedTheEditorGetsTheTerminal() throws {
        let app = try AppHarness()
        let binary = try BuildProducts.executable(named: "xpressions").path
        let out = "\(app.directory)/stdout.txt"
        let editor = "\(app.directory)/tty-editor"
        try
            "#!/bin/sh\nif [ -t 0 ] && [ -t 1 ]; then echo 'on the terminal' > \"$1\"; else echo 'not on a terminal' > \"$1\"; fi\n"
            .write(toFile: editor, atomically: true, encoding: .utf8)
        chmod(editor, 0o755)
        try app.tmux.start(
            command: [
                "sh", "-c", "exec \"$0\" --store \"$1\" --data-dir \"$2\" --now 2026-03-18T10:42:00Z > \"$3\"",
                binary, app.store, app.data, out,
            ], environment: ["NO_COLOR": "", "EDITOR": editor, "VISUAL": ""])
        try app.logInAsLiz()
        try app.waitFor("Ben Abbot (9A)")
        try app.press("n")
        try app.waitFor("Topic")
        try app.press("C-e")
        try app.waitFor("on the terminal")
        #expect(!(try app.tmux.capture()).contains("not on a terminal"))
        try app.press("C-c")
        try app.press("C-c")
        _ = try app.tmux.waitForExit(timeout: .seconds(10))
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
