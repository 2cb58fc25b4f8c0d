import Foundation

/// A value guarded by a lock: the only way in is ``withLock(_:)``. The one
/// lock helper of the package (as NIOConcurrencyHelpers' `NIOLockedValueBox`
/// is swift-nio's): it is `Sendable` only when the value is, so it can never
/// smuggle a non-Sendable value between threads.
///
/// `Synchronization.Mutex` would do the same job; this box came first and
/// every layer uses it, so there is one helper, not two.
public final class Locked<Value> {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` with exclusive access to the value.
    public func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure)
        -> Result
    {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

/// Sound because `value` is only ever touched while `lock` is held.
extension Locked: @unchecked Sendable where Value: Sendable {}
