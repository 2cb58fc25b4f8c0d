import Foundation
import Synchronization
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// Issue 15, "Login attempts limited where an attacker can't reset them":
/// the store counts failed logins per keyed email digest (5 per 15
/// minutes, on the real clock); the device's own count stays a first line.
@Suite struct StoreAttemptLimitTests {
    static let liz = (email: "liz.abbot@example.com", mobile: "07700 100001", lastFour: "0001")
    /// The real clock of the tests' security decisions, far from the demo date.
    static let real = Timestamp.parse("2025-05-06T10:02:00Z")!

    /// `files`: by default the store's file times follow `security`, as
    /// they would in real time.
    static func account(
        _ store: String, data: String, clock: any WallClock, security: any WallClock,
        files: (any FileLayer)? = nil
    ) -> ParentAccount {
        var settings = CoreSettings()
        settings.pinCost = 1
        return ParentAccount(
            storeRoot: store, dataDirectory: data, files: files ?? StoreClockFileLayer { security.now() },
            clock: clock, securityClock: security, settings: settings)
    }

    static func wrong(_ account: ParentAccount) throws -> LoginOutcome {
        try account.logIn(email: liz.email, mobile: liz.mobile, lastFour: "9999")
    }

    static func right(_ account: ParentAccount) throws -> LoginOutcome {
        try account.logIn(email: " Liz.Abbot@Example.com ", mobile: liz.mobile, lastFour: liz.lastFour)
    }

    static func limiter(_ store: String, clock: any WallClock) throws -> StoreAttemptLimiter {
        try #require(StoreAttemptLimiter(store: try FileStore(root: store), files: PosixFileLayer(), clock: clock))
    }

    @Test func theLimitSurvivesDeletingTheDataDirectoryAndUsingAnotherOne() throws {
        try withTestDirectory { dir in
            let store = try DemoStoreCopy.copy(into: dir)
            let shown = ManualClock(DemoStoreCopy.now)
            let real = ManualClock(Self.real)
            let first = Self.account(store, data: dir.file("data"), clock: shown, security: real)
            for left in [4, 3, 2, 1] {
                #expect(try Self.wrong(first) == .rejected(message: LoginOutcome.rejectionText, attemptsLeft: left))
                real.advance(by: 30)
            }
            let until = Self.real.addingTimeInterval(15 * 60)
            #expect(try Self.wrong(first) == .lockedOut(until: until))

            // The store holds five keyed records, and no email.
            let digest = StoreAttemptLimiter.digest(email: "liz.abbot@example.com", secret: DemoStoreBuilder.secret)
            let records = try StoreWriter(root: store, files: PosixFileLayer()).loginAttempts(digest: digest)
            #expect(records.count == 5 && records.allSatisfy { $0.kind == .attempt })
            #expect(records.first?.at == Self.real)
            let names = try FileManager.default.subpathsOfDirectory(atPath: "\(store)/login-attempts")
            #expect(!names.joined().contains("liz") && !names.joined().contains("abbot"))

            // A fresh data directory, another one: the right details are refused all the same.
            try FileManager.default.removeItem(atPath: dir.file("data"))
            let again = Self.account(store, data: dir.file("data"), clock: shown, security: real)
            #expect(try Self.right(again) == .lockedOut(until: until))
            let other = Self.account(store, data: dir.file("other"), clock: shown, security: real)
            #expect(try Self.right(other) == .lockedOut(until: until))
            #expect(try Self.limiter(store, clock: real).status(email: "liz.abbot@example.com").failures.count == 5)
            // An unseen character around the email (a zero-width space or a
            // byte-order mark, pasted from a web page) is the same email:
            // the same count, not a fresh one (an audit got past the limit
            // with U+200B while the lookup still matched her record).
            for unseen in ["\u{200B}", "\u{FEFF}", "\u{2060}\u{200B}", "\u{200D}", "\u{00AD}"] {
                // Around it, and inside it (a soft hyphen from a PDF), and in the mobile.
                let pasted = try other.logIn(
                    email: unseen + "liz.ab" + unseen + "bot@example.com" + unseen,
                    mobile: "07700" + unseen + " 100001", lastFour: Self.liz.lastFour)
                #expect(pasted == .lockedOut(until: until), "\(unseen.unicodeScalars.map(\.value))")
                #expect(PhoneNumber("07700" + unseen + " 100001", defaultCountryCode: 44)?.digits == "447700100001")
            }
            #expect(try Self.limiter(store, clock: real).status(email: "liz.abbot@example.com").failures.count == 5)

            // When the oldest leaves the window, one attempt more.
            real.set(until)
            guard case .loggedIn = try Self.right(other) else {
                Issue.record("the login stayed locked")
                return
            }
            // settled
            #expect(try Self.limiter(store, clock: real).status(email: "liz.abbot@example.com").failures.isEmpty)
        }
    }

    /// A device clock moved forward between tries (ahead of the store's
    /// file times) made every earlier attempt look old: five more guesses
    /// each time, twenty in three seconds in an audit. The store's file
    /// times decide when the device's clock is ahead of them.
    @Test func aClockMovedForwardGetsNoMoreGuesses() throws {
        try withTestDirectory { dir in
            let store = try DemoStoreCopy.copy(into: dir)
            let shown = ManualClock(DemoStoreCopy.now)
            let now = Date()
            for (i, shift) in [0.0, 1000, 2000, 3000].enumerated() {
                let device = ManualClock(now.addingTimeInterval(shift))
                // The store's file times are the real ones: only the device's clock moves.
                let account = Self.account(
                    store, data: dir.file("data\(i)"), clock: shown, security: device, files: PosixFileLayer())
                let outcome = try Self.wrong(account)
                if i == 0 {
                    for _ in 0..<4 { _ = try Self.wrong(account) }
                    continue
                }
                guard case .lockedOut(let until) = outcome else {
                    Issue.record("a clock \(Int(shift)) s ahead got a guess: \(outcome)")
                    continue
                }
                // Said on the store's time: a window after the first attempt.
                #expect(abs(until.timeIntervalSince(now.addingTimeInterval(15 * 60))) < 60, "\(until)")
            }
            let digest = StoreAttemptLimiter.digest(email: "liz.abbot@example.com", secret: DemoStoreBuilder.secret)
            #expect(try StoreWriter(root: store, files: PosixFileLayer()).loginAttempts(digest: digest).count == 5)
        }
    }

    /// A device clock set back, then stepped forward between batches of
    /// tries: each batch looked older than the last window and got five more
    /// guesses (an audit: 20 in a minute). The store's file times decide.
    @Test func aClockSetBackAndSteppedForwardGetsNoMoreGuesses() throws {
        try withTestDirectory { dir in
            let store = try DemoStoreCopy.copy(into: dir)
            let shown = ManualClock(DemoStoreCopy.now)
            let now = Date()
            var refused = 0
            for (i, shift) in [-2880.0, -1920, -960, 0].enumerated() {
                for j in 0..<5 {
                    let device = ManualClock(now.addingTimeInterval(shift))
                    let account = Self.account(
                        store, data: dir.file("data\(i)-\(j)"), clock: shown, security: device,
                        files: PosixFileLayer())
                    if case .lockedOut = try Self.wrong(account) { refused += 1 }
                }
            }
            #expect(refused == 16, "five guesses (the fifth says the lock-out), then none")
            let digest = StoreAttemptLimiter.digest(email: "liz.abbot@example.com", secret: DemoStoreBuilder.secret)
            let writer = StoreWriter(root: store, files: PosixFileLayer())
            #expect(try writer.loginAttempts(digest: digest).count == 5)
            // Support sees them on a right clock (doctor said "no failed
            // attempts"), and validate's clean-up does not take them for a
            // day old (it removed them, seconds old).
            #expect(
                try Self.limiter(store, clock: ManualClock(Date())).status(email: "liz.abbot@example.com").failures
                    .count == 5)
            #expect(writer.removeOldLoginAttempts(now: Date()) == 0)
        }
    }

    /// The audit's case: a file where the attempts folder goes made every
    /// login fail with "could not create the directory", while doctor read
    /// "no failed attempts" and validate said valid. Now the login fails as
    /// the store's named problem, the count is not read as none, and
    /// validate refuses it (even with its result remembered).
    @Test func aFileInPlaceOfTheAttemptsFolderIsTheStoresProblem() throws {
        try withTestDirectory { dir in
            let store = try DemoStoreCopy.copy(into: dir)
            #expect(StoreValidator(root: store).validateUsingCache().isValid)
            try? FileManager.default.removeItem(atPath: "\(store)/login-attempts")
            try "x".write(toFile: "\(store)/login-attempts", atomically: true, encoding: .utf8)
            let account = Self.account(
                store, data: dir.file("data"), clock: ManualClock(DemoStoreCopy.now), security: ManualClock(Self.real))
            #expect {
                _ = try Self.wrong(account)
            } throws: { error in
                (error as? StoreProblems)?.problems.first?.file == "login-attempts"
            }
            let digest = StoreAttemptLimiter.digest(email: "liz.abbot@example.com", secret: DemoStoreBuilder.secret)
            #expect(throws: StoreProblems.self) {
                _ = try StoreWriter(root: store, files: PosixFileLayer()).loginAttempts(digest: digest)
            }
            let report = StoreValidator(root: store).validateUsingCache()
            #expect(
                report.problems.map(\.description).contains {
                    $0.hasPrefix("login-attempts: is a regular file, not a folder")
                })
            // A link (outside the store, or to nothing) is refused too: never followed.
            try FileManager.default.removeItem(atPath: "\(store)/login-attempts")
            try FileManager.default.createDirectory(atPath: dir.file("outside"), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(
                atPath: "\(store)/login-attempts", withDestinationPath: dir.file("outside"))
            #expect(
                StoreValidator(root: store).validateUsingCache().problems.map(\.description).contains {
                    $0.hasPrefix("login-attempts: is a symbolic link, not a folder")
                })
            #expect(throws: StoreProblems.self) { _ = try Self.wrong(account) }
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("outside")).isEmpty)
        }
    }

    @Test func theLimitIgnoresTheShownClock() throws {
        try withTestDirectory { dir in
            let store = try DemoStoreCopy.copy(into: dir)
            let shown = ManualClock(DemoStoreCopy.now)
            let real = ManualClock(Self.real)
            let account = Self.account(store, data: dir.file("data"), clock: shown, security: real)
            for _ in 0..<5 { _ = try Self.wrong(account) }
            // Support moves the shown time a day on (--now): still locked, until the same real time.
            shown.advance(by: 86_400)
            let elsewhere = Self.account(store, data: dir.file("elsewhere"), clock: shown, security: real)
            #expect(try Self.right(elsewhere) == .lockedOut(until: Self.real.addingTimeInterval(15 * 60)))
            // ...and back a year: the same.
            shown.set(DemoStoreCopy.now.addingTimeInterval(-365 * 86_400))
            #expect(
                try Self.right(Self.account(store, data: dir.file("third"), clock: shown, security: real))
                    == .lockedOut(until: Self.real.addingTimeInterval(15 * 60)))
            // A real clock set back: the records still count, until a window
            // after their stamps, and the lock-out says that time, which
            // stays put as the clock moves (it said "now + 15 min", later
            // and later, an audit found).
            real.set(Self.real.addingTimeInterval(-3600))
            let limiter = try Self.limiter(store, clock: real)
            #expect(
                try limiter.status(email: "liz.abbot@example.com").lockedUntil == Self.real.addingTimeInterval(15 * 60))
            real.advance(by: 20 * 60)
            #expect(
                try limiter.status(email: "liz.abbot@example.com").lockedUntil == Self.real.addingTimeInterval(15 * 60))
        }
    }

    /// Records stamped ahead, by a device whose clock runs fast or by hand:
    /// a success ahead settled every failure before it, turning the limit
    /// off until then (an audit: six wrong tries, each "4 attempts left").
    /// Within a couple of minutes it settles, as clocks differ that much;
    /// a record a day ahead or more is ignored, and validate removes it.
    @Test func recordsStampedAheadNeitherSettleNorLockForLong() throws {
        try withTestDirectory { dir in
            let store = try DemoStoreCopy.copy(into: dir)
            let real = ManualClock(Self.real)
            let limiter = try Self.limiter(store, clock: real)
            let digest = limiter.digest(email: "liz.abbot@example.com")
            func file(_ kind: LoginAttempt.Kind, at: Date) throws {
                try limiter.writer.record(LoginAttempt(key: LoginAttempt.newKey(), kind: kind, at: at), digest: digest)
            }
            try file(.success, at: Self.real.addingTimeInterval(30 * 86_400))  // a month ahead
            try file(.success, at: Self.real.addingTimeInterval(3600))  // an hour ahead
            let account = Self.account(
                store, data: dir.file("data"), clock: ManualClock(DemoStoreCopy.now), security: real)
            var outcomes: [LoginOutcome] = []
            for _ in 0..<6 {
                outcomes.append(try Self.wrong(account))
                real.advance(by: 5)
            }
            #expect(outcomes.last == .lockedOut(until: Self.real.addingTimeInterval(15 * 60)), "\(outcomes)")
            // A success a minute ahead (clocks a little apart) settles.
            try file(.success, at: real.now().addingTimeInterval(60))
            #expect(try limiter.status(email: "liz.abbot@example.com").lockedUntil == nil)
            // Failures a week ahead of this clock (their files' times far
            // ahead of it too) are ignored here; validate, run on this
            // clock, removes none of them (it judges no record by being ahead).
            for _ in 0..<5 { try file(.attempt, at: real.now().addingTimeInterval(7 * 86_400)) }
            real.advance(by: 120)
            #expect(try limiter.status(email: "liz.abbot@example.com").lockedUntil == nil)
            #expect(limiter.writer.removeOldLoginAttempts(now: real.now()) == 0)
            for name in try FileManager.default.contentsOfDirectory(atPath: "\(store)/login-attempts/\(digest)") {
                try FileManager.default.removeItem(atPath: "\(store)/login-attempts/\(digest)/\(name)")
            }
            // Failures stamped into the next day (a device running fast):
            // the lock-out is said with its day ("09:16" read as a time past).
            for _ in 0..<5 { try file(.attempt, at: real.now().addingTimeInterval(20 * 3600)) }
            let ahead = try limiter.status(email: "liz.abbot@example.com")
            let zone = SchoolTimeZone(identifier: "Europe/London")!
            #expect(ahead.lockedUntil != nil)
            #expect(
                ahead.text(zone: zone, window: 15 * 60).contains(
                    "can try again on \(zone.civilDate(of: ahead.lockedUntil!).longText) at "),
                "\(ahead.text(zone: zone, window: 15 * 60))")
        }
    }

    /// Validate run on a clock two days behind the store's removed every
    /// live record (each "stamped more than 24 hours ahead of now"), and a
    /// locked email was let in; a temporary file in `login-attempts/` went
    /// without a word.
    @Test func validateOnAClockBehindTheStoresKeepsLiveRecordsAndCountsTemporaryFiles() throws {
        try withTestDirectory { dir in
            let store = try DemoStoreCopy.copy(into: dir)
            let writer = StoreWriter(root: store, files: PosixFileLayer())
            let now = Date()
            let digest = "d" + String(repeating: "0", count: 63)
            for i in 0..<5 {
                try writer.record(LoginAttempt(key: "k\(i)", kind: .attempt, at: now), digest: digest)
            }
            let temporary = "\(store)/login-attempts/\(digest)/.tmp-0123456789abcdee"
            try Data("x".utf8).write(to: URL(fileURLWithPath: temporary))
            try FileManager.default.setAttributes(
                [.modificationDate: now.addingTimeInterval(-600)], ofItemAtPath: temporary)
            let behind = writer.removeStaleLoginAttempts(now: now.addingTimeInterval(-2 * 86_400))
            #expect(behind.old == 0)
            #expect(try writer.loginAttempts(digest: digest).count == 5)
            // The store's clock is its files' times: here, this machine's.
            let clock = try #require(writer.storeClock())
            #expect(abs(clock.timeIntervalSince(Date())) < 60)
            #expect(try FileManager.default.contentsOfDirectory(atPath: store).allSatisfy { !$0.hasPrefix(".tmp-") })
            let r = try XpressionsBinary.run(["store", "validate", store])
            #expect(
                r.output.contains("\(store): removed 1 temporary file left by an interrupted writer"), "\(r.output)")
            #expect(!FileManager.default.fileExists(atPath: temporary))
            #expect(try writer.loginAttempts(digest: digest).count == 5)
        }
    }

    /// Stamps are whole seconds: a login's own attempt (its file time
    /// 16:57:05.330) came after its success (stamped 16:57:05), and every
    /// login left "1 failed attempt", so the next five wrong tries locked
    /// out at four.
    @Test func aLoginsOwnAttemptIsSettledByItsSuccess() throws {
        try withTestDirectory { dir in
            let store = try DemoStoreCopy.copy(into: dir)
            let real = ManualClock(Date())  // whole seconds below, as stamps are
            let account = Self.account(
                store, data: dir.file("data"), clock: ManualClock(DemoStoreCopy.now), security: real,
                files: PosixFileLayer())
            guard case .loggedIn = try Self.right(account) else {
                Issue.record("the right details were refused")
                return
            }
            let limiter = try Self.limiter(store, clock: real)
            let status = try limiter.status(email: "liz.abbot@example.com")
            #expect(status.failures.isEmpty, "\(status)")
            #expect(status.remaining == 5)
        }
    }

    /// A store whose clock is 30 hours behind the devices' (a store on a
    /// machine set back): every record is stamped a day or more ahead of its
    /// file. They were ignored as damage, and a device set back with it
    /// had five fresh guesses while the email was locked.
    @Test func recordsStampedFarAheadOfTheirFilesCountFromTheirFiles() throws {
        try withTestDirectory { dir in
            let store = try DemoStoreCopy.copy(into: dir)
            let real = ManualClock(Self.real)
            let storeClock = StoreClockFileLayer { real.now().addingTimeInterval(-30 * 3600) }
            let right = Self.account(
                store, data: dir.file("a"), clock: ManualClock(DemoStoreCopy.now), security: real, files: storeClock)
            for _ in 0..<5 {
                _ = try Self.wrong(right)
                real.advance(by: 10)
            }
            let back = ManualClock(real.now().addingTimeInterval(-30 * 3600))
            let setBack = Self.account(
                store, data: dir.file("b"), clock: ManualClock(DemoStoreCopy.now), security: back, files: storeClock)
            guard case .lockedOut = try Self.wrong(setBack) else {
                Issue.record("a device set back with the store's clock was let try")
                return
            }
        }
    }

    @Test func aSuccessSettlesTheFailuresBeforeIt() throws {
        try withTestDirectory { dir in
            let store = try DemoStoreCopy.copy(into: dir)
            let real = ManualClock(Self.real)
            let account = Self.account(
                store, data: dir.file("data"), clock: ManualClock(DemoStoreCopy.now), security: real)
            for _ in 0..<3 {
                _ = try Self.wrong(account)
                real.advance(by: 10)
            }
            // Another device's failures count here: the store's count decides.
            let other = Self.account(
                store, data: dir.file("other"), clock: ManualClock(DemoStoreCopy.now), security: real)
            #expect(try Self.wrong(other) == .rejected(message: LoginOutcome.rejectionText, attemptsLeft: 1))
            real.advance(by: 10)
            guard case .loggedIn = try Self.right(account) else {
                Issue.record("the right details were refused")
                return
            }
            real.advance(by: 10)
            // (This device's own count was cleared by the success; the other's was not.)
            #expect(try Self.wrong(account) == .rejected(message: LoginOutcome.rejectionText, attemptsLeft: 4))
            #expect(try Self.wrong(other) == .rejected(message: LoginOutcome.rejectionText, attemptsLeft: 3))
            let status = try Self.limiter(store, clock: real).status(email: "liz.abbot@example.com")
            #expect(status.failures == [Self.real.addingTimeInterval(50), Self.real.addingTimeInterval(50)])
            #expect(
                status.text(zone: SchoolTimeZone(identifier: "Europe/London")!, window: 15 * 60)
                    == "2 failed attempts since 11:02; 3 more allowed before logins are refused for up to 15 minutes")
        }
    }

    /// The device's count gives way to the store's: four failures here, a
    /// success on another device settles them in the store, and this
    /// device's next typo and then the right details are the store's to
    /// judge. An auditor saw this device refuse the right details for 15
    /// minutes while doctor told support she could log in.
    @Test func theDevicesCountGivesWayToTheStores() throws {
        try withTestDirectory { dir in
            let store = try DemoStoreCopy.copy(into: dir)
            let real = ManualClock(Self.real)
            let shown = ManualClock(DemoStoreCopy.now)
            let here = Self.account(store, data: dir.file("here"), clock: shown, security: real)
            for _ in 0..<4 {
                _ = try Self.wrong(here)
                real.advance(by: 10)
            }
            let other = Self.account(store, data: dir.file("other"), clock: shown, security: real)
            guard case .loggedIn = try Self.right(other) else {
                Issue.record("refused on the other device")
                return
            }
            real.advance(by: 10)
            #expect(try Self.wrong(here) == .rejected(message: LoginOutcome.rejectionText, attemptsLeft: 4))
            real.advance(by: 10)
            let outcome = try Self.right(here)
            guard case .loggedIn = outcome else {
                Issue.record("the store allows it, so the device must too: \(outcome)")
                return
            }
            // With the store away the device's own count is the line.
            let offline = Self.account(store, data: dir.file("offline"), clock: shown, security: real)
            for _ in 0..<5 {
                _ = try Self.wrong(offline)
                real.advance(by: 1)
            }
            try FileManager.default.moveItem(atPath: store, toPath: store + ".away")
            let away = Result { try Self.right(offline) }
            if case .success(.lockedOut) = away {} else { Issue.record("offline, the device's count holds: \(away)") }
        }
    }

    /// An unreadable `login-attempts.json` is moved to damaged/, never
    /// overwritten in place.
    @Test func aDamagedDeviceCountIsSetAside() throws {
        try withTestDirectory { dir in
            let store = try DemoStoreCopy.copy(into: dir)
            let data = dir.file("data")
            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
            try Data("{\"failures\": {\"c43".utf8).write(to: URL(fileURLWithPath: "\(data)/login-attempts.json"))
            let account = Self.account(
                store, data: data, clock: ManualClock(DemoStoreCopy.now), security: ManualClock(Self.real))
            _ = try Self.wrong(account)
            let damaged = try FileManager.default.contentsOfDirectory(atPath: "\(data)/damaged")
            #expect(damaged.count == 1 && damaged[0].hasPrefix("login-attempts."), "\(damaged)")
        }
    }

    /// A directory or a FIFO in its place stopped every login on the device
    /// ("could not read …: Is a directory"; a wait on the FIFO): set aside
    /// the same way, and the right details log in.
    @Test(arguments: ["directory", "FIFO"])
    func aDeviceCountThatIsNoFileIsSetAside(_ kind: String) throws {
        try withTestDirectory { dir in
            let store = try DemoStoreCopy.copy(into: dir)
            let data = dir.file("data")
            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
            let path = "\(data)/login-attempts.json"
            if kind == "FIFO" {
                #expect(mkfifo(path, 0o600) == 0)
            } else {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            }
            let account = Self.account(
                store, data: data, clock: ManualClock(DemoStoreCopy.now), security: ManualClock(Self.real))
            let outcome = try Self.right(account)
            guard case .loggedIn = outcome else {
                Issue.record("\(kind): the right details were refused: \(outcome)")
                return
            }
            let damaged = try FileManager.default.contentsOfDirectory(atPath: "\(data)/damaged")
            #expect(damaged.count == 1 && damaged[0].hasPrefix("login-attempts."), "\(damaged)")
        }
    }

    /// Many logins at once (an attacker's parallel processes, the audit's
    /// 40 to 60 headless logins): never more than 5 go on to check the
    /// details in a window (counting before filing let 6 to 11 through),
    /// and the records left are the ones that did.
    @Test func parallelLoginsNeverGetPastTheLimit() throws {
        try withTestDirectory { dir in
            let store = try DemoStoreCopy.copy(into: dir)
            let real = ManualClock(Self.real)
            let limiter = try Self.limiter(store, clock: real)
            for round in 0..<3 {
                let checked = Mutex(0)
                DispatchQueue.concurrentPerform(iterations: 24) { _ in
                    if (try? limiter.begin(email: "liz.abbot@example.com")) != nil {
                        checked.withLock { $0 += 1 }
                    }
                }
                let status = try limiter.status(email: "liz.abbot@example.com")
                #expect(checked.withLock { $0 } <= 5, "round \(round)")
                #expect(status.failures.count == checked.withLock { $0 }, "round \(round)")
                #expect(status.failures.count <= 5)
                real.advance(by: 16 * 60)
            }
        }
    }

    /// Trying while the store is away checks nothing, so it is no attempt:
    /// five tries with the right details offline, then the store back, and
    /// the parent logs in (the device's count had locked her out while the
    /// store's said she was not limited). A lock-out by the store's count
    /// costs the device nothing either.
    @Test func triesThatNeverReachTheStoreAreNotAttempts() throws {
        try withTestDirectory { dir in
            let store = try DemoStoreCopy.copy(into: dir)
            let real = ManualClock(Self.real)
            let account = Self.account(
                store, data: dir.file("data"), clock: ManualClock(DemoStoreCopy.now), security: real)
            try FileManager.default.moveItem(atPath: store, toPath: dir.file("away"))
            for _ in 0..<6 {
                #expect(throws: (any Error).self) { try Self.right(account) }
                real.advance(by: 10)
            }
            try FileManager.default.moveItem(atPath: dir.file("away"), toPath: store)
            guard case .loggedIn = try Self.right(account) else {
                Issue.record("offline tries locked the parent out")
                return
            }
            // Locked by the store (another device's five), this device counts nothing.
            let other = Self.account(
                store, data: dir.file("other"), clock: ManualClock(DemoStoreCopy.now), security: real)
            real.advance(by: 10)
            for _ in 0..<5 { _ = try Self.wrong(other) }
            let refused = try Self.wrong(account)
            guard case .lockedOut = refused else {
                Issue.record("the store's count did not decide: \(refused)")
                return
            }
            #expect(try account.limiter.status(key: "liz.abbot@example.com") == .open(remainingAttempts: 5))
        }
    }

    @Test func aStoreWithoutASecretKeepsNoRecordsAndTheDeviceCountStillApplies() throws {
        try withTestDirectory { dir in
            let store = try DemoStoreCopy.copy(into: dir)
            let info = try String(contentsOfFile: "\(store)/store.json", encoding: .utf8)
            let lines = info.split(separator: "\n", omittingEmptySubsequences: false).filter {
                !$0.contains("\"secret\"")
            }
            try Data(
                lines.joined(separator: "\n").replacingOccurrences(of: "],\n}", with: "]\n}")
                    .replacingOccurrences(of: "},\n}", with: "}\n}").utf8
            )
            .write(to: URL(fileURLWithPath: "\(store)/store.json"))
            #expect(try FileStore(root: store).info.secret == nil)
            let account = Self.account(
                store, data: dir.file("data"), clock: ManualClock(DemoStoreCopy.now), security: ManualClock(Self.real))
            for left in [4, 3, 2, 1] {
                #expect(try Self.wrong(account) == .rejected(message: LoginOutcome.rejectionText, attemptsLeft: left))
            }
            #expect(try Self.wrong(account) == .lockedOut(until: Self.real.addingTimeInterval(15 * 60)))
            #expect(!FileManager.default.fileExists(atPath: "\(store)/login-attempts"))
        }
    }

    @Test func aMalformedSecretMakesTheStoreInvalidWithoutPrintingIt() throws {
        try withTestDirectory { dir in
            let store = try DemoStoreCopy.copy(into: dir)
            let hex = Hex.encode(DemoStoreBuilder.secret)
            let info = try String(contentsOfFile: "\(store)/store.json", encoding: .utf8)
            try Data(info.replacingOccurrences(of: hex, with: String(hex.dropLast(2)) + "zz").utf8)
                .write(to: URL(fileURLWithPath: "\(store)/store.json"))
            let problems = StoreValidator(root: store).validate().problems.map(\.description)
            #expect(
                problems == [
                    "store.json: secret: expected 64 hexadecimal digits (32 random bytes), found 64 characters"
                ])
        }
    }

    @Test func validateRemovesRecordsOlderThanADay() throws {
        try withTestDirectory { dir in
            let store = try DemoStoreCopy.copy(into: dir)
            let writer = StoreWriter(root: store, files: PosixFileLayer())
            let now = Date()
            let old = "a" + String(repeating: "0", count: 63)
            let recent = "b" + String(repeating: "0", count: 63)
            try writer.record(
                LoginAttempt(key: "k1", kind: .attempt, at: now.addingTimeInterval(-25 * 3600)), digest: old)
            try writer.record(
                LoginAttempt(key: "k2", kind: .success, at: now.addingTimeInterval(-24 * 3600 - 60)), digest: old)
            try writer.record(
                LoginAttempt(key: "k3", kind: .attempt, at: now.addingTimeInterval(-23 * 3600)), digest: recent)
            // Stamped five days ahead of its file: as old as its file (the
            // limiter counts it from there), so it stays a day.
            let ahead = "c" + String(repeating: "0", count: 63)
            try writer.record(
                LoginAttempt(key: "k5", kind: .attempt, at: now.addingTimeInterval(5 * 86_400)), digest: ahead)
            // Old records have old files too (a record is judged by the later
            // of its stamp and its file's time).
            for (digest, key, age) in [(old, "k1", 25 * 3600.0), (old, "k2", 24 * 3600 + 60.0)] {
                try FileManager.default.setAttributes(
                    [.modificationDate: now.addingTimeInterval(-age)],
                    ofItemAtPath: "\(store)/login-attempts/\(digest)/\(key).json")
            }
            // A record that cannot be read is judged by its file's time: recent here, so it stays.
            try Data("{\"key\": ".utf8).write(to: URL(fileURLWithPath: "\(store)/login-attempts/\(recent)/k4.json"))
            let r = try XpressionsBinary.run(["store", "validate", store])
            #expect(r.status == 0, "\(r.output)")
            #expect(r.output.contains("\(store): removed 2 login attempt records older than 24 hours\n"))
            #expect(!r.output.contains("ahead"))
            #expect(try writer.loginAttempts(digest: ahead).map(\.key) == ["k5"])
            #expect(!r.output.contains("login-attempts"))  // never a problem or a warning
            #expect(!FileManager.default.fileExists(atPath: "\(store)/login-attempts/\(old)"))
            #expect(try writer.loginAttempts(digest: recent).map(\.key) == ["k3", "k4"])
            #expect(writer.removeOldLoginAttempts(now: now.addingTimeInterval(2 * 86_400)) == 3)
            #expect(!FileManager.default.fileExists(atPath: "\(store)/login-attempts/\(recent)"))
        }
    }

    /// A login killed at any write point (the device's count, the store's
    /// attempt record, its success record) never leaves a record that
    /// cannot be read, never checks the details before its attempt is
    /// filed, and the next login works.
    @Test func aCrashAtAnyWritePointOfALoginLeavesTheCountsWhole() throws {
        try withTestDirectory { dir in
            let store = try DemoStoreCopy.copy(into: dir)
            let real = ManualClock(Self.real)
            func attempt(_ plan: FaultPlan, right: Bool) throws -> (points: Int, outcome: LoginOutcome?) {
                let layer = FaultyFileLayer(wrapping: PosixFileLayer(), plan: plan, countsSteps: true)
                let account = Self.account(
                    store, data: dir.file("data"), clock: ManualClock(DemoStoreCopy.now), security: real, files: layer)
                do {
                    let outcome = right ? try Self.right(account) : try Self.wrong(account)
                    return (layer.faultPointCount, outcome)
                } catch is SimulatedCrash {
                    return (layer.faultPointCount, nil)
                }
            }
            func reset() throws {
                try? FileManager.default.removeItem(atPath: "\(store)/login-attempts")
                try? FileManager.default.removeItem(atPath: dir.file("data"))
            }
            let digest = StoreAttemptLimiter.digest(email: "liz.abbot@example.com", secret: DemoStoreBuilder.secret)
            for right in [false, true] {
                try reset()
                let points = try attempt(.none, right: right).points
                #expect(points >= 6)
                for k in 1...points {
                    try reset()
                    let (_, outcome) = try attempt(.simulatedCrashAt(k), right: right)
                    #expect(outcome == nil, "crash at \(k) did not stop the login")
                    // Every record there decodes (no half-written one), and at most one attempt is unsettled.
                    let dirPath = "\(store)/login-attempts/\(digest)"
                    for name in (try? PosixFileLayer().list(dirPath)) ?? [] {
                        let bytes = try #require(try PosixFileLayer().read("\(dirPath)/\(name)"))
                        #expect(
                            StoreWriter.decodeAttempt(bytes, file: name) != nil,
                            "crash at \(k): \(name) does not decode")
                    }
                    #expect(
                        try Self.limiter(store, clock: real).status(email: "liz.abbot@example.com").failures.count <= 1)
                    // Restarted: the right details work.
                    let restarted = Self.account(
                        store, data: dir.file("data"), clock: ManualClock(DemoStoreCopy.now), security: real)
                    guard case .loggedIn = try Self.right(restarted) else {
                        Issue.record("crash at \(k): the next login failed")
                        continue
                    }
                }
            }
        }
    }
}

extension StoreAttemptLimitTests {
    /// Sets a school's Xpressions settings to what validate refuses
    /// (incoming messages on, no topic to pick): a support engineer's
    /// half-made change.
    static func breakSettings(_ store: String, school: String) throws {
        let path = "\(store)/schools/\(school)/school.json"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"incomingEnabled\": false", with: "\"incomingEnabled\": true")
        text = text.replacingOccurrences(
            of: #""topics": ["Absence", "General enquiry", "Homework", "Trips and payments", "Uniform"]"#,
            with: #""topics": []"#)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// A problem in another school's settings does not stop a login (it
    /// refused every login in the store); one in the parent's own school's
    /// stops it without using an attempt, in the store or on the device
    /// (five such tries locked the parent out once the file was fixed: an
    /// audit).
    @Test func aBrokenSchoolFileUsesNoAttempt() throws {
        try withTestDirectory { dir in
            let store = try DemoStoreCopy.copy(into: dir)
            let real = ManualClock(Self.real)
            let account = Self.account(
                store, data: dir.file("data"), clock: ManualClock(DemoStoreCopy.now), security: real)
            // David is at Green Abbey only; Riverside's school.json is not
            // even JSON (it refused every login in the store)...
            let riverside = "\(store)/schools/riverside-primary/school.json"
            let saved = try Data(contentsOf: URL(fileURLWithPath: riverside))
            try Data("{ broken".utf8).write(to: URL(fileURLWithPath: riverside))
            guard
                case .loggedIn = try account.logIn(
                    email: "david.abbot@example.com", mobile: "07700 100011", lastFour: "0011")
            else {
                Issue.record("another school's unreadable school.json stopped the login")
                return
            }
            try saved.write(to: URL(fileURLWithPath: riverside))
            // ...or its settings are broken.
            try Self.breakSettings(store, school: "riverside-primary")
            guard
                case .loggedIn = try account.logIn(
                    email: "david.abbot@example.com", mobile: "07700 100011", lastFour: "0011")
            else {
                Issue.record("another school's problem stopped the login")
                return
            }
            // Now his own school's.
            try Self.breakSettings(store, school: "green-abbey")
            for _ in 0..<6 {
                #expect(throws: StoreProblems.self) {
                    try account.logIn(email: "david.abbot@example.com", mobile: "07700 100011", lastFour: "0011")
                }
                real.advance(by: 10)
            }
            let status = try Self.limiter(store, clock: real).status(email: "david.abbot@example.com")
            #expect(status.failures.isEmpty && status.lockedUntil == nil)
            // Fixed: he logs in at once.
            try FileManager.default.removeItem(atPath: "\(store)/schools/green-abbey/school.json")
            try FileManager.default.copyItem(
                atPath: "\(DemoStoreCopy.original)/schools/green-abbey/school.json",
                toPath: "\(store)/schools/green-abbey/school.json")
            guard
                case .loggedIn = try account.logIn(
                    email: "david.abbot@example.com", mobile: "07700 100011", lastFour: "0011")
            else {
                Issue.record("refused once the file was fixed")
                return
            }
        }
    }
}

extension StoreAttemptLimitTests {
    /// Every record file's time set to `date` plus a few milliseconds each,
    /// as `cp -r` (without `-p`) leaves them.
    static func copied(_ store: String, at date: Date) throws {
        let root = "\(store)/login-attempts"
        let names = try FileManager.default.subpathsOfDirectory(atPath: root).filter { $0.hasSuffix(".json") }
        for (i, name) in names.shuffled().enumerated() {
            try FileManager.default.setAttributes(
                [.modificationDate: date.addingTimeInterval(Double(i) / 100)], ofItemAtPath: "\(root)/\(name)")
        }
    }

    /// A store copied with `cp -r` (every record's file time the copy's):
    /// logins that succeeded before the copy are not failures on it (the
    /// demo logins were locked out on a support engineer's copy), and
    /// failures after the last success still count.
    @Test func aCopiedStoreKeepsItsCount() throws {
        try withTestDirectory { dir in
            let store = try DemoStoreCopy.copy(into: dir)
            let real = ManualClock(Self.real)
            let account = Self.account(
                store, data: dir.file("data"), clock: ManualClock(DemoStoreCopy.now), security: real)
            for _ in 0..<6 {
                guard case .loggedIn = try Self.right(account) else {
                    Issue.record("refused")
                    return
                }
                real.advance(by: 60)
            }
            real.advance(by: 600)
            try Self.copied(store, at: real.now())
            real.advance(by: 5)
            let status = try Self.limiter(store, clock: real).status(email: "liz.abbot@example.com")
            #expect(status.failures.isEmpty && status.lockedUntil == nil, "\(status)")
            guard case .loggedIn = try Self.right(account) else {
                Issue.record("locked out on the copy")
                return
            }

            // Two wrong tries after the last success, then copied: still two.
            real.advance(by: 60)
            _ = try Self.wrong(account)
            real.advance(by: 60)
            _ = try Self.wrong(account)
            real.advance(by: 300)
            try Self.copied(store, at: real.now())
            real.advance(by: 5)
            #expect(try Self.limiter(store, clock: real).status(email: "liz.abbot@example.com").failures.count == 2)

            // A login, and the copy made seconds after it: nothing failed
            // (a copy made 7 s after a login locked the parent out on it).
            guard case .loggedIn = try Self.right(account) else {
                Issue.record("refused")
                return
            }
            real.advance(by: 5)
            try Self.copied(store, at: real.now())
            real.advance(by: 2)
            #expect(try Self.limiter(store, clock: real).status(email: "liz.abbot@example.com").failures.isEmpty)
        }
    }

    /// Five wrong tries a minute apart lock the email out for 15 minutes;
    /// a copy made after that has ended does not lock it out again (every
    /// file time the copy's made them five fresh failures), and a copy made
    /// during it keeps its end, not 15 minutes from the copy.
    @Test func aCopiedLockOutKeepsItsTiming() throws {
        try withTestDirectory { dir in
            let store = try DemoStoreCopy.copy(into: dir)
            let real = ManualClock(Self.real)
            let account = Self.account(
                store, data: dir.file("data"), clock: ManualClock(DemoStoreCopy.now), security: real)
            // Two seconds apart, as five quick tries are (eight seconds
            // from first to last: a copy of them still locked out again).
            for _ in 0..<5 {
                _ = try Self.wrong(account)
                real.advance(by: 2)
            }
            let until = try #require(
                try Self.limiter(store, clock: real).status(email: "liz.abbot@example.com").lockedUntil)
            real.advance(by: 120)
            try Self.copied(store, at: real.now())
            real.advance(by: 1)
            #expect(try Self.limiter(store, clock: real).status(email: "liz.abbot@example.com").lockedUntil == until)
            real.advance(by: 20 * 60)
            try Self.copied(store, at: real.now())
            real.advance(by: 1)
            #expect(try Self.limiter(store, clock: real).status(email: "liz.abbot@example.com").lockedUntil == nil)
        }
    }
}
