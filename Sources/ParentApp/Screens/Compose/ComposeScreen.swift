import ParentCore
import SchoolStore
import TerminalKit

extension Route {
    static let compose = Route(ComposeScreen.self)
}

extension KeyContext {
    static let compose = KeyContext("Write to school")
}

/// Writing a new message to a school, or a reply: school, topic (the
/// school's list; one must be chosen), and the text.
enum ComposeScreen: Screen {
    static let title = "Write to school"
    static let showsSections = true

    static let bindings: [Binding] = [
        Binding([.ctrl("s")], .send, .compose, "Send", footer: true),
        Binding([.ctrl("e")], .editInEditor, .compose, "Write in $EDITOR", footer: true),
        Binding([.tab], .nextField, .compose, "Next field"),
        Binding([.backTab], .previousField, .compose, "Previous field"),
        Binding([.escape], .back, .compose, "Cancel", footer: true),
    ]

    static func chain(_ s: AppState) -> [KeyContext] { [.compose, .form, .global] }
    static func isEditing(_ s: AppState) -> Bool { true }

    static func school(_ s: AppState) -> SchoolDetails? {
        guard s.compose.schools.indices.contains(s.compose.schoolIndex) else { return nil }
        return s.snapshot?.school(s.compose.schools[s.compose.schoolIndex])
    }

    static func render(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        let form = s.compose
        var y = area.y + 1
        let w = area.width
        c.text(form.reply == nil ? "Write to school" : "Reply", x: area.x, y: y, role: .header, width: w)
        y += 2
        guard let school = school(s) else { return }
        let arrows = " \(c.theme.glyphs.moreLeft) \(c.theme.glyphs.moreRight)"
        c.text("School    ", x: area.x, y: y, role: form.focus == 0 ? .accent : .text, width: 10)
        c.text(school.name + (form.reply == nil && form.schools.count > 1 ? arrows : ""), x: area.x + 10, y: y,
               role: form.focus == 0 ? .fieldFocused : .text, width: w - 10)
        y += 1
        let topics = school.topics
        c.text("Topic     ", x: area.x, y: y, role: form.focus == 1 ? .accent : .text, width: 10)
        c.text(topics[min(form.topicIndex, topics.count - 1)] + arrows, x: area.x + 10, y: y, role: form.focus == 1 ? .fieldFocused : .text, width: w - 10)
        y += 1
        if let reply = form.reply {
            c.text("Re        ", x: area.x, y: y, width: 10)
            c.text(reply.subject, x: area.x + 10, y: y, role: .dim, width: w - 10)
            y += 1
        }
        y += 1
        if let long = form.longText {
            c.text("Message (from your editor; Ctrl-E to edit again)", x: area.x, y: y, role: form.focus == 2 ? .accent : .text, width: w)
            y += 1
            for paragraph in long.split(separator: "\n", omittingEmptySubsequences: false) where y < area.maxY - 2 {
                y += max(1, c.wrapped(String(paragraph), x: area.x + 2, y: y, width: w - 2, maxRows: max(1, area.maxY - y - 2)))
            }
        } else {
            c.field("Message   ", form.body, x: area.x, y: y, labelWidth: 10, width: w, focused: form.focus == 2)
            y += 1
        }
        y += 1
        if let message = form.message {
            c.text(message, x: area.x, y: y, role: .error, width: w)
        } else if y < area.maxY {
            c.text("Ctrl-S sends. Your message is kept safely and sent at the next sync, even if you're offline.", x: area.x, y: y, role: .dim, width: w)
        }
    }
}
