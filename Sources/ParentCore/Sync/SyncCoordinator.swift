import Dispatch
import Foundation
import SchoolStore

/// Runs syncs off the main thread, one at a time, and tells the app how
/// they go: through `onEvent` (called on the sync thread; keep it short,
/// e.g. wake the UI loop) and through a lock-protected queue of events the
/// UI drains on its own thread (``drainEvents()``). No async/await needed.
///
/// The app calls ``start(_:)`` for "Refresh now" and on opening, and
/// ``tick()`` from its loop for the periodic background sync (every
/// `CoreSettings.syncInterval`).
public final class SyncCoordinator: Sendable {
    public let engine: SyncEngine
    let onEvent: (@Sendable (SyncEvent) -> Void)?
    private let queue = DispatchQueue(label: "xpressions.sync")

    private struct State {
        var running = false
        var events: [SyncEvent] = []
        var lastStarted: Date?
        var lastReport: SyncReport?
    }
    private let state = Locked(State())

    public init(engine: SyncEngine, onEvent: (@Sendable (SyncEvent) -> Void)? = nil) {
        self.engine = engine
        self.onEvent = onEvent
    }

    /// The current snapshot (the one the last sync or action produced).
    public var snapshot: ParentModel { engine.snapshot }

    public var isRunning: Bool { state.withLock { $0.running } }

    /// The report of the last sync that finished.
    public var lastReport: SyncReport? { state.withLock { $0.lastReport } }

    /// Starts a sync in the background; false (and nothing starts) when
    /// one is already running.
    @discardableResult
    public func start(_ trigger: SyncTrigger = .manual) -> Bool {
        let now = engine.clock.now()
        let began = state.withLock { s -> Bool in
            if s.running { return false }
            s.running = true
            s.lastStarted = now
            return true
        }
        guard began else { return false }
        post(.started(trigger))
        queue.async { [self] in
            let event: SyncEvent
            do {
                let report = try engine.sync { [self] progress in post(.progress(progress)) }
                state.withLock { $0.lastReport = report }
                event = .finished(report)
            } catch {
                event = .failed("\(error)")
            }
            state.withLock { $0.running = false }
            post(event)
        }
        return true
    }

    /// Whether the periodic sync is due: none running and none started for
    /// `interval` (default: the account's `syncInterval`).
    public func isDue(now: Date? = nil, interval: TimeInterval? = nil) -> Bool {
        let now = now ?? engine.clock.now()
        let interval = interval ?? engine.account.settings.syncInterval
        return state.withLock { s in
            guard !s.running else { return false }
            guard let last = s.lastStarted else { return true }
            return now.timeIntervalSince(last) >= interval || now < last
        }
    }

    /// Starts the periodic sync when it is due; true when one started.
    @discardableResult
    public func tick() -> Bool {
        isDue() && start(.periodic)
    }

    /// The events since the last call, oldest first.
    public func drainEvents() -> [SyncEvent] {
        state.withLock { s in
            defer { s.events.removeAll() }
            return s.events
        }
    }

    /// Blocks until the sync under way (if any) has finished.
    public func waitUntilIdle() {
        queue.sync {}
    }

    private func post(_ event: SyncEvent) {
        state.withLock { $0.events.append(event) }
        onEvent?(event)
    }

    // MARK: - Logging out

    /// Messages and replies the outbox has not sent: logging out would lose them.
    public var unsentCount: Int { engine.snapshot.unsentCount }

    /// "Send now" before logging out: waits for a running sync, then sends.
    @discardableResult
    public func sendNow() throws -> OutboxSendReport {
        waitUntilIdle()
        return try engine.sendOutbox()
    }

    /// Logs out: waits for a running sync (so it cannot write after the
    /// wipe), removes the notification registrations and wipes the session,
    /// model and outbox. Returns false when a registration could not be
    /// removed from the store (local data is wiped either way).
    @discardableResult
    public func logOut() throws -> Bool {
        try queue.sync {
            try engine.account.logOut()
        }
    }
}
