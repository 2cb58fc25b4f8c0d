import Foundation

@testable import SchoolStore

/// A file layer whose writes fail (with an injected EIO) for paths holding
/// a given piece of text: a registrations directory that cannot be written,
/// an outbox on a broken disk.
struct PathFailingLayer: FileLayer {
    let base: any FileLayer = PosixFileLayer()
    let failing: String
    /// Reads of those paths fail too (a file without permission).
    var failsReads = false
    /// Only reads fail, with EACCES: a file left by `sudo xpressions`
    /// (root-owned, 0600) in the parent's own directory, which they may
    /// still rename or remove. Tests run as root, so a real mode cannot do it.
    var onlyReadsForbidden = false

    func check(_ operation: String, _ path: String) throws {
        if path.contains(failing), !onlyReadsForbidden {
            throw FileLayerError(operation: operation, path: path, code: EIO, isInjected: true)
        }
    }

    func read(_ path: String) throws -> [UInt8]? {
        if onlyReadsForbidden, path.contains(failing) {
            throw FileLayerError(operation: "read", path: path, code: EACCES, isInjected: true)
        }
        if failsReads { try check("read", path) }
        return try base.read(path)
    }
    func writeAtomically(_ bytes: [UInt8], to path: String, onStep: (WriteStep) throws -> Void) throws {
        try check("write", path)
        try base.writeAtomically(bytes, to: path, onStep: onStep)
    }
    func createExclusively(_ bytes: [UInt8], at path: String, onStep: (WriteStep) throws -> Void) throws -> Bool {
        try check("create", path)
        return try base.createExclusively(bytes, at: path, onStep: onStep)
    }
    func remove(_ path: String) throws {
        try check("remove", path)
        try base.remove(path)
    }
    func move(_ path: String, to destination: String) throws {
        try check("move", path)
        try base.move(path, to: destination)
    }
    func removeTree(_ path: String) throws {
        try check("remove", path)
        try base.removeTree(path)
    }
    func list(_ directory: String) throws -> [String] { try base.list(directory) }
    func exists(_ path: String) -> Bool { base.exists(path) }
    func makeDirectory(_ path: String) throws {
        try check("create the directory", path)
        try base.makeDirectory(path)
    }
    func modificationInfo(_ path: String) -> FileInfo? { base.modificationInfo(path) }
    func sweepTemporaryFiles(in directory: String) throws -> [String] { try base.sweepTemporaryFiles(in: directory) }
    func tightenPermissions(under root: String) throws -> [String] { try base.tightenPermissions(under: root) }
}
