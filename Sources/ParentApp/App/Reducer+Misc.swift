import Foundation

extension Reducer {
    static func helpCommand(_ command: Command, _ s: inout AppState) -> [Effect] {
        if scroll(&s.helpScroll, command, page: page(s)) { return [] }
        if command == .back { s.pop() }
        return []
    }

    static func logoutCommand(_ command: Command, _ s: inout AppState) -> [Effect] {
        guard !s.logout.isBusy else { return [] }
        switch command {
        case .confirm:
            s.logout.isBusy = true
            return [.logOut(sendPendingFirst: false)]
        case .send where s.logout.pending > 0:
            s.logout.isBusy = true
            return [.logOut(sendPendingFirst: true)]
        case .cancel, .back:
            s.pop()
        default:
            break
        }
        return []
    }

    /// School details: each entry is an action (website, email, phone).
    static func schoolCommand(_ command: Command, _ s: inout AppState) -> [Effect]? {
        guard let schools = s.snapshot?.schools, !schools.isEmpty else { return nil }
        let school = schools[min(s.school.schoolIndex, schools.count - 1)]
        let entries = SchoolScreen.entries(for: school)
        switch command {
        case .up: s.school.selected = max(0, s.school.selected - 1)
        case .down: s.school.selected = min(entries.count - 1, s.school.selected + 1)
        case .nextTab, .nextChild:
            s.school.schoolIndex = (s.school.schoolIndex + 1) % schools.count
            s.school.selected = 0
        case .previousTab:
            s.school.schoolIndex = (s.school.schoolIndex + schools.count - 1) % schools.count
            s.school.selected = 0
        case .open:
            let entry = entries[min(s.school.selected, entries.count - 1)]
            switch entry.action {
            case let .url(url): return [.openURL(url)]
            case let .dial(number):
                s.note("Call the school on \(number) (from your phone).", seconds: 15)
            case .none:
                s.note(entry.value, seconds: 10)
            }
        default:
            return nil
        }
        return []
    }

    static func editorFinished(_ text: String?, _ s: inout AppState) -> [Effect] {
        guard let text else { s.note("The editor did not save anything.", role: .warning); return [] }
        return composeEdited(text, &s)
    }
}
