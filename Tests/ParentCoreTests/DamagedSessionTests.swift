import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// A damaged `session.json` never deletes the outbox or the model: it moves
/// to `damaged/` with the time in its name, the parent is told plainly and
/// logs in again, and the unsent messages are offered to the same parent
/// afterwards. A damaged PIN counter never grants extra attempts.
@Suite struct DamagedSessionTests {
    typealias F = SyncFixture

    /// Damage done to a valid session file's text.
    static let damages: [(String, @Sendable (String) -> String)] = [
        ("truncated", { String($0.prefix($0.count / 2)) }),
        ("not JSON", { _ in "this is not a session" }),
        ("empty", { _ in "" }),
        (
            "pinFailures oversized",
            { $0.replacingOccurrences(of: "\"pinFailures\": 0", with: "\"pinFailures\": 99999999999999999999999") }
        ),
        (
            "pinFailures past the file's range",
            { $0.replacingOccurrences(of: "\"pinFailures\": 0", with: "\"pinFailures\": 1001") }
        ),
        ("pinFailures negative", { $0.replacingOccurrences(of: "\"pinFailures\": 0", with: "\"pinFailures\": -3") }),
        ("pinFailures a string", { $0.replacingOccurrences(of: "\"pinFailures\": 0", with: "\"pinFailures\": \"0\"") }),
        ("pinFailures missing", { $0.replacingOccurrences(of: ",\n  \"pinFailures\": 0", with: "") }),
        // A PIN hash no PIN can be checked against (every try, the right
        // PIN too, was a wrong one until the tenth wiped the data: an audit).
        (
            "pinHash not a yescrypt hash",
            {
                $0.replacingOccurrences(
                    of: #""pinHash" *: *"[^"]*""#, with: #""pinHash": "x""#, options: .regularExpression)
            }
        ),
        (
            "pinHash cut short",
            {
                $0.replacingOccurrences(
                    of: #"("pinHash" *: *"\$y\$[^"]{20})[^"]*""#, with: "$1\"", options: .regularExpression)
            }
        ),
        // An id that would lead a store path out of the school's folder.
        ("a school id with ../", { $0.replacingOccurrences(of: "\"green-abbey\"", with: "\"../../etc\"") }),
        ("a contact id with /", { $0.replacingOccurrences(of: "\"GA-C-LIZ\"", with: "\"GA/C/LIZ\"") }),
        (
            "schools of the wrong type",
            { $0.replacingOccurrences(of: "\"schools\": [", with: "\"schools\": 5, \"x\": [") }
        ),
        // Every session this build writes has a PIN hash and a school: one
        // without was taken for no login (the model deleted, nothing said)
        // or for the school's records having changed (the same).
        ("pinHash null", { edited($0) { $0["pinHash"] = NSNull() } }),
        ("pinHash missing", { edited($0) { $0["pinHash"] = nil } }),
        ("schools empty", { edited($0) { $0["schools"] = [Any]() } }),
    ]

    /// A session file's text with its JSON object changed by `change`.
    static func edited(_ text: String, _ change: (inout [String: Any]) -> Void) -> String {
        guard var object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return "" }
        change(&object)
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func aDamagedSessionIsSetAsideAndTheOutboxAndModelStay() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            try f.setPIN()
            let engine = try f.engine()
            try engine.sync()
            let item = try engine.compose(
                school: "green-abbey", topic: "Absence", body: "Ben has a dentist appointment.")
            let sessionFile = "\(f.dataDirectory)/session.json"
            let text = try String(contentsOfFile: sessionFile, encoding: .utf8)
            #expect(text.contains("\"pinFailures\": 0"), "the fixture's session changed form")
            let modelFiles = Set(try FileManager.default.contentsOfDirectory(atPath: "\(f.dataDirectory)/model"))
            try FileManager.default.copyItem(atPath: f.dataDirectory, toPath: dir.file("saved"))

            for (label, damage) in Self.damages {
                let damaged = damage(text)
                #expect(damaged != text, "\(label): no damage done")
                try f.plant("session.json", damaged)

                let status = try f.lazyAccount().status()
                guard case .loggedOut(let reason?) = status else {
                    Issue.record("\(label): \(status)")
                    continue
                }
                #expect(
                    reason.hasPrefix("Your saved login on this device could not be read, so please log in again."),
                    "\(label)")
                #expect(reason.contains("A message you had not sent is kept on this device"), "\(label)")
                // Moved, not deleted: the damaged file is kept with the time in its name.
                #expect(!FileManager.default.fileExists(atPath: sessionFile), "\(label)")
                #expect(f.damagedNames == ["session.\(DamagedFiles.stamp(f.clock.now())).json"], "\(label)")
                #expect(
                    try String(
                        contentsOfFile: "\(f.dataDirectory)/damaged/\(f.damagedNames.first ?? "")", encoding: .utf8)
                        == damaged)
                // The outbox keeps the message (held), the model keeps its files.
                let kept = try #require(
                    try Outbox(dataDirectory: f.dataDirectory, files: PosixFileLayer()).item(item.key), "\(label)")
                #expect(kept.isHeld && kept.state == .queued, "\(label)")
                #expect(
                    Set(try FileManager.default.contentsOfDirectory(atPath: "\(f.dataDirectory)/model")) == modelFiles,
                    "\(label)")
                // Said again at the next start, until a new login.
                guard case .loggedOut(let again?) = try f.lazyAccount().status() else {
                    Issue.record("\(label): not logged out")
                    return
                }
                #expect(again.hasPrefix("Your saved login on this device could not be read"), "\(label)")

                try FileManager.default.removeItem(atPath: f.dataDirectory)
                try FileManager.default.copyItem(atPath: dir.file("saved"), toPath: f.dataDirectory)
            }
            // The same parent logging in again is offered the message: HeldOutboxTests.aDamagedSession.
        }
    }

    /// A file named `damaged` where the folder goes: moved beside it, never
    /// deleted, and the damaged session set aside as ever (every start said
    /// "could not create the directory", and the parent could not log in).
    @Test func aFileWhereTheDamagedFolderGoesIsMovedAside() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            try f.setPIN()
            try f.plant("damaged", "x")
            try f.plant("session.json", "{\"id\": ")
            guard case .loggedOut(let reason?) = try f.lazyAccount().status() else {
                Issue.record("not logged out")
                return
            }
            #expect(reason.hasPrefix("Your saved login on this device could not be read"), "\(reason)")
            #expect(f.damagedNames.count == 1 && f.damagedNames[0].hasPrefix("session."))
            let aside = try FileManager.default.contentsOfDirectory(atPath: f.dataDirectory).filter {
                $0.hasPrefix("damaged.")
            }
            #expect(aside.count == 1, "\(aside)")
            #expect(try String(contentsOfFile: "\(f.dataDirectory)/\(aside[0])", encoding: .utf8) == "x")
        }
    }

    /// A FIFO, or a directory, where `session.json` goes: never opened for
    /// reading (a FIFO would hang the app), set aside like any damage.
    @Test(arguments: ["FIFO", "directory"])
    func aSessionFileThatIsNotAFileIsSetAside(_ kind: String) throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            try f.setPIN()
            let engine = try f.engine()
            try engine.sync()
            let item = try engine.compose(school: "green-abbey", topic: "Absence", body: "Ben is unwell?")
            let sessionFile = "\(f.dataDirectory)/session.json"
            try FileManager.default.removeItem(atPath: sessionFile)
            if kind == "FIFO" {
                #expect(mkfifo(sessionFile, 0o600) == 0)
            } else {
                try FileManager.default.createDirectory(atPath: sessionFile, withIntermediateDirectories: false)
            }
            // doctor --data-dir reads it without blocking and calls it damaged.
            let validity = try SessionValidity.read(
                dataDirectory: f.dataDirectory, source: try FileStore(root: f.store), files: PosixFileLayer(),
                now: f.clock.now())
            #expect(validity.state == .damaged)

            guard case .loggedOut(let reason?) = try f.lazyAccount().status() else {
                Issue.record("\(kind): not logged out")
                return
            }
            #expect(reason.hasPrefix("Your saved login on this device could not be read, so please log in again."))
            #expect(!FileManager.default.fileExists(atPath: sessionFile))
            #expect(f.damagedNames == ["session.\(DamagedFiles.stamp(f.clock.now())).json"])
            let kept = try #require(try Outbox(dataDirectory: f.dataDirectory, files: PosixFileLayer()).item(item.key))
            #expect(kept.isHeld && kept.state == .queued)
        }
    }

    /// A session file the parent's user may not read (left root-owned by a
    /// `sudo xpressions` run) is set aside whole: moved, never copied empty,
    /// so whoever owns it can still read it (the audit found an empty copy
    /// and the original gone).
    /// Files of the data directory grown huge are damage, never read
    /// whole: a 2 GB session.json took 4 GB of memory and 17 s (an audit).
    /// The session is set aside, an outbox item too, and any file over the
    /// 256 MB limit is refused by the file layer before a byte is read.
    @Test func hugeFilesAreDamageNotRead() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            try f.setPIN()
            let engine = try f.engine()
            try engine.sync()
            let item = try engine.compose(school: "green-abbey", topic: "Absence", body: "Ill today.")
            func grow(_ path: String, to size: UInt64) throws {
                let handle = try #require(FileHandle(forWritingAtPath: path))
                try handle.truncate(atOffset: size)  // sparse: no disk used
                try handle.close()
            }
            try grow("\(f.dataDirectory)/outbox/\(item.key).json", to: 20 * 1024 * 1024)
            let loaded = try Outbox(dataDirectory: f.dataDirectory, files: PosixFileLayer()).load()
            #expect(loaded.items.isEmpty && loaded.damaged == ["\(item.key).json"])
            try grow("\(f.dataDirectory)/session.json", to: 2 * 1024 * 1024 * 1024)
            guard case .loggedOut(let reason?) = try f.lazyAccount().status() else {
                Issue.record("not logged out")
                return
            }
            #expect(reason.hasPrefix("Your saved login on this device could not be read"))
            // The install key and the model's manifest too: set aside and
            // replaced (the key) or rebuilt (the model), never a dead end.
            let g = try F(in: dir, dataName: "second")
            let second = try g.engine()
            try second.sync()
            try grow("\(g.dataDirectory)/model/manifest.json", to: 2 * 1024 * 1024 * 1024)
            _ = try g.engine()
            #expect(g.damagedNames.contains { $0.hasPrefix("model.") }, "\(g.damagedNames)")
            try grow("\(g.dataDirectory)/install.key", to: 2 * 1024 * 1024 * 1024)
            let key = try InstallKey.load(dataDirectory: g.dataDirectory, files: PosixFileLayer())
            #expect(key.bytes.count == InstallKey.length)
            #expect(g.damagedNames.contains { $0.hasPrefix("install.") }, "\(g.damagedNames)")
            let big = dir.file("big")
            _ = FileManager.default.createFile(atPath: big, contents: nil)
            try grow(big, to: UInt64(RawFile.maximumFileSize) + 1)
            #expect(throws: FileLayerError.self) { _ = try PosixFileLayer().read(big) }
        }
    }

    @Test func aSessionFileWithoutPermissionIsMovedAsideWhole() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            try f.setPIN()
            let sessionFile = "\(f.dataDirectory)/session.json"
            let bytes = try #require(FileManager.default.contents(atPath: sessionFile))
            let forbidden = PathFailingLayer(failing: "/session.json", onlyReadsForbidden: true)
            guard case .loggedOut(let reason?) = try f.lazyAccount(files: forbidden).status() else {
                Issue.record("not logged out")
                return
            }
            #expect(reason.hasPrefix("Your saved login on this device could not be read, so please log in again."))
            #expect(!FileManager.default.fileExists(atPath: sessionFile))
            let name = "session.\(DamagedFiles.stamp(f.clock.now())).json"
            #expect(f.damagedNames == [name])
            #expect(FileManager.default.contents(atPath: "\(f.dataDirectory)/damaged/\(name)") == bytes)
        }
    }

    @Test func aCounterAtTheLimitEndsTheSessionAndNeverGrantsAnotherTry() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            try f.setPIN()
            let text = try String(contentsOfFile: "\(f.dataDirectory)/session.json", encoding: .utf8)
            try f.plant(
                "session.json", text.replacingOccurrences(of: "\"pinFailures\": 0", with: "\"pinFailures\": 10"))
            // Even the right PIN: the session ends, before any check.
            #expect(try f.lazyAccount().unlock(pin: "7391") == .wiped)
            #expect(try f.lazyAccount().loadSession() == nil)

            let g = try F(in: dir, storeName: "store2", dataName: "data2")
            try g.setPIN()
            let second = try String(contentsOfFile: "\(g.dataDirectory)/session.json", encoding: .utf8)
            try g.plant(
                "session.json", second.replacingOccurrences(of: "\"pinFailures\": 0", with: "\"pinFailures\": 250"))
            guard case .loggedOut(let reason?) = try g.lazyAccount().status() else {
                Issue.record("not logged out")
                return
            }
            #expect(reason.hasPrefix("Too many wrong PINs were entered, so please log in again."))
        }
    }

    /// A hash of the right shape that the hashing library refuses (its
    /// parameters made up): met at an unlock, the session is damaged, set
    /// aside with the outbox kept; the try is no wrong PIN.
    @Test func aPinHashTheLibraryRefusesSetsTheSessionAside() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            try f.setPIN()
            try f.engine().sync()
            let text = try String(contentsOfFile: "\(f.dataDirectory)/session.json", encoding: .utf8)
            let odd = "$y$zzzzzzzzzzzz$zzzz$" + String(repeating: "A", count: 43)
            #expect(PinHasher.isWellFormed(odd))
            try f.plant(
                "session.json",
                text.replacingOccurrences(
                    of: #""pinHash" *: *"[^"]*""#, with: "\"pinHash\": \"\(odd)\"", options: .regularExpression))
            #expect(try f.lazyAccount().unlock(pin: "7391") == .unreadable)
            #expect(try f.lazyAccount().loadSession() == nil)
            #expect(f.damagedNames.count == 1)
            #expect(FileManager.default.fileExists(atPath: "\(f.dataDirectory)/model"))
            #expect(
                try f.lazyAccount().endUnreadableSession().hasPrefix(
                    "Your saved login on this device could not be read"))
        }
    }

    @Test func aSessionOfAnEarlierBuildIsStillReadAndLosesItsUnsaltedDigest() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            try f.setPIN()
            var text = try String(contentsOfFile: "\(f.dataDirectory)/session.json", encoding: .utf8)
            let digest = try #require(try f.account.loadSession()?.emailDigest)
            text = text.replacingOccurrences(of: "\"version\": 2", with: "\"version\": 1")
                .replacingOccurrences(of: digest, with: SHA256.hexDigest("liz.abbot@example.com"))
            try f.plant("session.json", text)
            guard case .locked(let old) = try f.lazyAccount().status() else {
                Issue.record("an earlier build's session was not read")
                return
            }
            #expect(old.emailDigest == nil)
            #expect(try f.lazyAccount().unlock(pin: "7391") == .unlocked(try #require(try f.account.loadSession())))
            let saved = try String(contentsOfFile: "\(f.dataDirectory)/session.json", encoding: .utf8)
            #expect(saved.contains("\"version\": 2"))
            #expect(!saved.contains("emailDigest"))
            #expect(!saved.contains(SHA256.hexDigest("liz.abbot@example.com")))
        }
    }

    /// An earlier build stamped unlocks with the shown clock (a demo date
    /// months before the real one): its session is not ended by the 30-day
    /// rule on the real clock when the file was saved recently.
    @Test func anEarlierBuildsUnlockTimeCountsFromTheFilesLastSave() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            try f.setPIN()
            let real = Date()
            let text = try String(contentsOfFile: "\(f.dataDirectory)/session.json", encoding: .utf8)
            let stale = Timestamp.format(real.addingTimeInterval(-200 * 86_400))
            let unlocked = try #require(text.range(of: #""lastUnlockedAt": "[^"]*""#, options: .regularExpression))
            let aged = text.replacingCharacters(in: unlocked, with: "\"lastUnlockedAt\": \"\(stale)\"")
            func account() -> ParentAccount { f.lazyAccount(securityClock: SystemClock()) }
            try f.plant("session.json", aged.replacingOccurrences(of: "\"version\": 2", with: "\"version\": 1"))
            guard case .locked = try account().status() else {
                Issue.record("an earlier build's session was ended")
                return
            }
            try f.plant("session.json", aged)  // this build's own stamp is trusted
            guard case .loggedOut = try account().status() else {
                Issue.record("the 30-day rule did not apply")
                return
            }
        }
    }

    /// A crash at every write point of setting a damaged session aside
    /// (holding the outbox, copying to damaged/, removing the original):
    /// the message and the damaged file are never both lost, and the next
    /// start finishes the job.
    @Test func aCrashAtAnyPointOfSettingASessionAsideLosesNothing() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let item = try engine.compose(school: "green-abbey", topic: "Absence", body: "Ben is unwell.")
            try f.plant("session.json", "{\"version\": 2, \"id\": ")
            try FileManager.default.copyItem(atPath: f.dataDirectory, toPath: dir.file("saved"))
            func restore() throws {
                try FileManager.default.removeItem(atPath: f.dataDirectory)
                try FileManager.default.copyItem(atPath: dir.file("saved"), toPath: f.dataDirectory)
            }
            func run(_ plan: FaultPlan) throws -> Int {
                let layer = FaultyFileLayer(wrapping: PosixFileLayer(), plan: plan, countsSteps: true)
                do { _ = try f.lazyAccount(files: layer).status() } catch is SimulatedCrash {}
                return layer.faultPointCount
            }
            let points = try run(.none)
            try restore()
            #expect(points > 8)
            for k in 1...points {
                _ = try run(.simulatedCrashAt(k))
                let outbox = Outbox(dataDirectory: f.dataDirectory, files: PosixFileLayer())
                #expect(try outbox.item(item.key) != nil, "k=\(k): the message was lost")
                let original = FileManager.default.fileExists(atPath: "\(f.dataDirectory)/session.json")
                #expect(
                    original || f.damagedNames.contains { $0.hasPrefix("session.") },
                    "k=\(k): the damaged session was lost")
                // The restart finishes it.
                #expect(try f.lazyAccount().status() != .loggedOut(reason: nil) || !original, "k=\(k)")
                #expect(try outbox.item(item.key)?.isHeld == true, "k=\(k)")
                #expect(!FileManager.default.fileExists(atPath: "\(f.dataDirectory)/session.json"), "k=\(k)")
                try restore()
            }
        }
    }
}

/// What a parent read before a session ended by itself is not lost: the
/// read receipts not sent yet are held with the messages, and go out once
/// the same parent logs in again (the school learns what was read; the
/// read state comes back with them). They were deleted.
@Suite struct HeldReceiptTests {
    typealias F = SyncFixture

    @Test func receiptsOutliveADamagedSessionAndGoOutAfterTheNextLogin() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            // Two recent messages opened; their receipts are queued, not sent yet.
            let recent = engine.snapshot.timeline().filter(\.isUnread).prefix(2).map(\.ref)
            #expect(recent.count == 2)
            for ref in recent { try engine.markRead(ref) }
            #expect(try engine.outbox.items().filter { $0.kind == .receipt }.count == 2)
            try f.plant("session.json", "{\"v\":")
            guard case .loggedOut = try f.lazyAccount().status() else {
                Issue.record("the damaged session was not set aside")
                return
            }
            let held = try Outbox(dataDirectory: f.dataDirectory, files: PosixFileLayer()).items()
            #expect(held.filter { $0.kind == .receipt && $0.isHeld }.count == 2, "held, not deleted")

            // The same parent logs in again: sent without asking, read again.
            let account = f.lazyAccount()
            let session = try HeldOutboxTests.logIn(account, "liz.abbot@example.com", "07700 100001")
            let next = try SyncEngine(account: account, session: session)
            #expect(next.snapshot.recovered.isEmpty, "a receipt is never offered as a message")
            let report = try next.sync()
            #expect(report.outbox.sent.filter { $0.kind == .receipt }.count == 2)
            let stored = try f.writer.receipts(school: "green-abbey").map(\.message)
            #expect(Set(recent.map(\.id)).isSubset(of: Set(stored)))
            for ref in recent { #expect(next.snapshot.message(ref)?.isUnread == false) }
        }
    }

    /// Another parent logging in on the device is never sent them: they stay
    /// held (for the parent who read the messages), and logging out of the
    /// same parent's next session removes them with it.
    @Test func heldReceiptsAreNeverSentForAnotherParent() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            let engine = try f.engine()
            try engine.sync()
            let ref = try #require(engine.snapshot.timeline().first(where: \.isUnread)?.ref)
            try engine.markRead(ref)
            try f.plant("session.json", "{\"v\":")
            _ = try f.lazyAccount().status()
            let account = f.lazyAccount()
            let david = try HeldOutboxTests.davidLogsIn(account)
            let report = try SyncEngine(account: account, session: david).sync()
            #expect(report.outbox.sent.isEmpty)
            let receipts = try Outbox(dataDirectory: f.dataDirectory, files: PosixFileLayer()).items().filter {
                $0.kind == .receipt
            }
            #expect(receipts.count == 1 && receipts.allSatisfy(\.isHeld))
        }
    }
}

extension DamagedSessionTests {
    /// A session without its PIN hash, no model beside it but a message
    /// waiting in the outbox, is damage too: set aside and said (it was
    /// ended without a word).
    @Test func aSessionWithoutAPinBesideAQueuedMessageIsDamage() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            try f.setPIN()
            let engine = try f.engine()
            try engine.sync()
            _ = try engine.compose(school: "green-abbey", topic: "Absence", body: "Ben has a dentist appointment.")
            try FileManager.default.removeItem(atPath: "\(f.dataDirectory)/model")
            let text = try String(contentsOfFile: "\(f.dataDirectory)/session.json", encoding: .utf8)
            try f.plant("session.json", Self.edited(text) { $0["pinHash"] = nil })
            guard case .loggedOut(let reason?) = try f.lazyAccount().status() else {
                Issue.record("not logged out with a reason")
                return
            }
            #expect(reason.hasPrefix("Your saved login on this device could not be read"), "\(reason)")
            #expect(f.damagedNames.contains { $0.hasPrefix("session.") })
        }
    }
}

/// Logging in again after a damaged session while one of the parent's
/// schools has files that fail the checks: that school's last good state
/// on the device is kept, with its problem said, until its files can be
/// read (its 22 model parts were deleted and the app said "showing your
/// copy" of nothing: an audit).
@Suite struct DamagedSessionBrokenSchoolTests {
    typealias F = SyncFixture

    @Test func aBrokenSchoolsCopyOutlivesALoginAgainAfterADamagedSession() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            try f.setPIN()
            let first = try f.engine()
            try first.sync()
            #expect(first.snapshot.children.contains { $0.ref == F.tom })
            // An unread message she opened stays read (her read state came along).
            let opened = try #require(first.snapshot.timeline().first { !first.snapshot.isRead($0.ref) })
            try first.markRead(opened.ref)
            try FileManager.default.copyItem(atPath: f.dataDirectory, toPath: dir.file("before"))
            try f.plant("session.json", "{")
            guard case .loggedOut = try f.lazyAccount().status() else {
                Issue.record("the damaged session was not set aside")
                return
            }
            try f.overwrite("schools/riverside-primary/students.json", with: "[]")
            let session = try HeldOutboxTests.lizLogsIn(f.account)
            let engine = try SyncEngine(account: f.account, session: session)
            let report = try engine.sync()
            #expect(engine.snapshot.isRead(opened.ref))
            // Tom is still shown, from the last good copy, with the problem said.
            #expect(engine.snapshot.children.contains { $0.ref == F.tom }, "\(engine.snapshot.children.map(\.ref))")
            #expect(engine.snapshot.trouble(school: "riverside-primary") != nil)
            #expect(report.problems.contains { $0.file?.hasSuffix("riverside-primary/students.json") == true })
            // Mended, it syncs as ever.
            try FileManager.default.removeItem(atPath: "\(f.store)/schools/riverside-primary/students.json")
            try FileManager.default.copyItem(
                atPath: "\(DemoStoreCopy.original)/schools/riverside-primary/students.json",
                toPath: "\(f.store)/schools/riverside-primary/students.json")
            try engine.sync()
            #expect(engine.snapshot.children.contains { $0.ref == F.tom })
            #expect(engine.snapshot.trouble(school: "riverside-primary") == nil)

            // Another parent on the device after her damaged session (David,
            // Ben and Amy's father) starts with a model of his own: nothing
            // of hers, not even what she read.
            try FileManager.default.removeItem(atPath: f.dataDirectory)
            try FileManager.default.copyItem(atPath: dir.file("before"), toPath: f.dataDirectory)
            try f.plant("session.json", "{")
            _ = try f.lazyAccount().status()
            let david = try SyncEngine(account: f.account, session: try HeldOutboxTests.davidLogsIn(f.account))
            #expect(david.snapshot.children.isEmpty && !david.snapshot.isRead(opened.ref))
        }
    }
}

extension DamagedSessionBrokenSchoolTests {
    /// A login again after a damaged session while one of her schools'
    /// contacts file cannot be read: that school is left out of the login,
    /// not thrown away. Tom stays on the device from her last good copy, with
    /// the school's trouble said; nothing says the school "no longer holds"
    /// her details. Mended, its record joins and it syncs as ever. (Its model
    /// was deleted at the first sync, with "no longer holds these details".)
    @Test func aSchoolUnreadableAtALoginAgainKeepsItsLastGoodCopy() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            try f.setPIN()
            let first = try f.engine()
            try first.sync()
            #expect(first.snapshot.children.contains { $0.ref == F.tom })
            try f.plant("session.json", "{")
            _ = try f.lazyAccount().status()
            let contacts = "\(f.store)/schools/riverside-primary/contacts.json"
            let whole = try Data(contentsOf: URL(fileURLWithPath: contacts))
            try whole.prefix(300).write(to: URL(fileURLWithPath: contacts))
            let session = try HeldOutboxTests.lizLogsIn(f.account)
            #expect(session.unchecked == ["riverside-primary"] && session.schools.map(\.school) == ["green-abbey"])
            let engine = try SyncEngine(account: f.account, session: session)
            let report = try engine.sync()
            #expect(engine.snapshot.children.contains { $0.ref == F.tom }, "\(engine.snapshot.children.map(\.ref))")
            #expect(engine.snapshot.trouble(school: "riverside-primary")?.file?.hasSuffix("contacts.json") == true)
            #expect(report.identity.schoolsRemoved.isEmpty)
            #expect(!engine.snapshot.identityNotices.contains { $0.text.contains("no longer holds") })
            try engine.sync()
            #expect(engine.snapshot.children.contains { $0.ref == F.tom }, "and at the next sync")
            // Mended: its record joins, and the school syncs as ever.
            try whole.write(to: URL(fileURLWithPath: contacts))
            f.clock.advance(by: 60)
            try engine.sync()
            #expect(
                engine.session.schools.map(\.school).contains("riverside-primary") && engine.session.unchecked.isEmpty)
            #expect(engine.snapshot.children.contains { $0.ref == F.tom })
            #expect(engine.snapshot.trouble(school: "riverside-primary") == nil)
        }
    }

    /// The model taken up by the same parent's new login, and its manifest
    /// lost later: its parts, written before that login, are still read
    /// back as this session's (they were taken for another session's by
    /// their time, and what the parent had read went: an audit).
    @Test func aTakenUpModelsPartsAreThisSessionsWhenTheManifestGoes() throws {
        try withTestDirectory { dir in
            let f = try F(in: dir)
            try f.setPIN()
            let first = try f.engine()
            try first.sync()
            let opened = try #require(first.snapshot.timeline().first { !first.snapshot.isRead($0.ref) })
            try first.markRead(opened.ref)
            try f.plant("session.json", "{")
            _ = try f.lazyAccount().status()
            // The new login a minute after the parts were written, on the real clock.
            let model = "\(f.dataDirectory)/model"
            for name in try FileManager.default.contentsOfDirectory(atPath: model) {
                try FileManager.default.setAttributes(
                    [.modificationDate: Date().addingTimeInterval(-60)], ofItemAtPath: "\(model)/\(name)")
            }
            f.clock.set(Date())
            let session = try HeldOutboxTests.lizLogsIn(f.account)
            #expect(try SyncEngine(account: f.account, session: session).snapshot.isRead(opened.ref))
            try FileManager.default.removeItem(atPath: "\(f.dataDirectory)/model/manifest.json")
            let again = try SyncEngine(account: f.account, session: session)
            #expect(again.snapshot.isRead(opened.ref), "what she read is kept")
            #expect(again.snapshot.children.contains { $0.ref == F.tom })
        }
    }
}

/// Two files set aside under one name in the same second (a crash between
/// copying a damaged session and removing it, then the next start): the
/// second gets "-2" after the time, before the extension, and its time is
/// still read from its name (it was `session.<time>.json-2`).
@Suite struct DamagedNameTests {
    @Test func aSecondOneInTheSameSecondIsNumberedBeforeTheExtension() throws {
        try withTestDirectory { dir in
            let data = dir.file("data")
            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
            let damaged = DamagedFiles(dataDirectory: data, files: PosixFileLayer())
            let at = Timestamp.parse("2026-12-01T03:39:20Z")!
            var names: [String] = []
            for text in ["{", "{{"] {
                try text.write(toFile: "\(data)/session.json", atomically: true, encoding: .utf8)
                names.append(try #require(try damaged.setAside("\(data)/session.json", as: "session.json", at: at)))
            }
            #expect(names == ["session.20261201T033920Z.json", "session.20261201T033920Z-2.json"])
            #expect(names.map { DamagedFiles.time(in: $0) } == ["20261201T033920Z", "20261201T033920Z"])
            try "x".write(toFile: "\(data)/outbox", atomically: true, encoding: .utf8)
            try "y".write(toFile: "\(data)/outbox2", atomically: true, encoding: .utf8)
            let first = try damaged.setAside("\(data)/outbox", as: "outbox", at: at)
            let second = try damaged.setAside("\(data)/outbox2", as: "outbox", at: at)
            #expect([first, second] == ["outbox.20261201T033920Z", "outbox.20261201T033920Z-2"])
        }
    }
}
