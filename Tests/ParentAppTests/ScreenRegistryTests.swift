import Foundation
import Testing

@testable import ParentApp

/// The registry is what makes a screen part of the app: its keys join the
/// keymap (and so help and the footer), and it hears failed effects. A screen
/// reached but not registered would still draw, silently without its keys;
/// these tests make forgetting the registry line fail.
@Suite struct ScreenRegistryTests {
    static func registered(_ screen: any Screen.Type) -> Bool {
        ScreenRegistry.all.contains { ObjectIdentifier($0) == ObjectIdentifier(screen) }
    }

    @Test func everyScreenTheJourneysReachIsRegistered() {
        for (name, state) in FirstHourTests.journeyStates() {
            for route in state.stack {
                #expect(
                    Self.registered(route.screen), "\(name): \(route.screen) is reached but not in ScreenRegistry.all")
            }
        }
        for route in ScreenRegistry.sections {
            #expect(Self.registered(route.screen), "section \(route) is not in ScreenRegistry.all")
        }
    }

    /// A form over the parent's data (a chain with the form keys, under
    /// the sections' tabs) is where a parent writes for the school: it must
    /// be a `WritingScreen`, whose hooks for keeping what was written have
    /// no defaults (a plain `Screen` silently loses it on quit, SIGTERM, a
    /// failed queue or a session that ends).
    @Test func everyFormOverTheParentsDataIsAWritingScreen() {
        var forms = 0
        defer { #expect(forms >= 2, "the message and absence forms were not found") }
        for screen in ScreenRegistry.all where screen.showsSections {
            let s = ScreenFixture.state(Route(screen))
            guard screen.chain(s).contains(.form) else { continue }
            forms += 1
            #expect(
                ScreenRegistry.all.contains { ObjectIdentifier($0) == ObjectIdentifier(screen) }
                    && (screen as Any) is any WritingScreen.Type,
                "\(screen) takes the form keys but is not a WritingScreen")
        }
    }

    /// Contexts are told apart by title: a new screen's context titled like
    /// another's ("Lists", "Timeline") would silently merge with it. A
    /// screen's way in (`.show` of its own route) is its one binding in
    /// another's context, the opener's.
    @Test func eachScreenHasContextsOfItsOwn() {
        let shared = Set(Keymap.shared.map(\.context))
        var owner: [KeyContext: String] = [:]
        for screen in ScreenRegistry.all {
            let own = screen.bindings.filter { $0.command != .show(Route(screen)) }
            for context in Set(own.map(\.context)) {
                #expect(!shared.contains(context), "\(screen) binds keys in the shared context \"\(context.title)\"")
                if let other = owner[context] {
                    #expect(Bool(false), "\(screen) and \(other) both use the context \"\(context.title)\"")
                }
                owner[context] = "\(screen)"
            }
        }
    }

    /// A way in opens the screen that declares it, from a context another
    /// screen uses (a `.show` bound in its own context would open itself).
    @Test func eachWayInOpensItsOwnScreenFromAnother() {
        for screen in ScreenRegistry.all {
            for binding in screen.bindings {
                guard case .show(let route) = binding.command else { continue }
                #expect(route == Route(screen), "\(screen) declares the way into \(route)")
                let opener = ScreenRegistry.all.filter {
                    ObjectIdentifier($0) != ObjectIdentifier(screen)
                        && $0.chain(ScreenFixture.state(Route($0))).contains(binding.context)
                }
                #expect(!opener.isEmpty, "\(screen)'s way in (\(binding.context.title)) is on no other screen")
            }
        }
    }
}

/// The README's "Using the app" documents every key a parent can press: a
/// key added to a screen's bindings without its line there fails here.
@Suite struct ReadmeKeyTests {
    @Test func theReadmeNamesEveryKey() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let readme = try String(contentsOf: url, encoding: .utf8)
        guard let start = readme.range(of: "\n## Using the app\n"),
            let end = readme.range(of: "\n## ", range: start.upperBound..<readme.endIndex)
        else {
            Issue.record("README.md has no \"## Using the app\" section")
            return
        }
        // The keys named in code spans, a span's words each (`j k`, `PgUp
        // PgDn`), and a range of digits (`1`–`5`) each digit.
        let section = String(readme[start.upperBound..<end.lowerBound])
        let spans = section.split(separator: "`", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map { String($0.element) }
        var named = Set(spans.flatMap { $0.split(separator: " ").map(String.init) })
        for match in section.matches(of: /`(\d)`–`(\d)`/) {
            for digit in Int(match.1)!...Int(match.2)! { named.insert(String(digit)) }
        }
        var missing: [String] = []
        for binding in Reducer.keymap.bindings where binding.context != .tour {
            for key in binding.keys where !named.contains(key.displayName) {
                missing.append("`\(key.displayName)` (\(binding.context.title): \(binding.label))")
            }
        }
        #expect(missing.isEmpty, "README's \"Using the app\" does not name: \(missing.joined(separator: "; "))")
    }
}
