import Foundation

/// A line for the status bar that goes away by itself: a toast when a
/// message arrives, or a notice ("Opened the website").
struct StatusNote: Sendable, Equatable {
    var text: String
    var role: Role
    var until: Date
    /// Said on the lock screen only ("1 new message: unlock to read it"):
    /// it goes at the unlock (it stayed on Home, over the message itself).
    var whileLocked = false
    /// Said of what was just queued ("Queued — will be sent when…"): it
    /// goes at the end of a sync that finds nothing of the parent's left
    /// to send (another process sent it; the line said "Queued" on).
    var whileQueued = false
    /// The model has shown the queued item since (see ``whileQueued``).
    var queuedSeen = false
}
