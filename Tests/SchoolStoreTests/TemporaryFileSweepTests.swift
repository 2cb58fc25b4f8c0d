import Foundation
import TestSupport
import Testing

@testable import SchoolStore

/// Temporary files left by a killed writer in the store's write-back
/// directories are removed (once they are old enough not to be a writer's
/// work in progress) and counted.
@Suite struct TemporaryFileSweepTests {
    func plant(_ path: String, ageSeconds: Double) throws {
        try FileManager.default.createDirectory(atPath: Paths.parent(of: path), withIntermediateDirectories: true)
        try Data("{\"half".utf8).write(to: URL(fileURLWithPath: path))
        let then = Date().addingTimeInterval(-ageSeconds)
        try FileManager.default.setAttributes([.modificationDate: then], ofItemAtPath: path)
    }

    @Test func oldTemporaryFilesAreRemovedAndCounted() throws {
        let store = try TinyStore()
        defer { store.remove() }
        let school = "\(store.root)/schools/green-abbey"
        try plant("\(school)/inbox/.tmp-0123456789abcdef", ageSeconds: 3600)
        try plant("\(school)/receipts/.tmp-fedcba9876543210", ageSeconds: 3600)
        try plant("\(school)/registrations/.tmp-00000000000000aa", ageSeconds: 3600)
        try plant("\(school)/inbox/.tmp-00000000000000bb", ageSeconds: 0)  // a writer may be at work
        try plant("\(school)/inbox/.hidden-but-not-temporary", ageSeconds: 3600)
        let writer = StoreWriter(root: store.root, files: PosixFileLayer())
        #expect(writer.sweepTemporaryFiles() == 3)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: "\(school)/inbox").sorted() == [
                ".hidden-but-not-temporary", ".tmp-00000000000000bb",
            ])
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(school)/receipts").isEmpty)
        #expect(writer.sweepTemporaryFiles() == 0)
        #expect(writer.sweepTemporaryFiles(minimumAge: 0) == 1)
        #expect(store.problems() == [])
    }

    /// A directory with a temporary file's name (no writer makes one) is
    /// left alone, and the files beside it still go: it stopped the data
    /// directory's sweep, and every outbox temporary file stayed, unsaid.
    @Test func aDirectoryNamedLikeATemporaryFileDoesNotStopTheSweep() throws {
        try withTestDirectory { dir in
            let outbox = dir.file("outbox")
            try FileManager.default.createDirectory(
                atPath: "\(outbox)/.tmp-dirx", withIntermediateDirectories: true)
            try plant("\(outbox)/.tmp-0123456789abcdef", ageSeconds: 3600)
            try plant("\(outbox)/.tmp-fedcba9876543210", ageSeconds: 3600)
            #expect(try PosixFileLayer().sweepTemporaryFiles(in: outbox).count == 2)
            #expect(try FileManager.default.contentsOfDirectory(atPath: outbox) == [".tmp-dirx"])
        }
    }

    @Test func aStoreWithoutWriteBacksSweepsNothing() throws {
        let store = try TinyStore()
        defer { store.remove() }
        #expect(StoreWriter(root: store.root, files: PosixFileLayer()).sweepTemporaryFiles() == 0)
        #expect(
            StoreWriter(root: "/nonexistent-\(UUID().uuidString)", files: PosixFileLayer()).sweepTemporaryFiles() == 0)
    }
}
