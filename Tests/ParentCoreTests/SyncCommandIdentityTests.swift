import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// `xpressions sync` (the real binary) after the school changed what it
/// holds for the parent: the line a support engineer reads, and the exit code.
@Suite struct SyncCommandIdentityTests {
    static func sync(_ f: SyncFixture) throws -> XpressionsBinary.Run {
        try XpressionsBinary.run([
            "sync", "--store", f.store, "--data-dir", f.dataDirectory, "--now", "2026-03-18T14:20:00Z",
        ])
    }

    static func setEmail(_ f: SyncFixture, _ file: String, _ id: String, _ email: String) throws {
        try f.editRecords(file) { records in
            for i in records.indices where records[i]["id"] == .string(id) {
                records[i] = records[i].setting("emails", .array([.string(email)]))
            }
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
