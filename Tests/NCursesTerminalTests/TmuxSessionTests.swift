import Foundation
import TerminalKit
import TestSupport
import Testing

/// The tmux driver proven on simple commands, before any app exists.
@Suite struct TmuxSessionTests {
    @Test func typesReadsTheScreenAndSeesTheExit() throws {
        let tmux = TmuxSession()
        try tmux.start(command: ["bash", "-c", #"printf "hello\n"; read x; echo "got:$x"; read x; exit 3"#])
        try tmux.waitFor("hello")
        #expect(tmux.isRunning)
        try tmux.type("abc 日本")
        try tmux.send(keys: "Enter")
        let screen = try tmux.waitFor("got:abc 日本")
        #expect(screen.hasPrefix("hello\nabc 日本\ngot:abc 日本\n"))
        #expect(tmux.isRunning)
        try tmux.send(keys: "Enter")
        let status = try tmux.waitForExit()
        #expect(status == PaneStatus(isRunning: false, exitStatus: 3, signal: nil))
        #expect(!tmux.isRunning)
    }

    @Test func reportsTheSignalThatKilledTheProgram() throws {
        let tmux = TmuxSession()
        try tmux.start(command: ["sh", "-c", "kill -TERM $$"])
        let status = try tmux.waitForExit()
        #expect(!status.isRunning)
        #expect(status.signal == SIGTERM)
    }

    @Test func environmentAndSize() throws {
        let tmux = TmuxSession(size: Size(width: 60, height: 10))
        try tmux.start(
            command: ["sh", "-c", #"echo "$TERM $LANG $SWIFT_BACKTRACE $EXTRA"; stty size; read x"#],
            environment: ["EXTRA": "extra-value"])
        try tmux.waitFor("10 60")
        #expect(try tmux.capture().contains("xterm-256color C.UTF-8 interactive=no extra-value"))
    }

    @Test func resizeReachesTheProgram() throws {
        let tmux = TmuxSession()
        try tmux.start(command: ["sh", "-c", "stty size; read x; stty size; read x"])
        try tmux.waitFor("24 80")
        try tmux.resize(to: Size(width: 100, height: 30))
        try tmux.send(keys: "Enter")
        try tmux.waitFor("30 100")
        #expect(tmux.size == Size(width: 100, height: 30))
    }

    @Test func capturesColorsOnlyWhenAsked() throws {
        let tmux = TmuxSession()
        try tmux.start(command: ["sh", "-c", #"printf '\033[31mred\033[0m plain\n'; read x"#])
        try tmux.waitFor("red plain")
        #expect(!(try tmux.capture().contains("\u{1B}[")))
        #expect(try tmux.captureWithColors().contains("\u{1B}[31mred"))
    }

    @Test func playsKeyScriptsAndRawBytes() throws {
        let tmux = TmuxSession()
        try tmux.start(command: ["bash", "-c", #"read -r x; echo "got:$x"; read -r y; echo "raw:$y"; read z"#])
        // The terminal's line editing applies: <BS> erases the b.
        try tmux.send(script: "a<lt>b<BS>c\n<Enter>")
        try tmux.waitFor("got:a<c")
        try tmux.send(bytes: Array("hi\r".utf8))
        try tmux.waitFor("raw:hi")
        #expect(TmuxSession.tmuxName(for: .backTab) == "BTab")
        #expect(TmuxSession.tmuxName(for: .ctrl("l")) == "C-l")
        #expect(TmuxSession.tmuxName(for: .mouse(MouseEvent(.wheelUp, at: .zero))) == nil)
        #expect(throws: TmuxError.self) { try tmux.send(script: "<Click 1,1>") }
    }

    @Test func timeoutsShowTheLastScreen() throws {
        let tmux = TmuxSession(size: Size(width: 20, height: 3))
        try tmux.start(command: ["sh", "-c", "echo visible; read x"])
        try tmux.waitFor("visible")
        do {
            try tmux.waitFor("never shown", timeout: .milliseconds(100))
            Issue.record("waitFor should have timed out")
        } catch let error as TmuxError {
            #expect(error.lastScreen?.contains("visible") == true)
            #expect(error.description.contains("|visible"))
            #expect(error.description.contains("never shown"))
        }
    }

    @Test func killRemovesTheServer() throws {
        let tmux = TmuxSession()
        try tmux.start(command: ["sleep", "600"])
        #expect(tmux.isRunning)
        tmux.kill()
        #expect(!tmux.isRunning)
        #expect(throws: TmuxError.self) { try tmux.capture() }
        tmux.kill()
    }

    @Test func sttyProbeTellsRestoredFromBroken() throws {
        let clean = try SttyProbe()
        let cleanSession = TmuxSession()
        try cleanSession.start(command: clean.wrap(["true"]))
        try cleanSession.waitForExit()
        #expect(clean.before != nil)
        #expect(clean.isRestored)

        let broken = try SttyProbe()
        let brokenSession = TmuxSession()
        try brokenSession.start(command: broken.wrap(["stty", "raw", "-echo"]))
        #expect(try brokenSession.waitForExit().exitStatus == 0)
        #expect(broken.after != nil)
        #expect(!broken.isRestored)
    }

    @Test func findsBuiltProducts() throws {
        let root = try #require(BuildProducts.packageRoot())
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path))
        let binary = try BuildProducts.executable(named: "xpressions")
        #expect(FileManager.default.isExecutableFile(atPath: binary.path))
        #expect(throws: BuildProductsError.self) { try BuildProducts.executable(named: "no-such-product") }
    }
}
