import Glibc
import SchoolStore

/// Writes lines to standard output and standard error (Swift 6 rejects the
/// C `stderr` global, so this writes to file descriptor 2 directly).
///
/// What it writes is text for a person, so control characters from the
/// store (an escape sequence in a hostile name or subject) are made visible
/// (``TerminalSafe``), on a terminal and in a file alike: a report saved
/// and `cat` later is a terminal's too. Data (an mbox, a calendar, CSV) is
/// written as it is unless standard output is a terminal (``result(_:newline:status:data:)``).
struct Output: Sendable {
    /// Writes a line to standard output; false when it could not all be written.
    @discardableResult func out(_ text: String, newline: Bool = true) -> Bool {
        write(1, TerminalSafe.text(newline ? text + "\n" : text)) == nil
    }

    func err(_ text: String) { _ = write(2, TerminalSafe.text(text + "\n")) }

    /// Whether standard output is a terminal.
    static var toTerminal: Bool { isatty(1) == 1 }

    /// Writes a command's result to standard output and gives `status`; when
    /// it cannot be written (a full disk, `> /dev/full`, a closed descriptor)
    /// says so in one line on standard error and gives 74 (EX_IOERR), so a
    /// script never takes a lost report for a good one.
    /// `data` (an export's file) is written byte for byte to a file or a
    /// pipe; to a terminal it is made safe like text, its CRLF line ends
    /// (CSV, iCalendar) read as line ends (each row ended in a visible ^M).
    func result(_ text: String, newline: Bool = true, status: ExitCode, data: Bool = false) -> ExitCode {
        let whole = newline ? text + "\n" : text
        let shown =
            !data
            ? TerminalSafe.text(whole)
            : Output.toTerminal ? TerminalSafe.text(whole.replacingOccurrences(of: "\r\n", with: "\n")) : whole
        guard let failure = write(1, shown) else {
            return status
        }
        err("xpressions: cannot write to standard output: \(String(cString: strerror(failure)))")
        return .ioErr
    }

    /// Writes everything (retrying short writes and EINTR); the errno of a
    /// failed write, or nil.
    private func write(_ fd: Int32, _ text: String) -> Int32? {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return n < 0 ? errno : EIO }
            offset += n
        }
        return nil
    }
}
