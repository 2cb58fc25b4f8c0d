/// What logging out came to. Logout never discards unsent messages unless
/// the parent chose ``LogoutChoice/discardUnsent``.
public enum LogoutOutcome: Sendable, Equatable {
    /// Logged out: the session, the local model and the session's outbox
    /// items are gone. `unregistered` is false when the school's server
    /// could not be told (notifications may still arrive until it is).
    case loggedOut(unregistered: Bool)
    /// Still logged in: these messages and replies are not sent (queued,
    /// or failed with a reason). The parent keeps trying (stays logged in)
    /// or discards them.
    case unsent([OutboxItem])

    /// "2 messages could not be sent: keep trying (stay logged in) or
    /// discard them." (nil when logged out).
    public var message: String? {
        guard case .unsent(let items) = self else { return nil }
        let n = items.count
        return
            "\(n) message\(n == 1 ? "" : "s") could not be sent: keep trying (stay logged in) or discard \(n == 1 ? "it" : "them")."
    }
}
