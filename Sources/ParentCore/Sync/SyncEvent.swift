/// What a ``SyncCoordinator`` tells the app about a background sync.
public enum SyncEvent: Sendable, Equatable {
    /// A sync started (manual "Refresh now", periodic, or on opening).
    case started(SyncTrigger)
    case progress(SyncProgress)
    /// A sync finished; the engine's snapshot is already the new one.
    case finished(SyncReport)
    /// A sync stopped on an unexpected error (not a store or disk problem,
    /// which are in the report).
    case failed(String)
}
