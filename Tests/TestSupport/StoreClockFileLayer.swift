import Foundation
import SchoolStore

#if canImport(Glibc)
    import Glibc
#endif

/// A file layer whose created files carry `now()` as their modification
/// time: the store's own clock (the file system's) under a test's control.
/// The login attempt limit counts on the store's file times when a device's
/// clock is away from them, so a test that moves the security clock moves
/// the store's with it, as time passing would.
public struct StoreClockFileLayer: FileLayer {
    let base: any FileLayer
    let now: @Sendable () -> Date

    public init(_ base: any FileLayer = PosixFileLayer(), now: @escaping @Sendable () -> Date) {
        self.base = base
        self.now = now
    }

    public func read(_ path: String) throws -> [UInt8]? { try base.read(path) }

    public func writeAtomically(_ bytes: [UInt8], to path: String, onStep: (WriteStep) throws -> Void) throws {
        try base.writeAtomically(bytes, to: path, onStep: onStep)
    }

    public func createExclusively(_ bytes: [UInt8], at path: String, onStep: (WriteStep) throws -> Void) throws -> Bool
    {
        let made = try base.createExclusively(bytes, at: path, onStep: onStep)
        if made {
            let t = now().timeIntervalSince1970
            let seconds = Int(t.rounded(.down))
            let spec = timespec(tv_sec: seconds, tv_nsec: Int((t - Double(seconds)) * 1e9))
            var times = [spec, spec]
            _ = utimensat(AT_FDCWD, path, &times, 0)
        }
        return made
    }

    public func remove(_ path: String) throws { try base.remove(path) }
    public func move(_ path: String, to destination: String) throws { try base.move(path, to: destination) }
    public func removeTree(_ path: String) throws { try base.removeTree(path) }
    public func list(_ directory: String) throws -> [String] { try base.list(directory) }
    public func exists(_ path: String) -> Bool { base.exists(path) }
    public func makeDirectory(_ path: String) throws { try base.makeDirectory(path) }
    public func modificationInfo(_ path: String) -> FileInfo? { base.modificationInfo(path) }
    public func sweepTemporaryFiles(in directory: String) throws -> [String] {
        try base.sweepTemporaryFiles(in: directory)
    }
    public func tightenPermissions(under root: String) throws -> [String] { try base.tightenPermissions(under: root) }
}
