import Glibc
import SchoolStore

/// An exclusive `flock` on a lock file, so that two app instances (or the
/// app and `xpressions sync`) never write the same local model (or the same
/// outbox) at once, and a sweep of temporary files never takes a file
/// another process is writing. Never taken while holding another.
/// The lock file is not data: it holds nothing, is created 0600, and its
/// name starts with `.` so sweeps and listings leave it alone.
enum DirectoryLock {
    static let fileName = ".lock"

    /// Runs `body` holding the lock of `directory` (which must exist).
    static func withLock<T>(_ directory: String, _ body: () throws -> T) throws -> T {
        let path = Paths.join(directory, fileName)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw FileLayerError(operation: "open the lock", path: path, code: errno) }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { throw FileLayerError(operation: "lock", path: path, code: errno) }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    /// Runs `body` holding the lock of `directory`, or without a lock when
    /// the directory does not exist yet (there is then nothing to sweep).
    static func withLockIfPresent<T>(_ directory: String, _ body: () throws -> T) throws -> T {
        var st = stat()
        guard stat(directory, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else { return try body() }
        return try withLock(directory, body)
    }
}
