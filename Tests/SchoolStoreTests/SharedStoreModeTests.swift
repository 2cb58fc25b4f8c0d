import Foundation
import Testing

@testable import SchoolStore

/// The store is the school's servers, which other accounts may read: what
/// the school side and the parents' apps write there keeps the folder's
/// sharing (a school send once left a shared store's year folder 0700 and
/// its file 0600, and another account's validate and login failed on it).
@Suite struct SharedStoreModeTests {
    func mode(_ path: String) -> mode_t {
        var info = stat()
        #expect(stat(path, &info) == 0, "\(path)")
        return info.st_mode & 0o7777
    }

    /// chmod -R a+rX, as a support engineer sharing a copy does.
    func share(_ root: String) {
        let walker = FileManager.default.enumerator(atPath: root)
        chmod(root, 0o755)
        while let name = walker?.nextObject() as? String {
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: "\(root)/\(name)", isDirectory: &isDir)
            chmod("\(root)/\(name)", isDir.boolValue ? 0o755 : 0o644)
        }
    }

    func message(_ id: String, sentAt: String) -> SchoolMessage {
        SchoolMessage(
            id: id, category: .general, sender: "Office", sentAt: Timestamp.parse(sentAt)!, subject: "Notice \(id)",
            body: "Body?")
    }

    @Test func aSchoolSendKeepsASharedStoreReadableByOthers() throws {
        let store = try TinyStore()
        defer { store.remove() }
        share(store.root)
        let writer = StoreWriter(root: store.root, files: PosixFileLayer())
        let messages = "\(store.root)/schools/green-abbey/messages"
        // Into an existing file and folder: both keep their modes.
        try writer.send(
            message("M9", sentAt: "2026-03-18T09:00:00Z"), scope: .group("9A"), school: "green-abbey", zone: .utc)
        #expect(mode("\(messages)/2025-26") == 0o755)
        #expect(mode("\(messages)/2025-26/group-9A.json") == 0o644)
        #expect(mode("\(messages)/.lock") == 0o644)
        // A new year folder and file take their folder's sharing.
        try writer.send(
            message("M10", sentAt: "2026-10-01T09:00:00Z"), scope: .school, school: "green-abbey", zone: .utc)
        #expect(mode("\(messages)/2026-27") == 0o755)
        #expect(mode("\(messages)/2026-27/school.json") == 0o644)
        // A parent's record too.
        let item = InboxItem(
            key: "k1", contacts: ["C123"], students: ["S1"], topic: "Absence", body: "x", createdAt: Date())
        #expect(try writer.deliver(item, school: "green-abbey", zone: .utc))
        #expect(mode("\(store.root)/schools/green-abbey/inbox") == 0o755)
        #expect(mode("\(store.root)/schools/green-abbey/inbox/k1.json") == 0o644)
    }

    /// A private store (0700 folders, 0600 files, as generated) stays
    /// private, and the parent's own data directory is unchanged: 0600 in
    /// 0700 whatever the folder above it allows.
    @Test func aPrivateStoreStaysPrivateAndTheDataDirectoryIsAlways0700() throws {
        let store = try TinyStore()
        defer { store.remove() }
        let writer = StoreWriter(root: store.root, files: PosixFileLayer())
        try writer.send(
            message("M10", sentAt: "2026-10-01T09:00:00Z"), scope: .school, school: "green-abbey", zone: .utc)
        let year = "\(store.root)/schools/green-abbey/messages/2026-27"
        #expect(mode(year) & 0o077 == mode("\(store.root)/schools/green-abbey/messages") & 0o077)
        #expect(mode("\(year)/school.json") & 0o111 == 0)
        chmod(store.root, 0o755)
        let data = "\(store.root)/data/sub"
        try PosixFileLayer().makeDirectory(data)
        try PosixFileLayer().writeAtomically([1], to: "\(data)/f")
        #expect(mode(data) == 0o700)
        #expect(mode("\(data)/f") == 0o600)
    }
}
