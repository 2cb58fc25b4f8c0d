import Foundation

/// The outcome of a sync as the status line and notifications need it.
struct SyncSummary: Sendable, Equatable {
    var finishedAt: Date
    /// Subjects of messages that arrived and should be announced (only while
    /// the parent is registered for notifications).
    var announcements: [String]
    /// Problems, as the store names them (school, file, record, field).
    var problems: [String]
    /// The schools that messages or replies were just delivered to.
    var sentTo: [String] = []
    /// When the background sync should next run (sooner after a failure).
    var nextAttempt: Date?
    /// On a first sync: messages more than 14 days old, marked read.
    var historyMarkedRead = 0
    /// Schools that no longer hold the parent's login details, as the parent
    /// reads it ("Green Abbey School no longer holds these details for you");
    /// their children left this device.
    var schoolsRemoved: [String] = []

    init(finishedAt: Date, announcements: [String] = [], problems: [String] = []) {
        self.finishedAt = finishedAt
        self.announcements = announcements
        self.problems = problems
    }
}
