import Foundation
import Testing

@testable import SchoolStore

/// `store.json`'s `secret` and the store's login attempt records
/// (`login-attempts/<digest>/<key>.json`).
@Suite struct LoginAttemptRecordTests {
    @Test func theSecretRoundTripsAndTheDemoStoreHasOne() throws {
        let info = StoreInfo(name: "x", secret: StoreInfo.randomSecret())
        let problems = ProblemList()
        let decoded = FieldReader(info.json, file: "store.json", record: nil, problems: problems).flatMap(
            StoreInfo.decode)
        #expect(problems.isEmpty && decoded == info)
        #expect(info.secret?.count == 32 && info.secret != StoreInfo.randomSecret())
        #expect(try FileStore(root: StoreFormatTests.demoPath).info.secret == DemoStoreBuilder.secret)
        // Optional: a store made without one reads as none.
        let store = try TinyStore(overriding: [
            "store.json": #"{"format": "xpressions-store", "version": 1, "name": "Tiny"}"#
        ])
        defer { store.remove() }
        #expect(try FileStore(root: store.root).info.secret == nil)
    }

    @Test func recordsAreCreateOnlyAndReadBackOldestFirst() throws {
        let store = try TinyStore()
        defer { store.remove() }
        let writer = StoreWriter(root: store.root, files: PosixFileLayer())
        let digest = String(repeating: "ab", count: 32)
        let t = Timestamp.parse("2026-03-18T10:02:00Z")!
        #expect(
            try writer.record(LoginAttempt(key: "k2", kind: .success, at: t.addingTimeInterval(60)), digest: digest))
        #expect(try writer.record(LoginAttempt(key: "k1", kind: .attempt, at: t), digest: digest))
        // never overwritten
        #expect(try !writer.record(LoginAttempt(key: "k1", kind: .success, at: t), digest: digest))
        // One that cannot be read counts as an attempt at its file's time.
        try Data("not json".utf8).write(to: URL(fileURLWithPath: "\(store.root)/login-attempts/\(digest)/k3.json"))
        let read = try writer.loginAttempts(digest: digest)
        #expect(read.map(\.key) == ["k1", "k2", "k3"])
        #expect(read.map(\.kind) == [.attempt, .success, .attempt])
        #expect(read[0].at == t)
        #expect(try writer.loginAttempts(digest: "0" + digest.dropFirst()).isEmpty)
        #expect(throws: StoreProblems.self) { try writer.loginAttempts(digest: "../schools") }
        #expect(throws: StoreProblems.self) {
            try writer.record(LoginAttempt(key: "a/b", kind: .attempt, at: t), digest: digest)
        }
        // The login attempts never make the store invalid.
        #expect(StoreValidator(root: store.root).validate().problems.map(\.description) == [])
    }

    /// A FIFO where a record was makes a login reading it refused ("is a
    /// FIFO … refused"): validate names it (it said the store was valid).
    @Test func aRecordThatIsNoRegularFileIsAValidateProblem() throws {
        let store = try TinyStore()
        defer { store.remove() }
        let writer = StoreWriter(root: store.root, files: PosixFileLayer())
        let digest = String(repeating: "cd", count: 32)
        #expect(try writer.record(LoginAttempt(key: "k1", kind: .attempt, at: Date()), digest: digest))
        let fifo = "\(store.root)/login-attempts/\(digest)/k2.json"
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(
            StoreValidator(root: store.root).validate().problems.map(\.description) == [
                "login-attempts/\(digest)/k2.json: is a FIFO (named pipe), not a regular file: a login reading it is refused, so logins with that email fail; remove it"
            ])
        try FileManager.default.removeItem(atPath: fifo)
        #expect(StoreValidator(root: store.root).validate().problems.isEmpty)
    }
}
