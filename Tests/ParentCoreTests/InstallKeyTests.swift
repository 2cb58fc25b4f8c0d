import Foundation
import SchoolStore
import TestSupport
import Testing

@testable import ParentCore

@Suite struct InstallKeyTests {
    @Test func madeOnFirstUsePrivateAndStable() throws {
        try withTestDirectory { dir in
            let data = dir.file("data")
            let first = try InstallKey.load(dataDirectory: data, files: PosixFileLayer())
            #expect(permissions(dir.file("data/install.key")) == 0o600)
            #expect(try PosixFileLayer().read(dir.file("data/install.key"))?.count == 32)
            let again = try InstallKey.load(dataDirectory: data, files: PosixFileLayer())
            #expect(first == again)
            #expect(
                first.digest("liz@example.com", domain: "email") == again.digest("liz@example.com", domain: "email"))
        }
    }

    @Test func digestsAreKeyedAndSeparatedByDomain() throws {
        try withTestDirectory { dir in
            let a = try InstallKey.load(dataDirectory: dir.file("a"), files: PosixFileLayer())
            let b = try InstallKey.load(dataDirectory: dir.file("b"), files: PosixFileLayer())
            let email = "liz@example.com"
            // Not the unsalted SHA-256 a list of addresses could be matched against.
            #expect(a.digest(email, domain: "email") != SHA256.hexDigest(email))
            #expect(a.digest(email, domain: "email") != b.digest(email, domain: "email"))
            #expect(a.digest("447700100001", domain: "email") != a.digest("447700100001", domain: "mobile"))
            #expect(a.digest(email, domain: "email").count == 64)
        }
    }

    @Test func aDamagedKeyIsReplaced() throws {
        try withTestDirectory { dir in
            let data = dir.file("data")
            try PosixFileLayer().makeDirectory(data)
            try PosixFileLayer().writeAtomically([1, 2, 3], to: dir.file("data/install.key"))
            let key = try InstallKey.load(dataDirectory: data, files: PosixFileLayer())
            #expect(try PosixFileLayer().read(dir.file("data/install.key")) == key.bytes)
            #expect(key.bytes.count == 32)
        }
    }

    /// A link to /dev/zero, a FIFO or a directory in the key's place is
    /// never read (it failed every sync and the app, "the install key
    /// could not be read"): it is set aside and a new key made.
    @Test(arguments: ["link to /dev/zero", "FIFO", "directory"])
    func aKeyThatIsNotAFileIsSetAsideAndReplaced(_ kind: String) throws {
        try withTestDirectory { dir in
            let data = dir.file("data")
            let path = dir.file("data/install.key")
            try PosixFileLayer().makeDirectory(data)
            switch kind {
            case "FIFO": #expect(mkfifo(path, 0o600) == 0)
            case "directory": try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            default: try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/dev/zero")
            }
            #expect(try InstallKey.existing(dataDirectory: data, files: PosixFileLayer()) == nil)
            let key = try InstallKey.load(dataDirectory: data, files: PosixFileLayer())
            #expect(key.bytes.count == 32)
            #expect(try PosixFileLayer().read(path) == key.bytes)
            let damaged = try FileManager.default.contentsOfDirectory(atPath: dir.file("data/damaged"))
            #expect(damaged.count == 1 && damaged[0].hasPrefix("install."), "\(damaged)")
            #expect(try InstallKey.load(dataDirectory: data, files: PosixFileLayer()) == key)
        }
    }
}
