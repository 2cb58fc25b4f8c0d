import Foundation
import SchoolStore
import TestSupport
import Testing

@testable import ParentCore

@Suite struct DataDirectoryTests {
    @Test(
        arguments: [
            // (override, XDG_DATA_HOME, home) -> (path, source)
            ("/srv/demo", "/xdg", "/home/p", "/srv/demo", DataDirectory.Source.override),
            ("/srv/demo/", nil, nil, "/srv/demo", .override),
            ("relative/dir", nil, "/home/p", "relative/dir", .override),
            ("~/demo", "/xdg", "/home/p", "/home/p/demo", .override),
            ("~", nil, "/home/p/", "/home/p", .override),
            ("~other/demo", nil, "/home/p", "~other/demo", .override),
            ("", "/xdg", "/home/p", "/xdg/xpressions", .xdgDataHome),
            (nil, "/xdg", "/home/p", "/xdg/xpressions", .xdgDataHome),
            (nil, "/xdg/", "/home/p", "/xdg/xpressions", .xdgDataHome),
            (nil, "/", "/home/p", "/xpressions", .xdgDataHome),
            (nil, "", "/home/p", "/home/p/.local/share/xpressions", .home),
            (nil, "relative/xdg", "/home/p", "/home/p/.local/share/xpressions", .home),
            (nil, nil, "/home/p", "/home/p/.local/share/xpressions", .home),
            (nil, nil, "/home/p/", "/home/p/.local/share/xpressions", .home),
        ] as [(String?, String?, String?, String, DataDirectory.Source)])
    func resolutionOrder(
        _ override: String?, _ xdg: String?, _ home: String?, _ path: String, _ source: DataDirectory.Source
    ) throws {
        var environment = ["HOME": "/ignored"]
        environment["XDG_DATA_HOME"] = xdg
        let directory = try DataDirectory.resolve(override: override, environment: environment, home: home)
        #expect(directory.path == path)
        #expect(directory.source == source)
    }

    @Test func withNowhereToGoResolutionFails() {
        #expect(throws: DataDirectoryError.noHomeDirectory) {
            try DataDirectory.resolve(override: nil, environment: [:], home: nil)
        }
        #expect(throws: DataDirectoryError.noHomeDirectory) {
            try DataDirectory.resolve(override: nil, environment: ["XDG_DATA_HOME": "rel"], home: "")
        }
        #expect(throws: DataDirectoryError.noHomeDirectory) {
            try DataDirectory.resolve(override: "~/x", environment: [:], home: nil)
        }
    }

    @Test func homeDirectoryPrefersAnAbsoluteHomeThenThePasswordDatabase() throws {
        #expect(DataDirectory.homeDirectory(environment: ["HOME": "/home/parent"]) == "/home/parent")
        let fromPasswd = try #require(DataDirectory.homeDirectory(environment: ["HOME": "relative"]))
        #expect(fromPasswd.hasPrefix("/"))
        #expect(DataDirectory.homeDirectory(environment: [:]) == fromPasswd)
    }

    @Test func prepareCreatesAPrivateDirectoryAndRepairsWhatIsInside() throws {
        try withTestDirectory { dir throws in
            let files = PosixFileLayer()
            let data = try DataDirectory.resolve(override: nil, environment: [:], home: dir.path)
            #expect(try data.prepare(using: files) == [])
            #expect(permissions(data.path) == 0o700)
            #expect(permissions(dir.file(".local")) == 0o700)

            plantFile(data.file("session.json"), mode: 0o644)
            #expect(mkdir(data.file("cache"), 0o755) == 0)
            #expect(chmod(data.file("cache"), 0o755) == 0)
            plantFile(data.file("cache/model.json"), mode: 0o664)
            #expect(chmod(data.path, 0o755) == 0)

            let repaired = try data.prepare(using: files)
            #expect(
                repaired == [data.path, data.file("cache"), data.file("cache/model.json"), data.file("session.json")])
            #expect(try data.prepare(using: files) == [])
            for entry in dir.walk() {
                #expect(entry.mode == (entry.isDirectory ? 0o700 : 0o600), "\(entry.path)")
            }
        }
    }

    @Test func prepareRefusesAFileInTheWay() throws {
        try withTestDirectory { dir throws in
            let files = PosixFileLayer()
            try files.writeAtomically([1], to: dir.file("data"))
            let data = try DataDirectory.resolve(override: dir.file("data"), environment: [:], home: nil)
            #expect(throws: DataDirectoryError.notADirectory(dir.file("data"))) { try data.prepare(using: files) }
        }
    }

    @Test func prepareRefusesADirectoryOfAnotherUser() throws {
        try withTestDirectory { dir throws in
            let files = StampOverridingFileLayer(ownerID: geteuid() &+ 1)
            try PosixFileLayer().makeDirectory(dir.file("data"))
            let data = try DataDirectory.resolve(override: dir.file("data"), environment: [:], home: nil)
            #expect(throws: DataDirectoryError.notOwnedByUser(dir.file("data"), ownerID: geteuid() &+ 1)) {
                try data.prepare(using: files)
            }
        }
    }

    @Test func prepareReportsADirectoryThatStaysOpen() throws {
        try withTestDirectory { dir throws in
            let files = StampOverridingFileLayer(permissions: 0o755)
            let data = try DataDirectory.resolve(override: dir.file("data"), environment: [:], home: nil)
            #expect(throws: DataDirectoryError.notPrivate(dir.file("data"), permissions: 0o755)) {
                try data.prepare(using: files)
            }
        }
    }

    /// Everything the parent side writes, through the layer, into a prepared
    /// data directory is private.
    @Test func aDataDirectoryInUseHoldsOnly0600FilesAnd0700Directories() throws {
        try withTestDirectory { dir throws in
            let files = PosixFileLayer()
            let data = try DataDirectory.resolve(override: dir.file("xpressions"), environment: [:], home: nil)
            try data.prepare(using: files)
            let limiter = AttemptLimiter(files: files, path: data.file("attempts.json"), clock: ManualClock())
            _ = try limiter.begin(key: "jbloggs@gmail.com")
            try files.writeAtomically(Array(try PinHasher(cost: 1).hash("739184").utf8), to: data.file("pin"))
            try files.makeDirectory(data.file("outbox"))
            _ = try files.createExclusively([UInt8](utf8: "{}"), at: data.file("outbox/1.json"))
            let entries = dir.walk()
            #expect(entries.count == 6)  // the directory, attempts.json, its lock file, pin, outbox/, outbox/1.json
            for entry in entries {
                #expect(entry.mode == (entry.isDirectory ? 0o700 : 0o600), "\(entry.path)")
            }
        }
    }

    @Test func errorsExplainThemselves() {
        let errors: [DataDirectoryError] = [
            .noHomeDirectory, .notADirectory("/x"),
            .notOwnedByUser("/x", ownerID: 7), .notPrivate("/x", permissions: 0o755),
        ]
        #expect(Set(errors.map(\.description)).count == 4)
        #expect(DataDirectoryError.notPrivate("/x", permissions: 0o755).description.contains("755"))
    }
}

/// The real layer, except that ``modificationInfo(_:)`` reports a chosen
/// owner or permissions (to stand in for situations a test cannot create).
struct StampOverridingFileLayer: ForwardingFileLayer {
    var ownerID: UInt32?
    var permissions: UInt16?
    let base: any FileLayer = PosixFileLayer()

    init(ownerID: UInt32? = nil, permissions: UInt16? = nil) {
        self.ownerID = ownerID
        self.permissions = permissions
    }

    func modificationInfo(_ path: String) -> FileInfo? {
        guard var stamp = base.modificationInfo(path) else { return nil }
        if let ownerID { stamp.ownerID = ownerID }
        if let permissions { stamp.permissions = permissions }
        return stamp
    }
}
