import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// The store's demo clock is remembered in the data directory, for when
/// the store is away (issue 9: offline, the parent sees what they had).
@Suite struct StoreClockMemoryTests {
    /// A directory or a FIFO in `store-clock.json`'s place while the store
    /// is there: it was never replaced, so the next start with the store
    /// away showed today's date. Set aside (or removed) and written.
    @Test(arguments: ["directory", "FIFO"])
    func somethingElseInItsPlaceIsReplacedWhileTheStoreIsThere(_ what: String) throws {
        try withTestDirectory { dir in
            let store = try DemoStoreCopy.copy(into: dir)
            let data = dir.file("data")
            let files = PosixFileLayer()
            let demo = try #require(try FileStore(root: store).info.demoClock)
            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
            let path = "\(data)/store-clock.json"
            if what == "directory" {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            } else {
                #expect(mkfifo(path, 0o600) == 0)
            }
            #expect(StoreClockMemory.demoClock(storeRoot: store, dataDirectory: data, files: files) == demo)
            try FileManager.default.moveItem(atPath: store, toPath: store + ".away")
            #expect(StoreClockMemory.demoClock(storeRoot: store, dataDirectory: data, files: files) == demo)
            if what == "directory" {
                let damaged = try FileManager.default.contentsOfDirectory(atPath: "\(data)/damaged")
                #expect(damaged.contains { $0.hasPrefix("store-clock.") }, "\(damaged)")
            }
        }
    }

    @Test func seenRememberedUsedWhileAwayAndForgottenWhenTheStoreHasNone() throws {
        try withTestDirectory { dir in
            let store = try DemoStoreCopy.copy(into: dir)
            let data = dir.file("data")
            let files = PosixFileLayer()
            let demo = try #require(try FileStore(root: store).info.demoClock)
            // No data directory yet: nothing is made, the store's clock is used.
            #expect(StoreClockMemory.demoClock(storeRoot: store, dataDirectory: data, files: files) == demo)
            #expect(!FileManager.default.fileExists(atPath: data))
            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
            // A command that only reads the data directory writes nothing.
            #expect(
                StoreClockMemory.demoClock(storeRoot: store, dataDirectory: data, files: files, remember: false) == demo
            )
            #expect(!FileManager.default.fileExists(atPath: "\(data)/store-clock.json"))
            #expect(StoreClockMemory.demoClock(storeRoot: store, dataDirectory: data, files: files) == demo)
            var info = stat()
            #expect(stat("\(data)/store-clock.json", &info) == 0 && info.st_mode & 0o777 == 0o600)

            // The store goes away: the clock last seen.
            try FileManager.default.moveItem(atPath: store, toPath: store + ".away")
            #expect(StoreClockMemory.demoClock(storeRoot: store, dataDirectory: data, files: files) == demo)
            // Cut short meanwhile: set aside in damaged/ for support (it was
            // left to be read again at every start); a reader only leaves it.
            let saved = try Data(contentsOf: URL(fileURLWithPath: "\(data)/store-clock.json"))
            try Data(saved.prefix(10)).write(to: URL(fileURLWithPath: "\(data)/store-clock.json"))
            #expect(
                StoreClockMemory.demoClock(storeRoot: store, dataDirectory: data, files: files, remember: false) == nil)
            #expect(FileManager.default.fileExists(atPath: "\(data)/store-clock.json"))
            #expect(StoreClockMemory.demoClock(storeRoot: store, dataDirectory: data, files: files) == nil)
            #expect(!FileManager.default.fileExists(atPath: "\(data)/store-clock.json"))
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: "\(data)/damaged").contains {
                    $0.hasPrefix("store-clock")
                })
            try saved.write(to: URL(fileURLWithPath: "\(data)/store-clock.json"))

            // Back, without a demo clock: forgotten, real time.
            try FileManager.default.moveItem(atPath: store + ".away", toPath: store)
            let info2 = "\(store)/store.json"
            var text = try String(contentsOfFile: info2, encoding: .utf8)
            let range = try #require(text.range(of: #""demoClock"\s*:\s*\{[^}]*\},"#, options: .regularExpression))
            text.removeSubrange(range)
            try text.write(toFile: info2, atomically: true, encoding: .utf8)
            #expect(StoreClockMemory.demoClock(storeRoot: store, dataDirectory: data, files: files) == nil)
            #expect(!FileManager.default.fileExists(atPath: "\(data)/store-clock.json"))
        }
    }
}

extension StoreClockMemoryTests {
    /// Damaged while the store is away, the memory gives way to the day the
    /// local model was last synced on (the app showed today, an empty new
    /// school year, over the data of March), remembered in its place until
    /// the store is seen again.
    @Test func aDamagedMemoryFallsBackToTheModelsDay() throws {
        try withTestDirectory { dir in
            let f = try SyncFixture(in: dir)
            try f.engine().sync()
            let files = PosixFileLayer()
            let demo = try #require(
                StoreClockMemory.demoClock(storeRoot: f.store, dataDirectory: f.dataDirectory, files: files))
            try FileManager.default.moveItem(atPath: f.store, toPath: f.store + ".away")
            try f.plant("store-clock.json", "{\"date\":")
            let day = StoreClockMemory.demoClock(storeRoot: f.store, dataDirectory: f.dataDirectory, files: files)
            #expect(day?.date == demo.date, "\(String(describing: day))")
            #expect(f.damagedNames.contains { $0.hasPrefix("store-clock.") })
            // The next start, the store still away: the same day.
            #expect(
                StoreClockMemory.demoClock(storeRoot: f.store, dataDirectory: f.dataDirectory, files: files)?.date
                    == demo.date)
        }
    }
}
