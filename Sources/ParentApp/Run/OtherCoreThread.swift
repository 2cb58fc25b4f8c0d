import CSched
import Foundation

/// Runs work on a new thread that starts on another core than the caller's,
/// then may run on any: the store's first opening, beside the terminal's
/// set-up and the first frame.
///
/// Why not a dispatch queue: on the kernel the start was measured on (a
/// Firecracker VM, 2 cores), a new thread starts on its creator's core and
/// waits there until the creator blocks or the balancer moves it, about
/// 2.9 ms later (`pthread_create` then a busy creator, 40 runs). The
/// opening ran after the first frame, not beside it. A thread that may not
/// use the creator's core starts on the other at once (0.08–0.24 ms); it
/// then allows every core again. With one core it is an ordinary thread.
enum OtherCoreThread {
    private final class Work {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    static func start(_ body: @escaping @Sendable () -> Void) {
        let work = Unmanaged.passRetained(Work(body)).toOpaque()
        let error = csched_start_elsewhere(
            { context in
                csched_allow_every_core()
                if let context { Unmanaged<Work>.fromOpaque(context).takeRetainedValue().body() }
                return nil
            }, work)
        guard error != 0 else { return }
        // No thread of that kind (a limit on threads): Foundation's.
        let body = Unmanaged<Work>.fromOpaque(work).takeRetainedValue().body
        Thread { body() }.start()
    }
}
