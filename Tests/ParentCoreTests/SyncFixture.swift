import Foundation
import TestSupport

@testable import ParentCore
@testable import SchoolStore

/// A logged-in parent (PIN 739184 set) on a writable copy of the demo store, with a
/// manual clock at the demo moment: Liz Abbot, with Ben (9A) and Amy (7B)
/// at Green Abbey (Enhanced) and Tom (3A) at Riverside Primary (Core).
struct SyncFixture {
    let directory: TestDirectory
    let store: String
    let clock: ManualClock
    let account: ParentAccount
    /// The login the session came from (to set its PIN again).
    let pending: PendingLogin
    let session: Session

    static let london = SchoolTimeZone(identifier: "Europe/London")!
    static let ben = ChildRef(school: "green-abbey", student: "GA-BEN")
    static let amy = ChildRef(school: "green-abbey", student: "GA-AMY")
    static let tom = ChildRef(school: "riverside-primary", student: "RP-TOM")

    init(
        in directory: TestDirectory, email: String = "liz.abbot@example.com", mobile: String = "07700 100001",
        lastFour: String = "0001", now: Date = DemoStoreCopy.now, storeName: String = "store", dataName: String = "data"
    ) throws {
        self.directory = directory
        let target = directory.file(storeName)
        if !FileManager.default.fileExists(atPath: target) {
            try FileManager.default.copyItem(atPath: DemoStoreCopy.original, toPath: target)
            try? FileManager.default.removeItem(atPath: "\(target)/.index")
        }
        store = target
        clock = ManualClock(now)
        var settings = CoreSettings()
        settings.pinCost = 1
        account = ParentAccount(
            store: try FileStore(root: target), dataDirectory: directory.file(dataName), files: PosixFileLayer(),
            clock: clock, settings: settings)
        guard case .loggedIn(let pending) = try account.logIn(email: email, mobile: mobile, lastFour: lastFour) else {
            throw FixtureError("login failed for \(email)")
        }
        if let refusal = try account.setPIN("739184", confirmation: "739184", for: pending) {
            throw FixtureError("PIN refused: \(refusal)")
        }
        guard let session = try account.loadSession() else {
            throw FixtureError("no session after the PIN for \(email)")
        }
        self.pending = pending
        self.session = session
    }

    struct FixtureError: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }

    var dataDirectory: String { account.dataDirectory }

    /// An engine over this fixture's data directory (a fresh store view, as
    /// a restarted app would have), optionally through another file layer
    /// or with other settings.
    func engine(
        files: (any FileLayer)? = nil, source: (any SchoolDataSource)? = nil, settings: CoreSettings? = nil
    ) throws -> SyncEngine {
        let files = files ?? PosixFileLayer()
        let account = ParentAccount(
            store: try FileStore(root: store), dataDirectory: dataDirectory, files: files, clock: clock,
            settings: settings ?? self.account.settings)
        return try SyncEngine(account: account, session: session, source: source, files: files)
    }

    var writer: StoreWriter { StoreWriter(root: store, files: PosixFileLayer()) }

    /// The school side sends a message now (or at `at`, published at `published`).
    @discardableResult
    func send(
        _ id: String, to scope: MessageScope, school: String = "green-abbey", subject: String = "A new message",
        body: String = "Dear Parents and Carers,", category: MessageCategory = .general, at: Date? = nil,
        published: Date? = nil
    ) throws -> SchoolMessage {
        let m = SchoolMessage(
            id: id, category: category, sender: "Mrs Okafor (Head of Year 9)", sentAt: at ?? clock.now(),
            publishedAt: published, subject: subject, body: body)
        try writer.send(m, scope: scope, school: school, zone: SyncFixture.london)
        return m
    }

    /// Rewrites a record file of the store with `edit` applied to its records.
    func editRecords(_ relative: String, _ edit: (inout [JSONValue]) -> Void) throws {
        let path = "\(store)/\(relative)"
        var values = try JSONParser.parseArray(Array(try Data(contentsOf: URL(fileURLWithPath: path)))).values
        edit(&values)
        try Data(JSONWriter().writeRecords(values)).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// Overwrites a store file with text (a hand edit).
    func overwrite(_ relative: String, with text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: "\(store)/\(relative)"), options: .atomic)
    }

    func read(_ relative: String) throws -> String {
        try String(contentsOfFile: "\(store)/\(relative)", encoding: .utf8)
    }
}

extension JSONValue {
    /// A copy of an object with one member replaced (or added).
    func setting(_ key: String, _ value: JSONValue) -> JSONValue {
        guard case .object(var members) = self else { return self }
        if let i = members.firstIndex(where: { $0.0 == key }) {
            members[i].1 = value
        } else {
            members.append((key, value))
        }
        return .object(members)
    }
}

extension SyncFixture {
    /// An account on this fixture's data directory whose store is opened
    /// when first needed, at `root` (default: the fixture's store).
    func lazyAccount(
        storeRoot root: String? = nil, files: any FileLayer = PosixFileLayer(),
        securityClock: (any WallClock)? = nil
    ) -> ParentAccount {
        ParentAccount(
            storeRoot: root ?? store, dataDirectory: dataDirectory, files: files, clock: clock,
            securityClock: securityClock,
            settings: account.settings)
    }

    /// Writes a file into the data directory (a hand edit, a damaged disk).
    func plant(_ relative: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: "\(dataDirectory)/\(relative)"))
    }

    /// The names in the data directory's `damaged/`.
    var damagedNames: [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: "\(dataDirectory)/damaged").sorted()) ?? []
    }

    /// Sets a PIN (7391) and checks it took.
    func setPIN() throws {
        guard try account.setPIN("7391", confirmation: "7391", for: pending) == nil else {
            throw FixtureError("the PIN was refused")
        }
    }
}
