import Foundation
import SchoolStore
import TestSupport
import Testing

@testable import ParentCore

@Suite struct AttemptLimiterTests {
    let email = "jbloggs@gmail.com"
    let files = PosixFileLayer()

    func makeLimiter(
        _ dir: TestDirectory, _ clock: ManualClock, files: any FileLayer = PosixFileLayer(),
        maxFailures: Int = 5, window: TimeInterval = 900
    ) -> AttemptLimiter {
        AttemptLimiter(
            files: files, path: dir.file("attempts.json"), clock: clock, maxFailures: maxFailures, window: window)
    }

    /// Fails `count` attempts, one every `spacing` seconds.
    func fail(
        _ limiter: AttemptLimiter, _ key: String, times count: Int, clock: ManualClock, spacing: TimeInterval = 10
    ) throws {
        for _ in 0..<count {
            _ = try limiter.begin(key: key)
            clock.advance(by: spacing)
        }
    }

    @Test func fiveFailuresLockUntilTheOldestLeavesTheWindow() throws {
        try withTestDirectory { dir throws in
            let clock = ManualClock()
            let start = clock.now()
            let limiter = makeLimiter(dir, clock)
            #expect(try limiter.status(key: email) == .open(remainingAttempts: 5))
            for attempt in 1...5 {
                let ticket = try limiter.begin(key: email)
                #expect(
                    try limiter.failed(ticket)
                        == (attempt < 5
                            ? .open(remainingAttempts: 5 - attempt)
                            : .lockedOut(until: start.addingTimeInterval(900))))
                clock.advance(by: 10)
            }
            let until = start.addingTimeInterval(900)
            #expect(throws: AttemptLimiterError.lockedOut(until: until)) { try limiter.begin(key: email) }
            #expect(try limiter.status(key: email) == .lockedOut(until: until))
            // Being refused does not extend the lock-out.
            clock.set(until.addingTimeInterval(-1))
            #expect(throws: AttemptLimiterError.lockedOut(until: until)) { try limiter.begin(key: email) }
        }
    }

    @Test func theWindowRolls() throws {
        try withTestDirectory { dir throws in
            let clock = ManualClock()
            let start = clock.now()
            let limiter = makeLimiter(dir, clock)
            try fail(limiter, email, times: 5, clock: clock)  // at +0, +10, ..., +40
            clock.set(start.addingTimeInterval(900))  // the first failure leaves the window
            #expect(try limiter.status(key: email) == .open(remainingAttempts: 1))
            _ = try limiter.begin(key: email)  // a sixth failure, at +900
            #expect(throws: AttemptLimiterError.lockedOut(until: start.addingTimeInterval(910))) {
                try limiter.begin(key: email)
            }
            clock.set(start.addingTimeInterval(900 + 900))  // every failure has now left the window
            #expect(try limiter.status(key: email) == .open(remainingAttempts: 5))
        }
    }

    @Test func successClearsTheKeysFailures() throws {
        try withTestDirectory { dir throws in
            let clock = ManualClock()
            let limiter = makeLimiter(dir, clock)
            try fail(limiter, email, times: 4, clock: clock)
            let ticket = try limiter.begin(key: email)
            try limiter.succeeded(ticket)
            #expect(try limiter.status(key: email) == .open(remainingAttempts: 5))
            try fail(limiter, email, times: 4, clock: clock)
            #expect(try limiter.status(key: email) == .open(remainingAttempts: 1))
        }
    }

    @Test func keysAreIndependent() throws {
        try withTestDirectory { dir throws in
            let clock = ManualClock()
            let limiter = makeLimiter(dir, clock)
            try fail(limiter, email, times: 5, clock: clock)
            #expect(try limiter.status(key: "someone.else@school.sch.uk") == .open(remainingAttempts: 5))
            _ = try limiter.begin(key: "someone.else@school.sch.uk")
        }
    }

    @Test func countsSurviveARestart() throws {
        try withTestDirectory { dir throws in
            let clock = ManualClock()
            try fail(makeLimiter(dir, clock), email, times: 3, clock: clock)
            let restarted = makeLimiter(dir, clock)
            #expect(try restarted.status(key: email) == .open(remainingAttempts: 2))
            try fail(restarted, email, times: 2, clock: clock)
            #expect(throws: AttemptLimiterError.self) { try makeLimiter(dir, clock).begin(key: email) }
        }
    }

    /// Dropping the ticket (the process dying between begin and the check)
    /// leaves the failure counted.
    @Test func anAttemptAbandonedAfterBeginCounts() throws {
        try withTestDirectory { dir throws in
            let clock = ManualClock()
            for _ in 0..<5 {
                let limiter = makeLimiter(dir, clock)  // a new process each time
                _ = try limiter.begin(key: email)
                // ... killed here, before the outcome is known.
            }
            #expect(throws: AttemptLimiterError.self) { try makeLimiter(dir, clock).begin(key: email) }
        }
    }

    /// Crash at every fault point of begin: either begin threw (so no outcome
    /// could have been revealed) or the failure is already on disk when it
    /// returns.
    @Test func beginRecordsDurablyBeforeReturningAtEveryCrashPoint() throws {
        var crashes = 0
        for k in 1...8 {
            try withTestDirectory { dir throws in
                let clock = ManualClock()
                try fail(makeLimiter(dir, clock), email, times: 2, clock: clock)
                let faulty = FaultyFileLayer(wrapping: PosixFileLayer(), plan: .simulatedCrashAt(k), countsSteps: true)
                let crashing = makeLimiter(dir, clock, files: faulty)
                let ticket: AttemptTicket?
                do {
                    ticket = try crashing.begin(key: email)
                } catch is SimulatedCrash {
                    ticket = nil
                    crashes += 1
                }
                let restarted = makeLimiter(dir, clock)
                let status = try restarted.status(key: email)
                if ticket != nil {
                    #expect(status == .open(remainingAttempts: 2), "k=\(k)")  // recorded before returning
                } else {
                    #expect(status == .open(remainingAttempts: 2) || status == .open(remainingAttempts: 3), "k=\(k)")
                }
            }
        }
        #expect(crashes == 7)  // one start point and six steps; k=8 runs to completion
    }

    @Test func aFileErrorInBeginIsThrownSoTheCallerChecksNothing() throws {
        try withTestDirectory { dir throws in
            let clock = ManualClock()
            let faulty = FaultyFileLayer(wrapping: PosixFileLayer(), plan: .failAt(1))
            #expect(throws: FileLayerError.self) { try makeLimiter(dir, clock, files: faulty).begin(key: email) }
        }
    }

    @Test func theFileHoldsNoEmailAndIsPrivate() throws {
        try withTestDirectory { dir throws in
            let clock = ManualClock()
            let limiter = makeLimiter(dir, clock)
            try fail(limiter, email, times: 2, clock: clock)
            let text = String(decoding: try #require(try files.read(limiter.path)), as: UTF8.self)
            #expect(!text.lowercased().contains("jbloggs"))
            #expect(!text.contains("gmail"))
            #expect(!text.contains("@"))
            #expect(text.contains(SHA256.hexDigest(email)))
            #expect(AttemptLimiter.keyDigest(email) == SHA256.hexDigest(email))
            #expect(permissions(limiter.path) == 0o600)
        }
    }

    @Test func expiredEntriesArePrunedFromTheFile() throws {
        try withTestDirectory { dir throws in
            let clock = ManualClock()
            let limiter = makeLimiter(dir, clock)
            try fail(limiter, email, times: 3, clock: clock)
            clock.advance(by: 901)
            _ = try limiter.begin(key: "other@example.com")
            let text = String(decoding: try #require(try files.read(limiter.path)), as: UTF8.self)
            #expect(!text.contains(SHA256.hexDigest(email)))
            #expect(text.contains(SHA256.hexDigest("other@example.com")))
        }
    }

    @Test func settingTheClockBackNeverLocksForLongerThanAWindowFromNow() throws {
        try withTestDirectory { dir throws in
            let clock = ManualClock()
            let limiter = makeLimiter(dir, clock)
            try fail(limiter, email, times: 5, clock: clock, spacing: 0)
            let earlier = clock.now().addingTimeInterval(-86_400)
            clock.set(earlier)
            #expect(try limiter.status(key: email) == .lockedOut(until: earlier.addingTimeInterval(900)))
        }
    }

    @Test func aCorruptFileCountsAsEmptyAndIsReplaced() throws {
        try withTestDirectory { dir throws in
            let clock = ManualClock()
            let limiter = makeLimiter(dir, clock)
            for junk in [
                "not json", "{\"format\":\"something-else\",\"version\":1,\"failures\":{}}", "{\"version\":99}",
            ] {
                try files.writeAtomically([UInt8](utf8: junk), to: limiter.path)
                #expect(try limiter.status(key: email) == .open(remainingAttempts: 5))
            }
            _ = try limiter.begin(key: email)
            #expect(try makeLimiter(dir, clock).status(key: email) == .open(remainingAttempts: 4))
        }
    }

    @Test func limitAndWindowAreConfigurable() throws {
        try withTestDirectory { dir throws in
            let clock = ManualClock()
            let start = clock.now()
            let limiter = makeLimiter(dir, clock, maxFailures: 3, window: 60)
            try fail(limiter, email, times: 3, clock: clock, spacing: 1)
            #expect(try limiter.status(key: email) == .lockedOut(until: start.addingTimeInterval(60)))
            clock.set(start.addingTimeInterval(60))
            #expect(try limiter.status(key: email) == .open(remainingAttempts: 1))
            #expect(AttemptLimiter(files: files, path: dir.file("x"), clock: clock, maxFailures: 0).maxFailures == 1)
            #expect(AttemptLimiterError.lockedOut(until: start).description.contains("locked out"))
        }
    }
}
