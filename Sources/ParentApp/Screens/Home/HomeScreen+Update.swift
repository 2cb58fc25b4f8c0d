import ParentCore
import TerminalKit

extension HomeScreen {
    static func update(_ command: Command, _ s: inout AppState) -> [Effect]? {
        guard let model = s.snapshot?.model else { return nil }
        let count = model.children.count
        // A page is the cards on screen (it moved by the terminal's height).
        let page = AppView.frame(for: s).map { cards(in: $0.body, count: count).count } ?? 1
        if s.home.list.move(command, count: count, page: max(1, page)) { return [] }
        switch command {
        case .nextChild:
            s.home.list.selected = count == 0 ? 0 : (s.home.list.selected + 1) % count
        case .previousChild:
            s.home.list.selected = count == 0 ? 0 : (s.home.list.selected + count - 1) % count
        case .open:
            guard model.children.indices.contains(s.home.list.selected) else { return [] }
            TimelineScreen.open(about: model.children[s.home.list.selected].ref, &s)
        case .compose:
            return ComposeScreen.start(&s, reply: nil, about: selectedChild(s, model))
        case .reportAbsence:
            return AbsenceScreen.start(&s, about: selectedChild(s, model))
        default:
            return nil
        }
        return []
    }

    /// The child selected: a section about one child opens on them.
    static func childInView(_ s: AppState) -> Int? { s.home.list.selected }

    /// The child selected on Home: a new message or absence report is about them.
    static func selectedChild(_ s: AppState, _ model: ParentModel) -> ChildRef? {
        model.children.isEmpty ? nil : model.children[min(s.home.list.selected, model.children.count - 1)].ref
    }

    static func click(at p: Point, in area: Rect, _ s: inout AppState) -> [Effect] {
        guard let model = s.snapshot?.model, let i = child(at: p, in: area, s, model: model) else { return [] }
        if i == s.home.list.selected { return Reducer.handle(.open, &s) }
        s.home.list.selected = i
        return []
    }
}
