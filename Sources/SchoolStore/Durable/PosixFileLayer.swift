import Foundation

/// The real ``FileLayer``: POSIX calls (`open`, `write`, `fsync`, `rename`,
/// `link`) with explicit modes, so files are 0600 and directories 0700
/// whatever the process umask.
///
/// Directory fsyncs that a file system does not support (`EINVAL`) are
/// treated as done. ``createExclusively(_:at:onStep:)`` needs hard links, which
/// every local Linux file system has.
public struct PosixFileLayer: FileLayer {
    /// Mode of every file created.
    public static let fileMode: mode_t = 0o600
    /// Mode of every directory created.
    public static let directoryMode: mode_t = 0o700

    /// Whether files and directories take their folder's mode rather than
    /// 0600 and 0700 (``followingFolderModes()``: the store's writes).
    public let followsFolders: Bool

    /// Creates the layer: 0600 files in 0700 directories.
    public init() { followsFolders = false }

    private init(followsFolders: Bool) { self.followsFolders = followsFolders }

    public func followingFolderModes() -> any FileLayer { PosixFileLayer(followsFolders: true) }

    /// The mode a file written at `path` gets: 0600, or, following folders,
    /// the mode of the file it replaces, else its folder's read and write
    /// bits (always readable and writable by its owner).
    func fileMode(for path: String) -> mode_t {
        guard followsFolders else { return PosixFileLayer.fileMode }
        var info = stat()
        if stat(path, &info) == 0, PosixFileLayer.isRegularFile(info) { return (info.st_mode & 0o777) | 0o600 }
        return PosixFileLayer.newFileMode(in: Paths.parent(of: path))
    }

    /// The mode of a file new in `folder`, following it: its read and
    /// write bits (0755 gives 0644), always the owner's; 0600 when it
    /// cannot be read.
    public static func newFileMode(in folder: String) -> mode_t {
        var info = stat()
        guard stat(folder, &info) == 0 else { return fileMode }
        return (info.st_mode & 0o666) | 0o600
    }

    /// The mode of a directory made at `path`: 0700, or, following
    /// folders, the mode of the folder above it.
    func directoryMode(for path: String) -> mode_t {
        guard followsFolders else { return PosixFileLayer.directoryMode }
        var info = stat()
        guard stat(Paths.parent(of: path), &info) == 0 else { return PosixFileLayer.directoryMode }
        return (info.st_mode & 0o2777) | 0o700
    }

    /// Reads a regular file whole; nil when nothing is there. Anything else
    /// in its place (a directory, a FIFO, a device) is an error, never waited
    /// on: a FIFO put where the parent's data goes once hung the app and sync
    /// (opened without blocking, it is refused before any read).
    public func read(_ path: String) throws -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw FileLayerError.fromErrno("open", path)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileLayerError.fromErrno("read", path) }
        guard !PosixFileLayer.isDirectory(info) else {
            throw FileLayerError(operation: "read", path: path, code: EISDIR)
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            var error = FileLayerError(operation: "read", path: path, code: EINVAL)
            error.reason = "it is \(RawFile.kindName(info.st_mode)), not a regular file"
            throw error
        }
        // The data directory's files are small (a session is a few KB, the
        // largest model part megabytes): one grown past the store's own
        // limit is refused before it is read, never taken into memory whole
        // (an audit's 2 GB session.json took 4 GB and 17 s).
        guard Int64(info.st_size) <= RawFile.maximumFileSize else {
            var error = FileLayerError(operation: "read", path: path, code: EFBIG)
            error.reason =
                "it is \(Quote.count(Int(info.st_size))) bytes, over the \(RawFile.maximumFileSize / (1024 * 1024)) MB limit: refused"
            throw error
        }
        var bytes = [UInt8](repeating: 0, count: max(Int(info.st_size), 0) + 1)
        var count = 0
        while true {
            if count == bytes.count {
                guard Int64(count) <= RawFile.maximumFileSize else {
                    throw FileLayerError(operation: "read", path: path, code: EFBIG)
                }
                bytes.append(contentsOf: repeatElement(0, count: max(bytes.count, 4096)))
            }
            let n = bytes.withUnsafeMutableBytes { buffer in
                Foundation.read(fd, buffer.baseAddress! + count, buffer.count - count)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileLayerError.fromErrno("read", path)
            }
            if n == 0 { break }
            count += n
        }
        bytes.removeSubrange(count...)
        return bytes
    }

    public func writeAtomically(_ bytes: [UInt8], to path: String, onStep: (WriteStep) throws -> Void) throws {
        let directory = Paths.parent(of: path)
        let temporary = Paths.join(directory, TemporaryFileName.make())
        try writeTemporary(bytes, at: temporary, for: path, onStep: onStep)
        do {
            guard rename(temporary, path) == 0 else { throw FileLayerError.fromErrno("rename into place", path) }
        } catch {
            unlink(temporary)
            throw error
        }
        try onStep(.renamed)
        try syncDirectory(directory, for: path)
        try onStep(.directorySynced)
    }

    public func createExclusively(_ bytes: [UInt8], at path: String, onStep: (WriteStep) throws -> Void) throws -> Bool
    {
        let directory = Paths.parent(of: path)
        let temporary = Paths.join(directory, TemporaryFileName.make())
        try writeTemporary(bytes, at: temporary, for: path, onStep: onStep)
        if link(temporary, path) != 0 {
            let failure = FileLayerError.fromErrno("link into place", path)
            unlink(temporary)
            guard failure.code == EEXIST else { throw failure }
            try onStep(.tempRemoved)
            return false
        }
        try onStep(.linked)
        // The file is in place; a temporary name left by a failed unlink is
        // harmless (never listed) and swept later, so its failure is ignored.
        unlink(temporary)
        try onStep(.tempRemoved)
        try syncDirectory(directory, for: path)
        try onStep(.directorySynced)
        return true
    }

    public func remove(_ path: String) throws {
        if unlink(path) != 0 {
            switch errno {
            case ENOENT: return
            case EISDIR, EPERM:
                guard rmdir(path) == 0 else {
                    if errno == ENOENT { return }
                    throw FileLayerError.fromErrno("remove", path)
                }
            default: throw FileLayerError.fromErrno("remove", path)
            }
        }
        try syncDirectory(Paths.parent(of: path), for: path)
    }

    public func move(_ path: String, to destination: String) throws {
        guard rename(path, destination) == 0 else { throw FileLayerError.fromErrno("move", path) }
        try syncDirectory(Paths.parent(of: destination), for: destination)
        try syncDirectory(Paths.parent(of: path), for: path)
    }

    public func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    public func modificationInfo(_ path: String) -> FileInfo? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if os(Linux)
            let time = info.st_mtim
        #else
            let time = info.st_mtimespec
        #endif
        return FileInfo(
            size: Int64(info.st_size),
            modificationNanoseconds: Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec),
            inode: UInt64(info.st_ino),
            isDirectory: PosixFileLayer.isDirectory(info),
            permissions: UInt16(info.st_mode & 0o7777),
            ownerID: UInt32(info.st_uid),
            isSpecial: !PosixFileLayer.isDirectory(info) && !PosixFileLayer.isRegularFile(info)
        )
    }

    // MARK: - Helpers

    /// Creates `temporary` (0600 or its folder's mode, exclusive, not
    /// following links), writes
    /// `bytes` in two halves, fsyncs and closes it, reporting each step. On a
    /// genuine failure the temporary file is removed; on a ``SimulatedCrash``
    /// from `onStep` it is left exactly as it is.
    private func writeTemporary(
        _ bytes: [UInt8], at temporary: String, for path: String,
        onStep: (WriteStep) throws -> Void
    ) throws {
        let mode = fileMode(for: path)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, PosixFileLayer.fileMode)
        guard fd >= 0 else { throw FileLayerError.fromErrno("create a temporary file for", path) }
        var isOpen = true
        defer { if isOpen { close(fd) } }
        do {
            guard fchmod(fd, mode) == 0 else {
                throw FileLayerError.fromErrno("set the mode of", path)
            }
            try onStep(.tempCreated)
            let half = bytes.count / 2
            try writeAll(fd, bytes[..<half], for: path)
            try onStep(.tempPartlyWritten)
            try writeAll(fd, bytes[half...], for: path)
            try onStep(.tempWritten)
            guard fsync(fd) == 0 else { throw FileLayerError.fromErrno("flush", path) }
            isOpen = false
            guard close(fd) == 0 else { throw FileLayerError.fromErrno("close", path) }
            try onStep(.tempSynced)
        } catch let crash as SimulatedCrash {
            throw crash
        } catch {
            unlink(temporary)
            throw error
        }
    }

    private func writeAll(_ fd: Int32, _ bytes: ArraySlice<UInt8>, for path: String) throws {
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw FileLayerError.fromErrno("write", path)
                }
                offset += n
            }
        }
    }

    /// Makes a directory's entries (a rename, a link, an unlink) durable.
    func syncDirectory(_ directory: String, for path: String) throws {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw FileLayerError.fromErrno("open the directory of", path) }
        defer { close(fd) }
        if fsync(fd) != 0, errno != EINVAL {
            throw FileLayerError.fromErrno("flush the directory of", path)
        }
    }

    static func isDirectory(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFDIR }
    static func isRegularFile(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFREG }
}
