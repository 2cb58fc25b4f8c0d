import Foundation
import ParentCore
import TerminalKit

extension Route {
    /// One message: "<school>/<id>".
    static func message(_ ref: MessageRef) -> Route { Route(MessageScreen.self, subject: "\(ref.school)/\(ref.id)") }
}

extension KeyContext {
    static let message = KeyContext("Message")
}

/// One message: sender, time, school, the children it is about, the body
/// wrapped to the width, attachments, the translation warning on
/// translated messages, and what happened to the parent's replies.
enum MessageScreen: Screen {
    static let title = "Message"
    static let showsSections = true

    static let bindings: [Binding] = [
        Binding([.char("J")], .nextMessage, .message, "Next message", footer: true),
        Binding([.char("K")], .previousMessage, .message, "Previous message"),
        Binding([.tab], .nextUnread, .message, "Next unread message"),
        Binding([.char("r")], .reply, .message, "Reply", footer: true),
        Binding([.char("o")], .open, .message, "Open the translation notice"),
        Binding([.escape, .backspace, .char("h")], .back, .message, "Back", footer: true),
    ]

    static func chain(_ s: AppState) -> [KeyContext] { [.message, .scroll, .app, .global] }

    static func isEnabled(_ command: Command, _ s: AppState) -> Bool {
        guard let ref = s.message.ref, let detail = s.snapshot?.model.message(ref) else { return command == .back }
        switch command {
        case .reply: return detail.canReply
        case .open: return detail.translatedTo != nil && detail.translationWarningLink != nil
        case .up, .down, .top, .bottom, .pageUp: return scrollLimit(s) > 0
        case .pageDown: return scrollLimit(s) > 0 || s.message.index + 1 < (s.message.list?.count ?? 0)
        case .nextMessage: return s.message.index + 1 < (s.message.list?.count ?? 0)
        case .previousMessage: return s.message.index > 0
        default: return true
        }
    }

    static func lines(_ d: MessageDetail, model: ParentModel, _ s: AppState, width: Int, glyphs: Glyphs) -> [(String, Role)] {
        var out: [(String, Role)] = []
        let zone = model.school(d.school)?.zone ?? s.displayZone
        let day = zone.civilDate(of: d.sentAt)
        out.append(("From     \(d.sender)", .text))
        out.append(("Sent     \(day.longText) at \(zone.clockText(d.sentAt))", .text))
        out.append(("School   \(d.schoolName)", .text))
        out.append(("About    \(d.childNames.joined(separator: ", "))" + (d.audience.map { " (\($0))" } ?? ""), .text))
        out.append(("Category \(d.category.rawValue)", .dim))
        if let language = d.translatedTo {
            out.append(("", .text))
            let key = Reducer.keymap.label(for: .open, in: chain(s)) ?? "o"
            let link = d.translationWarningLink.map { " The school's note on translations: \($0) (press \(key))" } ?? ""
            for line in TextWidth.wrap("This message was translated automatically into \(language) and may contain mistakes.\(link)", width: width) {
                out.append((line, .warning))
            }
        }
        out.append(("", .text))
        for paragraph in d.body.split(separator: "\n", omittingEmptySubsequences: false) {
            let wrapped = TextWidth.wrap(String(paragraph), width: width)
            if wrapped.isEmpty { out.append(("", .text)) }
            for line in wrapped { out.append((line, .text)) }
        }
        if !d.attachments.isEmpty {
            out.append(("", .text))
            out.append(("Attachments", .header))
            for a in d.attachments { out.append(("  \(a.name)  \(a.sizeText)", .link)) }
        }
        let replies = model.outbox.filter { $0.kind == .reply && $0.school == d.school && $0.message == d.ref.id }
        if !replies.isEmpty {
            out.append(("", .text))
            out.append(("Your replies", .header))
            for r in replies {
                let status = OutboxStatus(r, now: s.now, zone: zone)
                out.append(("  \(TextWidth.truncate((r.body ?? "").replacingOccurrences(of: "\n", with: " "), toWidth: max(10, width / 2)))  \(status.text)",
                            status.role))
            }
        }
        out.append(("", .text))
        let reply = Reducer.keymap.label(for: .reply, in: chain(s)) ?? ""
        out.append((d.canReply ? "\(reply) to reply to \(d.schoolName)." : "\(d.schoolName) does not accept replies through Xpressions.", .dim))
        return out
    }

    static func textWidth(_ area: Rect) -> Int { max(10, area.width - 1) }

    /// How far the message scrolls.
    static func scrollLimit(_ s: AppState) -> Int {
        guard let ref = s.message.ref, let model = s.snapshot?.model, let detail = model.message(ref),
              let body = AppView.frame(for: s)?.body else { return 0 }
        return lines(detail, model: model, s, width: textWidth(body), glyphs: .unicode).count - (body.height - 2)
    }

    static func render(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        guard let snap = s.snapshot else { return c.loading(in: area) }
        guard let ref = s.message.ref, let detail = snap.model.message(ref) else {
            c.text("This message is no longer here.", x: area.x, y: area.y + 1, role: .dim, width: area.width)
            return
        }
        c.wrapped(detail.subject, x: area.x, y: area.y, width: area.width, maxRows: 1, role: .header)
        let all = lines(detail, model: snap.model, s, width: textWidth(area), glyphs: c.theme.glyphs)
        let height = area.height - 2
        let top = min(s.message.scroll, max(0, all.count - height))
        for (i, line) in all.dropFirst(top).prefix(height).enumerated() {
            c.text(line.0, x: area.x, y: area.y + 2 + i, role: line.1, width: area.width)
        }
        if all.count > height {
            let position = "\(min(100, (top + height) * 100 / max(1, all.count)))%"
            c.text(position, x: area.maxX - position.displayWidth, y: area.y, role: .dim, width: position.displayWidth)
        }
    }
}
