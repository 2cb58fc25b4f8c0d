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
    /// discard them." (nil when logged out). What the school refused is
    /// said so: trying again cannot send it (a refusal read "keep trying").
    public var message: String? {
        guard case .unsent(let items) = self else { return nil }
        let n = items.count
        let refused = items.filter(\.isFailed).count
        let written = WrittenCount(items)
        let them = n == 1 ? "it" : "them"
        if refused == n {
            return
                "\(written) could not be sent: the school refused \(them), so trying again won't help. Discard \(them), or stay logged in to see why and copy \(them)."
        }
        let which =
            refused == 0
            ? "" : " (\(refused) refused by the school: trying again won't send \(refused == 1 ? "that one" : "those"))"
        return
            "\(written) could not be sent\(which): keep trying (stay logged in) or discard \(them)."
    }
}
