import Foundation
import SchoolStore

#if canImport(Glibc)
    import Glibc
#endif

/// A program running on a fresh pseudo-terminal, for measuring what a user
/// would see: time until some text is painted, and bytes written for a key.
final class PtyProcess {
    let master: Int32
    let pid: pid_t
    private(set) var output: [UInt8] = []

    init(_ argv: [String], environment: [String: String], columns: Int = 80, rows: Int = 24) throws {
        // posix_openpt/unlockpt/ptsname are not exported to Swift; their Linux
        // equivalents: /dev/ptmx, TIOCSPTLCK (0x40045431), TIOCGPTN (0x80045430).
        let m = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard m >= 0, ioctl(m, 0x4004_5431, &unlock) == 0, ioctl(m, 0x8004_5430, &number) == 0 else {
            throw PtyError("cannot open a pty")
        }
        let slavePath = "/dev/pts/\(number)"
        var ws = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(m, UInt(TIOCSWINSZ), &ws)
        // A new session, so opening the pty makes it the controlling terminal.
        let pid: pid_t
        do {
            pid = try Subprocess.spawn(
                argv, environment: environment, stdin: .file(slavePath, flags: O_RDWR), stdout: .sameAs(0),
                stderr: .sameAs(0), newSession: true)
        } catch {
            close(m)
            throw PtyError("\(error)")
        }
        master = m
        self.pid = pid
    }

    /// Set once the process has been waited for (its pid may be reused).
    private var reaped = false

    deinit {
        if !reaped {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
    }

    /// Nanoseconds from `start` until the process has exited (reading what
    /// it writes meanwhile, so it never blocks on a full pty), or nil after
    /// `timeout` seconds.
    func waitForExit(since start: UInt64, timeout: Double = 30) -> UInt64? {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while Date() < deadline {
            if waitpid(pid, &status, WNOHANG) == pid {
                reaped = true
                return BenchClock.now() - start
            }
            pump(timeout: 0.001)
        }
        return nil
    }

    /// Reads whatever is available within `timeout`; returns bytes read.
    @discardableResult
    func pump(timeout: Double) -> Int {
        var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&fds, 1, Int32(timeout * 1000)) > 0 else { return 0 }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let n = read(master, &buffer, buffer.count)
        if n > 0 { output.append(contentsOf: buffer[0..<n]) }
        return max(0, n)
    }

    /// The output so far with escape sequences removed (enough to find text).
    var text: String {
        var out: [UInt8] = []
        var i = 0
        while i < output.count {
            if output[i] == 0x1B {
                i += 1
                if i < output.count, output[i] == UInt8(ascii: "[") {
                    i += 1
                    while i < output.count, !(0x40...0x7E).contains(output[i]) { i += 1 }
                } else if i < output.count, output[i] == UInt8(ascii: "(") || output[i] == UInt8(ascii: ")") {
                    i += 1
                }
                i += 1
                continue
            }
            out.append(output[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Nanoseconds from `start` until `marker` shows, or nil after `timeout` seconds.
    func waitFor(_ marker: String, since start: UInt64, timeout: Double = 30) -> UInt64? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if pump(timeout: 0.05) > 0, text.contains(marker) { return BenchClock.now() - start }
        }
        return nil
    }

    func send(_ bytes: String) {
        let b = Array(bytes.utf8)
        _ = b.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Bytes written after `send` until output stays quiet for `quiet` seconds.
    func bytesAfter(_ input: String, quiet: Double = 0.3) -> Int {
        while pump(timeout: 0.05) > 0 {}
        let before = output.count
        send(input)
        var lastGrowth = Date()
        while Date().timeIntervalSince(lastGrowth) < quiet {
            if pump(timeout: 0.02) > 0 { lastGrowth = Date() }
        }
        return output.count - before
    }

    struct PtyError: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }
}
