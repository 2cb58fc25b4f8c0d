import ParentCore
import TerminalKit

extension MoreScreen {
    static func update(_ command: Command, _ s: inout AppState) -> [Effect]? {
        guard let model = s.snapshot?.model else { return nil }
        let tabs = MoreState.tabs.count
        if Reducer.scroll(&s.more.scroll, command, page: Reducer.page(rows: textRows(s)), limit: scrollLimit(s)) {
            return []
        }
        switch command {
        case .nextChild:
            s.more.child = model.children.isEmpty ? 0 : (s.more.child + 1) % model.children.count
            s.more.scroll = 0
        case .nextTab:
            s.more.tab = (s.more.tab + 1) % tabs
            s.more.scroll = 0
        case .previousTab:
            s.more.tab = (s.more.tab + tabs - 1) % tabs
            s.more.scroll = 0
        case .exportCalendar:
            guard isEnabled(.exportCalendar, s), let child = selectedChild(s) else { return [] }
            return [.exportCalendar(child.ref)]
        default: return nil
        }
        return []
    }

    /// A click on the tab row picks that tab.
    static func click(at p: Point, in area: Rect, _ s: inout AppState) -> [Effect] {
        guard s.snapshot != nil, p.y == area.y else { return [] }
        let titles = MoreState.tabs.map(\.title)
        if let i = Tabs(titles, selected: s.more.tab).tab(
            atColumn: p.x, in: Rect(x: area.x, y: area.y, width: area.width, height: 1))
        {
            s.more.tab = i
            s.more.scroll = 0
        }
        return []
    }

    static func childInView(_ s: AppState) -> Int? { s.more.child }

    /// Another child's tab opens at its top.
    static func show(child index: Int, _ s: inout AppState) {
        guard s.more.child != index else { return }
        s.more.child = index
        s.more.scroll = 0
    }
}

extension MoreScreen {
    static func selectedChild(_ s: AppState) -> ChildSummary? {
        guard let children = s.snapshot?.model.children, !children.isEmpty else { return nil }
        return children[min(s.more.child, children.count - 1)]
    }
}
