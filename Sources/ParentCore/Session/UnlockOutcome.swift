/// What entering a PIN came to.
public enum UnlockOutcome: Sendable, Equatable {
    case unlocked(Session)
    /// Wrong PIN; the session ends after `attemptsLeft` more.
    case wrong(attemptsLeft: Int)
    /// Too many wrong PINs: local data wiped, a full login is needed.
    case wiped
    /// The saved login could not be read (damaged since the app opened) or
    /// is gone (logged out by another process): no PIN was checked and
    /// nothing changed yet. What the parent was writing is kept first, then
    /// ``ParentService/endUnreadableSession()`` sets a damaged file aside.
    case unreadable
}
