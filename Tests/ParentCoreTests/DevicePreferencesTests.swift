import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// Issue 11's preview pane, "this can be turned off": the choice is kept on
/// the device, in the data directory, and read back when the app opens.
@Suite struct DevicePreferencesTests {
    @Test func theChoiceIsKeptAndReadBackAndAnythingUnreadableIsTheDefault() throws {
        try withTestDirectory { dir in
            let data = dir.file("data")
            let files = PosixFileLayer()
            #expect(DevicePreferences.read(dataDirectory: data, files: files) == DevicePreferences(previewPane: true))
            try DevicePreferences(previewPane: false).save(dataDirectory: data, files: files)
            #expect(DevicePreferences.read(dataDirectory: data, files: files).previewPane == false)
            var info = stat()
            #expect(stat("\(data)/preferences.json", &info) == 0 && info.st_mode & 0o777 == 0o600)
            #expect(stat(data, &info) == 0 && info.st_mode & 0o777 == 0o700)
            for garbage in ["", "[]", "{\"previewPane\": \"no\"}", "not json"] {
                try Data(garbage.utf8).write(to: URL(fileURLWithPath: "\(data)/preferences.json"))
                #expect(DevicePreferences.read(dataDirectory: data, files: files).previewPane, "\(garbage)")
            }
        }
    }

    /// The lock screen opens the model (whose engine sweeps the data
    /// directory's temporary files) while the parent may be saving: every
    /// writer there takes the directory's lock, so no write loses its
    /// temporary file to the sweep (a full test run once did).
    @Test func savesAndTheEnginesSweepTakeTurns() throws {
        try withTestDirectory { dir in
            let data = dir.file("data")
            let files = PosixFileLayer()
            try files.makeDirectory(data)
            let failures = Locked<[String]>([])
            DispatchQueue.concurrentPerform(iterations: 2) { side in
                for i in 0..<300 {
                    do {
                        if side == 0 {
                            try DevicePreferences(previewPane: i % 2 == 0).save(dataDirectory: data, files: files)
                            try DigestMemory(dataDirectory: data, files: files).remember(
                                DigestMemory.Entry(at: Date(), seen: []), session: "s", scope: "all")
                        } else {
                            _ = try SyncEngine.sweepRoot(data, files: files)
                        }
                    } catch {
                        failures.withLock { $0.append("\(error)") }
                    }
                }
            }
            #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0.prefix(3) })")
        }
    }

    @Test func theServiceOpensWithThemAndTheyOutliveALogout() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            let service = ParentService(
                storeRoot: f.store, dataDirectory: f.dataDirectory, files: PosixFileLayer(), clock: f.clock,
                securityClock: f.clock, settings: f.account.settings)
            #expect(try service.open().preferences.previewPane)
            try service.save(DevicePreferences(previewPane: false))
            #expect(try service.open().preferences.previewPane == false)
            #expect(try f.account.logOut(.discardUnsent) == .loggedOut(unregistered: true))
            #expect(try service.open().preferences.previewPane == false)
        }
    }
}
