import Foundation
import SchoolStore
import TestSupport
import Testing

/// The school's side as a presenter and support staff use it: a mistyped
/// audience is refused and names the real ones, nothing written leaves the
/// store invalid, and the inbox says who wrote about whom.
@Suite struct SchoolSideTests {
    let store: String = {
        let dir = NSTemporaryDirectory() + "xpressions-school-\(UUID().uuidString)"
        AppHarness.shell(["cp", "-a", AppHarness.template, dir])
        return dir
    }()

    func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let r = try XpressionsBinary.run(arguments)
        return (r.status, r.output, r.errors)
    }

    func send(_ to: String, subject: String = "Coach delayed") throws -> (status: Int32, out: String, err: String) {
        try run([
            "school", "send", "--store", store, "--school", "green-abbey", "--to", to, "--subject", subject, "--body",
            "Back at 4.30pm.",
            "--now", "2026-03-18T10:42:00Z",
        ])
    }

    /// The fault test's case: Riverside's students file broken stopped the
    /// presenter sending from Green Abbey ("the store is invalid", 65).
    @Test func anotherSchoolsProblemDoesNotStopTheSchoolSide() throws {
        try "[{\"id\": ".write(
            toFile: "\(store)/schools/riverside-primary/students.json", atomically: true, encoding: .utf8)
        let sent = try send("school")
        #expect(sent.status == 0, "\(sent.err)")
        #expect(sent.err.contains("riverside-primary has") && sent.err.contains("this works on green-abbey alone"))
        // Counted as validate counts (its "checks skipped" line is no problem: it said 2 for validate's 1).
        let validated = try run(["store", "validate", store])
        #expect(validated.err.contains("1 problem"), "\(validated.err)")
        #expect(sent.err.contains("riverside-primary has 1 problem "), "\(sent.err)")
        let inbox = try run(["school", "inbox", "--store", store, "--school", "green-abbey"])
        #expect(inbox.status == 0)
        // The broken school itself is still the store's problem.
        let broken = try run(["school", "inbox", "--store", store, "--school", "riverside-primary"])
        #expect(broken.status == 65 && broken.err.contains("riverside-primary/students.json"))
        // A mistyped school is the presenter's mistake (64), naming the
        // schools, whatever another school's state (it was 65, naming none).
        for verb in [["send", "--to", "school", "--subject", "T", "--body", "B"], ["inbox"]] {
            let typo = try run(["school", verb[0], "--store", store, "--school", "green-abby"] + verb.dropFirst())
            #expect(typo.status == 64, "\(typo.err)")
            #expect(
                typo.err.contains(
                    "no school 'green-abby' in \(store); did you mean green-abbey? (schools: green-abbey, riverside-primary)"
                ),
                "\(typo.err)")
        }
    }

    @Test(arguments: [
        ("year-12", "there is no Year 12 at Green Abbey School in 2025-26"),
        ("group-9Z", "there is no registration group 9Z at Green Abbey School in 2025-26"),
        ("student-GA-NOBODY", "there is no student GA-NOBODY at Green Abbey School"),
    ])
    func aMistypedAudienceIsRefusedAndTheStoreStaysValid(_ to: String, _ why: String) throws {
        let r = try send(to)
        #expect(r.status == 64)
        #expect(r.err.contains(why))
        #expect(
            r.err.contains("--to takes school, year-7, year-8, year-9, year-10, year-11, group-7A, group-7B, group-8A"))
        #expect(try run(["store", "validate", store]).status == 0)
    }

    /// Reception's group comes first, as year-0 does (group-RA came after
    /// group-6A).
    @Test func receptionsGroupIsListedFirst() throws {
        let r = try run([
            "school", "send", "--store", store, "--school", "riverside-primary", "--to", "group-ZZ", "--subject", "S",
            "--body", "B",
        ])
        #expect(r.status == 64)
        #expect(r.err.contains("year-6, group-RA, group-1A"), "\(r.err)")
    }

    /// A student id in the wrong case, and Reception as year-R, get a hint
    /// (they were refused naming nothing to try).
    @Test func aStudentsIdInTheWrongCaseAndYearRGetAHint() throws {
        let student = try send("student-ga-ben")
        #expect(student.status == 64 && student.err.contains("did you mean student-GA-BEN?"), "\(student.err)")
        let reception = try send("year-R")
        #expect(reception.status == 64 && reception.err.contains("Reception is year-0"), "\(reception.err)")
    }

    /// An option given twice is refused (the last won, without a word: a
    /// presenter's `--to year-9 --to year-10` sent to Year 10 alone).
    @Test func anOptionGivenTwiceIsRefused() throws {
        let r = try run([
            "school", "send", "--store", store, "--school", "green-abbey", "--to", "year-9", "--to", "year-10",
            "--subject", "a", "--body", "x",
        ])
        #expect(r.status == 64)
        #expect(r.err.contains("option --to is given twice: give it once"), "\(r.err)")
        #expect(try run(["school", "inbox", "--store", store, "--school", "green-abbey"]).status == 0)
    }

    /// The demo store's enrolments end in 2025-26: a year or group in a later
    /// academic year has nobody in it by validate's rules (an earlier year's
    /// enrolment does not carry over), so it is refused, naming what there is.
    @Test(arguments: [
        ("2026-09-15", "year-9", "there is no Year 9 at Green Abbey School in 2026-27", "2026-27"),
        ("2030-01-01", "year-9", "there is no Year 9 at Green Abbey School in 2029-30", "2029-30"),
        ("2026-09-15", "group-9A", "there is no registration group 9A at Green Abbey School in 2026-27", "2026-27"),
    ])
    func aYearOrGroupWithNobodyEnrolledThatAcademicYearIsRefused(
        _ now: String, _ to: String, _ why: String, _ year: String
    ) throws {
        let r = try run([
            "school", "send", "--store", store, "--school", "green-abbey", "--to", to, "--subject", "Hi", "--body",
            "Hi",
            "--now", now,
        ])
        #expect(r.status == 64, "\(r.out)\(r.err)")
        #expect(!r.out.contains("Sent"))
        #expect(r.err.contains(why), "\(r.err)")
        #expect(
            r.err.contains(
                "(no student is enrolled in any year or group in \(year); the school's enrolments are for 2024-25, 2025-26)"
            ), "\(r.err)")
        // Nobody on roll that year: the whole school is not offered either.
        #expect(r.err.contains("--to takes student-ID"), "\(r.err)")
        #expect(!r.err.contains("Try 'xpressions --help'"), "not a command-line mistake")
        #expect(!FileManager.default.fileExists(atPath: "\(store)/schools/green-abbey/messages/\(year)"))
        let validate = try run(["store", "validate", store])
        #expect(validate.status == 0, "\(validate.out)")
    }

    /// One student can be written to in a later year (the parent's app
    /// reads a shown student's own messages in every year); the whole school
    /// cannot when nobody is enrolled that year: no parent would see it,
    /// though the store stays valid (an auditor's presenter saw "Sent").
    /// Nor can a leaver past the school's leaver persistence.
    @Test func oneStudentCanStillBeSentToInALaterYearButNobodyNoParentSees() throws {
        for (now, to, why) in [
            ("2026-09-15", "school", "no parent at Green Abbey School would see it: no student is on roll in 2026-27"),
            ("2019-01-01", "school", "no parent at Green Abbey School would see it: no student is on roll in 2018-19"),
            (
                "2026-03-18", "student-GA-SEAN",
                "no parent would see it: Seán O'Brien (student GA-SEAN) left on"
            ),
        ] {
            let r = try run([
                "school", "send", "--store", store, "--school", "green-abbey", "--to", to, "--subject", "Hi", "--body",
                "Hi", "--now", now,
            ])
            #expect(r.status == 64 && r.err.contains(why), "\(to) at \(now): \(r.err)")
        }
        for to in ["student-GA-BEN"] {
            let r = try run([
                "school", "send", "--store", store, "--school", "green-abbey", "--to", to, "--subject", "Hi", "--body",
                "Hi", "--now", "2026-09-15",
            ])
            #expect(r.status == 0, "\(to): \(r.err)")
            // Whom it went to, in words (a student was named by id alone).
            #expect(r.out.contains(" to Ben Abbot (student GA-BEN) at "), "\(r.out)")
        }
        let validate = try run(["store", "validate", store])
        #expect(validate.status == 0, "\(validate.out)")
    }

    /// A mistyped --school is a usage mistake (64, as for doctor and audit),
    /// named with the command and the schools there are; never "the store
    /// is invalid" (65).
    @Test(arguments: ["send", "inbox", "absences", "acknowledge"])
    func anUnknownSchoolIsAUsageMistake(_ verb: String) throws {
        var arguments = ["school", verb, "--store", store, "--school", "green-abby"]
        if verb == "send" { arguments += ["--to", "school", "--subject", "Hi", "--body", "Hi"] }
        if verb == "acknowledge" { arguments.append("x1234") }
        let r = try run(arguments)
        #expect(r.status == 64, "\(r.err)")
        #expect(
            r.err.hasPrefix(
                "xpressions: school \(verb): no school 'green-abby' in \(store); did you mean green-abbey? (schools: green-abbey, riverside-primary)"
            ),
            "\(r.err)")
    }

    /// A group typed in the wrong case gets a did-you-mean; a subject of
    /// two lines is refused (it is one line wherever it is shown).
    @Test func aGroupInTheWrongCaseAndASubjectOfTwoLines() throws {
        let group = try send("group-9a")
        #expect(group.status == 64 && group.err.contains("(did you mean group-9A?)"), "\(group.err)")
        // Not "…9A?; --to takes", and the groups in the order people read them (10A came before 7A).
        #expect(!group.err.contains("?;"), "\(group.err)")
        if let at7 = group.err.range(of: "group-7A"), let at10 = group.err.range(of: "group-10A") {
            #expect(at7.lowerBound < at10.lowerBound, "\(group.err)")
        }
        let twoLines = try send("school", subject: "two\nlines")
        #expect(twoLines.status == 64 && twoLines.err.contains("--subject must be one line"), "\(twoLines.err)")
        // An escape or a tab too, as for --sender (the ESC was stored and the
        // parent read "esc[31mred").
        for subject in ["esc\u{1B}[31mred", "tab\there"] {
            let refused = try send("school", subject: subject)
            #expect(refused.status == 64 && refused.err.contains("without control characters"), "\(refused.err)")
        }
        let sender = try run([
            "school", "send", "--store", store, "--school", "green-abbey", "--to", "school", "--subject", "Hi",
            "--body", "Hi", "--sender", "Mrs Okafor\n  ✓ read", "--now", "2026-03-18T10:42:00Z",
        ])
        #expect(sender.status == 64 && sender.err.contains("--sender must be one line"), "\(sender.err)")
        #expect(try run(["store", "validate", store]).status == 0)
    }

    @Test func anEmptySubjectIsRefusedBeforeAnythingIsWritten() throws {
        let r = try send("year-9", subject: "")
        #expect(r.status == 64 && r.err.contains("must not be empty (subject)"))
        #expect(try run(["store", "validate", store]).status == 0)
    }

    @Test func aGoodSendKeepsTheStoreValid() throws {
        #expect(try send("group-9A").status == 0)
        #expect(try send("student-GA-BEN").status == 0)
        #expect(try run(["store", "validate", store]).status == 0)
    }

    @Test func theInboxSaysWhoWroteAboutWhomNewestFirst() throws {
        let inbox = "\(store)/schools/green-abbey/inbox"
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        try """
        {"key": "x1", "contacts": ["GA-C-LIZ"], "students": ["GA-BEN"], "topic": "Absence", "body": "Ben is ill today. Is there homework?", "createdAt": "2026-03-18T08:10:00Z"}
        """.write(toFile: "\(inbox)/x1.json", atomically: true, encoding: .utf8)
        try """
        {"key": "x2", "contacts": ["GA-C-LIZ"], "students": ["GA-BEN"], "topic": "Re: Ben's Year 9 options interview", "body": "10:40 is fine.", "inReplyTo": "GA-DEMO-2", "createdAt": "2026-03-18T09:00:00Z"}
        """.write(toFile: "\(inbox)/x2.json", atomically: true, encoding: .utf8)
        // A reply on a topic of its own (another client's): both are said.
        try """
        {"key": "x3", "contacts": ["GA-C-LIZ"], "students": ["GA-BEN"], "topic": "Uniform", "body": "Which blazer?", "inReplyTo": "GA-DEMO-2", "createdAt": "2026-03-18T07:00:00Z"}
        """.write(toFile: "\(inbox)/x3.json", atomically: true, encoding: .utf8)
        // Sent for two records of one person: named once ("Mrs Liz Abbot, Mrs Liz Abbot").
        try """
        {"key": "x4", "contacts": ["GA-C-LIZ", "GA-C-LIZ"], "students": ["GA-BEN"], "topic": "Trips", "body": "Coach?", "createdAt": "2026-03-18T06:00:00Z"}
        """.write(toFile: "\(inbox)/x4.json", atomically: true, encoding: .utf8)
        let text = try run(["school", "inbox", "--store", store, "--school", "green-abbey"])
        let lines = text.out.split(separator: "\n").map(String.init)
        #expect(
            lines.first
                == "2026-03-18T09:00:00Z  Mrs Liz Abbot about Ben Abbot (9A) — re: Ben's Year 9 options interview")
        #expect(lines.contains("2026-03-18T08:10:00Z  Mrs Liz Abbot about Ben Abbot (9A) — topic Absence"))
        #expect(
            lines.contains(
                "2026-03-18T07:00:00Z  Mrs Liz Abbot about Ben Abbot (9A) — topic Uniform — re: Ben's Year 9 options interview"
            ))
        let json = try run(["school", "inbox", "--store", store, "--school", "green-abbey", "--json"])
        let parsed = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: Any]]
        #expect(lines.contains("2026-03-18T06:00:00Z  Mrs Liz Abbot about Ben Abbot (9A) — topic Trips"), "\(lines)")
        #expect(parsed?.map { $0["key"] as? String } == ["x2", "x1", "x3", "x4"])
        #expect(
            (parsed?.first?["inReplyTo"] as? [String: Any])?["subject"] as? String == "Ben's Year 9 options interview")
        #expect(((parsed?[1]["about"] as? [[String: Any]])?.first?["name"] as? String) == "Ben Abbot (9A)")
    }

    /// One bad record a parent's device (or another client) wrote in the
    /// inbox hid every report from the office ("the store is invalid", 65
    /// for inbox, absences, send and acknowledge): it is named, the rest is
    /// listed, and a record that cannot be read at all makes the listing
    /// exit 1.
    @Test func oneBadParentRecordDoesNotBlindTheOffice() throws {
        let inbox = "\(store)/schools/green-abbey/inbox"
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        try """
        {"key": "x1", "contacts": ["GA-C-LIZ"], "students": ["GA-BEN"], "topic": "Absence", "body": "Ben is ill today.", "createdAt": "2026-03-18T08:10:00Z"}
        """.write(toFile: "\(inbox)/x1.json", atomically: true, encoding: .utf8)
        // A record the validator refuses (its key is not its file's name),
        // in a store not validated since (no remembered validation)...
        try """
        {"key": "x9", "contacts": ["GA-C-LIZ"], "students": ["GA-BEN"], "topic": "Absence", "body": "Who?", "createdAt": "2026-03-18T08:20:00Z"}
        """.write(toFile: "\(inbox)/x2.json", atomically: true, encoding: .utf8)
        try? FileManager.default.removeItem(atPath: "\(store)/.index/validated")
        let listed = try run(["school", "inbox", "--store", store, "--school", "green-abbey"])
        #expect(listed.status == 0, "\(listed.err)")
        #expect(listed.out.contains("Ben is ill today."))
        #expect(listed.err.contains("inbox/x2.json") && listed.err.contains("the school side goes on"))
        #expect(try send("school").status == 0)
        // ... and a record cut short: named, left out, exit 1.
        try "{\"key\": \"x3\", ".write(toFile: "\(inbox)/x3.json", atomically: true, encoding: .utf8)
        let partial = try run(["school", "inbox", "--store", store, "--school", "green-abbey"])
        #expect(partial.status == 1, "\(partial.err)")
        #expect(partial.out.contains("Ben is ill today."))
        #expect(partial.err.contains("inbox/x3.json") && partial.err.contains("1 file could not be read"))
        // Each problem said once (it was printed twice, and counted as two records).
        let lines = partial.err.split(separator: "\n").filter { $0.contains("inbox/x3.json") }
        #expect(lines.count == Set(lines).count, "\(partial.err)")
        let absences = try run(["school", "absences", "--store", store, "--school", "green-abbey"])
        #expect(absences.status == 1 && absences.err.contains("could not be read"), "\(absences.err)")
    }

    /// A --data-dir where nothing is yet is made, with its demo store (a
    /// presenter may send before the app first opens there), and said: a
    /// typo made one silently.
    @Test func aDataDirectoryMadeBySchoolSendIsSaid() throws {
        let typo = NSTemporaryDirectory() + "xpressions-typo-\(UUID().uuidString)"
        let r = try run([
            "school", "send", "--data-dir", typo, "--school", "green-abbey", "--to", "school", "--subject", "Hi",
            "--body", "Hello",
        ])
        defer { try? FileManager.default.removeItem(atPath: typo) }
        #expect(r.status == 0, "\(r.err)")
        #expect(r.err.contains("--data-dir \(typo) did not exist: made, with a copy of the demo store"))
    }

    /// An acknowledgement stamped later than the store's clock has not
    /// happened yet: `school absences` says it is still to come (it said
    /// "Acknowledged at" and `"acknowledged": true` while the app, the
    /// digest and a sync all said waiting), and acknowledging again says so.
    @Test func anAcknowledgementStillToComeIsSaidSoByTheSchoolSide() throws {
        let zone = SchoolTimeZone(identifier: "Europe/London")!
        let day = CivilDate(parsing: "2026-03-19")!
        let report = AbsenceReport(
            student: "GA-BEN", from: day, to: day, part: .am, sessions: [AbsenceSession(date: day, session: .am)],
            reason: .illness)
        let writer = StoreWriter(root: store, files: PosixFileLayer())
        let key = "xfeed0000000000000000000000000001"
        _ = try writer.deliver(
            InboxItem(
                key: key, contacts: ["GA-C-LIZ"], students: ["GA-BEN"], topic: AbsenceReport.topic,
                body: "Ben is absent", createdAt: Timestamp.parse("2026-03-18T07:00:00Z")!, absence: report),
            school: "green-abbey", zone: zone)
        let ahead = try run([
            "school", "acknowledge", "--store", store, "--school", "green-abbey", "xfeed", "--now",
            "2026-03-31T08:12:00Z",
        ])
        #expect(ahead.status == 0 && ahead.out.contains("still to come"), "\(ahead.out) \(ahead.err)")
        let listed = try run(["school", "absences", "--store", store, "--school", "green-abbey"])
        #expect(listed.out.contains("Acknowledged for 2026-03-31T09:12:00+01:00, still to come"), "\(listed.out)")
        #expect(!listed.out.contains("    Acknowledged at"), "\(listed.out)")
        let json = try run(["school", "absences", "--store", store, "--school", "green-abbey", "--json"])
        #expect(json.out.contains("\"acknowledged\": false") && json.out.contains("2026-03-31T"), "\(json.out)")
        let again = try run(["school", "acknowledge", "--store", store, "--school", "green-abbey", "xfeed"])
        #expect(again.out.contains("Already acknowledged at") && again.out.contains("still to come"), "\(again.out)")
        // From its time on, it is done.
        let later = try run([
            "school", "absences", "--store", store, "--school", "green-abbey", "--now", "2026-03-31T09:00:00Z",
        ])
        #expect(later.out.contains("    Acknowledged at 2026-03-31T09:12:00+01:00."), "\(later.out)")
    }

    /// A report from a parent the school holds twice (a duplicate record,
    /// one name) names them once ("Reported by Mrs Liz Abbot, Mrs Liz
    /// Abbot" before).
    @Test func aParentsDuplicateRecordsAreNamedOnceAsTheReporter() throws {
        let contacts = "\(store)/schools/green-abbey/contacts.json"
        var records = try JSONParser.parseArray(Array(try Data(contentsOf: URL(fileURLWithPath: contacts)))).values
        let liz = try #require(records.first { $0["id"] == .string("GA-C-LIZ") })
        guard case .object(var members) = liz else { return }
        members = members.map { $0.0 == "id" ? ("id", .string("GA-C-LIZ-DUP")) : $0 }
        records.append(.object(members))
        try Data(JSONWriter().writeRecords(records)).write(to: URL(fileURLWithPath: contacts), options: .atomic)
        let day = CivilDate(parsing: "2026-03-19")!
        let report = AbsenceReport(
            student: "GA-BEN", from: day, to: day, part: .am, sessions: [AbsenceSession(date: day, session: .am)],
            reason: .illness)
        _ = try StoreWriter(root: store, files: PosixFileLayer()).deliver(
            InboxItem(
                key: "xdup00000000000000000000000000001", contacts: ["GA-C-LIZ", "GA-C-LIZ-DUP"], students: ["GA-BEN"],
                topic: AbsenceReport.topic, body: "Ben is absent", createdAt: Timestamp.parse("2026-03-18T07:00:00Z")!,
                absence: report),
            school: "green-abbey", zone: SchoolTimeZone(identifier: "Europe/London")!)
        let listed = try run(["school", "absences", "--store", store, "--school", "green-abbey"])
        #expect(listed.out.contains("    Reported by Mrs Liz Abbot at "), "\(listed.out) \(listed.err)")
    }
}
