#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes lines to standard output and standard error (Swift 6 rejects the
/// C `stderr` global, so this writes to file descriptor 2 directly).
struct Output: Sendable {
    /// Writes a line to standard output; false when it could not all be written.
    @discardableResult func out(_ text: String, newline: Bool = true) -> Bool {
        write(1, newline ? text + "\n" : text) == nil
    }

    func err(_ text: String) { _ = write(2, text + "\n") }

    /// Writes a command's result to standard output and gives `status`; when
    /// it cannot be written (a full disk, `> /dev/full`, a closed descriptor)
    /// says so in one line on standard error and gives 74 (EX_IOERR), so a
    /// script never takes a lost report for a good one.
    func result(_ text: String, newline: Bool = true, status: ExitCode) -> ExitCode {
        guard let failure = write(1, newline ? text + "\n" : text) else { return status }
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
