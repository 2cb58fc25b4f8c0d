import Foundation
import ParentCore
import TerminalKit

extension ComposeScreen {
    /// Opens the compose screen for a new message (no reply) or a reply.
    static func start(_ s: inout AppState, reply: ComposeState.Reply?) -> [Effect] {
        guard let snapshot = s.snapshot else { return [] }
        var form = ComposeState()
        form.schools = snapshot.schools.filter { $0.incomingEnabled && !$0.topics.isEmpty }.map(\.id)
        if let reply {
            guard let index = form.schools.firstIndex(of: reply.school) else {
                s.note("\(snapshot.school(reply.school)?.name ?? "The school") does not accept messages through Xpressions.", role: .warning, seconds: 10)
                return []
            }
            form.schoolIndex = index
            form.reply = reply
        }
        guard !form.schools.isEmpty else {
            s.note("None of your children's schools accepts messages through Xpressions.", role: .warning, seconds: 10)
            return []
        }
        form.focus = reply == nil && form.schools.count > 1 ? 0 : 1
        s.compose = form
        s.push(.compose)
        return []
    }

    static func update(_ command: Command, _ s: inout AppState) -> [Effect]? {
        switch command {
        case .nextField: s.compose.focus = min(2, s.compose.focus + 1)
        case .previousField: s.compose.focus = max(s.compose.reply == nil ? 0 : 1, s.compose.focus - 1)
        case .confirm: s.compose.focus = min(2, s.compose.focus + 1)
        case .back: s.pop()
        case .editInEditor: return [.editInEditor(initial: s.compose.text)]
        case .send:
            guard let school = school(s) else { return [] }
            let text = s.compose.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { s.compose.message = "Please write a message first."; return [] }
            let topics = school.topics
            let draft = OutgoingDraft(school: school.id, topic: topics[min(s.compose.topicIndex, topics.count - 1)], body: text,
                                      inReplyTo: s.compose.reply?.message)
            s.pop()
            s.note("Queued: your message to \(school.name) will be sent at the next sync.", role: .success)
            return [.queueMessage(draft), .sync(manual: true)]
        default: break
        }
        return []
    }

    static func type(_ key: Key, _ s: inout AppState) -> [Effect] {
        switch s.compose.focus {
        case 0 where s.compose.reply == nil:
            let n = s.compose.schools.count
            if key == .left { s.compose.schoolIndex = (s.compose.schoolIndex + n - 1) % n; s.compose.topicIndex = 0 }
            if key == .right || key == .char(" ") { s.compose.schoolIndex = (s.compose.schoolIndex + 1) % n; s.compose.topicIndex = 0 }
        case 1:
            let n = max(1, school(s)?.topics.count ?? 1)
            if key == .left { s.compose.topicIndex = (s.compose.topicIndex + n - 1) % n }
            if key == .right || key == .char(" ") { s.compose.topicIndex = (s.compose.topicIndex + 1) % n }
        case 2 where s.compose.longText == nil:
            _ = s.compose.body.handle(key)
        default:
            break
        }
        return []
    }

    /// What came back from `$EDITOR`.
    static func edited(_ text: String, _ s: inout AppState) -> [Effect] {
        guard s.route == .compose else { return [] }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.contains("\n") {
            s.compose.longText = trimmed
        } else {
            var field = TextField(placeholder: s.compose.body.placeholder)
            _ = field.insert(trimmed)
            s.compose.body = field
            s.compose.longText = nil
        }
        s.compose.focus = 2
        return []
    }
}
