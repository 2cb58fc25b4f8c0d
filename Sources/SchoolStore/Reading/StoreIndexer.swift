/// Builds every derived index of a store ahead of time (the store also
/// builds them lazily when it first needs one): record indexes of people
/// and per-student files.
public struct StoreIndexer: Sendable {
    public let root: String

    public init(root: String) { self.root = root }

    public func buildAll() throws(StoreProblems) {
        let store = try FileStore(root: root)
        let schools = store.schoolIDs()
        let failures = Parallel.map(schools.count) { i -> [StoreProblem] in
            do throws(StoreProblems) {
                try store.buildIndexes(school: schools[i])
                return []
            } catch {
                return error.problems
            }
        }
        let problems = failures.flatMap { $0 }
        if !problems.isEmpty { throw StoreProblems(problems) }
    }
}
