import Foundation
import Testing

/// Text snapshots stored beside the tests, in the spirit of tig's saved screens.
///
/// `assertSnapshot(text, named: "inbox")` in `Tests/AppTests/InboxTests.swift` compares
/// `text` with `Tests/AppTests/__Snapshots__/InboxTests/inbox.txt`:
///
/// - same text: passes;
/// - different: fails with a line-by-line diff (line numbers, expected and actual);
/// - no file yet: writes it and fails once, so a snapshot is never accepted unseen
///   (check the new file, commit it, run again);
/// - `XPRESSIONS_RECORD_SNAPSHOTS=1` in the environment: rewrites the file and reports a
///   warning instead of comparing (review the change with `git diff`).
public enum SnapshotAssert {
    /// The environment variable that switches to recording.
    public static let recordVariable = "XPRESSIONS_RECORD_SNAPSHOTS"

    /// Whether the environment asks to (re)record snapshots.
    public static var isRecording: Bool {
        ProcessInfo.processInfo.environment[recordVariable] == "1"
    }

    /// Where the snapshot `name` of the test file at `filePath` lives.
    public static func url(named name: String, filePath: String) -> URL {
        let testFile = URL(fileURLWithPath: filePath)
        return testFile.deletingLastPathComponent()
            .appendingPathComponent("__Snapshots__")
            .appendingPathComponent(testFile.deletingPathExtension().lastPathComponent)
            .appendingPathComponent(name + ".txt")
    }

    /// A readable account of how `actual` differs from `expected`, line by line (at most
    /// `limit` differing lines); nil when they are equal.
    public static func lineDiff(expected: String, actual: String, limit: Int = 20) -> String? {
        guard expected != actual else { return nil }
        let expectedLines = expected.components(separatedBy: "\n")
        let actualLines = actual.components(separatedBy: "\n")
        var report: [String] = []
        var differing = 0
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let wanted = index < expectedLines.count ? expectedLines[index] : nil
            let got = index < actualLines.count ? actualLines[index] : nil
            guard wanted != got else { continue }
            differing += 1
            if differing > limit { continue }
            report.append("line \(index + 1):")
            report.append("  expected: " + (wanted.map { "|\($0)|" } ?? "(no line)"))
            report.append("  actual:   " + (got.map { "|\($0)|" } ?? "(no line)"))
        }
        if differing > limit { report.append("... and \(differing - limit) more differing lines") }
        if report.isEmpty { report.append("the texts differ only in line endings or invisible characters") }
        return report.joined(separator: "\n")
    }
}

/// Compares `text` with the stored snapshot `name` (see `SnapshotAssert`). Returns
/// whether it matched.
@discardableResult
public func assertSnapshot(
    _ text: String, named name: String,
    filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation
) -> Bool {
    let url = SnapshotAssert.url(named: name, filePath: filePath)
    let stored = text.hasSuffix("\n") ? text : text + "\n"
    let existing = try? String(contentsOf: url, encoding: .utf8)
    if SnapshotAssert.isRecording || existing == nil {
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try stored.write(to: url, atomically: true, encoding: .utf8)
        } catch {
            Issue.record("could not record snapshot \(url.path): \(error)", sourceLocation: sourceLocation)
            return false
        }
        if existing == nil {
            Issue.record(
                "no snapshot existed: recorded \(url.path); check it and run again", sourceLocation: sourceLocation)
            return false
        }
        Issue.record("recorded snapshot \(url.path)", severity: .warning, sourceLocation: sourceLocation)
        return true
    }
    guard let diff = SnapshotAssert.lineDiff(expected: existing ?? "", actual: stored) else { return true }
    Issue.record(
        """
        snapshot "\(name)" does not match \(url.path)
        \(diff)
        (run with \(SnapshotAssert.recordVariable)=1 to accept the new text)
        """,
        sourceLocation: sourceLocation
    )
    return false
}
