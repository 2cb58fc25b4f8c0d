import ParentCore
import TerminalKit

extension HomeScreen {
    static func update(_ command: Command, _ s: inout AppState) -> [Effect]? {
        guard let model = s.snapshot?.model else { return nil }
        let count = model.children.count
        if Reducer.move(&s.home.selected, command, count: count, page: Reducer.page(s)) { return [] }
        switch command {
        case .nextChild:
            s.home.selected = count == 0 ? 0 : (s.home.selected + 1) % count
        case .open:
            guard model.children.indices.contains(s.home.selected) else { return [] }
            let previewOff = s.timeline.previewOff
            s.timeline = TimelineState()
            s.timeline.previewOff = previewOff
            s.timeline.query.child = model.children[s.home.selected].ref
            s.push(.timeline)
        case .compose:
            return ComposeScreen.start(&s, reply: nil)
        case .reportAbsence:
            return AbsenceScreen.start(&s)
        case .showKept:
            s.push(.kept)
        case .showSent:
            s.sent = SentState()
            s.push(.sent)
        default:
            return nil
        }
        return []
    }

    static func click(at p: Point, in area: Rect, _ s: inout AppState) -> [Effect] {
        guard let model = s.snapshot?.model, let i = child(at: p, in: area, s, model: model) else { return [] }
        if i == s.home.selected { return Reducer.handle(.open, &s) }
        s.home.selected = i
        return []
    }
}
