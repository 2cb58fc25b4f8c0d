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
        /// Syncs in a row that could not get through (the store away or
        /// invalid, the local disk, messages left waiting).
        var failures = 0
        /// The parent asked for a sync (sent something, released a kept
        /// message) while one ran, which may have passed its outbox already:
        /// another runs when it ends, so what they sent goes now, not at
        /// the next periodic sync.
        var again = false
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

    /// Starts a sync in the background; false (and nothing starts now) when
    /// one is already running: a manual one then runs once more after it.
    @discardableResult
    public func start(_ trigger: SyncTrigger = .manual) -> Bool {
        let now = engine.clock.now()
        let began = state.withLock { s -> Bool in
            if s.running {
                if trigger == .manual { s.again = true }
                return false
            }
            s.running = true
            s.lastStarted = now
            return true
        }
        guard began else { return false }
        post(.started(trigger))
        queue.async { [self] in
            let event: SyncEvent
            do {
                // A refresh the parent asked for looks at the whole store for
                // records joining the session (2 stats a school), not only
                // every few minutes.
                let report = try engine.sync(wholeStore: trigger == .manual) { [self] progress in
                    post(.progress(progress))
                }
                state.withLock { s in
                    s.lastReport = report
                    s.failures = SyncCoordinator.needsRetry(report) ? s.failures + 1 : 0
                }
                event = .finished(report)
            } catch {
                state.withLock { $0.failures += 1 }
                event = .failed("\(error)")
            }
            let again = state.withLock { s -> Bool in
                s.running = false
                defer { s.again = false }
                return s.again
            }
            post(event)
            if again { start(.manual) }
        }
        return true
    }

    /// Whether the periodic sync is due: none running, and ``nextSyncAt``
    /// has come (or the clock was set back before the last start).
    /// `interval` defaults to the account's `syncInterval`.
    public func isDue(now: Date? = nil, interval: TimeInterval? = nil) -> Bool {
        let now = now ?? engine.clock.now()
        let interval = interval ?? engine.account.settings.syncInterval
        return state.withLock { s in
            guard !s.running else { return false }
            guard let last = s.lastStarted else { return true }
            return now >= last.addingTimeInterval(SyncCoordinator.delay(afterFailures: s.failures, interval: interval))
                || now < last
        }
    }

    /// When the next periodic sync is due (nil: at once). After a sync that
    /// could not get through, sooner than the interval, backing off:
    /// 15 s, 30 s, 60 s... capped at the interval.
    ///
    /// Sooner when something the school published ahead (a message, an
    /// event, a mark set to appear at 16:00) comes out before then: it
    /// showed at the next minute's sync, up to a minute late.
    public var nextSyncAt: Date? {
        let interval = engine.account.settings.syncInterval
        let periodic = state.withLock { s in
            s.lastStarted.map {
                $0.addingTimeInterval(SyncCoordinator.delay(afterFailures: s.failures, interval: interval))
            }
        }
        guard let periodic else { return nil }
        guard let published = engine.nextPublication(after: engine.clock.now()) else { return periodic }
        return min(periodic, published)
    }

    /// Syncs in a row that could not get through (0 after a clean one).
    public var consecutiveFailures: Int { state.withLock { $0.failures } }

    /// The first retry after a failed sync comes after this long.
    public static let firstRetry: TimeInterval = 15

    /// How long after a sync's start the next periodic one comes: the
    /// interval after a sync that got through; after `failures` in a row,
    /// 15 s doubled for each further failure, capped at the interval.
    public static func delay(afterFailures failures: Int, interval: TimeInterval) -> TimeInterval {
        guard failures > 0 else { return interval }
        let backoff = firstRetry * Double(1 << min(failures - 1, 20))
        return min(backoff, interval)
    }

    /// Whether a sync did not get through, so the next comes sooner: the
    /// store away or invalid, the local model not saved, items left waiting.
    static func needsRetry(_ report: SyncReport) -> Bool {
        report.problems.contains { $0.kind == .unreachable || $0.kind == .invalidStore || $0.kind == .localModel }
            || !report.outbox.retrying.isEmpty
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

    /// Logs out as the parent chose (see ``LogoutChoice``): waits for a
    /// running sync (so it cannot write after the wipe); with
    /// `.sendFirst`, sends through the engine first. Unsent messages are
    /// never dropped unless the parent chose `.discardUnsent`: otherwise
    /// the outcome is ``LogoutOutcome/unsent(_:)`` and the parent stays
    /// logged in.
    public func logOut(_ choice: LogoutChoice = .onlyIfNothingUnsent) throws -> LogoutOutcome {
        try queue.sync {
            var choice = choice
            if choice == .sendFirst {
                // "Send them" includes those that failed: tried once more.
                for item in engine.snapshot.outbox where item.kind != .receipt && item.isFailed {
                    try engine.retry(item.key)
                }
                // And those kept from an earlier login, which the parent
                // was told of on the logout screen.
                // (Not one without a topic its school takes: it could only
                // be refused, and stays kept; the logout then says so.)
                for item in engine.snapshot.recovered where engine.snapshot.isSendable(item) {
                    _ = try engine.release(item.key)
                }
                _ = try engine.sendOutbox()
                choice = .onlyIfNothingUnsent
            }
            let outcome = try engine.account.logOut(choice)
            if case .unsent = outcome { engine.refreshSnapshot() }
            return outcome
        }
    }
}
