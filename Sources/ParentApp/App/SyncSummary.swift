import Foundation

/// The outcome of a sync as the status line and notifications need it.
struct SyncSummary: Sendable, Equatable {
    static func == (a: SyncSummary, b: SyncSummary) -> Bool {
        a.finishedAt == b.finishedAt && a.announcements == b.announcements && a.problems == b.problems
            && a.sentTo == b.sentTo
            && a.reportedTo == b.reportedTo && a.acknowledgedBy.map(\.school) == b.acknowledgedBy.map(\.school)
            && a.acknowledgedBy.map(\.at) == b.acknowledgedBy.map(\.at) && a.nextAttempt == b.nextAttempt
            && a.historyMarkedRead == b.historyMarkedRead && a.schoolsRemoved == b.schoolsRemoved
            && a.notSent == b.notSent && a.messagesHeld == b.messagesHeld && a.recordsLeft == b.recordsLeft
            && a.rebuilt == b.rebuilt
    }

    var finishedAt: Date
    /// Subjects of messages that arrived and should be announced (only while
    /// the parent is registered for notifications).
    var announcements: [String]
    /// Problems, as the store names them (school, file, record, field).
    var problems: [String]
    /// The schools that messages or replies were just delivered to.
    var sentTo: [String] = []
    /// The schools that absence reports were just delivered to.
    var reportedTo: [String] = []
    /// The schools that just acknowledged an absence report, with the time.
    var acknowledgedBy: [(school: String, at: Date)] = []
    /// When the background sync should next run (sooner after a failure).
    var nextAttempt: Date?
    /// On a first sync: messages more than 14 days old, marked read.
    var historyMarkedRead = 0
    /// The copy on this device could not be read: set aside in damaged/
    /// and rebuilt from the school data.
    var rebuilt = false
    /// Schools that no longer hold the parent's login details, as the parent
    /// reads it ("Green Abbey School no longer holds these details for you");
    /// their children left this device.
    var schoolsRemoved: [String] = []
    /// What the parent wrote that a school just refused, as the parent reads
    /// it ("Green Abbey School: it has turned off messages from parents").
    var notSent: [String] = []
    /// Unsent messages written for records that no longer hold the
    /// parent's details: kept on the device, not sent.
    var messagesHeld = 0
    /// A contact record that no longer holds the parent's details at a
    /// school that stays ("A contact record at Green Abbey School no longer
    /// holds these details for you: Amy was removed from this device.").
    var recordsLeft: [String] = []

    init(finishedAt: Date, announcements: [String] = [], problems: [String] = []) {
        self.finishedAt = finishedAt
        self.announcements = announcements
        self.problems = problems
    }
}
