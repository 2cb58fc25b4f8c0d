/// How far a sync has got, for a progress indicator.
public struct SyncProgress: Sendable, Equatable {
    /// Steps done so far and in all (sending the outbox, each school, saving).
    public var step: Int
    public var steps: Int
    /// "Sending 2 messages", "Green Abbey School", "Saving".
    public var activity: String

    public init(step: Int, steps: Int, activity: String) {
        self.step = step
        self.steps = steps
        self.activity = activity
    }

    public var fraction: Double { steps == 0 ? 1 : Double(step) / Double(steps) }
}
