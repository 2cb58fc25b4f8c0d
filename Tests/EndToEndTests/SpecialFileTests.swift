import Foundation
import SchoolStore
import TestSupport
import Testing

/// A FIFO where a store file should be, met by `doctor` and by the app (the
/// validator, the reader and sync have their own tests): each names the file
/// and goes on, never waiting on the pipe (a FIFO hung them all). Run with a
/// deadline, so a regression fails rather than hangs the suite.
@Suite struct SpecialFileTests {
    @Test func doctorAndTheAppNameAFIFOAndNeverWaitOnIt() throws {
        let directory = NSTemporaryDirectory() + "xpressions-fifo-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let store = "\(directory)/store"
        let data = "\(directory)/data"
        AppHarness.shell(["cp", "-a", AppHarness.template, store])
        let binary = try BuildProducts.executable(named: "xpressions").path
        let parent = ["--store", store, "--data-dir", data]
        let login = "liz.abbot@example.com<Enter>07700 100001<Enter>0001<Enter>739184<Enter>739184<Enter><Wait 300>"
        let first = FuzzCampaign.run(binary, parent + ["--headless", "80x24", "--script", login], deadline: 60)
        #expect(first.status == 0 && !first.hung, "\(first.error)")

        let students = "\(store)/schools/riverside-primary/students.json"
        try FileManager.default.removeItem(atPath: students)
        #expect(mkfifo(students, 0o644) == 0)
        let named = "schools/riverside-primary/students.json: is a FIFO (named pipe), not a regular file: refused"

        let doctor = FuzzCampaign.run(
            binary, ["doctor", "--store", store, "--email", "liz.abbot@example.com", "--mobile", "07700 100001"],
            deadline: 30)
        #expect(!doctor.hung, "doctor waited on the FIFO")
        #expect((doctor.output + doctor.error).contains(named), "\(doctor.output)\(doctor.error)")
        // Green Abbey's answer is still given, as the login goes on without
        // Riverside (doctor gave no answer at all), and Riverside is named.
        #expect(doctor.status == 0, "\(doctor.error)")
        #expect(doctor.output.contains("Green Abbey School (green-abbey)"), "\(doctor.output)")
        #expect(
            doctor.output.contains(
                "Not checked, as a login now leaves them out (their files cannot be read, above):\n  Riverside Primary School (riverside-primary): schools/riverside-primary/students.json cannot be read"
            ), "\(doctor.output)")

        let json = FuzzCampaign.run(
            binary,
            ["doctor", "--store", store, "--email", "liz.abbot@example.com", "--mobile", "07700 100001", "--json"],
            deadline: 30)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let notChecked = try #require(parsed["schoolsNotChecked"] as? [[String: Any]], "\(json.output.prefix(400))")
        #expect(notChecked.count == 1)
        #expect(notChecked.first?["school"] as? String == "riverside-primary")
        #expect(notChecked.first?["name"] as? String == "Riverside Primary School")
        #expect(notChecked.first?["files"] as? [String] == ["schools/riverside-primary/students.json"])

        let app = FuzzCampaign.run(
            binary, parent + ["--headless", "80x24", "--script", "739184<Enter><Wait 500>", "--snapshot", "-"],
            deadline: 30)
        #expect(!app.hung, "the app waited on the FIFO")
        #expect(app.status == 0, "\(app.error)")
        // The parent still sees every child, Riverside's held at its last good data.
        #expect(app.output.contains("Ben Abbot (9A)") && app.output.contains("Tom Abbot (3A)"), "\(app.output)")
        #expect(app.output.contains("Riverside Primary School"), "\(app.output)")
    }

    /// 200,000 entries in `enhancedData`, a list that holds six: validate
    /// says so in one line and finishes well inside the fuzzer's deadline
    /// for a hang (it took 28 s and printed a 7.9 MB line of Swift
    /// internals).
    @Test func aHugeListBoundedByMeaningIsRefusedWithoutAHang() throws {
        let directory = NSTemporaryDirectory() + "xpressions-huge-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let store = "\(directory)/store"
        AppHarness.shell(["cp", "-a", AppHarness.template, store])
        let path = "\(store)/schools/green-abbey/school.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let list = Array(repeating: "\"attendance\"", count: 200_000).joined(separator: ",")
        let held =
            #""enhancedData": ["attendance", "timetable", "behaviour", "achievements", "calendar", "assessments"]"#
        #expect(text.contains(held))
        try text.replacingOccurrences(of: held, with: "\"enhancedData\": [\(list)]")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let binary = try BuildProducts.executable(named: "xpressions").path
        let validate = FuzzCampaign.run(binary, ["store", "validate", store], deadline: 5)
        #expect(!validate.hung, "validate took over 5 s")
        #expect(validate.status == 65)
        #expect(
            validate.output.contains(
                "schools/green-abbey/school.json: enhancedData: 200,000 kinds of Enhanced data listed; at most 6"),
            "\(validate.output.prefix(500))")
        #expect(validate.output.utf8.count < 4_000, "no line of Swift internals")
    }
}
