import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// `xpressions sync` (the real binary) after the school changed what it
/// holds for the parent: the line a support engineer reads, and the exit code.
@Suite struct SyncCommandIdentityTests {
    static func sync(_ f: SyncFixture) throws -> XpressionsBinary.Run {
        try SyncCommandTests.sync(f)
    }

    static func setEmail(_ f: SyncFixture, _ file: String, _ id: String, _ email: String) throws {
        try f.editRecords(file) { records in
            for i in records.indices where records[i]["id"] == .string(id) {
                records[i] = records[i].setting("emails", .array([.string(email)]))
            }
        }
    }

    /// Issue 9: what a killed writer left in the store's inbox goes at the
    /// next sync, once over a minute old, and the summary counts it.
    @Test func temporaryFilesAKilledWriterLeftInTheStoreAreSweptAndCounted() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            let inbox = "\(f.store)/\(StoreLayout.inboxDirectory("green-abbey"))"
            try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
            let old = "\(inbox)/.tmp-k1.json.ab12"
            let fresh = "\(inbox)/.tmp-k2.json.cd34"
            for path in [old, fresh] { #expect(FileManager.default.createFile(atPath: path, contents: Data("{".utf8))) }
            let then = Date().addingTimeInterval(-600).timeIntervalSince1970
            var times = [timeval(tv_sec: Int(then), tv_usec: 0), timeval(tv_sec: Int(then), tv_usec: 0)]
            #expect(utimes(old, &times) == 0)
            let r = try Self.sync(f)
            #expect(r.status == 0, "\(r.output)")
            #expect(
                r.output.contains("temporary files removed: 0 in the data directory, 1 in the store"), "\(r.output)")
            #expect(!FileManager.default.fileExists(atPath: old))
            #expect(FileManager.default.fileExists(atPath: fresh), "a writer may still be at work on a new one")
        }
    }

    @Test func aSchoolThatNoLongerHoldsTheDetailsIsRemovedThenTheSessionEnds() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            #expect(try Self.sync(f).status == 0)
            try Self.setEmail(f, StoreLayout.contactsFile("green-abbey"), "GA-C-LIZ", "someone.else@example.com")
            let removed = try Self.sync(f)
            #expect(removed.status == 0, "\(removed.output)")
            #expect(removed.output.contains("xpressions sync: 1 school, 1 child, "))
            #expect(
                removed.output.contains(
                    "\nGreen Abbey School no longer holds these details for you: removed (2 children)\n"))
            #expect(!removed.output.contains("someone.else") && !removed.output.contains("liz.abbot"))

            try Self.setEmail(f, StoreLayout.contactsFile("riverside-primary"), "RP-C-LIZ", "someone.else@example.com")
            let ended = try Self.sync(f)
            #expect(ended.status == 1)
            #expect(
                ended.output.contains(
                    "\nsession ended: Your schools' details for you have changed. Please log in again.\n"))
            let none = try Self.sync(f)
            #expect(none.status == 1 && none.errors.contains("nobody is logged in"))
        }
    }
}
