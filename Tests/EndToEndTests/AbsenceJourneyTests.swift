import Foundation
import SchoolStore
import TestSupport
import Testing

/// A parent reports an absence in the real app in tmux, as they would: `a`
/// on Home, a reason, a note, Ctrl-S; the school office lists it and
/// acknowledges it with the real school commands; the parent's attendance
/// screen says so after the next sync.
@Suite struct AbsenceJourneyTests {
    func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = try BuildProducts.executable(named: "xpressions")
        p.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["SWIFT_BACKTRACE"] = "interactive=no"
        p.environment = env
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// Polls the school side until it lists a report (the app sends at its
    /// next sync, started when the report is queued); nil at the deadline.
    func reportKey(store: String, deadline: Duration = .seconds(30)) throws -> String? {
        let clock = ContinuousClock()
        let end = clock.now.advanced(by: deadline)
        while clock.now < end {
            let r = try run(["school", "absences", "--store", store, "--school", "green-abbey", "--json"])
            if r.status == 0, let key = r.out.split(separator: "\"").drop(while: { $0 != "key" }).dropFirst(2).first {
                return String(key)
            }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return nil
    }

    @Test func aParentReportsAnAbsenceAndSeesTheSchoolAcknowledgeIt() throws {
        let app = try AppHarness()
        try app.start(["--lock-after", "1h"])
        try app.logInAsLiz()
        try app.waitFor("Updated")
        try app.press("a")
        try app.waitFor("Covers: Wed 18 Mar AM and PM: 2 sessions")
        try app.press("Right")  // Illness
        try app.waitFor("Illness")
        try app.press("Tab")
        try app.type("Temperature since last night, back Thursday I hope")
        try app.waitFor("back Thursday I hope")
        try app.press("C-s")
        // The status line says it is queued, then (the sync it starts is quick) sent.
        _ = try app.tmux.waitFor("the report queued or already sent", timeout: .seconds(30)) {
            $0.contains("Queued: your absence report") || $0.contains("Absence report sent to Green Abbey School")
        }

        // The office sees it, and acknowledges it.
        let key = try #require(try reportKey(store: app.store), "the report never reached the school")
        let listed = try run([
            "school", "absences", "--store", app.store, "--school", "green-abbey", "--date", "2026-03-18",
        ])
        #expect(listed.out.contains("Ben Abbot (9A)  Wed 18 Mar AM and PM: 2 sessions"))
        #expect(listed.out.contains("Reason: Illness. Note: Temperature since last night, back Thursday I hope"))
        #expect(listed.out.contains("Not acknowledged yet."))
        // "today", as the office types it: the demo store's today is 18 March.
        let today = try run(["school", "absences", "--store", app.store, "--school", "green-abbey", "--date", "today"])
        #expect(today.status == 0 && today.out == listed.out, "\(today.err)")

        try app.press("3")
        try app.waitFor("R?")
        try app.waitFor("Reported — waiting for the school")
        // Not before the report was made (the audit's acknowledgement dated the day before).
        let early = try run([
            "school", "acknowledge", "--store", app.store, "--school", "green-abbey", key, "--now",
            "2026-03-17T08:00:00Z",
        ])
        #expect(early.status == 64 && early.err.contains("is before the report was made"), "\(early.err)")
        // An acknowledgement record that cannot be read is never "already
        // acknowledged" (the parent saw none, and absences said none).
        let ackFile = "\(app.store)/schools/green-abbey/acknowledgements/\(key).json"
        try FileManager.default.createDirectory(
            atPath: (ackFile as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try "garbage".write(toFile: ackFile, atomically: true, encoding: .utf8)
        let garbled = try run([
            "school", "acknowledge", "--store", app.store, "--school", "green-abbey", key, "--now",
            "2026-03-18T10:44:00Z",
        ])
        #expect(garbled.status == 65, "\(garbled.out) \(garbled.err)")
        #expect(!garbled.out.contains("Already acknowledged"))
        #expect(garbled.err.contains("is there but cannot be read"), "\(garbled.err)")
        try FileManager.default.removeItem(atPath: ackFile)
        // Four offices at once: one acknowledgement written, and every other
        // says when it was (those that lost the race said only "Already
        // acknowledged.").
        let outs = Locked<[String]>([])
        let store = app.store
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            let r = try? run([
                "school", "acknowledge", "--store", store, "--school", "green-abbey", key, "--now",
                "2026-03-18T10:44:00Z",
            ])
            outs.withLock { $0.append(r.map { "\($0.status) \($0.out)" } ?? "failed to run") }
        }
        let said = outs.withLock { $0 }
        #expect(said.filter { $0.hasPrefix("0 Acknowledged \(key) at ") }.count == 1, "\(said)")
        #expect(said.filter { $0.hasPrefix("0 Already acknowledged at ") }.count == 3, "\(said)")
        try app.press("R")
        try app.waitFor("Acknowledged by the school at 10:44")
        #expect(try run(["store", "validate", app.store]).status == 0)
    }
}
