import Glibc

/// What `stat` says about a file, enough to notice that it changed without
/// reading it: size, inode, and modification and change times in nanoseconds.
public struct FileStamp: Sendable, Hashable, CustomStringConvertible {
    public var size: Int64
    public var inode: UInt64
    public var modifiedNanoseconds: Int64
    public var changedNanoseconds: Int64

    public init(size: Int64, inode: UInt64, modifiedNanoseconds: Int64, changedNanoseconds: Int64) {
        self.size = size
        self.inode = inode
        self.modifiedNanoseconds = modifiedNanoseconds
        self.changedNanoseconds = changedNanoseconds
    }

    /// nil when the path does not exist (or is not a regular file).
    public static func of(_ path: String) -> FileStamp? {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return FileStamp(st)
    }

    /// The stamp of a directory (a name added or taken away changes it);
    /// nil when `path` is not one.
    public static func ofDirectory(_ path: String) -> FileStamp? {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else { return nil }
        return FileStamp(st)
    }

    /// The stamp of what `stat` or `fstat` reported.
    init(_ st: stat) {
        let m = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
        let c = Int64(st.st_ctim.tv_sec) * 1_000_000_000 + Int64(st.st_ctim.tv_nsec)
        self.init(size: Int64(st.st_size), inode: UInt64(st.st_ino), modifiedNanoseconds: m, changedNanoseconds: c)
    }

    /// A short token for change detection: equal tokens, same file contents
    /// (as far as the file system can tell).
    public var description: String { "\(size)-\(inode)-\(modifiedNanoseconds)-\(changedNanoseconds)" }
}
