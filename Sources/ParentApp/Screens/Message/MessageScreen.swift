import Foundation
import ParentCore
import SchoolStore
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
        Binding([.up, .char("k")], .up, .message, "Scroll up"),
        Binding([.down, .char("j")], .down, .message, "Scroll down"),
        Binding([.pageUp], .pageUp, .message, "Page up"),
        Binding([.pageDown, .char(" ")], .pageDown, .message, "Page down"),
        Binding([.char("r")], .reply, .message, "Reply", footer: true),
        Binding([.char("o")], .open, .message, "Open the translation notice"),
        Binding([.escape, .backspace, .char("h")], .back, .message, "Back", footer: true),
    ]

    static func chain(_ s: AppState) -> [KeyContext] { [.message, .app, .global] }

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
            let link = d.translationWarningLink.map { " The school's note on translations: \($0) (press o)" } ?? ""
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
                let status: String
                switch r.state {
                case .queued: status = "queued: waiting to be sent"
                case let .sent(at): status = "sent \(AppView.ago(at, now: s.now))"
                case let .failed(reason): status = "not sent: \(reason)"
                }
                out.append(("  \(TextWidth.truncate((r.body ?? "").replacingOccurrences(of: "\n", with: " "), toWidth: max(10, width / 2)))  \(status)",
                            { if case .failed = r.state { return Role.error }; return Role.dim }()))
            }
        }
        out.append(("", .text))
        out.append((d.canReply ? "r to reply to \(d.schoolName)." : "\(d.schoolName) does not accept replies through Xpressions.", .dim))
        return out
    }

    static func render(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        guard let snap = s.snapshot else { return c.loading(in: area) }
        guard let ref = s.message.ref, let detail = snap.model.message(ref) else {
            c.text("This message is no longer here.", x: area.x, y: area.y + 1, role: .dim, width: area.width)
            return
        }
        c.wrapped(detail.subject, x: area.x, y: area.y, width: area.width, maxRows: 1, role: .header)
        let all = lines(detail, model: snap.model, s, width: max(10, area.width - 1), glyphs: c.theme.glyphs)
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
