import Foundation
import Glibc

/// `<data-dir>/tour.lock`, held (`flock`) by a running `demo tour` for its
/// whole life: a second tour on the same data directory is refused (it
/// deleted the first one's session under it), and the `school` commands
/// given that data directory reach the tour's store while it runs (a
/// presenter's `school send --data-dir D` went to `D/demo-store`, which the
/// tour does not read).
enum TourLock {
    static func path(_ dataDirectory: String) -> String { "\(dataDirectory)/tour.lock" }

    /// Takes the lock for this process's life; false when another process holds it.
    static func take(_ dataDirectory: String) -> Bool {
        let fd = open(path(dataDirectory), O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return true }  // no lock file possible: nothing to guard with
        if flock(fd, LOCK_EX | LOCK_NB) == 0 { return true }  // kept open (and held) until the process ends
        close(fd)
        return false
    }

    /// Whether a running tour holds the lock of `dataDirectory`.
    static func isHeld(_ dataDirectory: String) -> Bool {
        let fd = open(path(dataDirectory), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        if flock(fd, LOCK_SH | LOCK_NB) == 0 {
            flock(fd, LOCK_UN)
            return false
        }
        return true
    }
}
