import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// Issue 15: `doctor --data-dir D` says whether the login session in D
/// would still be valid against the store, record by record, and changes
/// nothing in D; `doctor --email --mobile` says when the store's login
/// attempt count refuses that email (on the real time, whatever `--now`).
@Suite struct DoctorSessionCheckTests {
    static func doctor(_ f: SyncFixture, _ extra: [String] = []) throws -> XpressionsBinary.Run {
        try XpressionsBinary.run(
            ["doctor", "--store", f.store, "--data-dir", f.dataDirectory, "--now", "2026-03-18T10:42:00Z"] + extra)
    }

    /// A broken file in a school the session has nothing to do with does
    /// not stop the answer (it was exit 65, "the store is invalid", when
    /// support needed the answer): the problems are listed on stderr and the
    /// session's own records are checked, as a sync does school by school.
    @Test func aProblemElsewhereInTheStoreDoesNotStopTheAnswer() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            try f.engine().sync()
            try f.overwrite("schools/green-abbey/messages/2025-26/group-7B.json", with: "[{")
            let r = try Self.doctor(f)
            #expect(r.status == 0, "\(r.errors)")
            #expect(r.output.hasSuffix("Result: still valid: every record still holds the details used at login.\n"))
            #expect(r.errors.contains("schools/green-abbey/messages/2025-26/group-7B.json: malformed JSON"))
            #expect(r.errors.contains("the answer reads only the session's own records"))
        }
    }

    /// The session's own school's contacts file broken: its record cannot
    /// be checked, said once (the record check and the login lookup both
    /// met it, and it was printed twice).
    @Test func aBrokenContactsFileIsSaidOnce() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            try f.engine().sync()
            try f.overwrite(StoreLayout.contactsFile("green-abbey"), with: "{broken")
            let r = try Self.doctor(f)
            let said = r.output.split(separator: "\n").filter {
                $0.hasPrefix("problem: schools/green-abbey/contacts.json")
            }
            #expect(said.count == 1, "\(r.output)")
        }
    }

    @Test func aSessionWhoseRecordsStillMatchIsValid() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            try f.engine().sync()
            let before = DoctorDataDirectoryTests.listing(f.dataDirectory)
            let r = try Self.doctor(f)
            #expect(r.status == 0, "\(r.errors)")
            #expect(
                r.output.hasPrefix(
                    "Store: \(f.store) (given with --store)\n\nThe login in \(f.dataDirectory) (session \(f.session.id)), checked against the store at 2026-03-18T10:42:00Z:"
                ))
            #expect(
                r.output.contains(
                    "Green Abbey School (green-abbey)\n  ✓ Contact GA-C-LIZ, Mrs Liz Abbot: still holds the email and the mobile used at login"
                ))
            #expect(
                r.output.contains(
                    "Riverside Primary School (riverside-primary)\n  ✓ Contact RP-C-LIZ, Ms Liz Abbot: still holds the email and the mobile used at login"
                ))
            #expect(r.output.hasSuffix("Result: still valid: every record still holds the details used at login.\n"))
            for secret in ["liz.abbot@", "07700", "100001"] { #expect(!r.output.contains(secret)) }

            let mine = try Self.doctor(f, ["--email", "liz.abbot@example.com", "--mobile", "+44 7700 100001"])
            #expect(mine.output.contains("  ✓ it was made with the email and mobile given"))
            let david = try Self.doctor(f, ["--email", "david.abbot@example.com", "--mobile", "07700 100011"])
            #expect(david.output.contains("  ✗ it was not made with the email and mobile given"))
            #expect(david.status == 0)  // the session itself is still valid
            let half = try XpressionsBinary.run([
                "doctor", "--store", f.store, "--data-dir", f.dataDirectory, "--email", "liz.abbot@example.com",
            ])
            #expect(half.status == 64 && half.errors.contains("give --email and --mobile together, or neither"))

            let json = try Self.doctor(f, ["--json"])
            let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
            #expect(
                parsed["valid"] as? Bool == true && parsed["session"] as? String == "present"
                    && parsed["mode"] as? String == "full")
            let records = try #require(parsed["records"] as? [[String: Any]])
            #expect(records.map { $0["contact"] as? String } == ["GA-C-LIZ", "RP-C-LIZ"])
            #expect(records.allSatisfy { $0["state"] as? String == "matches" })
            #expect(DoctorDataDirectoryTests.listing(f.dataDirectory) == before)  // read-only
        }
    }

    @Test func itSaysWhichRecordsNoLongerMatchAndWhatTheNextSyncWouldDo() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            try f.engine().sync()
            try f.editRecords(StoreLayout.contactsFile("green-abbey")) { records in
                let liz = records.first { $0["id"] == .string("GA-C-LIZ") }!
                records.append(liz.setting("id", .string("GA-C-LIZ-2")))
                for i in records.indices where records[i]["id"] == .string("GA-C-LIZ") {
                    records[i] = records[i].setting(
                        "phones", .array([.object([("number", .string("07700 100001")), ("type", .string("home"))])]))
                }
            }
            let before = DoctorDataDirectoryTests.listing(f.dataDirectory)
            let r = try Self.doctor(f)
            #expect(r.status == 0, "\(r.errors)")
            #expect(
                r.output.contains(
                    "  ✗ Contact GA-C-LIZ, Mrs Liz Abbot: the mobile number used at login is now typed Home in the MIS, not Mobile"
                ))
            #expect(r.output.contains("  + Contact GA-C-LIZ-2, Mrs Liz Abbot at Green Abbey School (green-abbey)"))
            #expect(
                r.output.contains(
                    // One record in place of the other at one school: said as
                    // such (it read as children removed, for a renumber).
                    "Result: still valid; the next sync takes GA-C-LIZ-2 at Green Abbey School in place of GA-C-LIZ (the children both link stay; only a child it alone linked goes)."
                ))
            #expect(DoctorDataDirectoryTests.listing(f.dataDirectory) == before)
            #expect(try f.account.loadSession()?.schools == f.session.schools)  // nothing applied

            // Riverside's record changes its email too, and the duplicate goes: nothing holds her details.
            try f.editRecords(StoreLayout.contactsFile("green-abbey")) {
                $0.removeAll { $0["id"] == .string("GA-C-LIZ-2") }
            }
            try f.editRecords(StoreLayout.contactsFile("riverside-primary")) { records in
                for i in records.indices where records[i]["id"] == .string("RP-C-LIZ") {
                    records[i] = records[i].setting("emails", .array([.string("someone.else@example.com")]))
                }
            }
            let ended = try Self.doctor(f)
            #expect(ended.status == 1)
            #expect(
                ended.output.contains(
                    "  ✗ Contact RP-C-LIZ, Ms Liz Abbot: it no longer holds the email address used at login"))
            #expect(
                ended.output.contains(
                    "Result: no longer valid: no record holds the details used at login, so the next sync ends it (\"Your schools' details for you have changed. Please log in again.\")"
                ))
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(try Self.doctor(f, ["--json"]).output.utf8))
                    as? [String: Any])
            #expect(json["valid"] as? Bool == false && json["endsSession"] as? Bool == true)
            #expect(DoctorDataDirectoryTests.listing(f.dataDirectory) == before)
        }
    }

    /// A record holding the details in values that cannot be read (two
    /// emails in one field, a note after the number): with the email and
    /// mobile given, said as the login doctor says it, never "no longer
    /// holds", which read as a different value.
    @Test func aValueThatCannotBeReadIsSaidAsSuch() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            try f.engine().sync()
            try f.editRecords(StoreLayout.contactsFile("green-abbey")) { records in
                for i in records.indices where records[i]["id"] == .string("GA-C-LIZ") {
                    records[i] = records[i].setting(
                        "emails", .array([.string("liz.abbot@example.com; liz@work.example.com")])
                    ).setting(
                        "phones",
                        .array([.object([("number", .string("07700 100001 (mum)")), ("type", .string("mobile"))])]))
                }
            }
            let r = try Self.doctor(f, ["--email", "liz.abbot@example.com", "--mobile", "07700 100001"])
            #expect(
                r.output.contains(
                    "  ✗ Contact GA-C-LIZ, Mrs Liz Abbot: it holds \"liz.abbot@example.com; liz@work.example.com\", which can't be read as an email address (it contains spaces); it holds \"07700 100001 (mum)\" (typed Mobile), which can't be read as a phone number"
                ), "\(r.output)")
            // --redact masks them, for a ticket (it was taken and ignored).
            let masked = try Self.doctor(
                f, ["--email", "liz.abbot@example.com", "--mobile", "07700 100001", "--redact"])
            #expect(!masked.output.contains("07700 100001 (mum)") && !masked.output.contains("liz@work.example.com"))
            #expect(masked.output.contains("which can't be read as a phone number"), "\(masked.output)")
            // Without the email and mobile, the data directory alone: the
            // values as held all the same.
            let alone = try Self.doctor(f, [])
            #expect(alone.output.contains("\"07700 100001 (mum)\""), "\(alone.output)")
            #expect(!(try Self.doctor(f, ["--redact"]).output.contains("07700 100001 (mum)")))
        }
    }

    /// Against a store holding none of the session's schools (the wrong
    /// --store), nothing can be checked: no answer, never "still valid".
    @Test func nothingCheckedIsNoAnswerNotValid() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            try f.engine().sync()
            for school in ["green-abbey", "riverside-primary"] {
                try FileManager.default.moveItem(
                    atPath: "\(f.store)/schools/\(school)", toPath: dir.file("away-\(school)"))
            }
            let r = try Self.doctor(f)
            #expect(r.status == 1, "\(r.output)")
            #expect(r.output.contains("Result: cannot be told: none of the login's records could be checked"))
            #expect(!r.output.contains("still valid"))
            #expect(try Self.doctor(f, ["--json"]).output.contains("\"result\": \"cannot be told\""))
        }
    }

    /// The whole store away (the support engineer's copy not where they
    /// said, or the school's server down): the answer still says what the
    /// data directory holds, unchecked, on standard output (it printed
    /// nothing there), and the store's problem once on standard error.
    @Test func theStoreAwayIsToldNotSilent() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            try f.engine().sync()
            try FileManager.default.moveItem(atPath: f.store, toPath: dir.file("away"))
            let r = try Self.doctor(f)
            #expect(r.status == 65)
            #expect(
                r.output.contains(
                    "The login in \(f.dataDirectory) (session \(f.session.id)) could not be checked: the store at \(f.store) cannot be read ("
                ), "\(r.output)")
            #expect(r.output.hasSuffix("Result: cannot be told until the store can be read.\n"))
            #expect(r.errors.components(separatedBy: "not a directory").count == 2, "said once: \(r.errors)")
            let json = try Self.doctor(f, ["--json"])
            #expect(json.status == 65)
            #expect(json.output.contains("\"result\": \"cannot be told\""))
            #expect(json.output.contains("\"storeProblem\": "))
        }
    }

    /// A login a sync ended: doctor says so, with what the parent was told.
    @Test func aLoginASyncEndedIsExplained() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            let session = try #require(try f.account.loadSession())
            try f.account.endSession(session, because: ParentAccount.detailsChangedText, heldReason: "test")
            let r = try Self.doctor(f)
            #expect(r.status == 1)
            #expect(r.output.contains("Nobody is logged in with data in"))
            #expect(r.output.contains("The last login there was ended by a sync at "))
            #expect(r.output.contains(ParentAccount.detailsChangedText))
            let json = try Self.doctor(f, ["--json"])
            #expect(json.output.contains("\"ended\""))
        }
    }

    @Test func anEmptyDataDirectoryOrAnEarlierLoginSaysSo() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            // A directory that is not there is a mistyped path, not an empty one.
            let missing = try XpressionsBinary.run(["doctor", "--store", f.store, "--data-dir", dir.file("nobody")])
            #expect(
                missing.status == 64 && missing.errors.contains("--data-dir \(dir.file("nobody")): no such directory"))
            try FileManager.default.createDirectory(atPath: dir.file("nobody"), withIntermediateDirectories: false)
            let none = try XpressionsBinary.run(["doctor", "--store", f.store, "--data-dir", dir.file("nobody")])
            #expect(none.status == 1 && none.output.contains("Nobody is logged in with data in"))
            var legacy = try #require(try f.account.loadSession())
            legacy.mobileDigest = nil
            try f.account.save(legacy)
            let r = try Self.doctor(f)
            #expect(r.status == 0)
            #expect(
                r.output.contains(
                    "This login was made before the re-check (it keeps no digest of the mobile): it is checked by email only, and no record can join it."
                ))
            // Each record's line claims only what was checked (it said the
            // mobile still matched, unchecked).
            #expect(r.output.contains(": still holds the email used at login (the mobile cannot be checked)"))
            #expect(!r.output.contains("still holds the email and the mobile"))
            try FileManager.default.removeItem(atPath: "\(f.dataDirectory)/install.key")
            let keyless = try Self.doctor(f)
            #expect(keyless.status == 1)
            #expect(keyless.output.contains("install.key is missing from \(f.dataDirectory)"))
            #expect(
                keyless.output.contains(
                    "Result: no longer valid: the next sync ends it (\"\(IdentityRecheck.keyMissingText)\")."))
            #expect(!FileManager.default.fileExists(atPath: "\(f.dataDirectory)/install.key"))  // never made by doctor
            // Damaged (5 bytes): the next sync sets it aside, makes a new one
            // and says the key was replaced; doctor predicts those words
            // (it gave the missing key's).
            try Data([1, 2, 3, 4, 5]).write(to: URL(fileURLWithPath: "\(f.dataDirectory)/install.key"))
            let damaged = try Self.doctor(f)
            #expect(
                damaged.output.contains(
                    "Result: no longer valid: the next sync ends it (\"\(IdentityRecheck.keyReplacedText)\")."),
                "\(damaged.output)")
            let synced = try SyncCommandTests.sync(f)
            #expect(synced.output.contains(IdentityRecheck.keyReplacedText), "\(synced.output)")
        }
    }

    @Test func doctorSaysWhenTheStoreRefusesAnEmailOnTheRealTime() throws {
        try withTestDirectory { dir in
            let store = try DemoStoreCopy.copy(into: dir)
            var settings = CoreSettings()
            settings.pinCost = 1
            let account = ParentAccount(
                storeRoot: store, dataDirectory: dir.file("data"), files: PosixFileLayer(),
                clock: ManualClock(DemoStoreCopy.now), securityClock: SystemClock(), settings: settings)
            func doctor(_ extra: [String] = []) throws -> XpressionsBinary.Run {
                try XpressionsBinary.run(
                    [
                        "doctor", "--store", store, "--email", "liz.abbot@example.com", "--mobile", "07700 100001",
                        "--now", "2026-03-18T10:42:00Z",
                    ] + extra)
            }
            #expect(
                try doctor().output.contains(
                    "Login attempts (the store's count, on the real time, Europe/London): no failed attempts in the last 15 minutes"
                ))
            for _ in 0..<5 {
                _ = try account.logIn(email: "liz.abbot@example.com", mobile: "07700 100001", lastFour: "9999")
            }
            let limiter = try #require(
                StoreAttemptLimiter(store: try FileStore(root: store), files: PosixFileLayer(), clock: SystemClock()))
            let count = try limiter.status(email: "liz.abbot@example.com")
            let until = try #require(count.lockedUntil)
            let london = SchoolTimeZone(identifier: "Europe/London")!
            let r = try doctor()
            // The details are right, but she cannot log in now: 1, as when the
            // count cannot be kept (it was 0 here and 1 there).
            #expect(r.status == 1)
            // (Its day is said when the wait ends on another one: in the last
            // quarter hour before midnight the line said "on Tue 1 Dec at".)
            let again =
                london.civilDate(of: until) == london.civilDate(of: Date())
                ? "at \(london.clockTextRoundedUp(until))"
                : "on \(london.civilDate(of: until).longText) at \(london.clockTextRoundedUp(until))"
            #expect(
                r.output.contains(
                    "Login attempts (the store's count, on the real time, Europe/London): 5 failed attempts since \(london.clockText(count.since!)); can try again \(again)"
                ), "\(r.output)")
            #expect(
                r.output.contains(
                    "Logins with this email are refused until then, on every device, whatever the details."))
            // The verdict says it first: the details are right, but not now.
            #expect(
                r.output.contains(
                    "Result: the details pass every rule, but logins with this email are refused until \(london.clockTextRoundedUp(until)) (too many failed attempts); then the parent can log in"
                ))
            #expect(!r.output.contains("Result: the parent can log in"))
            // ...and still says who they would see (the list was dropped).
            let lines = r.output.split(separator: "\n").map(String.init)
            let result = try #require(lines.firstIndex { $0.hasPrefix("Result: the details pass every rule") })
            #expect(
                lines[result + 1].hasPrefix("  Green Abbey School (") && lines[result + 1].contains("Ben Abbot (9A)"))
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(try doctor(["--json"]).output.utf8)) as? [String: Any])
            let attempts = try #require(json["loginAttempts"] as? [String: Any])
            #expect(attempts["failures"] as? Int == 5 && attempts["lockedUntil"] as? String == Timestamp.format(until))
            #expect(json["canLogIn"] as? Bool == true && json["canLogInNow"] as? Bool == false)
            // Details no record holds (a typo in the MIS), locked out: the
            // count is said there too (it was only in the JSON).
            for _ in 0..<5 {
                _ = try account.logIn(email: "nobody.here@example.com", mobile: "07700 100099", lastFour: "0099")
            }
            let nobody = try XpressionsBinary.run([
                "doctor", "--store", store, "--email", "nobody.here@example.com", "--mobile", "07700 100099",
            ])
            #expect(nobody.output.contains("No contact record in any school holds"), "\(nobody.output)")
            #expect(
                nobody.output.contains("Login attempts (the store's count, on the real time, Europe/London): 5 failed"))

            // The store's count cannot be kept (its folder a file): every
            // login fails, as the app says; doctor said "can log in".
            let folder = "\(store)/login-attempts"
            try FileManager.default.removeItem(atPath: folder)
            try "x".write(toFile: folder, atomically: true, encoding: .utf8)
            let broken = try doctor()
            #expect(broken.status == 1, "\(broken.output)")
            #expect(
                broken.output.contains(
                    "Result: the details pass every rule, but every login fails until the store's count of login attempts is mended (below)"
                ))
            #expect(
                broken.output.contains(
                    "Login attempts: the store cannot count them, so every login fails: login-attempts: "))
            let brokenJSON = try #require(
                try JSONSerialization.jsonObject(with: Data(try doctor(["--json"]).output.utf8)) as? [String: Any])
            #expect(brokenJSON["canLogInNow"] as? Bool == false && brokenJSON["loginAttemptsProblem"] is String)
            try FileManager.default.removeItem(atPath: folder)

            // A store without a secret keeps no count: doctor says so instead of nothing.
            let info = "\(store)/store.json"
            var text = try String(contentsOfFile: info, encoding: .utf8)
            let secret = try #require(text.range(of: #",\s*"secret"\s*:\s*"[0-9a-f]+""#, options: .regularExpression))
            text.removeSubrange(secret)
            try text.write(toFile: info, atomically: true, encoding: .utf8)
            #expect(
                try doctor().output.contains(
                    "Login attempts: not counted by the store (store.json has no secret), so each device limits its own."
                ))
        }
    }
}
