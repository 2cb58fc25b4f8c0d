import ParentCore
import TerminalKit

/// Mouse clicks and the wheel. The same `AppView.frame` that places things
/// on screen says what a click hit: the section tabs, a row of a list, a
/// tab of the More screen, an entry of the school details.
extension Reducer {
    static func mouse(_ event: MouseEvent, _ s: inout AppState) -> [Effect] {
        guard let frame = AppView.frame(for: s) else { return [] }
        switch event.kind {
        case .wheelUp: return handle(.up, &s)
        case .wheelDown: return handle(.down, &s)
        case .press(.left): break
        default: return []
        }
        let p = event.position
        if let tabs = frame.tabs, tabs.contains(p), s.unlocked,
           let i = Tabs(AppView.sectionTitles, selected: 0).tab(atColumn: p.x, in: tabs) {
            return handle(.section(i + 1), &s)
        }
        guard frame.body.contains(p), let model = s.snapshot?.model else { return [] }
        let body = frame.body
        switch s.route {
        case .timeline:
            let results = model.timeline(s.timeline.query)
            let listArea = TimelineScreen.listArea(in: body)
            let offset = ListView.scrollOffset(selected: results.isEmpty ? nil : min(s.timeline.selected, results.count - 1),
                                               offset: s.timeline.offset, visibleRows: listArea.height, count: results.count)
            let list = ListView(count: results.count, selected: s.timeline.selected, offset: offset)
            guard let row = list.row(at: p, in: listArea) else { return [] }
            if row == s.timeline.selected { return handle(.open, &s) }
            s.timeline.selected = row
        case .home:
            guard let i = HomeScreen.child(at: p, in: body, s, model: model) else { return [] }
            if i == s.home.selected { return handle(.open, &s) }
            s.home.selected = i
        case .enhanced where p.y == body.y:
            let titles = EnhancedView.tabs.map(\.title)
            if let i = Tabs(titles, selected: s.enhanced.tab).tab(atColumn: p.x, in: Rect(x: body.x, y: body.y, width: body.width, height: 1)) {
                s.enhanced.tab = i
                s.enhanced.scroll = 0
            }
        case .school:
            guard let i = SchoolScreen.entry(at: p, in: body, s) else { return [] }
            if i == s.school.selected { return handle(.open, &s) }
            s.school.selected = i
        default:
            break
        }
        return []
    }
}
