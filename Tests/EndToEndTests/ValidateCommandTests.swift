import Foundation
import SchoolStore
import TestSupport
import Testing

/// `store validate`'s warnings, `--strict`, and the sweep of temporary
/// files by validate and the school side, through the real binary.
@Suite struct ValidateCommandTests {
    func run(_ arguments: [String]) throws -> FuzzCampaign.Outcome {
        FuzzCampaign.run(try BuildProducts.executable(named: "xpressions").path, arguments, deadline: 60)
    }

    func plantOldTemporaryFile(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: Paths.parent(of: path), withIntermediateDirectories: true)
        try Data("{\"key\": \"half".utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: path)
    }

    /// doctor counts a broken store's problems as validate does: the
    /// "checks skipped" line is not one (validate said 1, doctor 2).
    @Test func doctorAndValidateCountProblemsAlike() throws {
        try withTestDirectory { directory in
            let store = directory.file("store")
            #expect(try run(["store", "generate", "--demo", store]).status == 0)
            let students = "\(store)/schools/riverside-primary/students.json"
            let text = try String(contentsOfFile: students, encoding: .utf8)
            try String(text.prefix(200)).write(toFile: students, atomically: true, encoding: .utf8)
            let validate = try run(["store", "validate", store])
            #expect(validate.error.contains("\(store): 1 problem"), "\(validate.error)")
            // --store DIR, as store audit takes it, is the same (it was an unknown option).
            let named = try run(["store", "validate", "--store", store])
            #expect(named.status == validate.status && named.error == validate.error, "\(named.error)")
            #expect(validate.output.contains("skipped"), "\(validate.output)")
            let doctor = try run([
                "doctor", "--store", store, "--email", "liz.abbot@example.com", "--mobile", "07700 100001",
            ])
            #expect(doctor.error.contains("the store has 1 problem (above)"), "\(doctor.error)")
        }
    }

    @Test func warningsComeAfterProblemsAndStrictMakesThemCount() throws {
        try withTestDirectory { directory in
            let store = directory.file("store")
            #expect(try run(["store", "generate", "--demo", store]).status == 0)
            let plain = try run(["store", "validate", store])
            #expect(plain.status == 0)
            let lines = plain.output.split(separator: "\n").map(String.init)
            #expect(
                lines.contains {
                    $0.hasPrefix(
                        "warning: schools/green-abbey/contacts.json: contact GA-C-PIOTR: phones[0].number: typed Mobile, but \"07700 900123\" is not a mobile"
                    )
                })
            #expect(lines.last?.hasSuffix("1 warning)") == true)
            let strict = try run(["store", "validate", "--strict", store])
            #expect(strict.status == 65)
            #expect(
                strict.output.contains(
                    "schools/green-abbey/contacts.json: contact GA-C-PIOTR: phones[0].number: typed Mobile"))
            #expect(!strict.output.contains("warning:"))
            #expect(strict.error == "\(store): 1 problem\n")
            // A problem as well: the summary still counts the warning printed.
            let students = "\(store)/schools/riverside-primary/students.json"
            let text = try String(contentsOfFile: students, encoding: .utf8)
            try String(text.prefix(200)).write(toFile: students, atomically: true, encoding: .utf8)
            let both = try run(["store", "validate", store])
            #expect(both.status == 65)
            #expect(both.error == "\(store): 1 problem, 1 warning\n")
            // The problem is printed first, the warning after it.
            let printed = both.output.split(separator: "\n").map(String.init)
            let problem = try #require(printed.firstIndex { $0.hasPrefix("schools/riverside-primary/students.json") })
            let warning = try #require(printed.firstIndex { $0.hasPrefix("warning: ") })
            #expect(problem < warning, "\(both.output)")
        }
    }

    @Test func validateAndTheSchoolSideRemoveTemporaryFilesLeftByAKilledWriter() throws {
        try withTestDirectory { directory in
            let store = directory.file("store")
            #expect(try run(["store", "generate", "--demo", store]).status == 0)
            try plantOldTemporaryFile("\(store)/schools/green-abbey/inbox/.tmp-0123456789abcdef")
            try plantOldTemporaryFile("\(store)/schools/riverside-primary/receipts/.tmp-fedcba9876543210")
            let validate = try run(["store", "validate", store])
            #expect(validate.status == 0)
            #expect(validate.output.hasPrefix("\(store): removed 2 temporary files left by an interrupted writer\n"))
            #expect(!FileManager.default.fileExists(atPath: "\(store)/schools/green-abbey/inbox/.tmp-0123456789abcdef"))
            try plantOldTemporaryFile("\(store)/schools/green-abbey/registrations/.tmp-00000000000000aa")
            let inbox = try run(["school", "inbox", "--school", "green-abbey", "--store", store])
            #expect(inbox.status == 0)
            #expect(inbox.error.contains("removed 1 temporary file left by an interrupted writer"))
        }
    }
}
