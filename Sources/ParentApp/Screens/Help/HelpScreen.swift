import TerminalKit

extension Route {
    static let help = Route(HelpScreen.self)
}

extension KeyContext {
    static let help = KeyContext("Help")
}

/// Every key, by where it works: generated from the keymap.
enum HelpScreen: Screen {
    static let title = "Help"

    static let bindings: [Binding] = [
        Binding([.escape, .char("q"), .char("?")], .back, .help, "Close help", footer: true),
    ]

    static func chain(_ s: AppState) -> [KeyContext] { [.help, .list, .global] }

    static func update(_ command: Command, _ s: inout AppState) -> [Effect]? {
        if Reducer.scroll(&s.help.scroll, command, page: Reducer.page(s)) { return [] }
        if command == .back { s.pop() }
        return []
    }

    static func lines(theme: Theme) -> [(String, Role)] {
        var out: [(String, Role)] = []
        for section in Reducer.keymap.helpLines() {
            out.append((section.section, .header))
            for row in section.rows {
                out.append(("  " + TextWidth.pad(row.keys, toWidth: 16) + row.label, .text))
            }
            out.append(("", .text))
        }
        return out
    }

    static func render(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        let all = lines(theme: c.theme)
        let top = min(s.help.scroll, max(0, all.count - area.height))
        for (i, line) in all.dropFirst(top).prefix(area.height).enumerated() {
            c.text(line.0, x: area.x, y: area.y + i, role: line.1, width: area.width)
        }
    }
}
