import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// `export calendar`: the iCalendar is parsed back by a reader written from
/// RFC 5545 and checked field by field against the store's calendar and
/// the children's timetables, on the demo store after a real login and sync.
@Suite struct CalendarExportTests {
    static let now = DemoStoreCopy.now
    static let london = TimeZone(identifier: "Europe/London")!

    /// A synced fixture (after `prepare` edits its store) and its snapshot.
    static func synced(
        _ dir: TestDirectory, email: String = "liz.abbot@example.com", mobile: String = "07700 100001",
        lastFour: String = "0001", prepare: (SyncFixture) throws -> Void = { _ in }
    ) throws -> (SyncFixture, ParentModel) {
        let store = dir.file("store")
        if !FileManager.default.fileExists(atPath: store) {
            try FileManager.default.copyItem(atPath: DemoStoreCopy.original, toPath: store)
            try? FileManager.default.removeItem(atPath: "\(store)/.index")
        }
        let f = try SyncFixture(in: dir, email: email, mobile: mobile, lastFour: lastFour)
        try prepare(f)
        let engine = try f.engine()
        try engine.sync()
        return (f, engine.snapshot)
    }

    /// The store's calendar events (as JSON objects) of the academic years the model holds.
    static func storeEvents(_ f: SyncFixture, model: ParentModel, school: String = "green-abbey") throws -> [JSONValue]
    {
        let years = model.state.schools[school]!.calendar.keys.sorted()
        var out: [JSONValue] = []
        for year in years {
            let bytes = Array(
                try Data(contentsOf: URL(fileURLWithPath: "\(f.store)/schools/\(school)/calendar/\(year).json")))
            out += try JSONParser.parseArray(bytes).values
        }
        return out
    }

    static func string(_ v: JSONValue, _ key: String) -> String? {
        if case .string(let s)? = v[key] { return s }
        return nil
    }

    static func compact(_ date: String) -> String { date.filter { $0 != "-" } }

    /// A local time in a zone as an instant, by Foundation's calendar (not the export's code).
    static func instant(_ zone: TimeZone, _ date: String, _ hhmm: String) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let d = date.split(separator: "-").map { Int($0)! }
        let t = hhmm.split(separator: ":").map { Int($0)! }
        return calendar.date(from: DateComponents(year: d[0], month: d[1], day: d[2], hour: t[0], minute: t[1]))!
    }

    @Test func theDemoCalendarReadsBackFieldByField() throws {
        try withTestDirectory { dir in
            let (f, model) = try Self.synced(dir)
            let text = CalendarExport.ics(model: model, now: Self.now)
            let calendar = try ICalendarReader.parse(text)
            #expect(calendar.name == "VCALENDAR")
            #expect(calendar.first("VERSION")?.value == "2.0")
            #expect(calendar.first("PRODID") != nil)
            #expect(calendar.all("VTIMEZONE").map { $0.first("TZID")?.value } == ["Europe/London"])

            // Ben is in Year 9 and Amy in Year 7: the events for them, or for everyone.
            let years = Set(model.children.filter { $0.school == "green-abbey" }.compactMap(\.yearGroup))
            #expect(years == [9, 7])
            let expected = try Self.storeEvents(f, model: model).filter { e in
                guard case .array(let ys)? = e["years"] else { return true }
                return ys.contains {
                    if case .number(let n) = $0 { return years.contains(Int(n)) }
                    return false
                }
            }
            #expect(expected.count > 10)
            let events = calendar.all("VEVENT")
            #expect(events.count == expected.count)
            #expect(Set(events.compactMap { $0.first("UID")?.value }).count == events.count, "UIDs are unique")
            for e in expected {
                let id = Self.string(e, "id")!
                guard let v = events.first(where: { $0.first("UID")?.text == "event-\(id)@green-abbey.xpressions" })
                else {
                    Issue.record("event \(id) missing")
                    continue
                }
                #expect(v.first("SUMMARY")?.text == Self.string(e, "title"))
                #expect(v.first("CATEGORIES")?.texts == [Self.string(e, "category")!])
                #expect(v.first("LOCATION")?.text == Self.string(e, "location"))
                #expect(v.first("DTSTAMP")?.value == "20260318T104200Z")
                // When the school published it, in UTC: an importer sees which changed.
                let published = try #require(Self.string(e, "publishedAt").flatMap(Timestamp.parse))
                #expect(v.first("LAST-MODIFIED")?.value == ICalendarWriter.utc(published))
                #expect(v.first("DESCRIPTION")?.text.hasPrefix("Green Abbey School: ") == true)
                let start = Self.string(e, "start")!
                let last = Self.string(e, "end") ?? start
                let dtstart = try #require(v.first("DTSTART"))
                let dtend = try #require(v.first("DTEND"))
                if let time = Self.string(e, "time") {
                    let hours = time.split(separator: "-").map { $0.replacingOccurrences(of: ":", with: "") }
                    #expect(dtstart.parameters == ["TZID": "Europe/London"])
                    #expect(dtend.parameters == ["TZID": "Europe/London"])
                    #expect(dtstart.value == "\(Self.compact(start))T\(hours[0])00")
                    #expect(dtend.value == "\(Self.compact(last))T\(hours[1])00")
                } else {
                    // All day: DATE values, the end exclusive.
                    #expect(dtstart.parameters == ["VALUE": "DATE"])
                    #expect(dtend.parameters == ["VALUE": "DATE"])
                    #expect(dtstart.value == Self.compact(start))
                    let dayAfter = CivilDate(parsing: last)!.adding(days: 1)
                    #expect(dtend.value == Self.compact(dayAfter.description))
                }
            }
            // A multi-day holiday: Monday 16 to Friday 20 February, DTEND the Saturday.
            let halfTerm = try #require(
                events.first { $0.first("SUMMARY")?.text == "Half term" && $0.first("DTSTART")?.value == "20260216" })
            #expect(halfTerm.first("DTEND")?.value == "20260221")
        }
    }

    /// The VTIMEZONE's rules give the same changes as the system's time zone
    /// database in every year from 1997 to 2037, and every timed event is the
    /// instant Foundation's calendar gives for its local time.
    /// Tom's school (Core) shares no calendar: the file was a VCALENDAR with
    /// no component, which RFC 5545 forbids and importers refuse. It holds
    /// the zone, and the command says there are no events.
    @Test func anEmptyCalendarIsStillAValidOneAndTheCommandSaysSo() throws {
        try withTestDirectory { dir in
            let (f, model) = try Self.synced(dir)
            let tom = ChildRef(school: "riverside-primary", student: "RP-TOM")
            let text = CalendarExport.ics(model: model, child: tom, now: Self.now)
            #expect(!text.contains("BEGIN:VEVENT"))
            #expect(text.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/London"))
            let r = try XpressionsBinary.run([
                "export", "calendar", "--child", "tom", "--data-dir", f.dataDirectory, "--store", f.store,
            ])
            #expect(r.status == 0 && r.output.contains("BEGIN:VTIMEZONE"))
            #expect(r.errors.contains("no calendar events for Tom Abbot"), "\(r.errors)")
        }
    }

    @Test func theLondonTimeZoneMatchesTheSystemRules() throws {
        try withTestDirectory { dir in
            let (_, model) = try Self.synced(dir)
            let calendar = try ICalendarReader.parse(CalendarExport.ics(model: model, now: Self.now))
            let tz = try #require(calendar.all("VTIMEZONE").first)
            let rules = try VTimeZoneRules(tz)
            for year in 1997...2037 {
                for (onset, from, to) in rules.onsets(in: year) {
                    #expect(
                        Self.london.secondsFromGMT(for: onset.addingTimeInterval(-1)) == from,
                        "\(year): before \(onset)")
                    #expect(
                        Self.london.secondsFromGMT(for: onset.addingTimeInterval(1)) == to, "\(year): after \(onset)")
                }
            }
            var timed = 0
            for v in calendar.all("VEVENT") {
                guard let start = v.first("DTSTART"), start.parameters["TZID"] != nil else { continue }
                let s = start.value
                let date = "\(s.prefix(4))-\(s.dropFirst(4).prefix(2))-\(s.dropFirst(6).prefix(2))"
                let hhmm = "\(s.dropFirst(9).prefix(2)):\(s.dropFirst(11).prefix(2))"
                #expect(rules.utc(local: s) == Self.instant(Self.london, date, hhmm), "\(s)")
                timed += 1
            }
            #expect(timed > 3)
        }
    }

    /// A school in another zone: times in UTC, no VTIMEZONE.
    @Test func aSchoolInAnotherZoneIsWrittenInUTC() throws {
        try withTestDirectory { dir in
            let (f, model) = try Self.synced(dir) { f in
                let file = StoreLayout.schoolFile("green-abbey")
                try f.overwrite(
                    file,
                    with: try f.read(file).replacingOccurrences(of: "\"Europe/London\"", with: "\"America/New_York\""))
            }
            let calendar = try ICalendarReader.parse(CalendarExport.ics(model: model, now: Self.now))
            #expect(calendar.all("VTIMEZONE").isEmpty)
            let zone = TimeZone(identifier: "America/New_York")!
            var timed = 0
            for e in try Self.storeEvents(f, model: model) {
                guard let time = Self.string(e, "time"), let id = Self.string(e, "id"),
                    let v = calendar.all("VEVENT").first(where: {
                        $0.first("UID")?.text == "event-\(id)@green-abbey.xpressions"
                    })
                else { continue }
                let start = Self.instant(zone, Self.string(e, "start")!, String(time.split(separator: "-")[0]))
                #expect(v.first("DTSTART")?.parameters.isEmpty == true)
                #expect(v.first("DTSTART")?.value == ICalendarWriter.utc(start))
                #expect(v.first("DTSTART")?.value.hasSuffix("Z") == true)
                timed += 1
            }
            #expect(timed > 3)
        }
    }

    /// CJK, emoji, commas, semicolons, backslashes, quotes and line breaks:
    /// escaped, folded at 75 octets without splitting a character, and read
    /// back exactly.
    @Test func awkwardTextIsEscapedAndFoldedWithoutSplittingCharacters() throws {
        let title =
            "王小明's 🎉 concert, part 1; \"bring\" a\\b — 学校音乐会，欢迎全家参加！🎻🎺🥁 and a long English tail to fold, again, and again"
        let location = "Main hall; rooms 1, 2 & 3\nback entrance 🚪"
        let category = "Event, special; 特别"
        try withTestDirectory { dir in
            let (_, model) = try Self.synced(dir) { f in
                try f.editRecords("schools/green-abbey/calendar/2025-26.json") { values in
                    values.append(
                        .object([
                            ("id", .string("E2025-900")), ("title", .string(title)), ("start", .string("2026-03-25")),
                            ("time", .string("18:30-20:00")), ("location", .string(location)),
                            ("category", .string(category)),
                            ("publishedAt", .string("2026-03-01T09:00:00Z")),
                        ]))
                }
            }
            let text = CalendarExport.ics(model: model, now: Self.now)
            for escape in ["\\,", "\\;", "\\\\", "\\n"] { #expect(text.contains(escape)) }
            let calendar = try ICalendarReader.parse(text)  // checks 75 octets and whole characters per line
            let v = try #require(
                calendar.all("VEVENT").first { $0.first("UID")?.text == "event-E2025-900@green-abbey.xpressions" })
            #expect(v.first("SUMMARY")?.text == title)
            #expect(v.first("LOCATION")?.text == location)
            #expect(v.first("CATEGORIES")?.texts == [category])
            #expect(v.first("DTSTART")?.value == "20260325T183000")
            let physical = try ICalendarReader.physicalLines(Array(text.utf8))
            #expect(physical.contains { $0.count >= 72 && $0.count <= 75 }, "long lines are folded near the limit")
        }
    }

    @Test func foldingNeverCutsAUTF8SequenceAtAnyOffset() throws {
        // Every alignment of 2-, 3- and 4-byte characters against the fold points.
        for pad in 0..<8 {
            for unit in ["é", "学", "🎉"] {
                let value = String(repeating: "x", count: pad) + String(repeating: unit + "a", count: 60)
                var w = ICalendarWriter()
                w.begin("VCALENDAR")
                w.text("SUMMARY", value)
                w.end("VCALENDAR")
                let lines = try ICalendarReader.physicalLines(w.bytes)
                #expect(lines.count > 3)
                #expect(
                    lines.dropFirst().dropLast().dropLast().allSatisfy { $0.count >= 72 },
                    "folded as late as whole characters allow")
                #expect(
                    try ICalendarReader.parse(String(decoding: w.bytes, as: UTF8.self)).first("SUMMARY")?.text == value)
            }
        }
    }

    @Test func reexportingKeepsTheUIDsAndAChangedEventKeepsItsUID() throws {
        try withTestDirectory { dir in
            let (f, model) = try Self.synced(dir)
            let first = try ICalendarReader.parse(CalendarExport.ics(model: model, timetable: true, now: Self.now))
            let again = try ICalendarReader.parse(
                CalendarExport.ics(model: model, timetable: true, now: Self.now.addingTimeInterval(3600)))
            let uids = first.all("VEVENT").compactMap { $0.first("UID")?.value }
            #expect(uids == again.all("VEVENT").compactMap { $0.first("UID")?.value })
            #expect(Set(uids).count == uids.count)
            #expect(
                first.all("VEVENT").map { $0.first("LAST-MODIFIED")?.value }
                    == again.all("VEVENT").map { $0.first("LAST-MODIFIED")?.value },
                "an event's LAST-MODIFIED is its own, not the export's time")
            // The school moves the winter concert's title (published again):
            // same UID, new summary, a later LAST-MODIFIED.
            try f.editRecords("schools/green-abbey/calendar/2025-26.json") { values in
                for i in values.indices where Self.string(values[i], "id") == "E2025-019" {
                    values[i] = values[i].setting("title", .string("Winter concert (moved)"))
                        .setting("publishedAt", .string("2026-03-18T09:30:00Z"))
                }
            }
            let engine = try f.engine()
            try engine.sync()
            let after = try ICalendarReader.parse(
                CalendarExport.ics(model: engine.snapshot, timetable: true, now: Self.now))
            #expect(after.all("VEVENT").compactMap { $0.first("UID")?.value } == uids)
            #expect(
                after.all("VEVENT").first { $0.first("UID")?.value == "event-E2025-019@green-abbey.xpressions" }?.first(
                    "SUMMARY")?.text
                    == "Winter concert (moved)")
            #expect(
                after.all("VEVENT").first { $0.first("UID")?.value == "event-E2025-019@green-abbey.xpressions" }?.first(
                    "LAST-MODIFIED")?.value == "20260318T093000Z")
        }
    }

    /// Schools close on bank holidays, which few calendars list: no
    /// lessons on Early May bank holiday (an audit found five of Ben's).
    @Test func noLessonsOnABankHoliday() throws {
        try withTestDirectory { dir in
            let (_, model) = try Self.synced(dir)
            let calendar = try ICalendarReader.parse(
                CalendarExport.ics(
                    model: model, child: SyncFixture.ben, from: CivilDate(parsing: "2026-05-01")!,
                    to: CivilDate(parsing: "2026-05-05")!, timetable: true, now: Self.now))
            let days = Set(
                calendar.all("VEVENT").filter { $0.first("CATEGORIES")?.texts == ["Lesson"] }
                    .compactMap { $0.first("DTSTART")?.value.prefix(8) }.map(String.init))
            #expect(days == ["20260501", "20260505"])
        }
    }

    @Test func lessonsFallOnSchoolDaysWithTheirTimes() throws {
        try withTestDirectory { dir in
            let (_, model) = try Self.synced(dir)
            let ben = SyncFixture.ben
            let from = CivilDate(parsing: "2026-02-09")!
            let to = CivilDate(parsing: "2026-03-20")!
            let calendar = try ICalendarReader.parse(
                CalendarExport.ics(model: model, child: ben, from: from, to: to, timetable: true, now: Self.now))
            #expect(calendar.first("X-WR-CALNAME")?.text == "School calendar: Ben Abbot (9A)")
            let lessons = calendar.all("VEVENT").filter { $0.first("CATEGORIES")?.texts == ["Lesson"] }
            let timetable = model.timetable(for: ben, now: Self.now)
            var expectedDays: [String] = []
            var day = from
            while day <= to {
                // Spring 2026: half term 16 to 20 February.
                if !day.isWeekend
                    && !(day >= CivilDate(parsing: "2026-02-16")! && day <= CivilDate(parsing: "2026-02-20")!)
                {
                    expectedDays.append(Self.compact(day.description))
                }
                day = day.adding(days: 1)
            }
            let days = Set(lessons.compactMap { $0.first("DTSTART")?.value.prefix(8) }.map(String.init))
            #expect(days == Set(expectedDays))
            for d in expectedDays {
                let weekday = CivilDate(parsing: "\(d.prefix(4))-\(d.dropFirst(4).prefix(2))-\(d.suffix(2))")!.weekday
                let onDay = lessons.filter { $0.first("DTSTART")?.value.hasPrefix(d) == true }
                let expected = timetable.filter { $0.day == weekday }
                #expect(onDay.count == expected.count, "\(d)")
                for l in expected {
                    let start = "\(d)T\(l.start.replacingOccurrences(of: ":", with: ""))00"
                    let v = onDay.first { $0.first("DTSTART")?.value == start }
                    #expect(v?.first("SUMMARY")?.text == "\(l.subject) (Ben)")
                    #expect(v?.first("LOCATION")?.text == l.room)
                    #expect(v?.first("DTEND")?.value == "\(d)T\(l.end.replacingOccurrences(of: ":", with: ""))00")
                    #expect(
                        v?.first("DESCRIPTION")?.text
                            == "Period \(l.period), \(l.teacher)\nBen Abbot (9A), Green Abbey School")
                    #expect(v?.first("UID")?.text == "lesson-GA-BEN-\(d)-\(l.period)@green-abbey.xpressions")
                }
            }
            // Events outside the range are left out; those inside stay.
            let events = calendar.all("VEVENT").filter { $0.first("CATEGORIES")?.texts != ["Lesson"] }
            #expect(events.map { $0.first("SUMMARY")?.text } == ["Half term"])

            // Without a range: every event, and lessons from today to the end of the term (Friday 27 March).
            let whole = try ICalendarReader.parse(
                CalendarExport.ics(model: model, child: ben, timetable: true, now: Self.now))
            let lessonDays = whole.all("VEVENT").filter { $0.first("CATEGORIES")?.texts == ["Lesson"] }
                .compactMap { $0.first("DTSTART")?.value.prefix(8) }.map(String.init).sorted()
            #expect(lessonDays.first == "20260318")
            #expect(lessonDays.last == "20260327")
            #expect(
                whole.all("VEVENT").count - lessonDays.count
                    == CalendarExport.events(model: model, child: ben, from: nil, to: nil).count)
        }
    }

    @Test func aLeaverHasNoLessonsOrEventsAfterLeaving() throws {
        try withTestDirectory { dir in
            let (_, model) = try Self.synced(
                dir, email: "siobhan.obrien@example.com", mobile: "07700 100007", lastFour: "0007")
            let zoe = try #require(model.children.first)
            #expect(zoe.leftOn == CivilDate(parsing: "2026-02-13"))
            let calendar = try ICalendarReader.parse(
                CalendarExport.ics(
                    model: model, from: CivilDate(parsing: "2026-02-01"),
                    to: CivilDate(parsing: "2026-03-20"), timetable: true, now: Self.now))
            let starts = calendar.all("VEVENT").compactMap { $0.first("DTSTART")?.value.prefix(8) }.map(String.init)
            #expect(!starts.isEmpty)
            #expect(starts.allSatisfy { $0 <= "20260213" })
        }
    }

    /// A two-week timetable: week A in the week of the first term start, then
    /// B, A…, moving on only in weeks with a school day (half term is skipped).
    @Test func twoWeekTimetablesTakeTurnsSkippingHolidayWeeks() throws {
        try withTestDirectory { dir in
            let (_, model) = try Self.synced(dir) { f in
                try f.editRecords("schools/green-abbey/timetable/2025-26.json") { values in
                    for i in values.indices where Self.string(values[i], "student") == "GA-BEN" {
                        guard case .array(var lessons)? = values[i]["lessons"] else { continue }
                        for j in lessons.indices
                        where Self.string(lessons[j], "day") == "Mon" && Self.string(lessons[j], "period") == "1" {
                            lessons[j] = lessons[j].setting("week", .string("A"))
                            lessons.append(
                                lessons[j].setting("week", .string("B")).setting("subject", .string("Latin")))
                        }
                        values[i] = values[i].setting("lessons", .array(lessons))
                    }
                }
            }
            // Autumn 2025 starts Wednesday 3 September (week A); half term 27–31 October.
            let mondays = [
                "2025-09-01": "A", "2025-09-08": "B", "2025-10-20": "B", "2025-11-03": "A", "2025-11-10": "B",
            ]
            for (monday, week) in mondays {
                let d = CivilDate(parsing: monday)!
                let calendar = try ICalendarReader.parse(
                    CalendarExport.ics(
                        model: model, child: SyncFixture.ben, from: d, to: d, timetable: true,
                        now: Self.now))
                let first = calendar.all("VEVENT").first {
                    $0.first("UID")?.text.contains("-\(Self.compact(monday))-1@") == true
                }
                if monday == "2025-09-01" {
                    #expect(first == nil, "no lessons before the term starts")
                    continue
                }
                let subject = try #require(first?.first("SUMMARY")?.text)
                #expect(subject.hasPrefix("Latin") == (week == "B"), "\(monday): \(subject)")
            }
            var weeks = SchoolWeeks(school: model.state.schools["green-abbey"]!.school)
            #expect(weeks.label(of: CivilDate(parsing: "2025-09-05")!, labels: ["B", "A"]) == "A")
            // 8 school weeks before it
            #expect(weeks.label(of: CivilDate(parsing: "2025-11-03")!, labels: ["A", "B", "C"]) == "C")
            #expect(weeks.label(of: CivilDate(parsing: "2025-11-03")!, labels: ["A"]) == "A")
            #expect(weeks.label(of: CivilDate(parsing: "2025-11-03")!, labels: []) == nil)
        }
    }

    @Test func overnightTimesEndTheNextDayAndFileNamesAreTidy() {
        let e = CalendarEvent(
            id: "x", title: "Sleepover", start: CivilDate(parsing: "2026-03-20")!, time: "19:00-08:00",
            category: "Trip",
            publishedAt: Self.now)
        #expect(
            CalendarExport.when(e)
                == .times(
                    startDay: CivilDate(parsing: "2026-03-20")!, startMinutes: 1140,
                    endDay: CivilDate(parsing: "2026-03-21")!, endMinutes: 480))
        // An end at the start is a moment, not 24 hours.
        let moment = CalendarEvent(
            id: "z", title: "Zero", start: CivilDate(parsing: "2026-06-12")!, time: "10:00-10:00", category: "Event",
            publishedAt: Self.now)
        #expect(
            CalendarExport.when(moment)
                == .times(
                    startDay: CivilDate(parsing: "2026-06-12")!, startMinutes: 600,
                    endDay: CivilDate(parsing: "2026-06-12")!, endMinutes: 600))
        // Written with no DTEND: RFC 5545 wants DTEND later than DTSTART.
        for zone in ["Europe/London", "America/New_York"] {
            var w = ICalendarWriter()
            CalendarEntry(
                uid: "z", summary: "Zero", description: "", location: nil, categories: [],
                when: CalendarExport.when(moment), zone: SchoolTimeZone(identifier: zone)!
            ).write(to: &w, stamp: Self.now)
            let text = String(decoding: w.bytes, as: UTF8.self)
            #expect(text.contains("DTSTART") && !text.contains("DTEND"), "\(text)")
        }
        let broken = CalendarEvent(
            id: "y", title: "?", start: CivilDate(parsing: "2026-03-20")!, time: "7pm", category: "Trip",
            publishedAt: Self.now)
        #expect(
            CalendarExport.when(broken)
                == .days(first: CivilDate(parsing: "2026-03-20")!, last: CivilDate(parsing: "2026-03-20")!))
        let day = CivilDate(parsing: "2026-03-18")!
        #expect(CalendarExport.fileName(child: nil, on: day) == "xpressions-calendar-2026-03-18.ics")
    }

    /// A child's accented name keeps its letters in the file name ("Zoë"
    /// gave "xpressions-calendar-zo-…"); a name of no Latin letters falls
    /// back to the student id.
    @Test func aFileNameFoldsAccents() throws {
        try withTestDirectory { dir in
            let (_, model) = try Self.synced(dir)
            var child = try #require(model.child(SyncFixture.ben))
            let day = CivilDate(parsing: "2026-03-18")!
            child.forename = "Zoë"
            #expect(CalendarExport.fileName(child: child, on: day) == "xpressions-calendar-zoe-2026-03-18.ics")
            child.forename = "Seán"
            #expect(CalendarExport.fileName(child: child, on: day) == "xpressions-calendar-sean-2026-03-18.ics")
            child.forename = "小明"
            #expect(CalendarExport.fileName(child: child, on: day) == "xpressions-calendar-ga-ben-2026-03-18.ics")
        }
    }
}
