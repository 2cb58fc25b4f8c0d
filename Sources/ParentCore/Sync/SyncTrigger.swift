/// Why a sync ran.
public enum SyncTrigger: String, Sendable, Equatable {
    /// The app opened (or the parent unlocked it).
    case opening
    /// "Refresh now".
    case manual
    /// The background interval came round.
    case periodic
    /// A file of the parent's schools changed in the store (a message sent,
    /// a hand edit): seen by ``StoreWatcher``.
    case storeChanged
}
