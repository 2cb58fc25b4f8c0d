import SchoolStore

/// Why the school data store cannot be used at all right now. Login, sync
/// and (un)registration need the store; everything else the parent does
/// works on the local model and the outbox without it.
public struct StoreUnavailable: Error, Sendable, Equatable, CustomStringConvertible {
    /// `.unreachable`: the directory is missing, not a directory, or its
    /// `store.json` cannot be read. `.invalid`: the directory is there but
    /// is not a valid store (`store.json` missing or invalid).
    public var kind: StoreTrouble.Kind
    /// The store's root directory.
    public var root: String
    /// What is wrong, each naming the file.
    public var problems: [StoreProblem]

    public init(kind: StoreTrouble.Kind, root: String, problems: [StoreProblem]) {
        self.kind = kind
        self.root = root
        self.problems = problems
    }

    /// The store file concerned (relative to the store), when there is one.
    public var file: String? { problems.first?.file }

    /// "the school data store at /srv/store cannot be reached (store.json: missing)".
    public var description: String {
        let what = problems.map(\.description).joined(separator: "; ")
        switch kind {
        case .unreachable: return "the school data store at \(root) cannot be reached (\(what))"
        case .invalid: return "the school data store at \(root) is not valid (\(what))"
        }
    }

    /// Classifies what opening a store (`FileStore(root:)`) threw.
    static func from(_ error: StoreProblems, root: String) -> StoreUnavailable {
        let unreachable = error.problems.contains { $0.file == root || $0.message.hasPrefix("unreadable") }
        return StoreUnavailable(kind: unreachable ? .unreachable : .invalid, root: root, problems: error.problems)
    }

    /// The store's directory is not there (or is not a directory).
    static func missing(root: String) -> StoreUnavailable {
        // Something else in its place (a file given as --store) is said as
        // such: "not there" sent support looking for a folder that was.
        let what =
            RawFile.exists(root) && !RawFile.isDirectory(root)
            ? "the store path is not a directory" : "the store directory is not there"
        return StoreUnavailable(
            kind: .unreachable, root: root,
            problems: [StoreProblem(file: StoreLayout.storeFile, message: "missing: \(what)")])
    }
}
