import Foundation
import SchoolStore
import TestSupport
import Testing

@testable import ParentCore

/// The store watcher says when the parent's schools' files change. A watch
/// follows its directory when the whole store is renamed away, so moving
/// the store out and back raised no event: a message queued meanwhile waited
/// for the retry timer (24–53 s in the audit) instead of going within
/// seconds of the store's return.
@Suite struct StoreWatcherTests {
    /// Waits (polling, with a deadline) until `done`; false at the deadline.
    func eventually(within seconds: Double, _ done: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if done() { return true }
            usleep(50_000)
        }
        return done()
    }

    /// A watcher of green-abbey under `root` that counts the changes it reports.
    func watching(_ root: String, counting changes: Locked<Int>) throws -> StoreWatcher {
        try #require(
            StoreWatcher(root: root, schools: ["green-abbey"], settle: 0.05) {
                changes.withLock { $0 += 1 }
                return true
            })
    }

    @Test func theStoreMovedAwayAndBackIsAChange() throws {
        try withTestDirectory { dir in
            let root = dir.file("store")
            try FileManager.default.createDirectory(
                atPath: "\(root)/schools/green-abbey/messages", withIntermediateDirectories: true)
            let changes = Locked(0)
            let watcher = try watching(root, counting: changes)
            defer { watcher.stop() }
            // An ordinary change first: a file written in the school.
            try Data("[]".utf8).write(to: URL(fileURLWithPath: "\(root)/schools/green-abbey/messages/x.json"))
            #expect(eventually(within: 5) { changes.withLock { $0 } > 0 })
            // The store moved away as a whole.
            changes.withLock { $0 = 0 }
            try FileManager.default.moveItem(atPath: root, toPath: dir.file("away"))
            #expect(eventually(within: 8) { changes.withLock { $0 } > 0 }, "moving the store away was not seen")
            // And back: seen within seconds, and watched again.
            changes.withLock { $0 = 0 }
            try FileManager.default.moveItem(atPath: dir.file("away"), toPath: root)
            #expect(eventually(within: 10) { changes.withLock { $0 } > 0 }, "the store's return was not seen")
            changes.withLock { $0 = 0 }
            try Data("[1]".utf8).write(to: URL(fileURLWithPath: "\(root)/schools/green-abbey/messages/x.json"))
            #expect(eventually(within: 5) { changes.withLock { $0 } > 0 }, "not watched again after its return")
        }
    }

    /// An overlay (an as-of view's sandbox) reads through to the store
    /// below it, where `school send` writes: a change there is seen (it
    /// reached an as-of view only at the next interval).
    @Test func aChangeBelowAnOverlayIsAChange() throws {
        try withTestDirectory { dir in
            let lower = dir.file("store")
            try FileManager.default.createDirectory(
                atPath: "\(lower)/schools/green-abbey/messages", withIntermediateDirectories: true)
            let overlay = dir.file("overlay")
            try StoreOverlay.create(at: overlay, over: lower, stamp: "test", files: PosixFileLayer())
            let changes = Locked(0)
            let watcher = try watching(overlay, counting: changes)
            defer { watcher.stop() }
            try Data("[]".utf8).write(to: URL(fileURLWithPath: "\(lower)/schools/green-abbey/messages/x.json"))
            #expect(eventually(within: 5) { changes.withLock { $0 } > 0 }, "a change below the overlay was not seen")
        }
    }
}

extension StoreWatcherTests {
    /// A school folder that appears (a second school holding the parent's
    /// details) is a change: it waited for the minute's sync.
    @Test func aNewSchoolFolderIsAChange() throws {
        try withTestDirectory { dir in
            let root = dir.file("store")
            try FileManager.default.createDirectory(
                atPath: "\(root)/schools/green-abbey/messages", withIntermediateDirectories: true)
            let changes = Locked(0)
            let watcher = try watching(root, counting: changes)
            defer { watcher.stop() }
            try FileManager.default.createDirectory(atPath: dir.file("hill"), withIntermediateDirectories: true)
            try FileManager.default.moveItem(atPath: dir.file("hill"), toPath: "\(root)/schools/hillside-primary")
            #expect(eventually(within: 5) { changes.withLock { $0 } > 0 }, "a new school folder was not seen")
        }
    }

    /// The school's own folder, or a year's messages folder, renamed away
    /// and back: a message written afterwards is still a change (live
    /// arrival stopped for that school until the app restarted: an audit).
    @Test(arguments: ["schools/green-abbey", "schools/green-abbey/messages/2025-26"])
    func aFolderRenamedAwayAndBackIsStillWatched(_ folder: String) throws {
        try withTestDirectory { dir in
            let root = dir.file("store")
            let year = "\(root)/schools/green-abbey/messages/2025-26"
            try FileManager.default.createDirectory(atPath: year, withIntermediateDirectories: true)
            let changes = Locked(0)
            let watcher = try watching(root, counting: changes)
            defer { watcher.stop() }
            try FileManager.default.moveItem(atPath: "\(root)/\(folder)", toPath: "\(root)/away")
            #expect(eventually(within: 5) { changes.withLock { $0 } > 0 }, "the move away was not seen")
            // Away past the watcher's look at where the school's path leads.
            usleep(2_500_000)
            try FileManager.default.moveItem(atPath: "\(root)/away", toPath: "\(root)/\(folder)")
            // Past the watcher's look at where the school's path leads.
            usleep(2_500_000)
            changes.withLock { $0 = 0 }
            try Data("[]".utf8).write(to: URL(fileURLWithPath: "\(year)/school.json"))
            #expect(eventually(within: 5) { changes.withLock { $0 } > 0 }, "\(folder): not watched after its return")
        }
    }
}
