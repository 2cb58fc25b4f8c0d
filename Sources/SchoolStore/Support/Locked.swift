import Foundation

/// A value guarded by a lock: the only way in is ``withLock(_:)``.
///
/// `Synchronization.Mutex` would do the same job, but it needs macOS 15 while
/// the package declares macOS 13; an `NSLock`-backed box works everywhere.
/// The `@unchecked Sendable` is sound because `value` is only ever touched
/// while `lock` is held.
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` with exclusive access to the value.
    public func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
