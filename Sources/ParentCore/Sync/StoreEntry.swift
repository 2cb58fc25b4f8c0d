/// What is at a path in the store: a regular file, a directory, something
/// else (a device, a FIFO, a socket), or nothing.
enum StoreEntry: Sendable, Equatable {
    case missing
    case file
    case directory
    case other

    /// "is a directory", "is not a regular file", for a problem line.
    var unreadableReason: String {
        switch self {
        case .directory: return "unreadable: is a directory, not a file"
        case .other: return "unreadable: not a regular file"
        case .file, .missing: return "unreadable"
        }
    }
}
