import Foundation
import SchoolStore
import TestSupport
import Testing

/// A deterministic fuzz of the real binary over a damaged demo store: a few
/// hundred mutations (truncations, emptied files, `[]`/`{}`, wrong types,
/// huge strings, deep nesting, invalid UTF-8, a directory, a FIFO, links to
/// /dev/zero and outside, deleted files, permission 000 when not root,
/// duplicated ids, out-of-range numbers). Each runs `store validate` (and
/// `doctor` on every tenth) with a deadline. No crash, no hang, an allowed
/// exit status, and a file named on every problem line. The long run is
/// `xpressions-bench fuzz`.
@Suite struct StoreFuzzTests {
    static let seed: UInt64 = 20_260_318
    static let mutations = 240

    @Test func validateAndDoctorSurviveAFixedSeedOfMutations() throws {
        let binary = try BuildProducts.executable(named: "xpressions").path
        try withTestDirectory { directory in
            let base = directory.file("base")
            let made = FuzzCampaign.run(binary, ["store", "generate", "--demo", base], deadline: 60)
            #expect(made.status == 0, "\(made.error)")
            // The demo store with its yearly and message files cut to a few
            // records each: every kind of file, every reference valid, at a
            // size the debug binary checks quickly.
            try StoreMutator.thin(root: base, keep: 4)
            let clean = FuzzCampaign.run(binary, ["store", "validate", base], deadline: 30)
            #expect(clean.status == 0, "\(clean.output)")
            let summary = try FuzzCampaign(
                binary: binary, base: base, work: directory.file("runs"), seed: Self.seed,
                // "No hang over a few seconds": the slowest command here
                // took 0.19 s (debug build, 2026-12-02), so 5 s is a hang.
                mutations: Self.mutations, doctorEvery: 10, deadline: 5, parallel: 2
            ).run()
            #expect(summary.mutations == Self.mutations)
            #expect(summary.failures.isEmpty, "\(summary.failures.prefix(10).joined(separator: "\n"))")
            #expect(summary.crashes == 0 && summary.hangs == 0 && summary.badStatuses == 0 && summary.unnamedLines == 0)
            #expect(summary.swiftTextLines == 0)
            // A logged-in parent synced on every tenth damaged store: nothing of theirs was withdrawn.
            #expect(summary.parentMessages > 0, "the parent's device holds messages to lose")
            #expect(summary.syncsChecked == Self.mutations / 10 && summary.dataLost == 0)
            #expect(Set(summary.byKind.keys).count >= StoreMutator.Kind.allCases.count - 1)
        }
    }

    /// The oracle for words, not Swift's text.
    @Test func theOracleCatchesSwiftsOwnText() {
        let lines = [
            "schools/a/students.json: unreadable: failed(\"Permission denied\")",
            "schools/a/x.json: Optional(3)",
            "xpressions: Error Domain=NSCocoaErrorDomain Code=260",
            "schools/a/students.json: unreadable: permission denied",
            "schools/a/contacts.json: contact C1: phones[0].type: unknown phone type \"hom\"",
        ]
        #expect(StoreMutator.linesWithSwiftText(lines.joined(separator: "\n")) == Array(lines.prefix(3)))
    }

    /// The oracle itself: a line without a file is caught.
    @Test func theOracleCatchesALineThatNamesNoFile() {
        #expect(
            StoreMutator.linesNamingNoFile(
                "schools/a/students.json: missing\nsomething broke\n/tmp/s: 2 problems\n3 schools could not be read\n"
                    + "a.json: bad\nstore.json: secret: missing",
                storeRoot: "/tmp/s") == ["something broke", "3 schools could not be read", "a.json: bad"])
    }
}
