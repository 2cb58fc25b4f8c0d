#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SchoolStore

/// An exclusive `flock` on a lock file, so that two app instances (or the
/// app and `xpressions sync`) never write the same local model at once.
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
}
