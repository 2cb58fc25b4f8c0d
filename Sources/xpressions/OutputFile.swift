import Glibc

/// Writing a command's output where the user asked: in place (open with
/// `O_TRUNC`, write, and for a regular file fsync), never through a
/// temporary file renamed over the path, which would replace a device or a
/// FIFO (`/dev/stdout`, a pipe made with mkfifo) with a regular file. A new
/// file is created 0600: what it holds is the parent's.
enum OutputFile {
    struct Failure: Error, CustomStringConvertible {
        let description: String
        /// True when the path could not be opened or made (EX_CANTCREAT);
        /// false when it opened and writing to it failed (EX_IOERR).
        var opening = false
    }

    static func write(_ bytes: [UInt8], toPath path: String) throws(Failure) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Failure(description: String(cString: strerror(errno)), opening: true) }
        defer { close(fd) }
        guard write(bytes, to: fd) else { throw Failure(description: String(cString: strerror(errno))) }
        var info = stat()
        if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, fsync(fd) != 0 {
            throw Failure(description: String(cString: strerror(errno)))
        }
    }

    /// Writes everything to a descriptor (retrying short writes and EINTR).
    static func write(_ bytes: [UInt8], to fd: Int32) -> Bool {
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            written += n
        }
        return true
    }
}
