/// Builds every derived index of a store ahead of time (the store also
/// builds them lazily when it first needs one): record indexes of people
/// and per-student files, and the login indexes; schools in parallel.
public struct StoreIndexer: Sendable {
    public let root: String

    public init(root: String) { self.root = root }

    /// `progress` shows "indexing green-abbey 3/4" and is cleared at the end.
    public func buildAll(progress: ProgressReporter? = nil) throws(StoreProblems) {
        let store = try FileStore(root: root)
        try store.buildIndexes(progress: progress)
    }
}
