import Foundation

/// The outcome of a sync as the status line and notifications need it.
public struct SyncSummary: Sendable, Equatable {
    public var finishedAt: Date
    /// Subjects of messages that arrived and should be announced (only while
    /// the parent is registered for notifications).
    public var announcements: [String]
    /// Problems, as the store names them (school, file, record, field).
    public var problems: [String]

    public init(finishedAt: Date, announcements: [String] = [], problems: [String] = []) {
        self.finishedAt = finishedAt
        self.announcements = announcements
        self.problems = problems
    }
}
