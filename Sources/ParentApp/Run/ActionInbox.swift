import Foundation

/// Where effects running off the main thread leave their results; the main
/// loop drains it between keys. A lock-protected queue: the one place the
/// app's threads meet.
public final class ActionInbox: @unchecked Sendable {
    private let lock = NSLock()
    private var actions: [Action] = []
    private var inFlight = 0

    public init() {}

    func post(_ action: Action) {
        lock.lock()
        actions.append(action)
        lock.unlock()
    }

    func drain() -> [Action] {
        lock.lock()
        defer { lock.unlock() }
        let out = actions
        actions.removeAll()
        return out
    }

    /// Effects started but not finished (the key script waits for them).
    public var busy: Bool {
        lock.lock()
        defer { lock.unlock() }
        return inFlight > 0 || !actions.isEmpty
    }

    public func began() { lock.lock(); inFlight += 1; lock.unlock() }
    public func ended() { lock.lock(); inFlight -= 1; lock.unlock() }
}
