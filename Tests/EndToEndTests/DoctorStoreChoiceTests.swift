import Foundation
import TestSupport
import Testing

/// Support runs doctor with no `--store` and must see what the parent's app
/// sees: the data directory's demo store, where `school send` files live
/// messages and the app records failed logins, not the untouched built-in
/// one. The first line says which store was read; a mistyped `--data-dir`
/// is an error naming it.
@Suite struct DoctorStoreChoiceTests {
    /// A fresh default data directory for the app and doctor alike.
    let xdg = NSTemporaryDirectory() + "xpressions-doctor-xdg-\(UUID().uuidString)"
    var data: String { "\(xdg)/xpressions" }

    func run(_ arguments: [String]) throws -> XpressionsBinary.Run {
        try FileManager.default.createDirectory(atPath: xdg, withIntermediateDirectories: true)
        return try XpressionsBinary.run(arguments, environment: ["XDG_DATA_HOME": xdg])
    }

    let liz = ["--email", "liz.abbot@example.com", "--mobile", "07700 100001"]

    @Test func withNoStoreDoctorReadsTheDemoStoreTheAppAndSchoolSendUse() throws {
        defer { try? FileManager.default.removeItem(atPath: xdg) }
        let sent = try run([
            "school", "send", "--school", "green-abbey", "--to", "year-9", "--subject", "Doctor sees this", "--body",
            "Hi", "--now", "2026-03-18T10:42:00Z",
        ])
        #expect(sent.status == 0, "\(sent.errors)")
        let r = try run(["doctor"] + liz + ["--subject", "doctor sees this", "--now", "2026-03-18T11:00:00Z"])
        #expect(r.status == 0, "\(r.errors)")
        #expect(
            r.output.hasPrefix(
                "Store: \(data)/demo-store (the demo store the app uses in the data directory \(data))\n\n"),
            "\(r.output)")
        #expect(r.output.contains("\"Doctor sees this\" (General, from Green Abbey School office)"))

        let json = try run(["doctor"] + liz + ["--message", "GA-DEMO-3", "--json"])
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let store = try #require(parsed["store"] as? [String: Any])
        #expect(store["path"] as? String == "\(data)/demo-store" && store["source"] as? String == "data directory")
    }

    @Test func aFailedLoginInTheAppShowsInDoctorsAttemptCount() throws {
        defer { try? FileManager.default.removeItem(atPath: xdg) }
        let app = try run([
            "--headless", "80x24", "--script", "liz.abbot@example.com<Enter>07700 100001<Enter>9999<Enter>",
            "--snapshot", "-",
        ])
        #expect(app.status == 0, "\(app.errors)")
        #expect(app.output.contains("4 attempts left"))
        let r = try run(["doctor"] + liz)
        #expect(
            r.output.contains(
                "Login attempts (the store's count, on the real time, Europe/London): 1 failed attempt since"))
    }

    @Test func theHeaderNamesAGivenStoreOrTheBuiltInOne() throws {
        defer { try? FileManager.default.removeItem(atPath: xdg) }
        let store = AppHarness.template
        let given = try run(["doctor", "--store", store] + liz)
        #expect(given.output.hasPrefix("Store: \(store) (given with --store)\n\n"), "\(given.output)")
        // Nothing has made the data directory's demo store yet, and doctor does not make it.
        let builtIn = try run(["doctor"] + liz)
        #expect(builtIn.output.hasPrefix("Store: "), "\(builtIn.output)")
        #expect(builtIn.output.contains("(the built-in demo store; no demo store in the data directory \(data) yet)"))
        #expect(!FileManager.default.fileExists(atPath: "\(data)/demo-store"))
    }

    @Test(arguments: [[], ["--email", "liz.abbot@example.com", "--mobile", "07700 100001", "--message", "GA-DEMO-3"]])
    func aMistypedDataDirectoryIsAnErrorNamingIt(_ more: [String]) throws {
        let missing = "/nonexistent-\(UUID().uuidString)"
        let r = try XpressionsBinary.run(["doctor", "--data-dir", missing] + more)
        #expect(r.status == 64, "\(r.output)")
        #expect(r.errors.hasPrefix("xpressions: doctor: --data-dir \(missing): no such directory"), "\(r.errors)")
        #expect(!r.output.contains("nobody is logged in") && !r.output.contains("Nobody is logged in"))
        let plain = NSTemporaryDirectory() + "xpressions-not-a-directory-\(UUID().uuidString)"
        #expect(FileManager.default.createFile(atPath: plain, contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: plain) }
        let file = try XpressionsBinary.run(["doctor", "--data-dir", plain] + more)
        #expect(file.status == 64 && file.errors.contains("--data-dir \(plain) is not a directory"), "\(file.errors)")
    }
}
