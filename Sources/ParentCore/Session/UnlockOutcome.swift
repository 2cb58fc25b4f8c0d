/// What entering a PIN came to.
public enum UnlockOutcome: Sendable, Equatable {
    case unlocked(Session)
    /// Wrong PIN; the session ends after `attemptsLeft` more.
    case wrong(attemptsLeft: Int)
    /// Too many wrong PINs: local data wiped, a full login is needed.
    case wiped
}
