import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// `doctor --message --data-dir`: the real binary reads a logged-in
/// parent's data directory (made by a real login and sync) and changes
/// nothing in it.
@Suite struct DoctorDataDirectoryTests {
    /// Every entry under `directory` with its mode, size and modification time.
    static func listing(_ directory: String) -> [String] {
        var out: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let path = enumerator?.nextObject() as? String {
            var st = stat()
            guard lstat("\(directory)/\(path)", &st) == 0 else { continue }
            out.append("\(path) \(st.st_mode) \(st.st_size) \(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)")
        }
        return out.sorted()
    }

    @Test func doctorSaysTheAppSyncedAndOpenedTheMessageWithoutTouchingTheDirectory() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            let engine = try f.engine()
            _ = try engine.sync()
            _ = try engine.markRead(MessageRef(school: "green-abbey", id: "GA-DEMO-3"))
            _ = try engine.sendOutbox()
            let before = Self.listing(f.dataDirectory)
            #expect(before.contains { $0.hasPrefix("model/manifest.json ") })
            let args = [
                "doctor", "--store", f.store, "--data-dir", f.dataDirectory, "--email", "liz.abbot@example.com",
                "--mobile", "07700 100001", "--now", "2026-03-18T10:42:00Z", "--message", "GA-DEMO-3",
            ]
            let r = try XpressionsBinary.run(args)
            #expect(r.status == 0, "\(r.errors)")
            #expect(r.output.contains("✓ this parent is logged in there, syncing GA-C-LIZ at Green Abbey School"))
            #expect(
                r.output.contains(
                    "✓ synced: the local model holds it for Ben Abbot (9A) (last sync of Green Abbey School 2026-03-18T10:42:00Z)"
                ))
            #expect(r.output.contains("✓ opened on this device"))
            #expect(r.output.contains("✓ read at 2026-03-18T10:42:00Z (read receipt from GA-C-LIZ)"))
            // Sent the day before this app registered: the backup SMS had gone by then.
            #expect(
                r.output.contains(
                    "an SMS would have gone to \"07700 100001\" at 2026-03-17T16:35:00Z; the app registered at 2026-03-18T10:42:00Z, after it was due"
                ))
            #expect(Self.listing(f.dataDirectory) == before)  // read-only

            let json = try XpressionsBinary.run(args + ["--json"])
            let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
            let device = try #require(parsed["device"] as? [String: Any])
            #expect(device["session"] as? String == "this parent" && device["synced"] as? Bool == true)
            #expect(device["children"] as? [String] == ["GA-BEN"] && device["readOnDevice"] as? Bool == true)

            // Another parent's details against this directory say so.
            let david = try XpressionsBinary.run([
                "doctor", "--store", f.store, "--data-dir", f.dataDirectory, "--email", "david.abbot@example.com",
                "--mobile", "07700 100011", "--now", "2026-03-18T10:42:00Z", "--message", "GA-DEMO-3",
            ])
            #expect(david.output.contains("✗ another parent is logged in there"))
        }
    }
}
