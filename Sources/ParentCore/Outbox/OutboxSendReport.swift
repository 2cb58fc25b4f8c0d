/// What one attempt to send the outbox did.
public struct OutboxSendReport: Sendable, Equatable {
    /// Items the school's store now holds.
    public var sent: [OutboxItem] = []
    /// Items that failed for a reason retrying cannot fix.
    public var failed: [OutboxItem] = []
    /// Items left queued after a passing problem (retried next sync).
    public var retrying: [OutboxItem] = []
    /// Problems with the outbox itself (it could not be read or updated).
    public var problems: [String] = []
    /// Absence reports the school acknowledged since the last look.
    public var acknowledged: [OutboxItem] = []

    public init() {}

    public var isEmpty: Bool {
        sent.isEmpty && failed.isEmpty && retrying.isEmpty && problems.isEmpty && acknowledged.isEmpty
    }
}
