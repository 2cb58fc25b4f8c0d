import Foundation

/// What one sync did: per school, what changed; the messages that arrived
/// (and which of them to notify about); what the outbox sent; problems,
/// said plainly; how much it read and how long it took.
public struct SyncReport: Sendable, Equatable {
    public var startedAt: Date
    public var duration: TimeInterval = 0
    public var schools: [SchoolSyncSummary] = []
    /// Messages that appeared in the model in this sync for children the
    /// parent already had (not the history a first sync fills in).
    public var newMessages: [MessageRef] = []
    /// The new messages to raise a notification for (toast, bell): only
    /// while the session's notification registration exists at the school.
    public var notifications: [MessageRef] = []
    public var outbox = OutboxSendReport()
    public var problems: [SyncProblem] = []
    /// Store records and files read (every resource unchanged: 0).
    public var reads = 0
    /// Whether the local model was written.
    public var modelChanged = false
    /// The model's generation after the sync.
    public var generation = 0

    public init(startedAt: Date) {
        self.startedAt = startedAt
    }

    /// No problems at all: nothing failed, nothing left waiting.
    public var isClean: Bool { problems.isEmpty && outbox.problems.isEmpty && outbox.retrying.isEmpty && outbox.failed.isEmpty }

    /// Some problem comes from a store file that does not decode.
    public var hasInvalidStore: Bool { problems.contains { $0.kind == .invalidStore } }

    /// A short plain summary, one line each (no names of people, no emails
    /// or phone numbers): for `xpressions sync` and support logs.
    public var summaryLines: [String] {
        var lines: [String] = []
        for s in schools {
            guard s.synced else { lines.append("\(s.schoolName): not synced (kept the last good data)"); continue }
            var what: [String] = []
            if s.messagesAdded > 0 { what.append("\(s.messagesAdded) new message\(s.messagesAdded == 1 ? "" : "s")") }
            if s.messagesRemoved > 0 { what.append("\(s.messagesRemoved) message\(s.messagesRemoved == 1 ? "" : "s") withdrawn") }
            if s.marksAdded != 0 { what.append("\(s.marksAdded) attendance mark\(abs(s.marksAdded) == 1 ? "" : "s")") }
            if !s.childrenAdded.isEmpty { what.append("\(s.childrenAdded.count) child\(s.childrenAdded.count == 1 ? "" : "ren") added") }
            if !s.childrenRemoved.isEmpty { what.append("\(s.childrenRemoved.count) child\(s.childrenRemoved.count == 1 ? "" : "ren") removed") }
            if what.isEmpty && s.partsChanged > 0 { what.append("updated") }
            lines.append("\(s.schoolName): \(what.isEmpty ? "up to date" : what.joined(separator: ", ")) (\(s.reads) read\(s.reads == 1 ? "" : "s"))")
        }
        let o = outbox
        if !o.isEmpty {
            lines.append("outbox: \(o.sent.count) sent, \(o.retrying.count) queued, \(o.failed.count) failed")
            for item in o.failed { if case let .failed(reason) = item.state { lines.append("  \(item.kind.rawValue) \(item.key): \(reason)") } }
            for item in o.retrying { lines.append("  \(item.kind.rawValue) \(item.key): \(item.lastError ?? "will retry")") }
            for p in o.problems { lines.append("  \(p)") }
        }
        if !notifications.isEmpty { lines.append("notifications: \(notifications.count) new message\(notifications.count == 1 ? "" : "s")") }
        for p in problems { lines.append("problem: \(p)") }
        lines.append("took \(Int((duration * 1000).rounded())) ms, \(reads) store read\(reads == 1 ? "" : "s"), model generation \(generation)")
        return lines
    }
}
