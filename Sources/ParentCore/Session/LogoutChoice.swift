/// How the parent chose to log out when messages may still be unsent.
public enum LogoutChoice: Sendable, Equatable {
    /// Log out only if nothing is waiting to be sent (otherwise nothing
    /// happens and the outcome says what is waiting).
    case onlyIfNothingUnsent
    /// Send what is waiting first; log out only if everything went.
    case sendFirst
    /// The parent explicitly discards what is unsent, and logs out.
    case discardUnsent
}
