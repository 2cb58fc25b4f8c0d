import Foundation
import SchoolStore

/// A session's local model being opened ahead of time, on its own thread:
/// while the lock screen waits for the PIN, the model (10,000 messages are
/// tens of milliseconds of decoding) opens beside the PIN's hash instead of
/// after it. ``ParentService/follow(_:)`` waits for it and takes the engine.
final class ModelOpening: Sendable {
    /// The session it is opening the model of.
    let session: String
    private let done = DispatchSemaphore(value: 0)
    private let result = Locked<Result<SyncEngine, any Error>?>(nil)

    /// Starts opening `session`'s model with `open` on a global queue.
    init(session: String, open: @escaping @Sendable () throws -> SyncEngine) {
        self.session = session
        DispatchQueue.global(qos: .userInitiated).async { [result, done] in
            let opened = Result { try open() }
            result.withLock { $0 = opened }
            done.signal()
        }
    }

    /// The opened engine, waiting for it if it is not there yet (rethrows
    /// what opening threw).
    func engine() throws -> SyncEngine {
        if let ready = result.withLock({ $0 }) { return try ready.get() }
        done.wait()
        done.signal()  // a second caller does not wait for ever
        return try result.withLock { $0! }.get()
    }
}
