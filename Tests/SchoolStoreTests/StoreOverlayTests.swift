import Foundation
import Testing

@testable import SchoolStore

/// An overlay on a read-only store (how the app uses the built-in demo
/// store without copying it): reads fall through, writes stay on top, the
/// store below is never written, and the marker is honoured only when it is
/// the user's own.
@Suite struct StoreOverlayTests {
    let lower: TinyStore
    let upper: String
    let zone = SchoolTimeZone(identifier: "Europe/London")!

    init() throws {
        lower = try TinyStore()
        upper = FileManager.default.temporaryDirectory.appendingPathComponent("overlay-\(UUID().uuidString)").path
        try StoreOverlay.create(
            at: upper, over: lower.root, stamp: StoreOverlay.stamp(of: lower.root), files: PosixFileLayer())
    }

    func files(under root: String) -> [String] {
        var found: [String] = []
        let e = FileManager.default.enumerator(atPath: root)
        while let p = e?.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: "\(root)/\(p)", isDirectory: &isDir), !isDir.boolValue {
                found.append(p)
            }
        }
        return found.sorted()
    }

    func message(_ id: String) -> SchoolMessage {
        SchoolMessage(
            id: id, category: .general, sender: "Office", sentAt: Timestamp.parse("2026-03-18T09:00:00Z")!,
            subject: "Notice \(id)",
            body: "Body?")
    }

    @Test func aNewOverlayHoldsOnlyDirectoriesAndItsMarkerAndReadsEverythingBelow() throws {
        #expect(files(under: upper) == [StoreOverlay.markerName])
        #expect(RawFile.isDirectory("\(upper)/schools/green-abbey/messages/2025-26"))
        let store = try FileStore(root: upper)
        #expect(store.layout.lower == RawFile.realPath(lower.root) || store.layout.lower == lower.root)
        #expect(store.schoolIDs() == ["green-abbey"])
        #expect(try store.school("green-abbey").name == "Green Abbey School")
        #expect(
            try store.messages(school: "green-abbey", year: AcademicYear(startYear: 2025), scope: .group("9A")).value
                .map(\.id) == ["M1"])
        #expect(StoreValidator(root: upper).validate().isValid)
    }

    /// Attachment directories (one a message) are not made on top: the app
    /// never writes there, and making them all (each durably) made the first
    /// run 0.2 s. Their files are read through from below.
    @Test func attachmentDirectoriesStayBelowAndTheirFilesReadThrough() throws {
        let below = "\(lower.root)/schools/green-abbey/messages/2025-26/files/M1"
        try FileManager.default.createDirectory(atPath: below, withIntermediateDirectories: true)
        try Data("%PDF-1.4 letter".utf8).write(to: URL(fileURLWithPath: "\(below)/letter.pdf"))
        let fresh = upper + "-fresh"
        defer { try? FileManager.default.removeItem(atPath: fresh) }
        try StoreOverlay.create(
            at: fresh, over: lower.root, stamp: StoreOverlay.stamp(of: lower.root), files: PosixFileLayer())
        #expect(RawFile.isDirectory("\(fresh)/schools/green-abbey/messages/2025-26"))
        #expect(!FileManager.default.fileExists(atPath: "\(fresh)/schools/green-abbey/messages/2025-26/files"))
        let layout = try FileStore(root: fresh).layout
        #expect(layout.isDirectory("schools/green-abbey/messages/2025-26/files/M1"))
        #expect(
            try layout.read("schools/green-abbey/messages/2025-26/files/M1/letter.pdf") == Array("%PDF-1.4 letter".utf8)
        )
    }

    @Test func aSchoolSendIsWrittenOnTopKeepingTheMessagesBelowAndLeavesTheStoreBelowAlone() throws {
        let before = try Data(
            contentsOf: URL(fileURLWithPath: "\(lower.root)/schools/green-abbey/messages/2025-26/group-9A.json"))
        let writer = StoreWriter(root: upper, files: PosixFileLayer())
        try writer.send(message("M2"), scope: .group("9A"), school: "green-abbey", zone: zone)
        try writer.send(message("M3"), scope: .student("S1"), school: "green-abbey", zone: zone)
        // The earlier message is kept (the file below is copied up whole).
        let store = try FileStore(root: upper)
        let year = AcademicYear(startYear: 2025)
        #expect(
            try store.messages(school: "green-abbey", year: year, scope: .group("9A")).value.map(\.id) == ["M1", "M2"])
        #expect(store.messageScopes(school: "green-abbey", year: year).count == 2)
        #expect(
            try Data(
                contentsOf: URL(fileURLWithPath: "\(lower.root)/schools/green-abbey/messages/2025-26/group-9A.json"))
                == before)
        #expect(
            !FileManager.default.fileExists(
                atPath: "\(lower.root)/schools/green-abbey/messages/2025-26/student-S1.json"))
        #expect(files(under: lower.root).allSatisfy { !$0.hasPrefix(".index") })
        #expect(StoreValidator(root: upper).validate().isValid)
    }

    @Test func whatTheOverlayHoldsHidesWhatIsBelowAndIndexesNeverComeFromBelow() throws {
        let layout = StoreLayout(root: upper)
        #expect(layout.resolved(StoreLayout.storeFile) == "\(layout.lower!)/\(StoreLayout.storeFile)")
        try Data(#"{"format": "xpressions-store", "version": 1, "name": "On top"}"#.utf8).write(
            to: URL(fileURLWithPath: "\(upper)/store.json"))
        #expect(try FileStore(root: upper).info.name == "On top")
        #expect(layout.resolved(StoreLayout.storeFile) == "\(upper)/store.json")
        try FileManager.default.createDirectory(atPath: "\(lower.root)/.index", withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: "\(lower.root)/.index/validated"))
        #expect(layout.resolved(".index/validated") == "\(upper)/.index/validated")
        #expect(try layout.list(".index") == nil)
    }

    @Test func theMarkerIsHonouredOnlyWhenItIsTheUsersOwnAndNamesADirectory() throws {
        let marker = "\(upper)/\(StoreOverlay.markerName)"
        #expect(StoreOverlay.lower(of: upper) != nil)
        chmod(marker, 0o664)
        #expect(StoreOverlay.lower(of: upper) == nil, "writable by the group")
        #expect(StoreLayout(root: upper).lower == nil)
        chmod(marker, 0o600)
        try Data("relative/path\n".utf8).write(to: URL(fileURLWithPath: marker))
        #expect(StoreOverlay.lower(of: upper) == nil, "not an absolute path")
        try Data("\(lower.root)/nowhere\n".utf8).write(to: URL(fileURLWithPath: marker))
        #expect(StoreOverlay.lower(of: upper) == nil, "not a directory")
        try FileManager.default.removeItem(atPath: marker)
        try FileManager.default.createSymbolicLink(atPath: marker, withDestinationPath: "\(lower.root)/store.json")
        #expect(StoreOverlay.lower(of: upper) == nil, "a link")
    }

    @Test func readsThatFallThroughAreConfinedToTheStoreBelow() throws {
        let students = "\(lower.root)/schools/green-abbey/students.json"
        try FileManager.default.removeItem(atPath: students)
        try FileManager.default.createSymbolicLink(atPath: students, withDestinationPath: "/etc/passwd")
        #expect(throws: RawFile.ReadError.outsideStore) {
            try StoreLayout(root: upper).read(StoreLayout.studentsFile("green-abbey"))
        }
    }

    @Test func theStampChangesWhenAFileBelowComesGoesOrChangesSize() throws {
        let first = StoreOverlay.stamp(of: lower.root)
        #expect(StoreOverlay.stamp(of: lower.root) == first)
        try Data("[]".utf8).write(
            to: URL(fileURLWithPath: "\(lower.root)/schools/green-abbey/messages/2025-26/year-9.json"))
        #expect(StoreOverlay.stamp(of: lower.root) != first)
    }
}
