/// What a `stat` says about a file written through a `FileLayer`: for change detection (if any field
/// differs, the file has changed; an atomic write always makes a new inode),
/// and for checking ownership and permissions.
public struct FileInfo: Sendable, Hashable {
    /// Size in bytes.
    public var size: Int64
    /// Last modification time in nanoseconds since 1970-01-01 UTC.
    public var modificationNanoseconds: Int64
    /// The inode number.
    public var inode: UInt64
    /// True for a directory.
    public var isDirectory: Bool
    /// True for anything neither a regular file nor a directory: a FIFO, a
    /// socket, a device (what a symbolic link points to, as `stat` sees it).
    /// Such a file is never read; where the parent's data belongs it counts
    /// as damaged.
    public var isSpecial: Bool
    /// The permission bits (`st_mode & 0o7777`), e.g. 0o600.
    public var permissions: UInt16
    /// The owner's user id.
    public var ownerID: UInt32

    /// Creates a stamp.
    public init(
        size: Int64, modificationNanoseconds: Int64, inode: UInt64, isDirectory: Bool,
        permissions: UInt16, ownerID: UInt32, isSpecial: Bool = false
    ) {
        self.isSpecial = isSpecial
        self.size = size
        self.modificationNanoseconds = modificationNanoseconds
        self.inode = inode
        self.isDirectory = isDirectory
        self.permissions = permissions
        self.ownerID = ownerID
    }
}
