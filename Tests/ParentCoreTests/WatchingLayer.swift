import Foundation

@testable import SchoolStore

/// A file layer that does what the real one does and remembers every
/// operation that is not a read (to show a reader changed nothing), with a
/// hook run before each read (to let another writer in at that moment).
final class WatchingLayer: FileLayer, Sendable {
    let base: any FileLayer = PosixFileLayer()
    private let changes = Locked<[String]>([])
    private let beforeRead: Locked<(@Sendable (String) -> Void)?>

    init(beforeRead: (@Sendable (String) -> Void)? = nil) { self.beforeRead = Locked(beforeRead) }

    /// The operations other than reads, as "operation path".
    var writes: [String] { changes.withLock { $0 } }

    /// Stops calling the hook (it ran its course).
    func dropHook() { beforeRead.withLock { $0 = nil } }

    private func note(_ operation: String, _ path: String) {
        changes.withLock { $0.append("\(operation) \(path)") }
    }

    func read(_ path: String) throws -> [UInt8]? {
        let hook = beforeRead.withLock { $0 }
        hook?(path)
        return try base.read(path)
    }
    func writeAtomically(_ bytes: [UInt8], to path: String, onStep: (WriteStep) throws -> Void) throws {
        note("write", path)
        try base.writeAtomically(bytes, to: path, onStep: onStep)
    }
    func createExclusively(_ bytes: [UInt8], at path: String, onStep: (WriteStep) throws -> Void) throws -> Bool {
        note("create", path)
        return try base.createExclusively(bytes, at: path, onStep: onStep)
    }
    func remove(_ path: String) throws {
        note("remove", path)
        try base.remove(path)
    }
    func move(_ path: String, to destination: String) throws {
        note("move", path)
        try base.move(path, to: destination)
    }
    func removeTree(_ path: String) throws {
        note("remove tree", path)
        try base.removeTree(path)
    }
    func list(_ directory: String) throws -> [String] { try base.list(directory) }
    func exists(_ path: String) -> Bool { base.exists(path) }
    func makeDirectory(_ path: String) throws {
        note("make directory", path)
        try base.makeDirectory(path)
    }
    func modificationInfo(_ path: String) -> FileInfo? { base.modificationInfo(path) }
    func sweepTemporaryFiles(in directory: String) throws -> [String] {
        note("sweep", directory)
        return try base.sweepTemporaryFiles(in: directory)
    }
    func tightenPermissions(under root: String) throws -> [String] {
        note("tighten", root)
        return try base.tightenPermissions(under: root)
    }
}
