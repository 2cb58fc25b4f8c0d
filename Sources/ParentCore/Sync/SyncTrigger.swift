/// Why a sync ran.
public enum SyncTrigger: String, Sendable, Equatable {
    /// The app opened (or the parent unlocked it).
    case opening
    /// "Refresh now".
    case manual
    /// The background interval came round.
    case periodic
}
