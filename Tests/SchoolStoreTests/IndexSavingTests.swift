import Foundation
import Testing

@testable import SchoolStore

/// Saving a derived file (an index, the validation marker) in a store never
/// makes the store itself: an auditor moved a store away while a sync was
/// saving an index, and the sync made an empty store at the old path; the
/// store moved back landed inside it and was never seen again.
@Suite struct IndexSavingTests {
    let directory = NSTemporaryDirectory() + "xpressions-index-save-\(UUID().uuidString)"

    @Test func aStoreMovedAwayIsNeverMadeAgain() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let root = "\(directory)/store"
        FileStore.saveQuietly([1, 2, 3], to: "\(root)/.index/schools/a/contacts.json.id.idx", under: root)
        #expect(!FileManager.default.fileExists(atPath: root))
    }

    @Test func directoriesBelowTheStoreAreMadePrivateAndTheFileWhole() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let root = "\(directory)/store"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let path = "\(root)/.index/schools/a/contacts.json.id.idx"
        FileStore.saveQuietly([1, 2, 3], to: path, under: root)
        #expect(FileManager.default.contents(atPath: path) == Data([1, 2, 3]))
        var st = stat()
        #expect(stat(path, &st) == 0 && st.st_mode & 0o777 == 0o600)
        #expect(stat("\(root)/.index/schools", &st) == 0 && st.st_mode & 0o777 == 0o700)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: "\(root)/.index/schools/a") == ["contacts.json.id.idx"])
        // Outside the store: nothing.
        FileStore.saveQuietly([1], to: "\(directory)/elsewhere/x", under: root)
        #expect(!FileManager.default.fileExists(atPath: "\(directory)/elsewhere"))
    }
}
