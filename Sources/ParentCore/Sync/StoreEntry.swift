/// What is at a path in the store: a regular file, a directory, something
/// else (a device, a FIFO, a socket), nothing, or something that cannot be
/// told because a folder on the way is not a folder that can be read.
enum StoreEntry: Sendable, Equatable {
    case missing
    case file
    case directory
    /// A FIFO, a socket, a device: what it is, in words ("a FIFO (named
    /// pipe)"), as validate says it (a sync said only "not a regular file").
    case other(kind: String)
    /// The folder at `path` (the path itself, or one above it) cannot be
    /// searched: a regular file in its place, or no permission. What is
    /// under it is hidden, not gone: a sync must not take it for removed.
    case blocked(path: String, reason: String)

    /// "is a directory", "is not a regular file", for a problem line.
    var unreadableReason: String {
        switch self {
        case .directory: return "unreadable: is a directory, not a file"
        case .other(let kind): return "unreadable: is \(kind), not a regular file"
        case .blocked(_, let reason): return reason
        case .file, .missing: return "unreadable"
        }
    }

    /// The path a problem line names: the blocking folder, or `file`.
    func problemPath(_ file: String) -> String {
        if case .blocked(let path, _) = self { return path }
        return file
    }
}
