import Foundation
import Glibc

/// Writes a new store's files: creates directories as needed and refuses
/// to write into a directory that already has something in it.
struct StoreDirectoryWriter: Sendable {
    let root: String

    init(root: String) throws(StoreGenerator.Failure) {
        var r = root
        while r.count > 1 && r.hasSuffix("/") { r.removeLast() }
        self.root = r
        if let existing = RawFile.list(r), !existing.isEmpty {
            throw StoreGenerator.Failure("\(root): directory is not empty (generate into a new directory)")
        }
        if RawFile.exists(r) && !RawFile.isDirectory(r) {
            throw StoreGenerator.Failure("\(root): exists and is not a directory")
        }
        do {
            try FileManager.default.createDirectory(atPath: r, withIntermediateDirectories: true)
        } catch {
            throw StoreGenerator.Failure("\(root): cannot create directory: \(error.localizedDescription)")
        }
    }

    func write(_ relative: String, _ bytes: [UInt8]) throws(StoreGenerator.Failure) {
        let path = "\(root)/\(relative)"
        if let slash = path.lastIndex(of: "/") {
            let dir = String(path[..<slash])
            if !RawFile.isDirectory(dir) {
                do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                    throw StoreGenerator.Failure("\(dir): cannot create directory: \(error.localizedDescription)")
                }
            }
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StoreGenerator.Failure("\(path): cannot create: \(RawFile.errnoText())") }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                throw StoreGenerator.Failure("\(path): write failed: \(RawFile.errnoText())")
            }
            written += n
        }
    }

    /// Runs a generator with a sink that writes each file; the first write
    /// error stops the writing and is thrown.
    func writeAll(_ body: ((String, [UInt8]) -> Void) -> Void) throws(StoreGenerator.Failure) {
        var failure: StoreGenerator.Failure? = nil
        body { relative, bytes in
            guard failure == nil else { return }
            do throws(StoreGenerator.Failure) { try write(relative, bytes) } catch { failure = error }
        }
        if let failure { throw failure }
    }
}
