import Foundation
import Glibc
import TerminalKit
import TestSupport
import Testing

@testable import NCursesTerminal

/// The backend on a real terminal: a tmux pane whose program only sleeps, so the
/// backend (in this test process) owns the pane's tty. tmux shows exactly what ncurses
/// sent, and keys sent to the pane arrive in the backend's `readKey`.
///
/// Serialized: ncurses is process-wide, one backend at a time. Signals are sent to the
/// process with kill(2), not raise(3): test worker threads block most signals.
@Suite(.serialized) struct NCursesBackendTests {
    /// A pane, its tty, and a backend drawing on it.
    final class Harness {
        let tmux: TmuxSession
        let tty: String
        let backend: NCursesBackend

        init(
            size: Size = Size(width: 40, height: 8), terminalType: String = "xterm-256color",
            environment: [String: String] = [:], color: NCursesBackend.Options.ColorMode = .automatic,
            wakeup: Wakeup? = nil
        ) throws {
            tmux = TmuxSession(size: size)
            try tmux.start(command: ["sleep", "600"])
            tty = try tmux.paneTTY()
            backend = try NCursesBackend(
                options: .init(
                    color: color, terminalType: terminalType, device: tty, environment: environment
                ))
            if let wakeup { backend.wake(on: wakeup) }
        }

        deinit {
            backend.shutdown()
        }

        /// Draws `buffer` and waits until the pane shows `text`; returns the screen.
        @discardableResult
        func draw(_ buffer: ScreenBuffer, expecting text: String) throws -> String {
            backend.draw(buffer)
            return try tmux.waitFor(text)
        }

        /// Reads keys until `count` arrived or two seconds passed.
        func readKeys(_ count: Int) -> [Key] {
            var keys: [Key] = []
            let deadline = ContinuousClock.now + .seconds(2)
            while keys.count < count, ContinuousClock.now < deadline {
                if let key = backend.readKey(timeout: .milliseconds(200)) { keys.append(key) }
            }
            return keys
        }
    }

    @Test func drawsTextWideCharactersAndSequencesWithExactLayout() throws {
        let harness = try Harness()
        #expect(harness.backend.size == Size(width: 40, height: 8))
        #expect(harness.backend.capabilities == TerminalCapabilities(colors: .xterm256, unicode: true, mouse: true))
        var buffer = ScreenBuffer(size: harness.backend.size)
        buffer.put("Ben Abbot (9A)", at: .zero)
        buffer.put("日本語|café|e\u{301}|한국|end", at: Point(x: 0, y: 1))
        buffer.put("😀|❤️|👨‍👩‍👧|🇬🇧|after", at: Point(x: 0, y: 2))
        Box(title: "Box").render(in: Rect(x: 0, y: 3, width: 12, height: 3), buffer: &buffer)
        buffer.put("ab日本", at: Point(x: 35, y: 6))
        buffer.put("X", at: Point(x: 20, y: 2))
        let screen = try harness.draw(buffer, expecting: "Ben Abbot")
        let rows = screen.components(separatedBy: "\n")
        #expect(rows[1] == "日本語|café|e\u{301}|한국|end")
        // Sequences the C library measures differently are reduced to their first
        // scalar (padded): every later column stays where the buffer put it.
        #expect(rows[2] == "😀|❤ |👨|🇬 |after   X")
        #expect(rows[3] == "┌─ Box ────┐")
        #expect(rows[5] == "└──────────┘")
        #expect(rows[6] == String(repeating: " ", count: 35) + "ab日", "a wide character that does not fit is a space")
    }

    @Test func fillsTheBottomRightCellWithoutScrolling() throws {
        let harness = try Harness(size: Size(width: 20, height: 4))
        var buffer = ScreenBuffer(size: harness.backend.size)
        buffer.fill(buffer.area, with: "x", style: .plain)
        buffer.put("top", at: .zero)
        buffer.put("Z", at: Point(x: 19, y: 3))
        let screen = try harness.draw(buffer, expecting: "xZ")
        #expect(
            screen.components(separatedBy: "\n").prefix(4) == [
                "topxxxxxxxxxxxxxxxxx", String(repeating: "x", count: 20), String(repeating: "x", count: 20),
                String(repeating: "x", count: 19) + "Z",
            ])
        // A wide character in the last two columns of the last row.
        buffer.put("end日", at: Point(x: 15, y: 3))
        let wide = try harness.draw(buffer, expecting: "end日")
        #expect(
            wide.components(separatedBy: "\n").prefix(4) == [
                "topxxxxxxxxxxxxxxxxx", String(repeating: "x", count: 20), String(repeating: "x", count: 20),
                String(repeating: "x", count: 15) + "end日",
            ])
    }

    @Test func redrawsChangesAndShowsTheCursorWhenAsked() throws {
        let harness = try Harness()
        var buffer = ScreenBuffer(size: harness.backend.size)
        buffer.put("first frame", at: .zero)
        try harness.draw(buffer, expecting: "first frame")
        #expect(try harness.tmux.cursor().isVisible == false)
        buffer.clear()
        buffer.put("second", at: Point(x: 2, y: 1))
        buffer.cursor = Point(x: 5, y: 3)
        let screen = try harness.draw(buffer, expecting: "second")
        #expect(!screen.contains("first"))
        let cursor = try harness.tmux.cursor()
        #expect(cursor.isVisible)
        #expect(cursor.position == Point(x: 5, y: 3))
        harness.backend.forceRepaint()
        buffer.cursor = nil
        try harness.draw(buffer, expecting: "second")
        #expect(try harness.tmux.cursor().isVisible == false)
    }

    /// Each frame puts only the cells that differ from the frame before:
    /// wide characters moved over one another, replaced by narrow ones and
    /// back, styles changed under the same text and rows emptied all show
    /// exactly the new frame, as after a full repaint.
    @Test func framesDrawnOverOneAnotherShowExactlyTheLastOne() throws {
        let harness = try Harness(size: Size(width: 20, height: 5))
        var first = ScreenBuffer(size: harness.backend.size)
        first.put("日本語abc", at: .zero)
        first.put("ab日本end", at: Point(x: 0, y: 1))
        first.put("same text", at: Point(x: 0, y: 2), style: Style(foreground: .red))
        first.put("row to empty", at: Point(x: 3, y: 3))
        first.put("last", at: Point(x: 16, y: 4))
        try harness.draw(first, expecting: "row to empty")
        var second = ScreenBuffer(size: harness.backend.size)
        second.put("a日本語bc", at: .zero)
        second.put("abcd日x", at: Point(x: 0, y: 1))
        second.put("same text", at: Point(x: 0, y: 2), style: Style(foreground: .green, attributes: .bold))
        second.put("l日", at: Point(x: 17, y: 4))
        let screen = try harness.draw(second, expecting: "abcd日x")
        #expect(
            screen.components(separatedBy: "\n").prefix(5) == [
                "a日本語bc", "abcd日x", "same text", "", "                 l日",
            ])
        let colored = try harness.tmux.captureWithColors()
        #expect(colored.contains("\u{1B}[1m\u{1B}[32msame text") || colored.contains("\u{1B}[1;32msame text"))
        // And back: the first frame again, over the second.
        let again = try harness.draw(first, expecting: "row to empty")
        #expect(
            again.components(separatedBy: "\n").prefix(5) == [
                "日本語abc", "ab日本end", "same text", "   row to empty", "                last",
            ])
    }

    @Test func colorsAndAttributes() throws {
        let harness = try Harness()
        var buffer = ScreenBuffer(size: harness.backend.size)
        buffer.put("red", at: .zero, style: Style(foreground: .red))
        buffer.put("true", at: Point(x: 4, y: 0), style: Style(foreground: .rgb(255, 0, 0), background: .indexed(17)))
        buffer.put("bold", at: Point(x: 9, y: 0), style: Style(attributes: [.bold, .underline]))
        buffer.put("rev", at: Point(x: 14, y: 0), style: Style(attributes: .reverse))
        try harness.draw(buffer, expecting: "rev")
        let colored = try harness.tmux.captureWithColors()
        #expect(colored.contains("\u{1B}[31mred"))
        #expect(colored.contains("38;5;196"), "rgb(255,0,0) is xterm 196")
        #expect(colored.contains("48;5;17"))
        #expect(colored.contains("\u{1B}[1;4mbold"))
        #expect(colored.contains("\u{1B}[7mrev"))
    }

    /// What one step of a selection bar costs on the wire, read from a pty
    /// this test owns: no "ESC ( B" with each attribute change (the app
    /// never uses the alternate character set) and no colour reset just
    /// before an "attributes off" that resets colours anyway. The screen
    /// that results is checked by `colorsAndAttributes` (tmux's view).
    @Test func aSelectionStepSendsNoRedundantSequences() throws {
        // posix_openpt/unlockpt/ptsname are not exported to Swift: /dev/ptmx,
        // TIOCSPTLCK (0x40045431) and TIOCGPTN (0x80045430) are.
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        #expect(master >= 0 && ioctl(master, 0x4004_5431, &unlock) == 0 && ioctl(master, 0x8004_5430, &number) == 0)
        defer { close(master) }
        var window = winsize(ws_row: 6, ws_col: 40, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &window)
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        let device = "/dev/pts/\(number)"
        let backend = try NCursesBackend(
            options: .init(terminalType: "xterm-256color", device: device, environment: [:]))
        defer { backend.shutdown() }
        func written() -> String {
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 4096)
            while case let n = read(master, &chunk, chunk.count), n > 0 { bytes += chunk[0..<n] }
            return String(decoding: bytes, as: UTF8.self)
        }
        func frame(selected: Int) -> ScreenBuffer {
            var buffer = ScreenBuffer(size: backend.size)
            for row in 0..<3 {
                let bar = Style(attributes: [.bold, .reverse])
                buffer.put("● ", at: Point(x: 1, y: row), style: row == selected ? bar : Style())
                buffer.put(
                    "18:00", at: Point(x: 3, y: row), style: row == selected ? bar : Style(foreground: .brightBlack))
                buffer.put(
                    " Trip \(row)", at: Point(x: 8, y: row), style: row == selected ? bar : Style(attributes: .bold))
                buffer.put(
                    " Ben", at: Point(x: 15, y: row), style: row == selected ? bar : Style(foreground: .brightBlack))
            }
            return buffer
        }
        backend.draw(frame(selected: 0))
        let first = written()
        #expect(first.contains("Trip 2"))
        backend.draw(frame(selected: 1))
        let step = written()
        #expect(step.contains("Trip 0") && step.contains("Trip 1") && !step.contains("Trip 2"))
        #expect(!step.contains("\u{1B}(B"), "\(step.debugDescription)")
        #expect(!step.contains("\u{1B}[39m\u{1B}[m"), "\(step.debugDescription)")
        #expect(!step.contains("\u{1B}[39m\u{1B}[0"), "\(step.debugDescription)")
    }

    @Test func noColorLeavesOnlyAttributes() throws {
        let harness = try Harness(environment: ["NO_COLOR": "1"])
        #expect(harness.backend.capabilities.colors == .monochrome)
        var buffer = ScreenBuffer(size: harness.backend.size)
        buffer.put("red", at: .zero, style: Style(foreground: .red, attributes: .bold))
        buffer.put("blue", at: Point(x: 4, y: 0), style: Style(background: .blue, attributes: .reverse))
        try harness.draw(buffer, expecting: "blue")
        let colored = try harness.tmux.captureWithColors()
        #expect(
            !colored.contains("[31m") && !colored.contains("[44m") && !colored.contains("38;5")
                && !colored.contains("48;5"))
        #expect(colored.contains("\u{1B}[1mred"))
        #expect(colored.contains("\u{1B}[7m"))
    }

    @Test func noColorOptionAndEmptyVariable() throws {
        let disabled = try Harness(environment: [:], color: .disabled)
        #expect(disabled.backend.capabilities.colors == .monochrome)
        disabled.backend.shutdown()
        let empty = try Harness(environment: ["NO_COLOR": ""])
        #expect(empty.backend.capabilities.colors == .xterm256)
    }

    @Test func vt100UsesAttributesAndAscii() throws {
        let harness = try Harness(terminalType: "vt100")
        #expect(harness.backend.capabilities.colors == .monochrome)
        #expect(!harness.backend.capabilities.unicode)
        var buffer = ScreenBuffer(size: harness.backend.size)
        Box(title: "Menu", glyphs: harness.backend.capabilities.glyphs).render(
            in: Rect(x: 0, y: 0, width: 12, height: 3), buffer: &buffer)
        buffer.put("selected", at: Point(x: 1, y: 1), style: Style(foreground: .red, attributes: .reverse))
        let screen = try harness.draw(buffer, expecting: "+- Menu ---+")
        #expect(screen.contains("|selected  |"))
        #expect(try harness.tmux.captureWithColors().contains("\u{1B}[7mselected"))
    }

    @Test func decodesKeys() throws {
        let harness = try Harness()
        try harness.tmux.type("aé日")
        try harness.tmux.send(keys: "Enter", "Tab", "BTab", "BSpace", "DC", "Up", "Down", "Left", "Right")
        try harness.tmux.send(keys: "Home", "End", "PPage", "NPage", "F5", "F12", "C-l", "C-c", "C-z", "C-q")
        let keys = harness.readKeys(22)
        #expect(
            keys == [
                .char("a"), .char("é"), .char("日"), .enter, .tab, .backTab, .backspace, .delete,
                .up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .function(5), .function(12),
                .ctrl("l"), .ctrl("c"), .ctrl("z"), .ctrl("q"),
            ])
    }

    /// Alt/Option held with a key (tmux's M-3, M-j, M-BSpace: Escape and
    /// the key at once) is the key itself (word delete for Backspace): Esc
    /// then the key ended a search and ran "3" as a section key. Escape
    /// then an arrow stays two keys.
    @Test func altWithAKeyIsTheKeyItself() throws {
        let harness = try Harness()
        try harness.tmux.send(keys: "M-3", "M-j", "M-BSpace", "Escape", "Up")
        #expect(harness.readKeys(5) == [.char("3"), .char("j"), .ctrl("w"), .escape, .up])
    }

    @Test func escapeArrivesAfterTheShortDelay() throws {
        let harness = try Harness()
        try harness.tmux.send(keys: "Escape")
        let clock = ContinuousClock()
        let start = clock.now
        #expect(harness.readKeys(1) == [.escape])
        #expect(start.duration(to: clock.now) < .milliseconds(900), "set_escdelay(25), not the 1 s default")
    }

    /// With a wake-up watched beside the keyboard (as the app does), keys,
    /// sequences, Alt, a lone Escape, the mouse and resizes read as before.
    @Test func keysReadTheSameWithAWakeupWatched() throws {
        let harness = try Harness(wakeup: Wakeup())
        try harness.tmux.type("aé日")
        try harness.tmux.send(keys: "Enter", "BTab", "Up", "F12", "C-c", "M-3", "M-BSpace")
        try harness.tmux.send(bytes: Array("\u{1B}[<0;6;4M".utf8))
        #expect(
            harness.readKeys(10) == [
                .char("a"), .char("é"), .char("日"), .enter, .backTab, .up, .function(12), .ctrl("c"),
                .char("3"), .ctrl("w"),
            ])
        #expect(harness.readKeys(1) == [.mouse(MouseEvent(.press(.left), at: Point(x: 5, y: 3)))])
        try harness.tmux.send(keys: "Escape")
        #expect(harness.readKeys(1) == [.escape])
        try harness.tmux.resize(to: Size(width: 50, height: 10))
        kill(getpid(), SIGWINCH)
        #expect(harness.readKeys(1) == [.resize(Size(width: 50, height: 10))])
    }

    /// A signal from another thread ends a wait for a key at once (the
    /// app's worker leaving a result), and only once: the next wait waits.
    @Test func aWakeupEndsTheWaitAtOnce() throws {
        let wakeup = Wakeup()
        let harness = try Harness(wakeup: wakeup)
        let clock = ContinuousClock()
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(50)) { wakeup.signal() }
        var start = clock.now
        #expect(harness.backend.readKey(timeout: .seconds(5)) == nil)
        #expect(start.duration(to: clock.now) < .seconds(2), "woken, not timed out")
        start = clock.now
        #expect(harness.backend.readKey(timeout: .milliseconds(150)) == nil)
        #expect(start.duration(to: clock.now) >= .milliseconds(140), "the signal was used up")
        // A key typed while woken is still read.
        wakeup.signal()
        try harness.tmux.type("x")
        #expect(harness.readKeys(1) == [.char("x")])
    }

    @Test func timesOutWithNil() throws {
        let harness = try Harness()
        let clock = ContinuousClock()
        let start = clock.now
        #expect(harness.backend.readKey(timeout: .milliseconds(150)) == nil)
        let elapsed = start.duration(to: clock.now)
        #expect(elapsed >= .milliseconds(140) && elapsed < .seconds(2))
        #expect(harness.backend.readKey(timeout: .zero) == nil)
    }

    @Test func decodesMouseReports() throws {
        let harness = try Harness()
        #expect(harness.backend.capabilities.mouse)
        // SGR (1006) reports, 1-based: press and release of the left button at column 6,
        // row 4, then the wheel.
        try harness.tmux.send(bytes: Array("\u{1B}[<0;6;4M\u{1B}[<0;6;4m\u{1B}[<64;2;3M\u{1B}[<65;2;3M".utf8))
        #expect(
            harness.readKeys(4) == [
                .mouse(MouseEvent(.press(.left), at: Point(x: 5, y: 3))),
                .mouse(MouseEvent(.release(.left), at: Point(x: 5, y: 3))),
                .mouse(MouseEvent(.wheelUp, at: Point(x: 1, y: 2))),
                .mouse(MouseEvent(.wheelDown, at: Point(x: 1, y: 2))),
            ])
    }

    @Test func reportsResizes() throws {
        let harness = try Harness()
        try harness.tmux.resize(to: Size(width: 60, height: 12))
        // The kernel signals the pane's foreground process (sleep), not this test
        // process: deliver the SIGWINCH ncurses listens for by hand.
        kill(getpid(), SIGWINCH)
        #expect(harness.readKeys(1) == [.resize(Size(width: 60, height: 12))])
        #expect(harness.backend.size == Size(width: 60, height: 12))
        var buffer = ScreenBuffer(size: harness.backend.size)
        buffer.put("wide now", at: Point(x: 50, y: 11))
        let screen = try harness.draw(buffer, expecting: "wide now")
        #expect(screen.components(separatedBy: "\n")[11].hasSuffix("wide now"))
    }

    @Test func terminationSignalSetsTheFlagAndEndsReadKey() throws {
        let harness = try Harness()
        #expect(!harness.backend.terminationRequested)
        kill(getpid(), SIGTERM)
        let clock = ContinuousClock()
        let start = clock.now
        #expect(harness.backend.readKey(timeout: nil) == nil)
        #expect(start.duration(to: clock.now) < .seconds(1))
        #expect(harness.backend.terminationRequested)
        #expect(harness.backend.terminationSignal == SIGTERM)
    }

    @Test func ignoredSignalsStayIgnored() throws {
        let previous = signal(SIGHUP, SIG_IGN)
        defer { signal(SIGHUP, previous) }
        let harness = try Harness()
        kill(getpid(), SIGHUP)
        #expect(!harness.backend.terminationRequested)
    }

    @Test func shutdownRestoresTheTerminal() throws {
        let tmux = TmuxSession()
        try tmux.start(command: ["sleep", "600"])
        let tty = try tmux.paneTTY()
        let before = try sttySettings(tty)
        let backend = try NCursesBackend(options: .init(terminalType: "xterm-256color", device: tty))
        #expect(try sttySettings(tty) != before, "curses mode changed the settings")
        var buffer = ScreenBuffer(size: backend.size)
        buffer.put("in curses", at: .zero)
        backend.draw(buffer)
        backend.shutdown()
        #expect(try sttySettings(tty) == before)
        backend.shutdown()
        // A new session can start once the last one ended.
        let again = try NCursesBackend(options: .init(terminalType: "xterm-256color", device: tty))
        again.shutdown()
    }

    @Test func startupErrors() throws {
        let harness = try Harness()
        #expect(throws: NCursesError.alreadyActive) {
            try NCursesBackend(options: .init(device: harness.tty))
        }
        harness.backend.shutdown()
        #expect(throws: NCursesError.notATerminal) {
            try NCursesBackend(options: .init(device: "/dev/null"))
        }
        #expect(throws: NCursesError.unknownTerminal("no-such-terminal")) {
            try NCursesBackend(options: .init(terminalType: "no-such-terminal", device: harness.tty))
        }
        #expect(throws: NCursesError.cannotOpenDevice(path: "/nonexistent/tty", errno: ENOENT)) {
            try NCursesBackend(options: .init(device: "/nonexistent/tty"))
        }
    }

    /// `stty -g` of a terminal device.
    func sttySettings(_ tty: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["stty", "-g", "-F", tty]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
