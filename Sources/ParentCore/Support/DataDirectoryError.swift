import SchoolStore

/// Why the data directory cannot be used.
public enum DataDirectoryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No override, no usable `XDG_DATA_HOME` and no home directory.
    case noHomeDirectory
    /// Something other than a directory is at the path.
    case notADirectory(String)
    /// The directory belongs to another user, so its privacy cannot be
    /// guaranteed (or repaired).
    case notOwnedByUser(String, ownerID: UInt32)
    /// The directory is still readable or writable by others after repair.
    case notPrivate(String, permissions: UInt16)

    public var description: String {
        switch self {
        case .noHomeDirectory:
            return "cannot find a place for data: no --data-dir, no XDG_DATA_HOME and no home directory"
        case .notADirectory(let path):
            return "\(path) is not a directory"
        case .notOwnedByUser(let path, let owner):
            return "\(path) belongs to another user (uid \(owner)); choose another --data-dir"
        case .notPrivate(let path, let permissions):
            return "\(path) has permissions \(String(permissions, radix: 8)), expected 700"
        }
    }
}
