#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes lines to standard output and standard error (Swift 6 rejects the
/// C `stderr` global, so this writes to file descriptor 2 directly).
struct Output: Sendable {
    func out(_ text: String, newline: Bool = true) { write(1, newline ? text + "\n" : text) }
    func err(_ text: String) { write(2, text + "\n") }

    private func write(_ fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n <= 0 { return }
            offset += n
        }
    }
}
