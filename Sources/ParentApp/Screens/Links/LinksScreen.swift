import TerminalKit

extension Route {
    static let links = Route(LinksScreen.self)
}

extension KeyContext {
    static let links = KeyContext("Links")
}

/// The links of a message (or of the school's details) in a list, as
/// urlscan shows a mail's: Enter opens the selected one with the user's
/// opener (`$BROWSER`, else xdg-open; an email address as `mailto:`), `y`
/// copies it. Each row is itself a hyperlink where the terminal shows them.
enum LinksScreen: Screen {
    static let title = "Links"
    static let showsSections = true

    static let bindings: [Binding] = [
        Binding([.char("y")], .copy, .links, "Copy the link", footer: true),
        Binding([.char("q")], .back, .links, "Back (as urlscan's q)"),
    ]

    static func chain(_ s: AppState) -> [KeyContext] { [.links, .list, .app, .global] }

    /// Opens the picker on `links`, found in `title`.
    static func show(title: String, links: [LinkFinder.Found], _ s: inout AppState) {
        s.links = LinksState(title: title, links: links)
        s.push(.links)
    }

    static func isEnabled(_ command: Command, _ s: AppState) -> Bool {
        switch command {
        case .open, .copy: return !s.links.links.isEmpty
        default: return s.links.list.allows(command, count: s.links.links.count) ?? true
        }
    }

    static func update(_ command: Command, _ s: inout AppState) -> [Effect]? {
        let links = s.links.links
        let rows = AppView.frame(for: s).map { listRows(in: $0.body, s).count } ?? 1
        if s.links.list.move(command, count: links.count, page: max(1, rows - 1)) {
            return []
        }
        guard let i = s.links.list.index(count: links.count) else {
            return command == .open || command == .copy ? [] : nil
        }
        let link = links[i]
        switch command {
        case .open: return [.openURL(link.url)]
        case .copy:
            return [.copy(link.isEmail ? link.text : link.url, what: link.isEmail ? "the email address" : "the link")]
        default: return nil
        }
    }

    /// The first list row, and how many rows the list has in `area`.
    /// The list's rows: under the title, above the selected link's whole
    /// address and the line saying what the keys do.
    static func listRows(in area: Rect, _ s: AppState) -> (first: Int, count: Int) {
        // Title and a blank (2), then below the list a blank, the address,
        // a blank and two rows saying what the keys do (one on a short
        // terminal, where the list keeps every row it can).
        (area.y + 2, max(1, area.height - (area.height >= 16 ? 6 : 5) - addressRows(in: area, s)))
    }

    /// What the line under the list shows for the selected link.
    static func address(_ link: LinkFinder.Found) -> String { link.isEmail ? link.text : link.url }

    /// Rows for the selected link's whole address: as many as it takes
    /// (an address has no spaces to wrap at, so its width over the
    /// screen's), leaving the list three rows; one on a short terminal.
    /// On a short terminal the address takes the rows the keys' line
    /// would have had, and the list keeps one (it was cut at one row, "…").
    static func addressRows(in area: Rect, _ s: AppState) -> Int {
        guard area.width > 0, let i = s.links.list.index(count: s.links.links.count) else { return 1 }
        let needed = (TextWidth.of(address(s.links.links[i])) + area.width - 1) / area.width
        return max(1, min(needed, area.height >= 16 ? area.height - 8 : area.height - 6))
    }

    static func settle(_ s: inout AppState) {
        guard let body = AppView.frame(for: s)?.body else { return }
        s.links.list.settle(count: s.links.links.count, rows: listRows(in: body, s).count)
    }

    static func click(at p: Point, in area: Rect, _ s: inout AppState) -> [Effect] {
        let (first, rows) = listRows(in: area, s)
        guard let i = s.links.list.item(atRow: p.y - first, count: s.links.links.count, rows: rows) else { return [] }
        if i == s.links.list.selected { return Reducer.handle(.open, &s) }
        s.links.list.selected = i
        return []
    }

    static func render(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        let links = s.links.links
        c.text("Links in \u{201C}\(s.links.title)\u{201D}", x: area.x, y: area.y, role: .header, width: area.width)
        guard !links.isEmpty else {
            c.text("There are no links here.", x: area.x, y: area.y + 2, role: .dim, width: area.width)
            return
        }
        let (first, rows) = listRows(in: area, s)
        let top = s.links.list.offset  // settled for this size and selection
        let number = String(links.count).count
        for (row, i) in (top..<min(links.count, top + rows)).enumerated() {
            let y = first + row
            let link = links[i]
            let label = TextWidth.pad(String(i + 1), toWidth: number, alignment: .right) + "  "
            // Invisible format characters (a zero-width space or joiner, a
            // direction override) are not drawn, yet go to the opener
            // (percent-encoded): the row says so, and the line under the list
            // shows the address as it opens.
            let hidden = link.text.unicodeScalars.contains { $0.properties.generalCategory == .format }
            let kind = (link.isEmail ? "  email" : "") + (hidden ? "  hidden characters" : "")
            let selected = i == s.links.list.selected
            c.text(label, x: area.x, y: y, role: selected ? .selected : .dim, width: label.count)
            let x = area.x + label.count
            let used = c.text(
                link.text, x: x, y: y, role: selected ? .selected : .link, width: max(1, area.maxX - x - kind.count))
            c.text(kind, x: x + used, y: y, role: selected ? .selected : .dim, width: kind.count)
            c.buffer.addLink(link.url, row: y, columns: x..<(x + used))
        }
        // The selected link whole, as urlscan shows it: a long address is
        // cut in its row, and the parent reads where it goes before opening.
        let chosen = links[s.links.list.index(count: links.count) ?? 0]
        let shown = c.wrapped(
            address(chosen), x: area.x, y: first + rows + 1, width: area.width, maxRows: addressRows(in: area, s),
            role: .link)
        let open = Reducer.keymap.name(.open, in: chain(s))
        let copy = Reducer.keymap.name(.copy, in: chain(s))
        let y = first + rows + 1 + max(shown, 1) + 1
        guard y < area.maxY else { return }  // the footer names the keys
        c.wrapped(
            "\(open) opens the link with your browser ($BROWSER, else xdg-open; an email address opens your mail program), \(copy) copies it.",
            x: area.x, y: y, width: area.width, maxRows: min(2, area.maxY - y), role: .dim)
    }
}
