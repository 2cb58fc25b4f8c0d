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
