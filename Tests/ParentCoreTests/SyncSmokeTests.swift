import Foundation
import Testing
@testable import ParentCore
@testable import SchoolStore

@Suite struct SyncSmokeTests {
    @Test func firstSyncFillsTheModel() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            let engine = try f.engine()
            let report = try engine.sync()
            print(report.summaryLines.joined(separator: "\n"))
            #expect(report.problems.isEmpty)
            let m = engine.snapshot
            print(m.children.map(\.name), m.messageCount, m.unreadCount())
            #expect(m.children.map(\.ref) == [SyncFixture.ben, SyncFixture.amy, SyncFixture.tom])
            let again = try engine.sync()
            print(again.summaryLines.joined(separator: "\n"))
            #expect(again.reads == 0)
            #expect(!again.modelChanged)
        }
    }
}
