#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Wakes a thread waiting for keys when another thread has work for it: a
/// pipe whose reading end a backend watches beside the keyboard. The app's
/// worker signals it when it leaves a result, so the result is drawn at
/// once rather than when the wait for a key next times out (up to 5 ms
/// later while work is under way, 100 ms otherwise).
public final class Wakeup: Sendable {
    /// The end to watch (readable once signalled); -1 if no pipe could be made.
    public let descriptor: Int32
    private let writer: Int32

    public init() {
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) == 0 {
            for end in ends {
                _ = fcntl(end, F_SETFD, FD_CLOEXEC)
                _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            }
            descriptor = ends[0]
            writer = ends[1]
        } else {
            descriptor = -1
            writer = -1
        }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        if writer >= 0 { close(writer) }
    }

    /// Makes `descriptor` readable (a full pipe is already readable).
    public func signal() {
        guard writer >= 0 else { return }
        var byte: UInt8 = 1
        _ = write(writer, &byte, 1)
    }

    /// Empties the pipe, so the next wait waits.
    public func drain() {
        guard descriptor >= 0 else { return }
        var bytes = [UInt8](repeating: 0, count: 64)
        while read(descriptor, &bytes, bytes.count) > 0 {}
    }

    /// Waits up to `milliseconds` for a signal; true when signalled (and
    /// drained). Without a pipe it sleeps the whole time.
    public func wait(milliseconds: Int32) -> Bool {
        guard descriptor >= 0 else {
            usleep(useconds_t(max(0, milliseconds)) * 1000)
            return false
        }
        var watched = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&watched, 1, milliseconds) > 0 else { return false }
        drain()
        return true
    }
}
