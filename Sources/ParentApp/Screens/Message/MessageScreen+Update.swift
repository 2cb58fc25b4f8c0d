import ParentCore
import TerminalKit

extension MessageScreen {
    /// Opens a message (and marks it read, if it was not).
    static func open(_ ref: MessageRef, _ s: inout AppState) -> [Effect] {
        s.message = MessageState()
        s.message.ref = ref
        s.push(.message(ref))
        guard s.snapshot?.model.isRead(ref) == false else { return [] }
        return [.markRead(school: ref.school, message: ref.id)]
    }

    static func update(_ command: Command, _ s: inout AppState) -> [Effect]? {
        guard let model = s.snapshot?.model, let ref = s.message.ref, let detail = model.message(ref) else { return nil }
        if Reducer.scroll(&s.message.scroll, command, page: Reducer.page(s), limit: scrollLimit(s)) { return [] }
        switch command {
        case .reply:
            guard detail.canReply else {
                s.note("\(detail.schoolName) does not accept replies through Xpressions.", role: .warning, seconds: 10)
                return []
            }
            return ComposeScreen.start(&s, reply: ComposeState.Reply(school: ref.school, message: ref.id, subject: detail.subject))
        case .open:
            guard detail.translatedTo != nil, let link = detail.translationWarningLink else { return [] }
            return [.openURL(link)]
        default:
            return nil
        }
    }
}
