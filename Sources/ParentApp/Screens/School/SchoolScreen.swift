import ParentCore
import TerminalKit

extension Route {
    static let school = Route(SchoolScreen.self)
}

extension KeyContext {
    static let school = KeyContext("School")
}

/// A school's details: logo, headteacher, address, phone, email and
/// website. Each contact entry is an action: the website and email open
/// with the user's opener (`$BROWSER`, else xdg-open) and are links (OSC 8
/// hyperlinks where the terminal shows them), the phone number is shown to
/// dial. `y` copies the selected entry (the phone number, the email
/// address…) to the clipboard; `u` lists the links.
enum SchoolScreen: Screen {
    static let title = "School"
    static let sectionHelp = "School details"
    static let showsSections = true

    static let bindings: [Binding] = [
        Binding([.enter], .open, .school, "Call, email or open the website", footer: true),
        Binding([.char("y")], .copy, .school, "Copy the selected detail (phone, email…) to the clipboard"),
        Binding([.char("u")], .showLinks, .school, "The school's links, to open or copy"),
        Binding([.tab], .nextTab, .school, "Next school", footer: true),
        Binding([.backTab], .previousTab, .school, "Previous school"),
    ]

    static func chain(_ s: AppState) -> [KeyContext] { [.school, .list, .app, .global] }

    /// Another school is offered only to a parent with more than one.
    static func isEnabled(_ command: Command, _ s: AppState) -> Bool {
        let schools = s.snapshot?.schools ?? []
        let list = schools.isEmpty ? [] : entries(for: schools[min(s.school.schoolIndex, schools.count - 1)])
        switch command {
        case .nextTab, .previousTab: return schools.count > 1
        // Only where Enter does something: a number to call, an address to
        // open (not the headteacher's name, nor a website or email the app
        // will not open: the screen says so).
        case .open: return !list.isEmpty && list[min(s.school.list.selected, list.count - 1)].action != .none
        // Not offered where they would not move (the footer offered ↓ on the last entry).
        case .up, .top, .pageUp, .down, .bottom, .pageDown:
            return s.school.list.allows(command, count: list.count) ?? true
        default: return true
        }
    }

    enum EntryAction: Equatable {
        case url(String)
        case dial(String)
        case none
    }

    struct Entry: Equatable {
        var label: String
        var value: String
        var action: EntryAction
    }

    static func entries(for school: SchoolDetails) -> [Entry] {
        [
            Entry(label: "Headteacher", value: school.headteacher, action: .none),
            Entry(label: "Address", value: school.address, action: .none),
            Entry(label: "Phone", value: school.phone, action: .dial(school.phone)),
            Entry(label: "Email", value: school.email, action: mailAddress(school.email).map { .url($0) } ?? .none),
            Entry(
                label: "Website", value: school.website, action: webAddress(school.website).map { .url($0) } ?? .none),
        ]
    }

    /// The school's website as a web address to open: the whole value an
    /// `http`/`https` address, or a bare one (`www.…`, `school.example.sch.uk`)
    /// opened as `https://`. Anything else (`javascript:`, `file:`, `smb:`…)
    /// came from the store and is shown, never handed to an opener.
    static func webAddress(_ value: String) -> String? {
        let v = value.trimmingCharacters(in: .whitespaces)
        if let found = LinkFinder.links(in: v).first, found.range == 0..<v.count, !found.isEmail { return found.url }
        guard !v.contains(":"), !v.contains("@"),
            let found = LinkFinder.links(in: "https://" + v).first, found.range == 0..<(v.count + 8)
        else { return nil }
        return found.url
    }

    /// Why an email or website entry is not opened, when it is not (its
    /// value is not a plain address or a web address).
    static func unopenable(_ entry: Entry) -> String? {
        guard entry.action == .none, !entry.value.isEmpty else { return nil }
        switch entry.label {
        case "Email": return "Not a plain email address: shown as the school holds it, not opened."
        case "Website": return "Not a web address: shown as the school holds it, not opened."
        default: return nil
        }
    }

    /// The school's email as `mailto:`, only for a plain address (no
    /// `?attach=` or other headers a mail program would act on).
    static func mailAddress(_ value: String) -> String? {
        let v = value.trimmingCharacters(in: .whitespaces)
        guard let found = LinkFinder.links(in: v).first, found.isEmail, found.range == 0..<v.count else { return nil }
        return found.url
    }

    /// The links of a school's details: its email address (as `mailto:`), its
    /// website, and any in its other details, by the rules links in a
    /// message follow.
    static func links(for school: SchoolDetails) -> [LinkFinder.Found] {
        var out: [LinkFinder.Found] = []
        for entry in entries(for: school) {
            if case .url(let url) = entry.action {
                out.append(LinkFinder.Found(text: entry.value, url: url, range: 0..<entry.value.count))
            } else if entry.label != "Email" && entry.label != "Website" {
                out += LinkFinder.links(in: entry.value)
            }
        }
        var seen = Set<String>()
        return out.filter { !$0.text.isEmpty && seen.insert($0.url).inserted }
    }

    /// The row of the first entry (below the school tabs and the name).
    static func firstEntryRow(in area: Rect, schools: Int) -> Int { area.y + (schools > 1 ? 2 : 0) + 3 }

    /// How many entries fit below the tabs and the name (at least one).
    static func entryRows(in area: Rect, schools: Int) -> Int {
        max(1, area.maxY - firstEntryRow(in: area, schools: schools))
    }

    /// The entries of the school shown, if any.
    static func shownEntries(_ s: AppState) -> [Entry] {
        guard let schools = s.snapshot?.schools, !schools.isEmpty else { return [] }
        return entries(for: schools[min(s.school.schoolIndex, schools.count - 1)])
    }

    /// The selection within the entries, and the first shown so that it is
    /// in view (at 40x10 with two schools one entry fits).
    static func settle(_ s: inout AppState) {
        let body = AppView.body(for: s)
        s.school.list.settle(
            count: shownEntries(s).count, rows: entryRows(in: body, schools: s.snapshot?.schools.count ?? 0))
    }

    /// The entry under a click, if any.
    static func entry(at p: Point, in area: Rect, _ s: AppState) -> Int? {
        guard let schools = s.snapshot?.schools, !schools.isEmpty else { return nil }
        let row = p.y - firstEntryRow(in: area, schools: schools.count)
        let count = shownEntries(s).count
        return s.school.list.item(atRow: row, count: count, rows: entryRows(in: area, schools: schools.count))
    }

    static func render(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        guard let schools = s.snapshot?.schools, !schools.isEmpty else {
            c.text("Loading…", x: area.x, y: area.y + 1, role: .dim, width: area.width)
            return
        }
        let index = min(s.school.schoolIndex, schools.count - 1)
        let school = schools[index]
        var y = area.y
        if schools.count > 1 {
            Tabs(
                schools.map(\.name), selected: index, style: c.theme.style(.dim),
                selectedStyle: c.theme.style(.selected),
                glyphs: c.theme.glyphs
            ).render(in: Rect(x: area.x, y: y, width: area.width, height: 1), buffer: &c.buffer)
            y += 2
        }
        var textX = area.x
        if let image = s.snapshot?.image(school: school.id, path: school.logo), c.theme.hasColor, area.width >= 50 {
            let size = HalfBlockImage.fittedSize(for: image, in: Size(width: 12, height: 6))
            HalfBlockImage(image).render(
                in: Rect(x: area.x, y: y, width: size.width, height: size.height), buffer: &c.buffer)
            textX = area.x + size.width + 2
        }
        let w = area.maxX - textX
        c.text(school.name, x: textX, y: y, role: .header, width: w)
        c.text(
            "\(school.serviceLevel.rawValue) service"
                + (school.lastUpdated.map { " \(c.theme.glyphs.separator) updated " + AppView.ago($0, now: s.now) }
                    ?? ""),
            x: textX, y: y + 1, role: .dim, width: w)
        y += 3
        let list = entries(for: school)
        let first = s.school.list.offset  // settled for this size and selection
        for (i, entry) in list.enumerated().dropFirst(first) where y < area.maxY {
            let selected = i == min(s.school.list.selected, list.count - 1)
            let role: Role = entry.action == .none ? .text : .link
            c.text(
                TextWidth.pad(entry.label, toWidth: 12), x: textX, y: y, role: selected ? .selected : .dim, width: 12)
            let used = c.text(
                entry.value, x: textX + 13, y: y, role: selected ? .selected : role, width: max(1, w - 13))
            if case .url(let url) = entry.action {
                c.buffer.addLink(url, row: y, columns: (textX + 13)..<(textX + 13 + used))
            }
            y += 1
        }
        y += 1
        if y < area.maxY {
            let hint: String
            let key = Reducer.keymap.name(.open, in: chain(s))
            switch list[min(s.school.list.selected, list.count - 1)].action {
            case .url: hint = "\(key) opens it with your browser ($BROWSER, else xdg-open), if there is one."
            case .dial: hint = "\(key) shows the number to dial."
            case .none: hint = unopenable(list[min(s.school.list.selected, list.count - 1)]) ?? ""
            }
            // Wrapped, never cut ("…, if …" at 80 columns beside the crest).
            y += max(1, c.wrapped(hint, x: textX, y: y, width: w, maxRows: min(2, area.maxY - y), role: .dim)) - 1
        }
        if school.serviceLevel == .core, y + 2 < area.maxY {
            c.wrapped(
                "\(school.name) uses Xpressions Core: messages and school details. Attendance, timetables and the rest come with the Enhanced service.",
                x: textX, y: y + 2, width: w, maxRows: 2, role: .dim)
        }
    }
}
