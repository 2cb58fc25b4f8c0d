import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// `export attendance`: the CSV read back by a strict RFC 4180 reader and
/// compared row by row with what the attendance screen shows; quoting and
/// formula guards on awkward fields; the JSON shape.
@Suite struct AttendanceExportTests {
    static let now = DemoStoreCopy.now

    /// With --now a morning, the export counted that day's marks published
    /// later (the afternoon's too), which the app at the same --now did not
    /// show: marks count from when they were published.
    @Test func marksPublishedAfterNowAreNotCounted() throws {
        try withTestDirectory { dir in
            let (_, model) = try CalendarExportTests.synced(dir)
            let child = try #require(model.children.first { $0.features.contains(.attendance) })
            let all = try #require(model.attendance(for: child.ref, now: Self.now))
            let latest = try #require(all.marks.first)
            let before = latest.publishedAt.addingTimeInterval(-1)
            let earlier = try #require(model.attendance(for: child.ref, now: before))
            #expect(earlier.marks.allSatisfy { $0.publishedAt <= before })
            #expect(earlier.marks.count < all.marks.count)
            let csv = try CSVReader.parse(AttendanceExport.csv(model: model, now: before))
            let zone = try #require(model.school(child.school)).zone
            #expect(
                !csv.contains {
                    $0.contains(latest.date.description) && $0.contains(latest.session.rawValue)
                        && $0.contains(zone.format(latest.recordedAt, numericOffset: true))
                })
        }
    }

    @Test func theDemoAttendanceReadsBackRowByRow() throws {
        try withTestDirectory { dir in
            let (_, model) = try CalendarExportTests.synced(dir)
            let text = AttendanceExport.csv(model: model, now: Self.now)
            let records = try CSVReader.parse(text)
            #expect(records.first == AttendanceExport.csvColumns)
            #expect(
                records.allSatisfy { $0.count == AttendanceExport.csvColumns.count }, "every record has every field")
            let rows = records.dropFirst().map {
                Dictionary(uniqueKeysWithValues: zip(AttendanceExport.csvColumns, $0))
            }
            var expectedRows = 0
            for child in model.children {
                let mine = rows.filter { $0["student"] == child.ref.student }
                guard let report = model.attendance(for: child.ref, now: Self.now) else {
                    #expect(mine.isEmpty, "\(child.name): a Core school shares no attendance")
                    continue
                }
                let zone = try #require(model.school(child.school)).zone
                let sessions = mine.filter { $0["kind"] == "session" }
                #expect(sessions.count == report.marks.count)
                #expect(report.marks.count > 100)
                for (row, mark) in zip(sessions, report.marks.reversed()) {  // oldest first
                    #expect(row["child"] == child.name)
                    #expect(row["school"] == child.schoolName)
                    #expect(row["date"] == mark.date.description)
                    #expect(row["session"] == mark.session.rawValue)
                    #expect(row["code"] == mark.code)
                    #expect(row["meaning"] == mark.meaning)
                    #expect(row["recorded_at"] == zone.format(mark.recordedAt, numericOffset: true))
                    // One form all year in a spreadsheet's column: "+00:00" in winter, never "Z".
                    #expect(row["recorded_at"]?.hasSuffix("Z") == false)
                    #expect(Timestamp.parse(row["recorded_at"]!) == mark.recordedAt)
                    #expect(
                        ["present", "approved educational activity", "authorised", "unauthorised", "not possible"]
                            .contains(row["category"]!))
                    #expect(row["category"] == AttendanceExport.categoryName(mark.category))
                    #expect(row["period"] == "")
                }
                let summaries = mine.filter { $0["kind"] == "summary" }
                let stats = [report.week, report.term, report.year].compactMap { $0 }
                #expect(summaries.count == 3)
                for (row, s) in zip(summaries, stats) {
                    #expect(row["period"] == s.label)
                    #expect(row["from"] == s.from.description)
                    #expect(row["through"] == s.through.description)
                    #expect(row["counted_through"] == s.countedThrough.description)
                    #expect(row["attendance_percent"].map { $0 + "%" } == s.percentageText, "the screen's figure")
                    #expect(row["attended"] == "\(s.attended)")
                    #expect(row["possible_sessions"] == "\(s.possibleSessions)")
                    #expect(row["authorised_absence"] == "\(s.authorisedAbsence)")
                    #expect(row["unauthorised_absence"] == "\(s.unauthorisedAbsence)")
                    #expect(row["date"] == "")
                }
                // The sessions come before the summaries.
                #expect(mine.firstIndex { $0["kind"] == "summary" }! > mine.lastIndex { $0["kind"] == "session" }!)
                expectedRows += report.marks.count + 3
            }
            #expect(rows.count == expectedRows)
            // One child only.
            let ben = try CSVReader.parse(AttendanceExport.csv(model: model, child: SyncFixture.ben, now: Self.now))
                .dropFirst()
            #expect(!ben.isEmpty && ben.allSatisfy { $0[2] == "GA-BEN" })
        }
    }

    /// RFC 4180 quoting and the spreadsheet formula guard, read back exactly.
    @Test(arguments: [
        ("plain", "plain"), ("a,b", "a,b"), ("say \"hi\"", "say \"hi\""), ("two\nlines", "two\nlines"),
        ("cr\r\nlf", "cr\r\nlf"),
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"), ("+44 7700 100002", "'+44 7700 100002"), ("-1", "'-1"), ("@cmd", "'@cmd"),
        ("\tTab", "'\tTab"), ("=HYPERLINK(\"http://x\",\"a, b\")", "'=HYPERLINK(\"http://x\",\"a, b\")"), ("", ""),
        ("王小明, 🎉", "王小明, 🎉"),
    ])
    func quotingAndFormulaGuardsReadBack(_ field: String, _ expected: String) throws {
        let line = AttendanceExport.row(["first", field, "last"]) + "\r\n"
        #expect(try CSVReader.parse(line) == [["first", expected, "last"]])
        let special = expected.unicodeScalars.contains { ",\"\n\r".unicodeScalars.contains($0) }
        #expect(line.contains("\"") == special, "quoted when, and only when, needed")
    }

    /// A child whose name a spreadsheet would run: guarded and quoted in
    /// the export, and the exact name (after the guard) read back.
    @Test func aNameThatLooksLikeAFormulaIsGuarded() throws {
        try withTestDirectory { dir in
            let (_, model) = try CalendarExportTests.synced(dir) { f in
                try f.editRecords("schools/green-abbey/students.json") { values in
                    for i in values.indices where CalendarExportTests.string(values[i], "id") == "GA-BEN" {
                        values[i] = values[i].setting(
                            "forename", .string("=HYPERLINK(\"http://evil\",\"Ben, \"\"Jr\"\"\")"))
                    }
                }
            }
            let ben = try #require(model.child(SyncFixture.ben))
            #expect(ben.name.hasPrefix("=HYPERLINK"))
            let text = AttendanceExport.csv(model: model, child: ben.ref, now: Self.now)
            let records = try CSVReader.parse(text)
            #expect(records.dropFirst().allSatisfy { $0[1] == "'" + ben.name })
            #expect(!text.contains(",=HYPERLINK"))
        }
    }

    @Test func theJSONCarriesTheSameFigures() throws {
        try withTestDirectory { dir in
            let (_, model) = try CalendarExportTests.synced(dir)
            let value = try JSONParser.parse(Array(AttendanceExport.json(model: model, now: Self.now).utf8))
            #expect(value["format"] == .string("xpressions-attendance"))
            #expect(value["version"] == .number(1))
            #expect(value["exportedAt"] == .string("2026-03-18T10:42:00Z"))
            guard case .array(let children)? = value["children"] else {
                Issue.record("no children")
                return
            }
            #expect(children.count == 2, "Ben and Amy; Tom's school is Core")
            for c in children {
                guard case .string(let student)? = c["student"], case .string(let school)? = c["school"] else {
                    continue
                }
                let ref = ChildRef(school: school, student: student)
                let report = try #require(model.attendance(for: ref, now: Self.now))
                #expect(c["name"] == .string(model.child(ref)!.name))
                #expect(c["academicYear"] == .string("2025-26"))
                #expect(c["leftOn"] == .null)
                guard case .array(let sessions)? = c["sessions"], case .array(let summaries)? = c["summaries"] else {
                    continue
                }
                #expect(sessions.count == report.marks.count)
                let first = try #require(report.marks.last)
                #expect(sessions.first?["date"] == .string(first.date.description))
                #expect(sessions.first?["code"] == .string(first.code))
                #expect(sessions.first?["possible"] == .bool(first.category.isPossibleSession))
                // The offset written out all year, as in the CSV (a winter mark said "Z").
                guard case .string(let recorded)? = sessions.first?["recordedAt"] else { continue }
                #expect(recorded.hasSuffix("+00:00") || recorded.hasSuffix("+01:00"), "\(recorded)")
                #expect(Timestamp.parse(recorded) == first.recordedAt)
                #expect(summaries.map { $0["period"] } == [.string("week"), .string("term"), .string("year")])
                let year = report.year
                let last = try #require(summaries.last)
                #expect(last["possibleSessions"] == .number(Double(year.possibleSessions)))
                #expect(last["attended"] == .number(Double(year.attended)))
                #expect(last["notCounted"] == .number(Double(year.notCounted)))
                if case .number(let p)? = last["attendancePercent"] {
                    #expect(String(format: "%.1f%%", p) == year.percentageText)
                } else {
                    Issue.record("no attendancePercent")
                }
            }
        }
    }

    @Test func aLeaversSessionsStopAtTheLeavingDate() throws {
        try withTestDirectory { dir in
            let (_, model) = try CalendarExportTests.synced(
                dir, email: "siobhan.obrien@example.com", mobile: "07700 100007", lastFour: "0007")
            let records = try CSVReader.parse(AttendanceExport.csv(model: model, now: Self.now)).dropFirst()
            let dates = records.filter { $0[0] == "session" }.map { $0[4] }
            #expect(!dates.isEmpty)
            #expect(dates.allSatisfy { $0 <= "2026-02-13" })
        }
    }
}
