import Foundation
import SchoolStore

/// An as-of view (`--now`) never changes the session: the app and `sync`
/// work in a sandbox, `<data>/.as-of-view.<pid>`, made when they start and
/// removed when they stop. It holds a copy of the data directory (the
/// session, the model, the outbox: what the device had) and a store overlay
/// on the store (see ``StoreOverlay``), so whatever the view writes (a
/// sync's model, read state, read receipts, messages to school,
/// registrations) lands in the sandbox and is thrown away. Nothing in the
/// data directory or in the store changes, so a support engineer can move
/// back and forth in time freely. Login attempts are the exception: they
/// are still counted in the real store (``CoreSettings/loginAttemptsStore``),
/// so an as-of view is no way round the login attempt limit.
///
/// A sandbox left by a process that died (`kill -9`) is removed by the next
/// as-of view or app start on that data directory.
public struct AsOfSandbox: Sendable {
    public static let prefix = ".as-of-view."

    /// The sandbox's own directory, its copy of the data directory, and its store.
    public let root: String
    public let dataDirectory: String
    public let storeRoot: String

    /// Makes the sandbox for the data directory and store the app would use.
    /// `asOf` (the app's view): the device's model is not copied, so the
    /// view's first sync builds it from what the school data held then, and
    /// messages written after that moment are left out; a view showed the
    /// device's newer data under the past date (all of it while a school's
    /// files could not be read). Without it (`sync --now`): what a sync then
    /// would find, against what the device has.
    public static func make(dataDirectory: String, storeRoot: String, files: any FileLayer, asOf: Date? = nil) throws
        -> AsOfSandbox
    {
        removeAbandoned(in: dataDirectory, files: files)
        try files.makeDirectory(dataDirectory)
        let root = Paths.join(dataDirectory, "\(prefix)\(getpid())")
        try files.removeTree(root)
        try files.makeDirectory(root)
        let sandbox = AsOfSandbox(
            root: root, dataDirectory: Paths.join(root, "data"), storeRoot: Paths.join(root, "store"))
        do {
            try files.makeDirectory(sandbox.dataDirectory)
            // What the device had, copied while no sync is committing (the
            // data directory's lock). Left out: the store when it lives in
            // the data directory (the demo's overlay), files set aside as
            // damaged, and other sandboxes.
            let store = RawFile.realPath(storeRoot)
            try DirectoryLock.withLockIfPresent(dataDirectory) {
                try copyTree(from: dataDirectory, to: sandbox.dataDirectory) { path, name in
                    name.hasPrefix(prefix) || name == DirectoryLock.fileName || name == DamagedFiles.directoryName
                        || (store != nil && RawFile.realPath(path) == store)
                        || (asOf != nil && path == Paths.join(dataDirectory, "model"))
                }
            }
            if let asOf {
                let outbox = Outbox(dataDirectory: sandbox.dataDirectory, files: files)
                for item in (try? outbox.load().items) ?? [] where item.createdAt > asOf {
                    try? files.remove(outbox.path(item.key))
                }
            }
            // The store: an overlay on it. A store that is itself an overlay
            // (the demo's) is laid over the store below it, with what its
            // overlay holds copied in.
            let marker = StoreOverlay.marker(of: storeRoot)
            let lower = marker?.lower ?? RawFile.realPath(storeRoot) ?? storeRoot
            try StoreOverlay.create(at: sandbox.storeRoot, over: lower, stamp: "as-of view", files: files)
            if marker != nil {
                try copyTree(from: storeRoot, to: sandbox.storeRoot) { _, name in name == StoreOverlay.markerName }
            }
        } catch {
            sandbox.remove(files: files)
            throw error
        }
        return sandbox
    }

    /// Removes the sandbox (the view has ended).
    public func remove(files: any FileLayer) { try? files.removeTree(root) }

    /// Removes the sandboxes of processes that are gone.
    public static func removeAbandoned(in dataDirectory: String, files: any FileLayer) {
        for name in RawFile.list(dataDirectory) ?? [] where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { try? files.removeTree(Paths.join(dataDirectory, name)) }
        }
    }

    /// Copies a directory's regular files (0600) and directories (0700),
    /// skipping links, special files and what `skip` names. Existing files
    /// in `destination` are replaced.
    static func copyTree(from source: String, to destination: String, skip: (String, String) -> Bool) throws {
        for name in RawFile.list(source) ?? [] {
            let path = Paths.join(source, name)
            let target = Paths.join(destination, name)
            guard !skip(path, name) else { continue }
            var st = stat()
            guard lstat(path, &st) == 0 else { continue }
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                if mkdir(target, 0o700) != 0 && errno != EEXIST { throw SandboxError(path: target, code: errno) }
                try copyTree(from: path, to: target, skip: skip)
            case S_IFREG:
                let bytes: [UInt8]
                do { bytes = try RawFile.read(path) } catch { continue }  // unreadable: the view goes without it
                unlink(target)
                guard RawFile.createPrivate(target, bytes) else { throw SandboxError(path: target, code: errno) }
            default:
                continue
            }
        }
    }

    struct SandboxError: Error, CustomStringConvertible {
        var path: String
        var code: Int32
        var description: String { "cannot copy to \(path): \(RawFile.errnoText(code))" }
    }
}
