import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// `xpressions digest` in ParentCore: snapshots of the three formats on the
/// demo parent (Liz Abbot) synced at the demo moment, the mail read back
/// (by the mbox tests' reader and Python's `email` when present), the
/// JSON's shape, what each section holds, and `--since`.
@Suite struct DigestTests {
    static let now = DemoStoreCopy.now  // 2026-03-18T10:42:00Z, Wed
    static let session = "snapshot-session"
    static let me = DigestMail.Mailbox(display: nil, address: "me@example.com")

    static func first(_ model: ParentModel, now: Date = DigestTests.now, child: ChildRef? = nil) -> Digest {
        let (since, source) = DigestSince.last.start(now: now, lastDigest: nil)
        return Digest.make(model: model, child: child, since: since, sinceSource: source, now: now)
    }

    /// A mail wrapped as a one-message mbox for ``MboxReader``.
    static func read(_ mail: String) throws -> MboxReader.Message {
        let messages = try MboxReader.parse("From xpressions@localhost Thu Jan  1 00:00:00 1970\n" + mail + "\n")
        try #require(messages.count == 1)
        return messages[0]
    }

    // MARK: - Snapshots

    @Test func snapshotsOfEachFormat() throws {
        try withTestDirectory { dir in
            let (_, model) = try CalendarExportTests.synced(dir)
            let digest = Self.first(model)
            assertSnapshot(DigestText.render(digest), named: "text")
            assertSnapshot(DigestMail.render(digest, to: Self.me, session: Self.session), named: "mail")
            assertSnapshot(DigestJSON.render(digest), named: "json")
            // A week later in the evening, two days back: tomorrow is the last day of term.
            let evening = Timestamp.parse("2026-03-26T18:00:00Z")!
            let later = Digest.make(
                model: model, since: evening.addingTimeInterval(-2 * 86_400), sinceSource: .duration, now: evening)
            assertSnapshot(DigestText.render(later), named: "text-end-of-term")
        }
    }

    // MARK: - Sections

    /// A heading's underline is as wide as the heading shows: 王小明 takes
    /// six columns (it was three dashes short).
    @Test func headingsAreUnderlinedToTheirWidthOnScreen() {
        #expect(DigestText.columns("王小明 (8A), Green Abbey School") == 31)
        #expect(DigestText.columns("Zoë O'Brien, Green Abbey School") == 31)
        #expect(DigestText.columns("Siân 🎒") == 7)
    }

    @Test func theSectionsHoldWhatTheModelHolds() throws {
        try withTestDirectory { dir in
            let (_, model) = try CalendarExportTests.synced(dir)
            let digest = Self.first(model)
            #expect(digest.children.map(\.forename) == ["Ben", "Amy", "Tom"])
            #expect(digest.since == Self.now.addingTimeInterval(-86_400) && digest.sinceSource == .firstDigest)
            for c in digest.children {
                let timeline = model.timeline(TimelineQuery(child: c.ref)).refs.compactMap(model.message)
                let fresh = timeline.filter { $0.sentAt > digest.since && $0.sentAt <= Self.now }
                #expect(c.newMessages.map(\.ref) == fresh.map(\.ref), "\(c.forename): newest first, the window's")
                let homework = timeline.filter {
                    $0.category == .homework && $0.sentAt > Self.now.addingTimeInterval(-7 * 86_400)
                }
                #expect(c.homework.map(\.ref) == homework.map(\.ref))
                #expect(!c.homework.isEmpty, "the demo sets homework for every child")
                #expect(c.absences.isEmpty, "the extension point is empty")
            }
            let ben = digest.children[0]
            let tom = digest.children[2]
            let report = try #require(model.attendance(for: SyncFixture.ben, now: Self.now))
            let attendance = try #require(ben.attendance)
            #expect(attendance.today == CivilDate(parsing: "2026-03-18"))
            #expect(attendance.marks.map(\.date).allSatisfy { $0 == attendance.today })
            #expect(attendance.marks.map(\.session) == [.am], "the morning register only, at 10:42")
            #expect(attendance.week == report.week)
            #expect(ben.tomorrow.lessons?.count == 5 && ben.tomorrow.noLessons == nil)
            #expect(ben.tomorrow.events == [])
            // Tom's school is Core: no attendance, behaviour, achievements, timetable or calendar.
            #expect(tom.attendance == nil && tom.behaviour == nil && tom.achievements == nil)
            #expect(tom.tomorrow.lessons == nil && tom.tomorrow.events == nil)
            #expect(digest.subject == "Xpressions: Ben 4 new and attendance 80%, Amy 2 new")
            // One child.
            let amy = Self.first(model, child: SyncFixture.amy)
            #expect(amy.children.map(\.ref) == [SyncFixture.amy])
            #expect(amy.subject == "Xpressions: Amy 2 new")
        }
    }

    @Test func behaviourAndAchievementsArriveByPublication() throws {
        try withTestDirectory { dir in
            let (_, model) = try CalendarExportTests.synced(dir)
            let part = try #require(model.childPart(SyncFixture.ben))
            let all = (part.behaviour.values.flatMap { $0 } + part.achievements.values.flatMap { $0 }).sorted {
                $0.publishedAt < $1.publishedAt
            }
            let last = try #require(all.last)
            // A window that holds exactly the latest event's publication.
            let digest = Digest.make(
                model: model, child: SyncFixture.ben, since: last.publishedAt.addingTimeInterval(-1),
                sinceSource: .duration,
                now: last.publishedAt)
            let c = digest.children[0]
            #expect(((c.behaviour ?? []) + (c.achievements ?? [])).map(\.id) == [last.id])
            #expect(
                c.headline?.contains(
                    part.behaviour.values.joined().contains { $0.id == last.id } ? "1 behaviour" : "1 achievement")
                    == true)
            let text = DigestText.render(digest)
            #expect(text.contains(last.description))
            // Nothing published in the window: nothing listed.
            let empty = Digest.make(
                model: model, child: SyncFixture.ben, since: last.publishedAt, sinceSource: .duration,
                now: last.publishedAt)
            #expect(empty.children[0].behaviour == [] && empty.children[0].achievements == [])
        }
    }

    @Test func tomorrowOnAWeekendAnINSETDayAndTheLastDayOfTerm() throws {
        try withTestDirectory { dir in
            let (_, model) = try CalendarExportTests.synced(dir)
            func tomorrow(_ at: String) -> DigestChild.Tomorrow {
                Self.first(model, now: Timestamp.parse(at)!, child: SyncFixture.ben).children[0].tomorrow
            }
            let friday = tomorrow("2026-03-20T18:00:00Z")
            #expect(
                friday.date == CivilDate(parsing: "2026-03-21") && friday.lessons == [] && friday.noLessons == "weekend"
            )
            let inset = tomorrow("2026-04-09T18:00:00+01:00")
            #expect(inset.noLessons == "INSET day (school closed to students)" && inset.lessons == [])
            #expect(inset.events?.map(\.id) == ["E2025-012"])
            let easter = tomorrow("2026-04-01T18:00:00+01:00")
            #expect(easter.noLessons == "school holiday")
            // A bank holiday in term: no lessons promised (five were).
            let mayDay = tomorrow("2026-05-03T18:00:00+01:00")
            #expect(mayDay.noLessons == "Early May bank holiday" && mayDay.lessons == [])
            let endOfTerm = tomorrow("2026-03-26T18:00:00Z")
            #expect(endOfTerm.events?.map(\.title) == ["Spring 2026 term ends (early finish)"])
            #expect(endOfTerm.lessons?.isEmpty == false)
            let text = DigestText.render(
                Self.first(model, now: Timestamp.parse("2026-03-20T18:00:00Z")!, child: SyncFixture.ben))
            #expect(text.contains("Tomorrow (Sat 21 Mar):\n  No lessons: weekend.\n"))
            // Today with no school says why, not "No marks yet today" (a
            // register that never comes): a Saturday, a bank holiday, the
            // Easter holidays; a school day still says "yet".
            for (at, says) in [
                ("2026-03-21T18:00:00Z", "No school today: weekend."),
                ("2026-05-04T18:00:00+01:00", "No school today: Early May bank holiday."),
                ("2026-04-01T18:00:00+01:00", "No school today: school holiday."),
                ("2026-03-18T07:00:00Z", "No marks yet today."),
            ] {
                let said = DigestText.render(Self.first(model, now: Timestamp.parse(at)!, child: SyncFixture.ben))
                #expect(said.contains(says), "\(at): \(said)")
            }
        }
    }

    /// Zoë left on 13 Feb: her digest said "No marks yet today" and "no
    /// sessions counted yet", as if she still attended.
    @Test func aLeaversDigestSaysSheLeft() throws {
        try withTestDirectory { dir in
            let (_, model) = try CalendarExportTests.synced(
                dir, email: "siobhan.obrien@example.com", mobile: "07700 100007", lastFour: "0007")
            let zoe = ChildRef(school: "green-abbey", student: "GA-ZOE")
            let digest = Self.first(model, child: zoe)
            #expect(digest.children.first?.attendance?.leftOn == CivilDate(parsing: "2026-02-13"))
            let text = DigestText.render(digest)
            #expect(
                text.contains("Attendance: left school on Fri 13 Feb 2026; no register is taken any more."), "\(text)")
            #expect(!text.contains("No marks yet today"))
            #expect(DigestJSON.render(digest).contains("\"leftOn\": \"2026-02-13\""))
        }
    }

    /// A reported absence shows with where it stands, in the app's words:
    /// waiting, then acknowledged at the school's time.
    @Test func reportedAbsencesShowWhereTheyStand() throws {
        try withTestDirectory { dir in
            let (f, _) = try CalendarExportTests.synced(dir)
            let engine = try f.engine()
            let item = try engine.reportAbsence(AbsenceOutboxTests.draft())
            let ben = SyncFixture.ben
            // Queued, the school has not been told: not "reported" in the
            // subject (it was, while the report waited offline).
            let queued = try #require(Self.first(engine.snapshot).children.first { $0.ref == ben })
            #expect(queued.headline?.contains("1 absence report not sent yet") == true, "\(queued.headline ?? "")")
            #expect(queued.headline?.contains("absence reported") == false)
            try engine.sync()
            var child = try #require(Self.first(engine.snapshot).children.first { $0.ref == ben })
            #expect(
                child.absences.map(\.summary) == ["Wed 18 Mar AM and PM, Thu 19 Mar AM and PM: 4 sessions: Illness"])
            #expect(child.absences.map(\.status) == ["Reported — waiting for the school"])
            // The JSON's data, for scripts: the key, the state and the report as filed.
            #expect(child.absences.map(\.key) == [item.key] && child.absences.map(\.state) == ["reported"])
            #expect(child.absences.first?.report?.sessions.count == 4)
            #expect(child.absences.first?.report?.reason == .illness)
            // Its JSON keeps its keys in the documented order.
            let json = try JSONParser.parse(Array(DigestJSON.render(Self.first(engine.snapshot)).utf8))
            guard case .array(let children)? = json["children"],
                let benJSON = children.first(where: { $0["student"] == .string(ben.student) }),
                case .array(let absences)? = benJSON["absences"], let absence = absences.first
            else {
                Issue.record("no absence in the JSON")
                return
            }
            #expect(Self.keys(absence) == ["summary", "status", "key", "state", "acknowledgedAt", "report"])
            #expect(
                Self.keys(absence["report"]) == [
                    "student", "from", "to", "part", "sessions", "reason", "note", "late",
                ])
            #expect(absence["state"] == .string("reported") && absence["acknowledgedAt"] == .null)
            #expect(DigestText.render(Self.first(engine.snapshot)).contains("Reported — waiting for the school"))
            let zone = try #require(engine.snapshot.school("green-abbey")).zone
            _ = try StoreWriter(root: f.store, files: PosixFileLayer())
                .acknowledge(
                    AbsenceAcknowledgement(report: item.key, acknowledgedAt: Timestamp.parse("2026-03-18T10:50:00Z")!),
                    school: "green-abbey", zone: zone)
            try engine.sync()
            let after = Timestamp.parse("2026-03-18T10:55:00Z")!
            child = try #require(Self.first(engine.snapshot, now: after).children.first { $0.ref == ben })
            #expect(child.absences.map(\.status) == ["Acknowledged by the school at 10:50"])
            #expect(child.headline?.contains("1 absence reported") == true)
            // Looking back (--now): as things stood then: before the
            // acknowledgement, waiting; before the report, none.
            let before = Timestamp.parse("2026-03-18T10:44:00Z")!
            if item.createdAt <= before {
                let then = try #require(Self.first(engine.snapshot, now: before).children.first { $0.ref == ben })
                #expect(then.absences.map(\.status) == ["Reported — waiting for the school"], "\(then.absences)")
            }
            let earlier = item.createdAt.addingTimeInterval(-600)
            #expect(
                try #require(Self.first(engine.snapshot, now: earlier).children.first { $0.ref == ben }).absences
                    .isEmpty)
            #expect(Self.first(engine.snapshot).children.filter { $0.ref != ben }.allSatisfy { $0.absences.isEmpty })
        }
    }

    @Test func firstLinesSkipGreetingsAndAreShortened() {
        #expect(
            Digest.firstLine("Dear Parents and Carers,\n\nThe flu vaccination team visits on Monday.")
                == "The flu vaccination team visits on Monday.")
        #expect(Digest.firstLine("  \n\tHello 9A:\nBring your kit.") == "Bring your kit.")
        #expect(Digest.firstLine("Dear all,") == "Dear all,", "a greeting alone stays")
        #expect(Digest.firstLine("Good news: the trip is on.") == "Good news: the trip is on.")
        #expect(Digest.firstLine("") == "")
        let long = Digest.firstLine(String(repeating: "word ", count: 60))
        #expect(long.count == Digest.firstLineLength && long.hasSuffix("…"))
        // Control characters are seen, never acted on, as in every report (ESC as ^[).
        #expect(Digest.firstLine("tab\there\u{7}bell") == "tab here^Gbell")
        #expect(Digest.firstLine("Body\u{1B}[2J line") == "Body^[[2J line")
        #expect(DigestText.oneLine("Ctl\u{1B}[31mX\nnext") == "Ctl^[[31mX next")
    }

    /// A report without a note still has the "note" key (null), in the
    /// documented order: the shape does not depend on the data.
    @Test func aReportWithoutANoteKeepsTheShape() {
        let report = AbsenceReport(
            student: "GA-BEN", from: HandBuiltModel.date("2026-03-18"), to: HandBuiltModel.date("2026-03-18"),
            part: .both, sessions: [], reason: .medical, note: nil, late: false)
        guard case .object(let pairs) = DigestJSON.report(report) else {
            Issue.record("not an object")
            return
        }
        #expect(pairs.map(\.0) == ["student", "from", "to", "part", "sessions", "reason", "note", "late"])
        #expect(DigestJSON.report(report)["note"] == .null)
    }

    // MARK: - The mail

    @Test func theMailReadsBack() throws {
        try withTestDirectory { dir in
            let (_, model) = try CalendarExportTests.synced(dir)
            let digest = Self.first(model)
            let mail = DigestMail.render(digest, to: Self.me, session: Self.session)
            for secret in ["liz.abbot", "07700", "100001"] { #expect(!mail.contains(secret)) }
            #expect(mail.components(separatedBy: "@example.com").count == 2, "the --to address, once")
            let m = try Self.read(mail)
            #expect(m.header("To") == "me@example.com")
            #expect(m.header("From") == "\"Xpressions\" <xpressions@localhost>")
            #expect(m.header("Subject") == digest.subject)
            #expect(m.header("Date").flatMap(MessageExportTests.rfc5322) == Self.now)
            #expect(m.header("Date") == "Wed, 18 Mar 2026 10:42:00 +0000")
            let id = try #require(m.header("Message-ID"))
            #expect(id.hasPrefix("<xpressions-digest.20260318T104200Z.") && id.hasSuffix("@localhost>"))
            #expect(DigestMail.render(digest, to: Self.me, session: "another") != mail, "another login, another id")
            #expect(m.header("MIME-Version") == "1.0")
            #expect(m.header("Content-Type") == "text/plain; charset=UTF-8")
            #expect(m.header("Content-Transfer-Encoding") == "8bit")
            #expect(m.header("Auto-Submitted") == "auto-generated")
            #expect(m.body == DigestText.render(digest))
            #expect(mail.split(separator: "\n").allSatisfy { $0.utf8.count <= 998 })

            // Another sender, and a named recipient.
            let named = try Self.read(
                DigestMail.render(
                    digest, to: DigestMail.Mailbox(display: "Liz", address: "me@example.com"),
                    from: DigestMail.Mailbox(display: nil, address: "digest@home.example"), session: Self.session))
            #expect(named.header("From") == "digest@home.example")
            #expect(named.header("To") == "\"Liz\" <me@example.com>")
            #expect(named.header("Message-ID")?.hasSuffix("@home.example>") == true)
        }
    }

    /// A child whose name is not ASCII: the subject in encoded-words; a
    /// line too long for 8bit: the body quoted-printable.
    @Test func encodedSubjectsAndQuotedPrintableBodies() throws {
        try withTestDirectory { dir in
            let (f, _) = try CalendarExportTests.synced(
                dir, email: "wang.li@example.com", mobile: "07700 100008", lastFour: "0008")
            let long = "学校 " + String(repeating: "A very long subject line. ", count: 50)
            try f.send(
                "GA-DIGEST-1", to: .student("GA-XIAOMING"), subject: long, body: "Dear Mr Wang,\nPlease read this.",
                at: f.clock.now().addingTimeInterval(-60))
            let engine = try f.engine()
            try engine.sync()
            let digest = Self.first(engine.snapshot)
            let mail = DigestMail.render(digest, to: Self.me, session: Self.session)
            #expect(!digest.subject.unicodeScalars.allSatisfy { $0.isASCII })
            let headerEnd = try #require(mail.range(of: "\n\n"))
            let headers = mail[..<headerEnd.lowerBound]
            #expect(headers.unicodeScalars.allSatisfy { $0.isASCII }, "headers are ASCII")
            #expect(headers.contains("=?UTF-8?B?"))
            #expect(headers.split(separator: "\n").allSatisfy { $0.utf8.count <= 78 }, "folded")
            let m = try Self.read(mail)
            #expect(m.header("Subject") == digest.subject)
            #expect(m.header("Content-Transfer-Encoding") == "quoted-printable")
            #expect(m.body.split(separator: "\n").allSatisfy { $0.utf8.count <= 76 })
            #expect(MboxReader.quotedPrintable(m.body) == DigestText.render(digest))
            #expect(DigestText.render(digest).contains(long))
            try Self.python(mail, dir: dir) { parsed in
                #expect(parsed["subject"] == .string(digest.subject))
                #expect(parsed["to"] == .string("me@example.com"))
                #expect(parsed["body"] == .string(DigestText.render(digest)))
                #expect(parsed["defects"] == .array([]))
            }
        }
    }

    @Test(.enabled(if: DigestTests.python3 != nil, "python3 is not installed"))
    func pythonsEmailReadsTheMail() throws {
        try withTestDirectory { dir in
            let (_, model) = try CalendarExportTests.synced(dir)
            let digest = Self.first(model)
            try Self.python(DigestMail.render(digest, to: Self.me, session: Self.session), dir: dir) { parsed in
                #expect(parsed["subject"] == .string(digest.subject))
                #expect(parsed["from"] == .string("Xpressions <xpressions@localhost>"))
                #expect(parsed["to"] == .string("me@example.com"))
                #expect(parsed["type"] == .string("text/plain") && parsed["charset"] == .string("utf-8"))
                #expect(parsed["body"] == .string(DigestText.render(digest)))
                #expect(parsed["date"] == .string("2026-03-18T10:42:00+00:00"))
                #expect(parsed["defects"] == .array([]))
            }
        }
    }

    /// Python's `email` (policy default) on the mail, when python3 is there.
    /// python3 on the PATH: its `email` and `mailbox` packages read what we
    /// write, as other programs would (CI installs it).
    static let python3 = Subprocess.find("python3", path: ProcessInfo.processInfo.environment["PATH"])

    static func python(_ mail: String, dir: TestDirectory, _ check: (JSONValue) throws -> Void) throws {
        // Only pythonsEmailReadsTheMail needs it (and says when it is skipped).
        guard let python = python3 else { return }
        let path = dir.file("digest.eml")
        try Data(mail.utf8).write(to: URL(fileURLWithPath: path))
        let script = """
            import json, email, email.policy, sys
            em = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
            defects = [str(d) for part in em.walk() for d in part.defects]
            print(json.dumps({"subject": str(em['Subject']), "from": str(em['From']), "to": str(em['To']),
                              "type": em.get_content_type(), "charset": em.get_content_charset(),
                              "date": em['Date'].datetime.isoformat(), "body": em.get_content(), "defects": defects}))
            """
        try Data(script.utf8).write(to: URL(fileURLWithPath: dir.file("read.py")))
        let run = try ChildProcess.run(
            [python, dir.file("read.py"), path], environment: ProcessInfo.processInfo.environment)
        #expect(run.status == 0, "\(run.error)")
        try check(try JSONParser.parse(Array(run.output.utf8)))
    }

    // MARK: - JSON

    static func keys(_ v: JSONValue?) -> [String] {
        guard case .object(let members)? = v else { return [] }
        return members.map(\.0)
    }

    @Test func theJSONHasAStableShape() throws {
        try withTestDirectory { dir in
            let (_, model) = try CalendarExportTests.synced(dir)
            let digest = Self.first(model)
            let value = try JSONParser.parse(Array(DigestJSON.render(digest).utf8))
            #expect(
                Self.keys(value) == [
                    "format", "version", "generatedAt", "since", "sinceSource", "syncedAt", "subject", "children",
                ])
            #expect(value["format"] == .string("xpressions-digest") && value["version"] == .number(1))
            #expect(
                value["generatedAt"] == .string("2026-03-18T10:42:00Z")
                    && value["since"] == .string("2026-03-17T10:42:00Z"))
            #expect(value["sinceSource"] == .string("first-digest") && value["subject"] == .string(digest.subject))
            #expect(value["syncedAt"] == .string("2026-03-18T10:42:00Z"))
            guard case .array(let children)? = value["children"] else {
                Issue.record("no children")
                return
            }
            #expect(children.count == 3)
            let childKeys = [
                "student", "school", "name", "forename", "schoolName", "headline", "newMessages", "attendance",
                "behaviour",
                "achievements", "homework", "tomorrow", "absences",
            ]
            let messageKeys = ["id", "school", "subject", "category", "sender", "sentAt", "firstLine", "unread"]
            for (c, d) in zip(children, digest.children) {
                #expect(Self.keys(c) == childKeys)
                #expect(c["student"] == .string(d.ref.student) && c["forename"] == .string(d.forename))
                guard case .array(let messages)? = c["newMessages"], case .array(let homework)? = c["homework"] else {
                    Issue.record("messages are arrays")
                    continue
                }
                #expect(messages.count == d.newMessages.count && homework.count == d.homework.count)
                for m in messages + homework {
                    #expect(Self.keys(m) == messageKeys)
                    guard case .string? = m["subject"], case .bool? = m["unread"], case .string? = m["firstLine"] else {
                        Issue.record("types: \(m)")
                        continue
                    }
                }
                #expect(c["absences"] == .array([]))
                #expect(Self.keys(c["tomorrow"]) == ["date", "lessons", "noLessons", "events"])
            }
            let ben = children[0]
            let tom = children[2]
            #expect(Self.keys(ben["attendance"]) == ["today", "leftOn", "marks", "week", "noSchool"])
            #expect(ben["attendance"]?["leftOn"] == .null)
            #expect(
                Self.keys(ben["attendance"]?["week"]) == [
                    "label", "from", "through", "attendancePercent", "attended", "possibleSessions",
                    "authorisedAbsence", "unauthorisedAbsence",
                ])
            #expect(ben["attendance"]?["week"]?["attendancePercent"] == .number(80))
            guard case .array(let marks)? = ben["attendance"]?["marks"] else {
                Issue.record("marks")
                return
            }
            #expect(marks.map(Self.keys) == [["date", "session", "code", "meaning", "category", "recordedAt"]])
            guard case .array(let lessons)? = ben["tomorrow"]?["lessons"] else {
                Issue.record("lessons")
                return
            }
            #expect(lessons.allSatisfy { Self.keys($0) == ["period", "start", "end", "subject", "teacher", "room"] })
            guard case .array? = ben["behaviour"], case .array? = ben["achievements"] else {
                Issue.record("shared: arrays")
                return
            }
            #expect(tom["attendance"] == .null && tom["behaviour"] == .null && tom["achievements"] == .null)
            #expect(tom["tomorrow"]?["lessons"] == .null && tom["tomorrow"]?["events"] == .null)
            #expect(tom["headline"] == .null)
            // Two weeks back, the events' sections have entries: their keys in order too.
            let fortnight = Digest.make(
                model: model, since: Self.now.addingTimeInterval(-14 * 86_400), sinceSource: .duration, now: Self.now)
            let wide = try JSONParser.parse(Array(DigestJSON.render(fortnight).utf8))
            guard case .array(let wideChildren)? = wide["children"] else {
                Issue.record("no children")
                return
            }
            var events: [JSONValue] = []
            for c in wideChildren {
                for section in ["behaviour", "achievements"] {
                    if case .array(let list)? = c[section] { events += list }
                }
            }
            #expect(!events.isEmpty, "the demo's last two weeks hold behaviour or achievement events")
            for e in events {
                #expect(
                    Self.keys(e) == ["id", "date", "recordedAt", "type", "points", "description", "staff", "action"])
            }
            // Calendar events tomorrow, some day of the demo's spring term.
            var calendarEvents: [JSONValue] = []
            for day in 0..<60 {
                let at = Self.now.addingTimeInterval(Double(day) * 86_400)
                let d = Digest.make(
                    model: model, since: at.addingTimeInterval(-86_400), sinceSource: .duration, now: at)
                guard case .array(let cs)? = try JSONParser.parse(Array(DigestJSON.render(d).utf8))["children"] else {
                    continue
                }
                for c in cs { if case .array(let list)? = c["tomorrow"]?["events"] { calendarEvents += list } }
                if !calendarEvents.isEmpty { break }
            }
            #expect(!calendarEvents.isEmpty, "some day has a calendar event tomorrow")
            for e in calendarEvents {
                #expect(Self.keys(e) == ["id", "title", "start", "end", "time", "location", "category"])
            }
        }
    }

    // MARK: - Since

    @Test func sinceParsesLastAndDurations() throws {
        let cases: [(String, DigestSince)] = [
            ("last", .last), ("24h", .duration(86_400)), ("2d", .duration(172_800)), ("90m", .duration(5400)),
            ("45s", .duration(45)), ("1w", .duration(604_800)), ("366d", .duration(366 * 86_400)),
        ]
        for (text, expected) in cases { #expect(try DigestSince.parse(text) == expected, "\(text)") }
        for bad in [
            "", "24", "h", "0h", "-1h", "+1h", "1.5h", "24 h", " 24h", "24H", "1y", "2days", "367d", "53w",
            "99999999999d", "Last", "nan", "inf",
        ] {
            #expect(throws: DigestSince.ParseError.self, "\(bad)") { try DigestSince.parse(bad) }
        }
        do { _ = try DigestSince.parse("yesterday") } catch {
            #expect(error.description.hasPrefix("--since takes last or a duration"))
        }

        let now = Self.now
        #expect(DigestSince.last.start(now: now, lastDigest: nil) == (now.addingTimeInterval(-86_400), .firstDigest))
        let earlier = now.addingTimeInterval(-3 * 3600)
        #expect(DigestSince.last.start(now: now, lastDigest: earlier) == (earlier, .lastDigest))
        #expect(
            DigestSince.last.start(now: now, lastDigest: now.addingTimeInterval(60)) == (now, .lastDigest),
            "a clock moved back")
        #expect(
            DigestSince.duration(5400).start(now: now, lastDigest: earlier) == (
                now.addingTimeInterval(-5400), .duration
            ))
    }

    @Test func theMemoryIsPerLoginAndScope() throws {
        try withTestDirectory { dir in
            let memory = DigestMemory(dataDirectory: dir.path, files: PosixFileLayer())
            let first = DigestMemory.Entry(
                at: Self.now, seen: ["message green-abbey/GA-DEMO-2", "event green-abbey/GA-BEN/B-1"])
            #expect(memory.recall(session: "s1", scope: "all") == .none)
            try memory.remember(first, session: "s1", scope: "all")
            #expect(permissions(memory.path) == 0o600)
            #expect(memory.recall(session: "s1", scope: "all") == .last(first))
            #expect(memory.recall(session: "s1", scope: "green-abbey/GA-BEN") == .none)
            let later = DigestMemory.Entry(at: Self.now.addingTimeInterval(3600))
            try memory.remember(later, session: "s1", scope: "green-abbey/GA-BEN")
            #expect(memory.recall(session: "s1", scope: "all") == .last(first), "another scope's kept")
            #expect(memory.recall(session: "s1", scope: "green-abbey/GA-BEN") == .last(later))
            #expect(memory.recall(session: "s2", scope: "all") == .none, "another login's digest is not this one's")
            try memory.remember(later, session: "s2", scope: "all")
            #expect(memory.recall(session: "s1", scope: "green-abbey/GA-BEN") == .none, "the earlier login's go")
            let text = try String(contentsOfFile: memory.path, encoding: .utf8)
            #expect(!text.contains("s1") && text.contains("\"session\": \"s2\""))
            for garbage in [
                "{not json",
                "{\"format\": \"xpressions-digest-state\", \"session\": \"s2\", \"last\": {\"all\": {\"at\": \"soon\", \"seen\": []}}}",
            ] {
                plantFile(memory.path, Array(garbage.utf8), mode: 0o600)
                guard case .unreadable = memory.recall(session: "s2", scope: "all") else {
                    Issue.record("\(garbage) is unreadable")
                    return
                }
            }
            try memory.remember(later, session: "s2", scope: "all")
            #expect(memory.recall(session: "s2", scope: "all") == .last(later), "replaced at the next digest")
            #expect(DigestMemory.scope(nil) == "all" && DigestMemory.scope(SyncFixture.ben) == "green-abbey/GA-BEN")
        }
    }

    /// A message dated before the last digest that only a later sync
    /// brought (the school data was away) is new in the next digest; one
    /// the last digest could see is not.
    @Test func lateArrivalsAreNewToTheNextDigest() throws {
        try withTestDirectory { dir in
            let (f, model) = try CalendarExportTests.synced(dir)
            let previous = Self.first(model)
            #expect(previous.seenKeys.contains("message green-abbey/GA-DEMO-2"))
            #expect(previous.seenKeys.allSatisfy { $0.hasPrefix("message ") || $0.hasPrefix("event ") })
            // Sent an hour before that digest; synced only now.
            try f.send(
                "GA-LATE-1", to: .student("GA-BEN"), subject: "Sent while the school data was away", body: "Hello.",
                at: Self.now.addingTimeInterval(-3600))
            f.clock.advance(by: 7 * 3600)
            let engine = try f.engine()
            try engine.sync()
            let now = f.clock.now()
            let next = Digest.make(
                model: engine.snapshot, since: Self.now, sinceSource: .lastDigest, now: now,
                seen: Set(previous.seenKeys))
            #expect(next.children[0].newMessages.map(\.ref.id) == ["GA-LATE-1"])
            #expect(next.children[1].newMessages.isEmpty)
            // Without what the last digest saw: by time alone.
            let byTime = Digest.make(model: engine.snapshot, since: Self.now, sinceSource: .lastDigest, now: now)
            #expect(byTime.children[0].newMessages.isEmpty)
            // Older than the late-arrival window: not new.
            let long = Digest.make(
                model: engine.snapshot, since: Self.now.addingTimeInterval(-3600 + Digest.lateArrivalWindow + 1),
                sinceSource: .lastDigest, now: now.addingTimeInterval(Digest.lateArrivalWindow), seen: [])
            #expect(!long.children[0].newMessages.contains { $0.ref.id == "GA-LATE-1" })
        }
    }

    @Test func addressesAreCheckedStrictly() {
        for good in ["me@example.com", "a.b+tag@sub.example.co.uk", "xpressions@localhost"] {
            #expect(DigestMail.Mailbox.parse(good, named: false) == DigestMail.Mailbox(display: nil, address: good))
        }
        #expect(
            DigestMail.Mailbox.parse("Liz Abbot <me@example.com>", named: true)
                == DigestMail.Mailbox(display: "Liz Abbot", address: "me@example.com"))
        #expect(DigestMail.Mailbox.parse("\"Home\" <me@example.com>", named: true)?.display == "Home")
        for bad in [
            "", "me", "@example.com", "me@", "me@@example.com", "me@exa mple.com", "m e@example.com", "me@example..com",
            ".me@example.com",
            "me@-example.com", "me@example.com\nBcc: x@y.z", "a@b.c, d@e.f", "zoë@example.com", "Liz <me@example.com",
        ] {
            #expect(DigestMail.Mailbox.parse(bad, named: true) == nil, "\(bad)")
        }
    }
}
