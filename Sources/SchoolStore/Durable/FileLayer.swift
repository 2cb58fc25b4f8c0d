/// Everything the parent side reads from or writes to disk goes through a
/// `FileLayer`, so that tests can inject failures and crashes at any write
/// (``FaultyFileLayer``) and the real implementation (``PosixFileLayer``) can
/// be exact about durability and permissions.
///
/// Contract for implementations:
/// - Writes are all-or-nothing: after a crash at any point, a file holds its
///   old bytes or its new bytes, never a mixture, and is durable once the
///   call returns.
/// - Files are created mode 0600 and directories 0700, whatever the umask.
/// - Temporary files carry ``TemporaryFileName/prefix``; ``list(_:)`` never
///   returns them, and ``sweepTemporaryFiles(in:)`` removes those a crash
///   left behind.
/// - Failures are thrown as ``FileLayerError`` (naming the path and the system's
///   reason), never crashes. A ``FaultyFileLayer`` can also throw
///   ``SimulatedCrash``.
///
/// Paths are plain strings, absolute or relative to the working directory.
public protocol FileLayer: Sendable {
    /// The whole contents of the file at `path`, or nil when there is none.
    func read(_ path: String) throws -> [UInt8]?

    /// Replaces the file at `path` with `bytes` atomically and durably: write
    /// a temporary file in the same directory, fsync it, rename it over
    /// `path`, fsync the directory. `onStep` is called after each step
    /// (see ``WriteStep``); an error it throws abandons the write (a
    /// ``SimulatedCrash`` leaves everything as a crash would, any other error
    /// is handled like an I/O failure at that point).
    func writeAtomically(_ bytes: [UInt8], to path: String, onStep: (WriteStep) throws -> Void) throws

    /// Creates the file at `path` holding `bytes`, atomically and durably,
    /// but never replaces an existing one: write and fsync a temporary file,
    /// `link()` it to `path`, unlink the temporary name, fsync the directory.
    /// Returns false, changing nothing, if `path` already exists; so a retried
    /// delivery (an outbox message, say) is idempotent. `onStep` as in
    /// ``writeAtomically(_:to:onStep:)``.
    func createExclusively(_ bytes: [UInt8], at path: String, onStep: (WriteStep) throws -> Void) throws -> Bool

    /// Removes the file (or empty directory) at `path` and fsyncs its
    /// directory. A missing file is not an error.
    func remove(_ path: String) throws

    /// Moves the file or directory at `path` to `destination` (a name that
    /// does not exist yet, on the same file system) with one `rename()`, and
    /// fsyncs both directories: it is at one name or the other, never
    /// neither, and its bytes are never read (a file nobody here may read
    /// keeps them all).
    func move(_ path: String, to destination: String) throws

    /// Removes `path` and, if it is a directory, everything under it, without
    /// following symbolic links. A missing path is not an error.
    func removeTree(_ path: String) throws

    /// The names in `directory`, sorted by their UTF-8 bytes, without `.`,
    /// `..` and temporary files. A missing directory lists as empty.
    func list(_ directory: String) throws -> [String]

    /// True when something (of any kind) exists at `path`.
    func exists(_ path: String) -> Bool

    /// Creates `path` and any missing parents as directories of mode 0700
    /// (following the folder above, for ``followingFolderModes()``).
    /// An existing directory at `path` owned by this user is tightened to 0700;
    /// existing parents are left alone.
    func makeDirectory(_ path: String) throws

    /// Size, modification time and inode of `path` (following symbolic
    /// links), for cheap change detection; nil when there is nothing there.
    func modificationInfo(_ path: String) -> FileInfo?

    /// Removes the temporary files a crash left in `directory` (not below it)
    /// and returns their names, sorted. A missing directory is not an error.
    func sweepTemporaryFiles(in directory: String) throws -> [String]

    /// Walks `root` without following symbolic links and sets every directory
    /// owned by this user to 0700 and every regular file it owns to 0600.
    /// Returns the paths it changed, in walk order.
    func tightenPermissions(under root: String) throws -> [String]

    /// The same layer writing the way a shared folder expects: a file
    /// replaced keeps its mode, a new file or directory takes its folder's
    /// (0755 gives 0644 files and 0755 folders), and existing directories
    /// are left alone. The store is the school's servers, which other
    /// accounts may read: a write there never narrows them out (a school
    /// send once left a shared store's year folder 0700).
    func followingFolderModes() -> any FileLayer
}

extension FileLayer {
    /// The layer itself: for layers that write nothing another account
    /// reads (test doubles over a private folder).
    public func followingFolderModes() -> any FileLayer { self }

    /// ``writeAtomically(_:to:onStep:)`` without observing the steps.
    public func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        try writeAtomically(bytes, to: path, onStep: { _ in })
    }

    /// ``createExclusively(_:at:onStep:)`` without observing the steps.
    public func createExclusively(_ bytes: [UInt8], at path: String) throws -> Bool {
        try createExclusively(bytes, at: path, onStep: { _ in })
    }
}
