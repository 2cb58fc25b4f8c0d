import Foundation
import TerminalKit

@testable import ParentApp
@testable import ParentCore
@testable import SchoolStore

/// Liz Abbot logged in on a copy of the demo store, synced at 10:42 on the
/// demo date: the model every screen test draws.
enum ScreenFixture {
    static let now = Timestamp.parse("2026-03-18T10:42:00Z")!

    struct Prepared: Sendable {
        let snapshot: ModelSnapshot
        let session: Session
    }

    static let prepared: Prepared = prepare()

    /// The fixture with Ben's week of 9 March carrying ten different codes
    /// (a support engineer's edit): more legend than 80x24 has room for.
    static let manyCodes: Prepared = prepare(name: "many-codes") { store in
        let path = "\(store)/schools/green-abbey/attendance/2025-26.json"
        var records =
            try! JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
            as! [[String: Any]]
        let i = records.firstIndex { $0["student"] as? String == "GA-BEN" }!
        let codes = ["T", "J1", "C2", "Y1", "Y7", "P", "B", "D", "K", "Q"]
        var marks = records[i]["marks"] as! [String]
        var n = 0
        for (j, mark) in marks.enumerated() where mark.hasPrefix("2026-03-1") || mark.hasPrefix("2026-03-09") {
            let day = mark.prefix(10)
            guard day >= "2026-03-09", day <= "2026-03-13" else { continue }
            var parts = mark.split(separator: " ").map(String.init)
            parts[2] = codes[n % codes.count]
            marks[j] = parts.joined(separator: " ")
            n += 1
        }
        records[i]["marks"] = marks
        try! JSONSerialization.data(withJSONObject: records).write(to: URL(fileURLWithPath: path))
    }

    /// Siobhan O'Brien, whose Zoë has left Green Abbey (a leaver still shown).
    static let siobhan: Prepared = prepare(
        name: "siobhan", login: ("siobhan.obrien@example.com", "07700 100007", "0007"))

    /// Earlier test processes' copies of this fixture (a demo store and
    /// its model each): removed once the process that made them has ended,
    /// so that repeated test runs do not fill the disk (they filled it).
    static func sweepLeftovers(_ name: String) {
        let temporary = NSTemporaryDirectory()
        let prefix = "xpressions-\(name)-"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: temporary)) ?? []
        where entry.hasPrefix(prefix) {
            guard let pid = Int32(entry.dropFirst(prefix.count)), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            try? FileManager.default.removeItem(atPath: temporary + entry)
        }
    }

    static func prepare(
        name: String = "screens",
        login: (email: String, mobile: String, lastFour: String) = ("liz.abbot@example.com", "07700 100001", "0001"),
        editing edit: (String) -> Void = { _ in }
    ) -> Prepared {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let dir = NSTemporaryDirectory() + "xpressions-\(name)-\(getpid())"
        sweepLeftovers(name)
        try? FileManager.default.removeItem(atPath: dir)
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try! FileManager.default.copyItem(
            atPath: root.appendingPathComponent("Assets/demo-store").path, toPath: "\(dir)/store")
        edit("\(dir)/store")
        var settings = CoreSettings()
        settings.pinCost = 1
        let clock = ManualClock(now)
        let account = ParentAccount(
            store: try! FileStore(root: "\(dir)/store"), dataDirectory: "\(dir)/data", files: PosixFileLayer(),
            clock: clock, settings: settings)
        guard
            case .loggedIn(let pending) = try! account.logIn(
                email: login.email, mobile: login.mobile, lastFour: login.lastFour),
            try! account.setPIN("739184", confirmation: "739184", for: pending) == nil,
            let session = try! account.loadSession()
        else {
            fatalError("demo login failed")
        }
        let engine = try! SyncEngine(account: account, session: session)
        _ = try! engine.sync()
        // A few messages read, so the screens show both states.
        for entry in engine.snapshot.timeline().dropFirst(3).prefix(5) { _ = try! engine.markRead(entry.ref) }
        let model = engine.snapshot
        var images: [String: RGBImage] = [:]
        let store = try! FileStore(root: "\(dir)/store")
        for child in model.children {
            if let path = child.photo, let image = store.image(school: child.school, path: path) {
                images["\(child.school)/\(path)"] = RGBImage(
                    width: image.width, height: image.height, pixels: image.rgb)
            }
        }
        for school in model.schools {
            if let path = school.logo, let image = store.image(school: school.id, path: path) {
                images["\(school.id)/\(path)"] = RGBImage(width: image.width, height: image.height, pixels: image.rgb)
            }
        }
        return Prepared(snapshot: ModelSnapshot(model: model, images: images), session: session)
    }

    static func state(_ route: Route, size: Size = Size(width: 80, height: 24), from fixture: Prepared = prepared)
        -> AppState
    {
        var s = AppState(size: size, now: now)
        s.store = StoreSummary(name: "Xpressions demo store", demoLogins: DemoStoreBuilder.logins)
        s.snapshot = fixture.snapshot
        s.unlocked = true
        s.lastSync = SyncSummary(finishedAt: now.addingTimeInterval(-300))
        s.show(section: .home)
        if route != .home { s.push(route) }
        s.route.screen.settle(&s)
        return s
    }

    /// A registered screen as a parent first meets it, for the tests that
    /// cover every screen from the registry alone (a new screen needs no
    /// line in them): a section as its number key shows it; a screen one
    /// key away from Home (its way in, help, log out, a form) as that key
    /// opens it; any other screen of the parent's data opened (its `open`)
    /// over Home; a screen before the parent's data (login, PIN, a store
    /// problem) on its own.
    static func opened(_ screen: any Screen.Type, size: Size = Size(width: 80, height: 24)) -> AppState {
        let route = Route(screen)
        if ScreenRegistry.sections.contains(route) { return state(route, size: size) }
        let home = state(.home, size: size)
        let chain = Reducer.chain(home)
        for binding in Reducer.keymap.bindings where chain.contains(binding.context) {
            var s = home
            for key in binding.keys.prefix(1) { _ = Reducer.reduce(&s, .key(key)) }
            if s.route == route { return s }
        }
        guard screen.showsSections else {
            var s = AppState(size: size, now: now)
            s.store = StoreSummary(name: "Xpressions demo store", demoLogins: DemoStoreBuilder.logins)
            s.reset(to: route)
            return s
        }
        var s = home
        _ = screen.open(&s)
        s.route.screen.settle(&s)
        return s
    }

    /// The state's model with `troubles` (a school's data, or the whole
    /// store under ``ModelState/storeKey``, away or broken), as a sync that
    /// found them leaves it.
    static func setTroubles(_ troubles: [String: StoreTrouble], on s: inout AppState) {
        let m = s.snapshot!.model
        let troubled = ParentModel(
            state: m.state, schoolOrder: m.schools.map(\.id), outbox: m.outbox, lastSynced: [:], reusing: m,
            troubles: troubles)
        s.snapshot = ModelSnapshot(model: troubled, images: s.snapshot!.images, version: s.snapshot!.version + 1)
    }

    /// Draws a state set up by hand, after bringing what screens derive
    /// (a list's results and offset) up to date, as every reduce does.
    static func render(_ s: AppState, color: Bool = true) -> String {
        var s = s
        s.route.screen.settle(&s)
        return AppView.render(s, theme: Theme(color: color)).lines().joined(separator: "\n")
    }
}
