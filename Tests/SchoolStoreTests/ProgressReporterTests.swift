import Foundation
import SchoolStore
import TestSupport
import Testing

/// Progress lines of long commands: what the reporter writes (with an
/// injected clock and sink), and that commands whose standard error is not a
/// terminal write none.
@Suite struct ProgressReporterTests {
    /// A clock the test moves by hand, and everything written.
    final class Recorder: Sendable {
        private let now = Locked<UInt64>(1_000)
        private let written = Locked<[String]>([])

        func advance(milliseconds: UInt64) { now.withLock { $0 += milliseconds * 1_000_000 } }
        func time() -> UInt64 { now.withLock { $0 } }
        func write(_ text: String) { written.withLock { $0.append(text) } }
        var output: [String] { written.withLock { $0 } }

        func reporter() -> ProgressReporter {
            ProgressReporter(
                delay: 200_000_000, interval: 100_000_000, clock: { self.time() }, sink: { self.write($0) })
        }
    }

    @Test func nothingIsShownBeforeTheDelayThenAtMostOneLinePerInterval() {
        let r = Recorder()
        let progress = r.reporter()
        progress.update("indexing green-abbey 1/4")
        r.advance(milliseconds: 150)
        progress.update("indexing green-abbey 2/4")
        #expect(r.output.isEmpty)
        r.advance(milliseconds: 60)
        progress.update("indexing riverside-primary 3/4")
        #expect(r.output == ["\rindexing riverside-primary 3/4…"])
        r.advance(milliseconds: 50)
        progress.update("indexing school-0003 4/4")
        #expect(r.output.count == 1)
        r.advance(milliseconds: 50)
        progress.update("indexing x 4/4")
        // A shorter line covers the end of the longer one with spaces.
        #expect(r.output.last == "\rindexing x 4/4…" + String(repeating: " ", count: 16))
        progress.finish()
        #expect(r.output.last == "\r" + String(repeating: " ", count: 15) + "\r")
    }

    @Test func finishClearsOnlyWhatWasShown() {
        let r = Recorder()
        let progress = r.reporter()
        progress.update("validating green-abbey: 3/40 files")
        progress.finish()
        #expect(r.output.isEmpty)
    }

    @Test func longLinesAreClippedToTheTerminalWidth() {
        let r = Recorder()
        let progress = r.reporter()
        r.advance(milliseconds: 300)
        progress.update(String(repeating: "x", count: 200))
        let line = r.output[0]
        #expect(line.count == 1 + ProgressReporter.width)
        #expect(line.hasSuffix("x…"))
    }

    @Test func aCounterShowsStepsDoneOfTheTotal() {
        let r = Recorder()
        let progress = r.reporter()
        r.advance(milliseconds: 300)
        let files = progress.counter("validating green-abbey:", unit: " files")
        files.start(total: 1_583)
        files.step()
        #expect(r.output == ["\rvalidating green-abbey: 1/1,583 files…"])
        let schools = progress.counter("indexing", total: 4)
        r.advance(milliseconds: 100)
        schools.step("riverside-primary")
        #expect(r.output.last?.hasPrefix("\rindexing riverside-primary 1/4…") == true)
    }

    @Test func standardErrorThatIsNotATerminalGetsNoReporter() {
        #expect(ProgressReporter.standardError(isTerminal: false) == nil)
        #expect(ProgressReporter.standardError(isTerminal: true) != nil)
    }

    @Test func commandsWithStandardErrorRedirectedWriteNoProgress() throws {
        let binary = try BuildProducts.executable(named: "xpressions").path
        try withTestDirectory { directory in
            let store = directory.file("store")
            let generate = FuzzCampaign.run(
                binary,
                [
                    "store", "generate", "--schools", "3", "--students-per-school", "40", "--years", "1",
                    "--seed", "2", "--no-photos", store,
                ], deadline: 120)
            #expect(generate.status == 0)
            #expect(generate.error.isEmpty)
            for command in [["store", "validate", store], ["store", "index", store]] {
                let run = FuzzCampaign.run(binary, command, deadline: 120)
                #expect(run.status == 0, "\(command)")
                #expect(run.error.isEmpty, "\(command): \(run.error)")
                #expect(!run.output.contains("\r"), "\(command)")
            }
        }
    }
}
