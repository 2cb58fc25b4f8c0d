import Foundation
import TestSupport
import Testing

@Suite struct SnapshotAssertTests {
    @Test func snapshotsLiveBesideTheTestFile() {
        let url = SnapshotAssert.url(named: "inbox", filePath: "/repo/Tests/AppTests/InboxTests.swift")
        #expect(url.path == "/repo/Tests/AppTests/__Snapshots__/InboxTests/inbox.txt")
    }

    @Test func diffShowsLineNumbersExpectedAndActual() {
        #expect(SnapshotAssert.lineDiff(expected: "a\nb", actual: "a\nb") == nil)
        #expect(
            SnapshotAssert.lineDiff(expected: "same\nold\nend", actual: "same\nnew\nend\nextra") == """
                line 2:
                  expected: |old|
                  actual:   |new|
                line 4:
                  expected: (no line)
                  actual:   |extra|
                """)
        let many = SnapshotAssert.lineDiff(expected: "1\n2\n3", actual: "x\ny\nz", limit: 1)
        #expect(many?.hasSuffix("... and 2 more differing lines") == true)
    }

    @Test func matchingSnapshotPasses() {
        // The committed file __Snapshots__/SnapshotAssertTests/fixed.txt holds this text.
        #expect(assertSnapshot("fixed text\nsecond line", named: "fixed"))
    }

    @Test func mismatchFailsWithADiffAndMissingFilesAreRecorded() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "snapshot-test-" + UUID().uuidString)
        defer { try? FileManager.default.removeItem(at: directory) }
        let fakeTestFile = directory.appendingPathComponent("FakeTests.swift").path
        // Missing: recorded, and reported as a failure so it is never accepted unseen.
        withKnownIssue {
            #expect(!assertSnapshot("first", named: "example", filePath: fakeTestFile))
        }
        let stored = try String(
            contentsOf: SnapshotAssert.url(named: "example", filePath: fakeTestFile), encoding: .utf8)
        #expect(stored == "first\n")
        #expect(assertSnapshot("first", named: "example", filePath: fakeTestFile))
        withKnownIssue {
            #expect(!assertSnapshot("second", named: "example", filePath: fakeTestFile))
        } matching: { issue in
            String(describing: issue).contains("expected: |first|")
                && String(describing: issue).contains("actual:   |second|")
        }
    }
}
