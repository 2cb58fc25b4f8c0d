import Foundation
import ParentCore
import SchoolStore
import TerminalKit

/// Home, timeline, message, attendance and the Enhanced tabs.
extension Reducer {
    static func move(_ index: inout Int, _ command: Command, count: Int, page: Int) -> Bool {
        guard count > 0 else { index = 0; return command == .up || command == .down }
        switch command {
        case .up: index = max(0, index - 1)
        case .down: index = min(count - 1, index + 1)
        case .pageUp: index = max(0, index - page)
        case .pageDown: index = min(count - 1, index + page)
        case .top: index = 0
        case .bottom: index = count - 1
        default: return false
        }
        return true
    }

    /// Scrolls a text view (message, attendance grid, tabs, help); false
    /// when `command` is not a scroll.
    static func scroll(_ offset: inout Int, _ command: Command, page: Int) -> Bool {
        switch command {
        case .up: offset = max(0, offset - 1)
        case .down: offset += 1
        case .pageUp: offset = max(0, offset - page)
        case .pageDown: offset += page
        case .top: offset = 0
        default: return false
        }
        return true
    }

    /// Rows a list of the body shows (for page up/down).
    static func page(_ s: AppState) -> Int { max(1, s.size.height - 9) }

    static func homeCommand(_ command: Command, _ s: inout AppState) -> [Effect]? {
        guard let model = s.snapshot?.model else { return nil }
        let count = model.children.count
        if move(&s.home.selected, command, count: count, page: page(s)) { return [] }
        switch command {
        case .nextChild:
            s.home.selected = count == 0 ? 0 : (s.home.selected + 1) % count
        case .open:
            guard model.children.indices.contains(s.home.selected) else { return [] }
            s.timeline = TimelineView()
            s.timeline.query.child = model.children[s.home.selected].ref
            s.push(.timeline)
        case .compose:
            return startCompose(&s, reply: nil)
        default:
            return nil
        }
        return []
    }

    static func timelineCommand(_ command: Command, _ s: inout AppState) -> [Effect]? {
        guard let model = s.snapshot?.model else { return nil }
        if s.timeline.searching {
            switch command {
            case .confirm, .nextField:
                s.timeline.searching = false
            case .back:
                s.timeline.searching = false
                s.timeline.search = TextField(placeholder: s.timeline.search.placeholder)
                s.timeline.query.search = ""
                s.timeline.selected = 0
            default:
                break
            }
            return []
        }
        let results = model.timeline(s.timeline.query)
        if move(&s.timeline.selected, command, count: results.count, page: page(s)) { return [] }
        switch command {
        case .open:
            guard results.indices.contains(s.timeline.selected) else { return [] }
            let entry = results[s.timeline.selected]
            return openMessage(entry.ref, &s)
        case .search:
            s.timeline.searching = true
        case .nextChild:
            let refs: [ChildRef?] = [nil] + model.children.map(\.ref)
            let i = refs.firstIndex(of: s.timeline.query.child) ?? 0
            s.timeline.query.child = refs[(i + 1) % refs.count]
            s.timeline.selected = 0
        case .nextCategory:
            let all: [MessageCategory?] = [nil] + model.categories
            let i = all.firstIndex(of: s.timeline.query.category) ?? 0
            s.timeline.query.category = all[(i + 1) % all.count]
            s.timeline.selected = 0
        case .toggleReadFilter:
            s.timeline.query.unreadOnly.toggle()
            s.timeline.selected = 0
        case .clearFilters:
            let wasSearching = s.timeline.search
            s.timeline = TimelineView()
            s.timeline.search = TextField(placeholder: wasSearching.placeholder)
        case .compose:
            return startCompose(&s, reply: nil)
        default:
            return nil
        }
        return []
    }

    static func openMessage(_ ref: MessageRef, _ s: inout AppState) -> [Effect] {
        s.message = MessageView()
        s.message.ref = ref
        s.push(.message("\(ref.school)/\(ref.id)"))
        guard s.snapshot?.model.isRead(ref) == false else { return [] }
        return [.markRead(school: ref.school, message: ref.id)]
    }

    static func messageCommand(_ command: Command, _ s: inout AppState) -> [Effect]? {
        guard let model = s.snapshot?.model, let ref = s.message.ref, let detail = model.message(ref) else { return nil }
        if scroll(&s.message.scroll, command, page: page(s)) { return [] }
        switch command {
        case .reply:
            guard detail.canReply else {
                s.note("\(detail.schoolName) does not accept replies through Xpressions.", role: .warning, seconds: 10)
                return []
            }
            return startCompose(&s, reply: ComposeForm.Reply(school: ref.school, message: ref.id, subject: detail.subject))
        case .open:
            guard detail.translatedTo != nil, let link = detail.translationWarningLink else { return [] }
            return [.openURL(link)]
        default:
            return nil
        }
    }

    static func attendanceCommand(_ command: Command, _ s: inout AppState) -> [Effect]? {
        guard let model = s.snapshot?.model else { return nil }
        if scroll(&s.attendance.scroll, command, page: page(s)) { return [] }
        switch command {
        case .nextChild, .nextTab:
            s.attendance.child = model.children.isEmpty ? 0 : (s.attendance.child + 1) % model.children.count
            s.attendance.scroll = 0
        case .previousTab:
            s.attendance.child = model.children.isEmpty ? 0 : (s.attendance.child + model.children.count - 1) % model.children.count
            s.attendance.scroll = 0
        default: return nil
        }
        return []
    }

    static func enhancedCommand(_ command: Command, _ s: inout AppState) -> [Effect]? {
        guard let model = s.snapshot?.model else { return nil }
        let tabs = EnhancedView.tabs.count
        if scroll(&s.enhanced.scroll, command, page: page(s)) { return [] }
        switch command {
        case .nextChild:
            s.enhanced.child = model.children.isEmpty ? 0 : (s.enhanced.child + 1) % model.children.count
            s.enhanced.scroll = 0
        case .nextTab:
            s.enhanced.tab = (s.enhanced.tab + 1) % tabs
            s.enhanced.scroll = 0
        case .previousTab:
            s.enhanced.tab = (s.enhanced.tab + tabs - 1) % tabs
            s.enhanced.scroll = 0
        default: return nil
        }
        return []
    }
}
