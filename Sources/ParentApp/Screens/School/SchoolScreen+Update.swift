import TerminalKit

extension SchoolScreen {
    /// Each entry is an action (website, email, phone).
    static func update(_ command: Command, _ s: inout AppState) -> [Effect]? {
        guard let schools = s.snapshot?.schools, !schools.isEmpty else { return nil }
        let school = schools[min(s.school.schoolIndex, schools.count - 1)]
        let entries = entries(for: school)
        // The list keys help promises, as every list has them (g G Home End
        // PgUp PgDn did nothing here once).
        let page = entryRows(
            in: AppView.body(for: s), schools: schools.count)
        if s.school.list.move(command, count: entries.count, page: page) { return [] }
        switch command {
        case .nextTab:
            s.school.schoolIndex = (s.school.schoolIndex + 1) % schools.count
            s.school.list = ListCursor()
        case .previousTab:
            s.school.schoolIndex = (s.school.schoolIndex + schools.count - 1) % schools.count
            s.school.list = ListCursor()
        case .open:
            let entry = entries[min(s.school.list.selected, entries.count - 1)]
            switch entry.action {
            case .url(let url): return [.openURL(url)]
            case .dial(let number):
                s.note("Call the school on \(number) (from your phone).", seconds: 15)
            case .none:
                s.note(unopenable(entry) ?? entry.value, seconds: 10)
            }
        case .copy:
            let entry = entries[min(s.school.list.selected, entries.count - 1)]
            let what =
                [
                    "Headteacher": "the headteacher's name", "Address": "the address", "Phone": "the phone number",
                    "Email": "the email address",
                    "Website": "the website address",
                ][entry.label] ?? "it"
            return [.copy(entry.value, what: what)]
        case .showLinks:
            // None: said why, here (an empty picker said only "There are no links here").
            let found = links(for: school)
            guard !found.isEmpty else {
                s.note("\(school.name)'s details hold no website or email address to open.", seconds: 4)
                return []
            }
            LinksScreen.show(title: school.name, links: found, &s)
        default:
            return nil
        }
        return []
    }

    static func click(at p: Point, in area: Rect, _ s: inout AppState) -> [Effect] {
        guard let i = entry(at: p, in: area, s) else { return [] }
        if i == s.school.list.selected { return Reducer.handle(.open, &s) }
        s.school.list.selected = i
        return []
    }
}
