import Foundation
import TestSupport

@testable import ParentCore
@testable import SchoolStore

/// The built-in demo store, and writable copies of it for tests that write
/// (logins register in the store).
enum DemoStoreCopy {
    static var original: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Assets/demo-store").path
    }

    /// 18 March 2026, 10:42 in London: the demo store's demo date in school hours.
    static let now = Timestamp.parse("2026-03-18T10:42:00Z")!

    /// Copies the demo store (data files only) into `directory`/store.
    static func copy(into directory: TestDirectory) throws -> String {
        let target = directory.file("store")
        try FileManager.default.copyItem(atPath: original, toPath: target)
        try? FileManager.default.removeItem(atPath: "\(target)/.index")
        return target
    }

    static func account(
        store root: String, data directory: TestDirectory, clock: any WallClock,
        files: any FileLayer = PosixFileLayer()
    ) throws -> ParentAccount {
        var settings = CoreSettings()
        settings.pinCost = 1
        return ParentAccount(
            store: try FileStore(root: root), dataDirectory: directory.file("data"), files: files, clock: clock,
            settings: settings)
    }
}
