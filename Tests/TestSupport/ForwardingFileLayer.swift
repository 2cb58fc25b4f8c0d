import SchoolStore

/// A file layer that hands every call to `base` unless it declares that
/// call itself: a test's layer that changes one thing (a slow read, a
/// stamp it cannot create) says only that.
public protocol ForwardingFileLayer: FileLayer {
    var base: any FileLayer { get }
}

extension ForwardingFileLayer {
    public func read(_ path: String) throws -> [UInt8]? { try base.read(path) }
    public func writeAtomically(_ bytes: [UInt8], to path: String, onStep: (WriteStep) throws -> Void) throws {
        try base.writeAtomically(bytes, to: path, onStep: onStep)
    }
    public func createExclusively(_ bytes: [UInt8], at path: String, onStep: (WriteStep) throws -> Void) throws -> Bool
    {
        try base.createExclusively(bytes, at: path, onStep: onStep)
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
