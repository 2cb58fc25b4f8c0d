import TerminalKit

extension Route {
    static let help = Route(HelpScreen.self)
}

extension KeyContext {
    static let help = KeyContext("Help")
}

/// The keys that do something on the screen help was opened over, now
/// (enabled there, as the footer's), then every key by where it works:
/// both generated from the keymap.
enum HelpScreen: Screen {
    static let title = "Help"
    static let isOverlay = true

    static let bindings: [Binding] = [
        Binding([.escape, .char("q"), .char("?")], .back, .help, "Close help", footer: true)
    ]

    static func chain(_ s: AppState) -> [KeyContext] { [.help, .scroll, .global] }

    /// "F1 Help" inside help offered nothing new (Esc already closes it).
    static func isOffered(_ command: Command, _ s: AppState) -> Bool { command != .help }

    /// The help key: help opens (at its top), or closes when open.
    static func toggle(_ s: inout AppState) {
        if s.route == .help {
            s.pop()
        } else {
            s.help = HelpState()
            s.push(.help)
        }
    }

    static func linesKey(_ s: AppState, width: Int) -> HelpState.LinesKey {
        HelpState.LinesKey(
            width: width, stack: s.stack, version: s.snapshot?.version ?? -1,
            generation: s.snapshot?.model.generation ?? -1, unlocked: s.unlocked,
            minute: s.minute)
    }

    /// Help's lines for this state (as settled, else worked out now).
    static func cached(_ s: AppState, width: Int) -> [(String, Role)] {
        s.help.lines.value(for: linesKey(s, width: width)) ?? lines(s, width: width)
    }

    static func update(_ command: Command, _ s: inout AppState) -> [Effect]? {
        let count = cached(s, width: AppView.frame(for: s)?.body.width ?? 80).count
        let rows = textRows(count: count, height: Reducer.bodyRows(s))
        if Reducer.scroll(&s.help.scroll, command, page: Reducer.page(rows: rows), limit: count - rows) {
            return []
        }
        if command == .back { s.pop() }
        return []
    }

    /// The keys that do something on the screen under help now: its chain,
    /// each command enabled there (what a key disabled there does is
    /// nothing, so it is not offered: bubbles' `SetEnabled`), titled by the
    /// screen. Nil when help is open over nothing.
    static func hereNow(_ s: AppState) -> (section: String, rows: [(keys: String, label: String)])? {
        guard s.route == .help, s.stack.count > 1 else { return nil }
        var under = s
        under.pop()
        let screen = under.route.screen
        var rows = Reducer.keymap.available(in: Reducer.chain(under), editing: screen.isEditing(under)) {
            Reducer.isEnabled($0, under) && Reducer.isOffered($0, under) && $0 != .help
        }
        // The cursor is in a text: the keys that edit it act here too (the
        // field takes them, not the keymap, so the table above has none).
        if let cursor = screen.textCursor(under) {
            rows += editingRows(cursor)
        }
        return rows.isEmpty ? nil : ("Here now (\(screen.title))", rows)
    }

    /// What help lists: the keys that do something on the screen it was
    /// opened over (``hereNow(_:)``), then every binding by context; the
    /// key column is as wide as the widest key names, so the labels line
    /// up. A label longer than `width` goes on under itself (at 80 columns
    /// some were cut with "…").
    static func lines(_ s: AppState? = nil, width: Int = .max) -> [(String, Role)] {
        var out: [(String, Role)] = []
        let sections = (s.flatMap(hereNow).map { [$0] } ?? []) + Reducer.keymap.helpLines() + [editing]
        let keyWidth = (sections.flatMap { $0.rows.map(\.keys.displayWidth) }.max() ?? 0) + 2
        let indent = String(repeating: " ", count: 2 + keyWidth)
        let room = width == .max ? Int.max : max(10, width - indent.count)
        for section in sections {
            out.append((section.section, .header))
            for row in section.rows {
                let label = room == Int.max ? [row.label] : TextWidth.wrap(row.label, width: room)
                out.append(("  " + TextWidth.pad(row.keys, toWidth: keyWidth) + (label.first ?? ""), .text))
                for more in label.dropFirst() { out.append((indent + more, .text)) }
            }
            out.append(("", .text))
        }
        return out
    }

    /// The keys that edit the text in a field: the widgets take them, not
    /// the keymap, so they are listed here (a message body also takes Enter).
    static let editing: (section: String, rows: [(keys: String, label: String)]) = (
        "Typing in a field",
        [
            (
                printableExamples + "…",
                "Typed into the field, as every letter is (\(Reducer.keymap.name(.help, in: [.global], typing: true)) is help there)"
            )
        ]
            + editingRows(.line) + [(Key.enter.displayName, "A new line (in a message)")]
    )

    /// Letters that are keys elsewhere (help, quit, a section, down), as
    /// the keymap has them ("?/q/1/j"): in a field they are typed.
    static var printableExamples: String {
        let examples: [(Command, [KeyContext])] = [
            (.help, [.global]), (.quit, [.app]), (.section(1), [.app]), (.down, [.list]),
        ]
        return examples.compactMap { command, chain in
            Reducer.keymap.bindings.first { chain.contains($0.context) && $0.command == command }?.keys
                .first { if case .char = $0 { return true } else { return false } }?.displayName
        }.joined(separator: "/")
    }

    /// The keys that edit a line (and, in a message body, Enter's new line).
    static func editingRows(_ cursor: TextCursor) -> [(keys: String, label: String)] {
        TextField.editingKeys.map { ($0.keys.map(\.displayName).joined(separator: "/"), $0.label) }
            + (cursor == .body ? [(Key.enter.displayName, "A new line")] : [])
    }

    /// The rows help's lines have: all of `height`, or all but the first
    /// when they scroll (the position has a row of its own: sharing one,
    /// it cut whatever line scrolled there).
    static func textRows(count: Int, height: Int) -> Int { count > height ? max(1, height - 1) : height }

    /// The scroll position stays within what there is to scroll at this
    /// size (a resize, or "Here now" changing, shortens it).
    static func settle(_ s: inout AppState) {
        // Worked out once per change (width, the screens under it, the
        // model, the minute), never at every tick (ten a second).
        guard let body = AppView.frame(for: s)?.body else { return }
        let state = s
        s.help.lines.settle(linesKey(s, width: body.width)) { lines(state, width: body.width) }
        guard s.help.scroll > 0 else { return }
        let count = cached(s, width: body.width).count
        s.help.scroll = max(0, min(s.help.scroll, count - textRows(count: count, height: body.height)))
    }

    static func render(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        let all = cached(s, width: area.width)
        let rows = textRows(count: all.count, height: area.height)
        let top = s.help.scroll  // limited in settle, for this size
        // Where in help this is, and that it scrolls, on a row of its own.
        _ = c.position(
            top: top, height: rows, total: all.count, up: key(.up, s), down: key(.down, s), x: area.x, y: area.y,
            width: area.width)
        let y = area.y + area.height - rows
        for (i, line) in all.dropFirst(top).prefix(rows).enumerated() {
            c.text(line.0, x: area.x, y: y + i, role: line.1, width: area.width)
        }
    }
}
