import Foundation
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
        var fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        // A directory, a FIFO or a link in the lock's place holds nothing
        // (the lock is no data): set aside in damaged/ and made again. It
        // stopped every sync and every message saved ("could not open the
        // lock …: Is a directory"), for good.
        if fd < 0, [EISDIR, ELOOP, ENXIO, EACCES].contains(errno), setAside(path, of: directory) {
            fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        }
        guard fd >= 0 else { throw FileLayerError(operation: "open the lock", path: path, code: errno) }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { throw FileLayerError(operation: "lock", path: path, code: errno) }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    /// Moves what is in the lock's place to the data directory's `damaged/`
    /// (the data directory is the lock's own, or its parent for the outbox's
    /// and the model's); true when it went. A regular file that only cannot
    /// be opened is left (a permission problem is not this).
    static func setAside(_ path: String, of directory: String) -> Bool {
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) != S_IFREG else { return false }
        let name = URL(fileURLWithPath: directory).lastPathComponent
        let inner = ["outbox", "model"].contains(name)
        let dataDirectory = inner ? Paths.parent(of: directory) : directory
        let damaged = DamagedFiles(dataDirectory: dataDirectory, files: PosixFileLayer())
        // Not "outbox.…": that names a damaged message (and would be said as one).
        return (try? damaged.setAside(path, as: inner ? "\(name)-lock" : "lock", at: Date())) != nil
    }

    /// Runs `body` holding the lock of `directory`, or without a lock when
    /// the directory does not exist yet (there is then nothing to sweep).
    static func withLockIfPresent<T>(_ directory: String, _ body: () throws -> T) throws -> T {
        var st = stat()
        guard stat(directory, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else { return try body() }
        return try withLock(directory, body)
    }
}
