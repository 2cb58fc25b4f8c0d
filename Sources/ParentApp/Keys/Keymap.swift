import TerminalKit

/// The one table of every key the app understands. Keys become commands
/// here and nowhere else; the help screen and the footer hints are generated
/// from the same rows, so they can never disagree with what keys do.
public struct Keymap: Sendable {
    public let bindings: [Binding]

    public init(bindings: [Binding] = Keymap.standard) { self.bindings = bindings }

    /// The contexts searched, in order, on a screen.
    public static func chain(for context: KeyContext, inForm: Bool) -> [KeyContext] {
        if inForm { return context == .form ? [.form, .global] : [context, .form, .global] }
        switch context {
        case .global: return [.global]
        case .logout: return [.logout, .global]
        case .home, .timeline, .attendance, .school, .enhanced: return [context, .list, .app, .global]
        case .help: return [.help, .list, .global]
        default: return [context, .app, .global]
        }
    }

    /// The command a key gives in a chain of contexts, if any.
    public func command(for key: Key, in chain: [KeyContext]) -> Command? {
        for context in chain {
            if let b = bindings.first(where: { $0.context == context && $0.keys.contains(key) }) { return b.command }
        }
        return nil
    }

    /// The footer hints of a chain: its footer rows, most specific first.
    public func hints(for chain: [KeyContext]) -> [KeyHints.Hint] {
        var seen = Set<Command>()
        var out: [KeyHints.Hint] = []
        for context in chain {
            for binding in bindings where binding.context == context && binding.footer {
                guard seen.insert(binding.command).inserted, let key = binding.keys.first else { continue }
                let name: String = key.displayName
                out.append(KeyHints.Hint(name, binding.label))
            }
        }
        return out
    }

    /// The help screen's lines, grouped by context.
    public func helpLines() -> [(section: String, rows: [(keys: String, label: String)])] {
        var out: [(section: String, rows: [(keys: String, label: String)])] = []
        for context in KeyContext.allCases {
            var rows: [(keys: String, label: String)] = []
            for binding in bindings where binding.context == context { rows.append((binding.keyNames, binding.label)) }
            if !rows.isEmpty { out.append((context.rawValue, rows)) }
        }
        return out
    }

    public static let standard: [Binding] = [
        // Everywhere
        Binding([.char("?"), .function(1)], .help, .global, "Help", footer: true),
        Binding([.ctrl("l")], .redraw, .global, "Redraw the screen"),
        Binding([.ctrl("z")], .suspend, .global, "Suspend (fg to resume)"),
        Binding([.ctrl("c"), .ctrl("q")], .quit, .global, "Quit"),
        Binding([.escape], .back, .global, "Back"),
        // Forms (login, PIN, writing): typing goes into the field
        Binding([.tab, .down], .nextField, .form, "Next field"),
        Binding([.backTab, .up], .previousField, .form, "Previous field"),
        Binding([.enter], .confirm, .form, "Continue", footer: true),
        Binding([.escape], .back, .form, "Back", footer: true),
        // Once logged in
        Binding([.char("1")], .section(1), .app, "Home", footer: false),
        Binding([.char("2")], .section(2), .app, "Timeline"),
        Binding([.char("3")], .section(3), .app, "Attendance"),
        Binding([.char("4")], .section(4), .app, "School details"),
        Binding([.char("5")], .section(5), .app, "Timetable, behaviour, achievements, calendar, assessments"),
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
        Binding([.tab], .nextTab, .list, "Next section"),
        Binding([.backTab], .previousTab, .list, "Previous section"),
        // Home
        Binding([.char("c")], .nextChild, .home, "Next child"),
        Binding([.char("n")], .compose, .home, "Write to school", footer: true),
        // Timeline
        Binding([.char("/")], .search, .timeline, "Search", footer: true),
        Binding([.char("c")], .nextChild, .timeline, "Child filter", footer: true),
        Binding([.char("f")], .nextCategory, .timeline, "Category filter", footer: true),
        Binding([.char("u")], .toggleReadFilter, .timeline, "Unread only"),
        Binding([.char("x")], .clearFilters, .timeline, "Clear filters"),
        Binding([.char("n")], .compose, .timeline, "Write to school"),
        // Message
        Binding([.up, .char("k")], .up, .message, "Scroll up"),
        Binding([.down, .char("j")], .down, .message, "Scroll down"),
        Binding([.pageUp], .pageUp, .message, "Page up"),
        Binding([.pageDown, .char(" ")], .pageDown, .message, "Page down"),
        Binding([.char("r")], .reply, .message, "Reply", footer: true),
        Binding([.char("o")], .open, .message, "Open the translation notice"),
        Binding([.escape, .backspace, .char("h")], .back, .message, "Back", footer: true),
        // Write to school
        Binding([.ctrl("s")], .send, .compose, "Send", footer: true),
        Binding([.ctrl("e")], .editInEditor, .compose, "Write in $EDITOR", footer: true),
        Binding([.tab], .nextField, .compose, "Next field"),
        Binding([.backTab], .previousField, .compose, "Previous field"),
        Binding([.escape], .back, .compose, "Cancel", footer: true),
        // Attendance
        Binding([.char("c")], .nextChild, .attendance, "Next child", footer: true),
        // School
        Binding([.enter], .open, .school, "Call, email or open the website", footer: true),
        // More
        Binding([.char("c")], .nextChild, .enhanced, "Next child", footer: true),
        Binding([.right, .char("]")], .nextTab, .enhanced, "Next tab", footer: true),
        Binding([.left, .char("[")], .previousTab, .enhanced, "Previous tab"),
        // Help
        Binding([.escape, .char("q"), .char("?")], .back, .help, "Close help", footer: true),
        // Log out
        Binding([.char("y"), .char("Y")], .confirm, .logout, "Log out", footer: true),
        Binding([.char("s")], .send, .logout, "Send waiting messages first", footer: true),
        Binding([.char("n"), .escape], .cancel, .logout, "Stay logged in", footer: true),
    ]
}
