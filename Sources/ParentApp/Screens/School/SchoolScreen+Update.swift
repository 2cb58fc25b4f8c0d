import TerminalKit

extension SchoolScreen {
    /// Each entry is an action (website, email, phone).
    static func update(_ command: Command, _ s: inout AppState) -> [Effect]? {
        guard let schools = s.snapshot?.schools, !schools.isEmpty else { return nil }
        let school = schools[min(s.school.schoolIndex, schools.count - 1)]
        let entries = entries(for: school)
        switch command {
        case .up: s.school.selected = max(0, s.school.selected - 1)
        case .down: s.school.selected = min(entries.count - 1, s.school.selected + 1)
        // The list keys help promises (g G Home End PgUp PgDn did nothing here).
        case .top, .pageUp: s.school.selected = 0
        case .bottom, .pageDown: s.school.selected = entries.count - 1
        case .nextTab:
            s.school.schoolIndex = (s.school.schoolIndex + 1) % schools.count
            s.school.selected = 0
        case .previousTab:
            s.school.schoolIndex = (s.school.schoolIndex + schools.count - 1) % schools.count
            s.school.selected = 0
        case .open:
            let entry = entries[min(s.school.selected, entries.count - 1)]
            switch entry.action {
            case .url(let url): return [.openURL(url)]
            case .dial(let number):
                s.note("Call the school on \(number) (from your phone).", seconds: 15)
            case .none:
                s.note(unopenable(entry) ?? entry.value, seconds: 10)
            }
        case .copy:
            let entry = entries[min(s.school.selected, entries.count - 1)]
            let what =
                [
                    "Headteacher": "the headteacher's name", "Address": "the address", "Phone": "the phone number",
                    "Email": "the email address",
                    "Website": "the website address",
                ][entry.label] ?? "it"
            return [.copy(entry.value, what: what)]
        case .showLinks:
            LinksScreen.show(title: school.name, links: links(for: school), &s)
        default:
            return nil
        }
        return []
    }

    static func click(at p: Point, in area: Rect, _ s: inout AppState) -> [Effect] {
        guard let i = entry(at: p, in: area, s) else { return [] }
        if i == s.school.selected { return Reducer.handle(.open, &s) }
        s.school.selected = i
        return []
    }
}
