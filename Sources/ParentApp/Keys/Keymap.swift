import TerminalKit

/// The one table of every key the app understands: the shared rows below
/// and each screen's own (``Screen/bindings``). Keys become commands here
/// and nowhere else; the help screen, the footer hints and the key names
/// screens mention ("r to reply") are generated from the same rows, so they
/// can never disagree with what keys do.
struct Keymap: Sendable {
    let bindings: [Binding]

    init(bindings: [Binding] = Keymap.standard) { self.bindings = bindings }

    /// The binding a key finds in a chain of contexts, if any.
    func binding(for key: Key, in chain: [KeyContext]) -> Binding? {
        for context in chain {
            if let b = bindings.first(where: { $0.context == context && $0.keys.contains(key) }) { return b }
        }
        return nil
    }

    /// The command a key gives in a chain of contexts, if any.
    func command(for key: Key, in chain: [KeyContext]) -> Command? { binding(for: key, in: chain)?.command }

    /// The name of the first key giving `command` in a chain ("r"), for
    /// screens that mention a key in their text.
    func label(for command: Command, in chain: [KeyContext]) -> String? {
        for context in chain {
            if let b = bindings.first(where: { $0.context == context && $0.command == command }), let key = b.keys.first
            {
                return key.displayName
            }
        }
        return nil
    }

    /// The first key for `command` in `chain` as a key script writes it
    /// (`a`, `<C-s>`): what the guided tour types, so it follows the table.
    func typed(_ command: Command, in chain: [KeyContext]) -> String? {
        for context in chain {
            if let b = bindings.first(where: { $0.context == context && $0.command == command }),
                let text = b.keys.first?.scriptText
            {
                return text
            }
        }
        return nil
    }

    /// The keys that move up and down in a chain, named together ("↑↓"),
    /// for a screen that says it scrolls.
    func upDown(in chain: [KeyContext]) -> String {
        name(.up, in: chain) + name(.down, in: chain)
    }

    /// The name of the first key for `command` in `chain` ("Ctrl-S"), for a
    /// sentence telling the parent what to press. The command must be bound
    /// there: a missing binding is a mistake in the code (a debug build, so
    /// every test, stops on it); a release build then names no key rather
    /// than a wrong one.
    func name(_ command: Command, in chain: [KeyContext]) -> String {
        if let name = label(for: command, in: chain) { return name }
        assertionFailure("no key for \(command) in \(chain)")
        return ""
    }

    /// The name of the first key for `command` in `chain` that is not a
    /// printable character ("F1" for help): the key that still acts while a
    /// field has the keyboard (``name(_:in:)`` otherwise).
    func name(_ command: Command, in chain: [KeyContext], typing: Bool) -> String {
        guard typing else { return name(command, in: chain) }
        for context in chain {
            for b in bindings where b.context == context && b.command == command {
                if let key = b.keys.first(where: { if case .char = $0 { return false } else { return true } }) {
                    return key.displayName
                }
            }
        }
        assertionFailure("no key for \(command) in \(chain) that acts while typing")
        return ""
    }

    /// The footer hints of a chain: its footer rows whose command is enabled,
    /// most specific first, each named by its first key that really gives
    /// that command here (not one a more specific context takes over).
    /// While a field has the keyboard (`editing`), printable keys are text,
    /// so a hint names another key for the command (F1 for help), or none.
    /// The rows shown only if there is room (``Binding/footerIfRoom``) come
    /// after all the others, before help, so a narrow footer drops them first.
    func hints(for chain: [KeyContext], editing: Bool = false, enabled: (Command) -> Bool = { _ in true }) -> [KeyHints
        .Hint]
    {
        // An array, not a Set: a few dozen commands at most, and the first
        // frame then need not look up `Command: Hashable` in the runtime's
        // conformance records (a scan of all of them, about 0.1 ms).
        var seen: [Command] = []
        func pass(_ shown: (Binding) -> Bool) -> [KeyHints.Hint] {
            var out: [KeyHints.Hint] = []
            for context in chain {
                for binding in bindings where binding.context == context && shown(binding) && enabled(binding.command) {
                    guard !seen.contains(binding.command),
                        let key = binding.keys.first(where: { key in
                            if editing, case .char = key { return false }
                            return self.binding(for: key, in: chain) == binding
                        })
                    else { continue }
                    seen.append(binding.command)
                    out.append(KeyHints.Hint(key.displayName, binding.footerLabel ?? binding.label))
                }
            }
            return out
        }
        var out = pass(\.footer)
        let more = pass { $0.footerIfRoom && !$0.footer }
        let help = out.last?.label == Reducer.helpLabel ? out.popLast() : nil
        return out + more + (help.map { [$0] } ?? [])
    }

    /// The contexts in table order (shared ones first, then the screens').
    var contexts: [KeyContext] {
        var out: [KeyContext] = []
        for b in bindings where !out.contains(b.context) { out.append(b.context) }
        return out
    }

    /// Every key that does something in `chain` now (its command
    /// `enabled`), most specific context first, each command once, named by
    /// its keys that really give it there (not those a more specific context
    /// takes over; while a field has the keyboard, `editing`, not the
    /// printable ones): help's "here now" section, the whole footer.
    func available(in chain: [KeyContext], editing: Bool = false, enabled: (Command) -> Bool) -> [(
        keys: String, label: String
    )] {
        var seen: [Command] = []  // an array, as in `hints(for:editing:enabled:)`
        var out: [(keys: String, label: String)] = []
        for context in chain {
            for binding in bindings where binding.context == context && enabled(binding.command) {
                guard !seen.contains(binding.command) else { continue }
                let keys = binding.keys.filter { key in
                    if editing, case .char = key { return false }
                    return self.binding(for: key, in: chain) == binding
                }
                guard !keys.isEmpty else { continue }
                seen.append(binding.command)
                out.append((keys.map(\.displayName).joined(separator: "/"), binding.label))
            }
        }
        return out
    }

    /// The help screen's lines, grouped by context.
    func helpLines() -> [(section: String, rows: [(keys: String, label: String)])] {
        contexts.map { context in
            (context.title, bindings.filter { $0.context == context }.map { ($0.keyNames, $0.label) })
        }
    }

    static let standard: [Binding] = shared + ScreenRegistry.all.flatMap { $0.bindings }

    /// Once logged in, 1, 2, 3… open the sections in tab order
    /// (``ScreenRegistry/sections``), each described by its screen.
    /// (Nine at most: a tenth section would need a key of its own.)
    static let sectionKeys: [Binding] = ScreenRegistry.sections.prefix(9).enumerated().map { i, route in
        Binding([.char(Character(String(i + 1)))], .section(i + 1), .app, route.screen.sectionHelp)
    }

    /// The rows every screen shares.
    static let shared: [Binding] =
        [
            // Everywhere
            Binding([.char("?"), .function(1)], .help, .global, Reducer.helpLabel, footer: true),
            Binding([.ctrl("l")], .redraw, .global, "Redraw the screen"),
            Binding([.ctrl("p")], .saveScreen, .global, "Save the screen as text (for a support ticket)"),
            Binding([.ctrl("z")], .suspend, .global, "Suspend (fg to resume)"),
            Binding([.ctrl("c"), .ctrl("q")], .quit, .global, "Quit"),
        ] + sectionKeys + [
            // Once logged in
            Binding([.char("R"), .function(5)], .refresh, .app, "Refresh now", footer: true),
            Binding([.char("L")], .lock, .app, "Lock (PIN to unlock)"),
            Binding([.char("X")], .logout, .app, "Log out…"),
            Binding([.char("q")], .quit, .app, "Quit (keeps you logged in)", footer: true),
            Binding([.escape, .backspace], .back, .app, "Back"),
            // Lists
            Binding([.up, .char("k")], .up, .list, "Move up"),
            Binding([.down, .char("j")], .down, .list, "Move down", footer: true),
            Binding([.pageUp, .ctrl("b")], .pageUp, .list, "Page up"),
            Binding([.pageDown, .ctrl("f"), .char(" ")], .pageDown, .list, "Page down"),
            Binding([.home, .char("g")], .top, .list, "First"),
            Binding([.end, .char("G")], .bottom, .list, "Last"),
            Binding([.enter, .char("l")], .open, .list, "Open", footer: true),
            // Scrolling text (a message, help, attendance, More)
            Binding([.up, .char("k")], .up, .scroll, "Scroll up"),
            Binding([.down, .char("j")], .down, .scroll, "Scroll down"),
            Binding([.pageUp, .ctrl("b")], .pageUp, .scroll, "Page up"),
            Binding([.pageDown, .ctrl("f"), .char(" ")], .pageDown, .scroll, "Page down"),
            Binding([.home, .char("g")], .top, .scroll, "Top"),
            Binding([.end, .char("G")], .bottom, .scroll, "Bottom"),
            // Forms (login, PIN, writing): every printable key goes into the field
            // that has the keyboard; only these keys act
            Binding([.tab, .down], .nextField, .form, "Next field"),
            Binding([.backTab, .up], .previousField, .form, "Previous field"),
            Binding([.enter], .confirm, .form, "Continue", footer: true),
            Binding([.escape], .back, .form, "Back", footer: true),
            // The guided tour (other keys work as ever: the presenter may look around)
            Binding([.char(" ")], .tourNext, .tour, "Next step", footer: true),
            Binding([.escape], .tourLeave, .tour, "Leave the tour", footer: true),
        ]
}
