import Foundation
import SchoolStore

/// A fresh private directory for one test, made by `mkdtemp` under the
/// system temporary directory and removed by ``withTestDirectory(_:)``.
public struct TestDirectory: Sendable {
    public let path: String

    public init() throws {
        var template = Array((Paths.join(NSTemporaryDirectory(), "xpressions-test-XXXXXX")).utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard let made else { throw TestDirectoryError(reason: String(cString: strerror(errno))) }
        path = String(cString: made)
    }

    /// `name` inside the directory.
    public func file(_ name: String) -> String { Paths.join(path, name) }

    /// Every entry below the directory (not the directory itself): its path,
    /// permission bits, and whether it is a directory. Symbolic links are not
    /// followed.
    public func walk() -> [(path: String, mode: mode_t, isDirectory: Bool)] {
        var found: [(path: String, mode: mode_t, isDirectory: Bool)] = []
        func visit(_ directory: String) {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for name in names.sorted() {
                let child = Paths.join(directory, name)
                var info = stat()
                guard lstat(child, &info) == 0 else { continue }
                let isDirectory = info.st_mode & S_IFMT == S_IFDIR
                found.append((child, info.st_mode & 0o7777, isDirectory))
                if isDirectory { visit(child) }
            }
        }
        visit(path)
        return found
    }
}

/// Runs `body` with a fresh directory, then removes the directory.
public func withTestDirectory<T>(_ body: (TestDirectory) throws -> T) throws -> T {
    let directory = try TestDirectory()
    defer { try? PosixFileLayer().removeTree(directory.path) }
    return try body(directory)
}

/// Permission bits of `path` (following links), or nil.
public func permissions(_ path: String) -> mode_t? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return info.st_mode & 0o7777
}

/// Creates `path` with `bytes` and `mode` bypassing the file layer (to set up
/// files the app did not write).
public func plantFile(_ path: String, _ bytes: [UInt8] = Array("planted".utf8), mode: mode_t = 0o644) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode)
    guard fd >= 0 else { return }
    _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    fchmod(fd, mode)
    close(fd)
}

extension Array where Element == UInt8 {
    /// The UTF-8 bytes of `text`.
    public init(utf8 text: String) { self = Array(text.utf8) }
}

/// Making a test directory failed.
public struct TestDirectoryError: Error, CustomStringConvertible {
    public let reason: String
    public var description: String { "could not make a test directory: \(reason)" }
}
