import Foundation
import ParentCore
import SchoolStore

/// The app writes into its store (registrations, messages to school, read
/// receipts), so the built-in demo store is used from a copy in the data
/// directory, made on first use and renewed when the built-in one changes.
/// The checkout's `Assets/demo-store` is never written.
enum DemoStoreSeeder {
    static func copy(of builtIn: String, dataDirectory: String, files: any FileLayer) throws -> String {
        let target = "\(dataDirectory)/demo-store"
        let fingerprint = try self.fingerprint(builtIn)
        let marker = "\(target)/.seeded-from"
        if let existing = try files.read(marker), existing == Array(fingerprint.utf8) { return target }
        try files.makeDirectory(dataDirectory)
        try files.removeTree(target)
        try FileManager.default.copyItem(atPath: builtIn, toPath: target)
        try files.removeTree("\(target)/.index")
        _ = try files.tightenPermissions(under: target)
        try files.writeAtomically(Array(fingerprint.utf8), to: marker)
        return target
    }

    /// Paths and sizes of the built-in store's files: changes when it does.
    static func fingerprint(_ root: String) throws -> String {
        var lines: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let path = enumerator?.nextObject() as? String {
            if path.hasPrefix(".") { enumerator?.skipDescendants(); continue }
            if let stamp = FileStamp.of("\(root)/\(path)") { lines.append("\(path) \(stamp.size)") }
        }
        return StableHash.hex(StableHash.fnv1a64(lines.sorted().joined(separator: "\n")))
    }
}
