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
/// wrapped to the width (its links marked, as OSC 8 hyperlinks where the
/// terminal shows them), its attachments as a list with one selected (`a`
/// and `A` move, Enter opens with the user's opener, `s` saves), the
/// translation warning on translated messages, and what happened to the
/// parent's replies. `u` lists the links, `y` copies the message.
enum MessageScreen: Screen {
    static let title = "Message"
    static let showsSections = true

    static let bindings: [Binding] = [
        Binding([.char("r")], .reply, .message, "Reply", footer: true),
        Binding([.enter], .openAttachment, .message, "Open attachment", footer: true),
        // At the end of a message, Space (any page down) goes on to the next one, as in mutt.
        Binding([.char(" "), .pageDown, .ctrl("f")], .pageDown, .message, "Next page or message", ifRoom: true),
        // J in every footer: at 80 columns, with an attachment's Enter, the
        // footer had room for none of J, K or Tab (Space, as in mutt, is
        // shown where there is room, and help lists all).
        Binding([.char("J")], .nextMessage, .message, "Next message", footer: true),
        Binding([.char("K")], .previousMessage, .message, "Previous message", ifRoom: true),
        Binding([.tab], .nextUnread, .message, "Next unread message", ifRoom: true),
        Binding(
            [.char("s")], .saveAttachment, .message, "Save the attachment to your downloads folder", ifRoom: true,
            short: "Save attachment"),
        Binding(
            [.char("a")], .nextAttachment, .message, "Select the next attachment", ifRoom: true,
            short: "Next attachment"),
        Binding([.char("A")], .previousAttachment, .message, "Select the previous attachment"),
        Binding(
            [.char("u")], .showLinks, .message, "The message's links, to open or copy", ifRoom: true, short: "Links"),
        Binding([.char("y")], .copy, .message, "Copy the message to the clipboard", ifRoom: true, short: "Copy"),
        Binding(
            [.char("N")], .toggleRead, .message, "Mark unread again, to come back to (pressed again: read)",
            ifRoom: true,
            short: "Mark unread"),
        Binding([.char("o")], .open, .message, "Open the translation notice"),
        // q closes the message, as in mutt's pager, aerc's viewer and tig (not the app).
        Binding([.escape, .backspace, .char("h"), .char("q")], .back, .message, "Back", footer: true),
    ]

    static func chain(_ s: AppState) -> [KeyContext] { [.message, .scroll, .app, .global] }

    static func isEnabled(_ command: Command, _ s: AppState) -> Bool {
        guard let ref = s.message.ref, let detail = s.snapshot?.model.message(ref) else { return command == .back }
        switch command {
        case .reply: return detail.canReply
        case .open: return detail.translatedTo != nil && detail.translationWarningLink != nil
        case .up, .down, .top, .bottom, .pageUp: return scrollLimit(s) > 0
        // At either end of the list they say so, as mutt does ("This is the
        // last message."); they said nothing. The footer offers them only
        // when there is somewhere to go (isOffered).
        case .pageDown, .nextMessage, .previousMessage: return s.message.list != nil || scrollLimit(s) > 0
        case .openAttachment, .saveAttachment, .nextAttachment, .previousAttachment: return !detail.attachments.isEmpty
        case .showLinks: return true  // says so when there are none
        default: return true
        }
    }

    static func isOffered(_ command: Command, _ s: AppState) -> Bool {
        // Gone (withdrawn, or its school went): only Esc does anything.
        guard let ref = s.message.ref, s.snapshot?.model.message(ref) != nil else { return command == .back }
        switch command {
        case .pageDown: return scrollLimit(s) > 0 || s.message.index + 1 < (s.message.list?.count ?? 0)
        case .nextMessage: return s.message.index + 1 < (s.message.list?.count ?? 0)
        case .previousMessage: return s.message.index > 0
        // Tab says "No more unread messages" where there are none; the
        // footer offers it only where there is one to go to.
        case .nextUnread:
            guard let list = s.message.list, let next = nextUnread(after: s.message.index, in: list, s) else {
                return false
            }
            return next.index != s.message.index
        // u says so on a message without links, but the footer offers it
        // only where there are some.
        case .showLinks:
            guard let detail = s.snapshot?.model.message(ref) else { return false }
            return !links(detail).isEmpty
        default: return isEnabled(command, s)
        }
    }

    /// The selected attachment of `detail` (clamped).
    static func selectedAttachment(_ detail: MessageDetail, _ s: AppState) -> Int {
        min(max(0, s.message.attachment), max(0, detail.attachments.count - 1))
    }

    /// The links of a message: its body's, then the translation notice.
    static func links(_ d: MessageDetail) -> [LinkFinder.Found] {
        var out = LinkFinder.links(in: d.body)
        if d.translatedTo != nil, let link = d.translationWarningLink, !out.contains(where: { $0.url == link }) {
            out +=
                LinkFinder.links(in: link).isEmpty
                ? [LinkFinder.Found(text: link, url: link, range: 0..<link.count)] : LinkFinder.links(in: link)
        }
        var seen = Set<String>()
        return out.filter { seen.insert($0.url).inserted }
    }

    /// "PDF", "PNG image": what kind of file an attachment is, in words.
    static func kind(_ type: String) -> String {
        let essence =
            type.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        switch essence {
        case "application/pdf": return "PDF"
        case "application/msword", "application/vnd.openxmlformats-officedocument.wordprocessingml.document":
            return "Word document"
        case "application/vnd.ms-excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
            return "spreadsheet"
        case "text/plain": return "text"
        default:
            if essence.hasPrefix("image/") { return "\(essence.dropFirst(6).uppercased()) image" }
            return ""
        }
    }

    static func lines(_ d: MessageDetail, model: ParentModel, _ s: AppState, width: Int, glyphs: Glyphs) -> [ReaderLine]
    {
        var out: [ReaderLine] = []
        let zone = model.school(d.school)?.zone ?? s.displayZone
        let day = zone.civilDate(of: d.sentAt)
        out.append(ReaderLine("From     \(d.sender)", .text))
        out.append(ReaderLine("Sent     \(day.longText) at \(zone.clockText(d.sentAt))", .text))
        out.append(ReaderLine("School   \(d.schoolName)", .text))
        out.append(
            ReaderLine(
                "About    \(d.childNames.joined(separator: ", "))" + (d.audience.map { " (\($0))" } ?? ""), .text))
        out.append(ReaderLine("Category \(d.category.rawValue)", .dim))
        if let language = d.translatedTo {
            out.append(ReaderLine("", .text))
            let key = Reducer.keymap.name(.open, in: chain(s))
            let link = d.translationWarningLink.map { " The school's note on translations: \($0) (press \(key))" } ?? ""
            for line in LinkFinder.wrap(
                "This message was translated automatically into \(language) and may contain mistakes.\(link)",
                width: width)
            {
                out.append(ReaderLine(line.text, .warning, links: line.links))
            }
        }
        out.append(ReaderLine("", .text))
        for paragraph in d.body.split(separator: "\n", omittingEmptySubsequences: false) {
            let wrapped = LinkFinder.wrap(String(paragraph), width: width)
            if wrapped.isEmpty { out.append(ReaderLine("", .text)) }
            for line in wrapped { out.append(ReaderLine(line.text, .text, links: line.links)) }
        }
        if !d.attachments.isEmpty {
            out.append(ReaderLine("", .text))
            out.append(
                ReaderLine(d.attachments.count == 1 ? "Attachment" : "Attachments (\(d.attachments.count))", .header))
            let selected = selectedAttachment(d, s)
            for (i, a) in d.attachments.enumerated() {
                let kind = kind(a.mediaType)
                let text =
                    "\(i == selected ? (glyphs == .ascii ? ">" : "▸") : " ") \(a.name)  \(a.sizeText)"
                    + (kind.isEmpty ? "" : "  \(kind)")
                out.append(ReaderLine(text, i == selected ? .selected : .link, attachment: i))
            }
            let label = { (command: Command) in Reducer.keymap.name(command, in: chain(s)) }
            let more = d.attachments.count > 1 ? ", \(label(.nextAttachment)) selects the next" : ""
            // The reader's keys, said in the reader only (in the timeline's
            // preview Enter opens the message, and a reports an absence).
            for line in !s.route.shows(MessageScreen.self)
                ? []
                : TextWidth.wrap(
                    "\(label(.openAttachment)) opens it (with $BROWSER, xdg-open or mailcap), \(label(.saveAttachment)) saves it to your downloads folder\(more).",
                    width: width)
            {
                out.append(ReaderLine(line, .dim))
            }
        }
        let replies = model.outbox.filter { $0.kind == .reply && $0.school == d.school && $0.message == d.ref.id }
        if !replies.isEmpty {
            out.append(ReaderLine("", .text))
            out.append(ReaderLine("Your replies", .header))
            // Each whole, as written (it was cut to half a line), under where it stands.
            for r in replies {
                let status = OutboxStatus(r, now: s.now, zone: zone, copyOnly: OutboxStatus.copyOnly(s, r))
                out.append(ReaderLine("  \(status.text)", status.role))
                for paragraph in (r.body ?? "").split(separator: "\n", omittingEmptySubsequences: false) {
                    for line in TextWidth.wrap(String(paragraph), width: max(10, width - 4)) {
                        out.append(ReaderLine("    " + line, .text))
                    }
                    if paragraph.isEmpty { out.append(ReaderLine("", .text)) }
                }
            }
        }
        out.append(ReaderLine("", .text))
        let reply = Reducer.keymap.name(.reply, in: chain(s))
        out.append(
            ReaderLine(
                d.canReply
                    ? "\(reply) to reply to \(d.schoolName)."
                    : "\(d.schoolName) does not accept replies through Xpressions.", .dim))
        return out
    }

    /// The message as plain text, for the clipboard.
    static func plainText(_ d: MessageDetail, model: ParentModel, _ s: AppState) -> String {
        let zone = model.school(d.school)?.zone ?? s.displayZone
        let line = { (text: String) in clean(text, keepingLines: false) }
        var text =
            "\(line(d.subject))\nFrom: \(line(d.sender)), \(line(d.schoolName))\nSent: \(zone.civilDate(of: d.sentAt).longText) at \(zone.clockText(d.sentAt))\n"
        text += "About: \(d.childNames.map(line).joined(separator: ", "))\n\n\(clean(d.body, keepingLines: true))\n"
        if !d.attachments.isEmpty {
            text += "\nAttachments: \(d.attachments.map { line($0.name) }.joined(separator: ", "))\n"
        }
        return text
    }

    /// Text from the school made safe to paste: control characters (an
    /// escape sequence, a line break in an attachment's name that would run
    /// as a second command in a shell) become U+FFFD; a body keeps its line
    /// breaks and tabs.
    static func clean(_ text: String, keepingLines: Bool) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0, keepingLines) }) else { return text }
        return String(
            String.UnicodeScalarView(text.unicodeScalars.map { isControl($0, keepingLines) ? "\u{FFFD}" : $0 }))
    }

    private static func isControl(_ scalar: Unicode.Scalar, _ keepingLines: Bool) -> Bool {
        let v = scalar.value
        if keepingLines && (v == 0x0A || v == 0x09) { return false }
        return v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029
    }

    static func textWidth(_ area: Rect) -> Int { max(10, area.width - 1) }

    /// The scroll position stays within what there is to scroll at this
    /// size (a resize, the message changing under it).
    /// (At the top there is nothing to limit: the message is not laid out
    /// again at every tick, ten a second, for nothing.)
    static func settle(_ s: inout AppState) {
        if s.route.shows(MessageScreen.self), let ref = s.message.ref, let model = s.snapshot?.model,
            let detail = model.message(ref), let body = AppView.frame(for: s)?.body
        {
            let state = s
            s.message.lines.settle(linesKey(s, ref: ref, width: textWidth(body), glyphs: .unicode)) {
                lines(detail, model: model, state, width: textWidth(body), glyphs: .unicode)
            }
        }
        guard s.message.scroll > 0 else { return }
        s.message.scroll = max(0, min(s.message.scroll, scrollLimit(s)))
    }

    static func linesKey(_ s: AppState, ref: MessageRef, width: Int, glyphs: Glyphs) -> MessageState.LinesKey {
        MessageState.LinesKey(
            ref: ref, version: s.snapshot?.version ?? -1, generation: s.snapshot?.model.generation ?? -1,
            width: width, glyphs: glyphs, attachment: s.message.attachment, route: s.route,
            minute: s.minute)
    }

    /// The reader's lines for this state (as settled, else laid out now).
    static func laidOut(_ d: MessageDetail, model: ParentModel, _ s: AppState, width: Int, glyphs: Glyphs)
        -> [ReaderLine]
    {
        s.message.lines.value(for: linesKey(s, ref: d.ref, width: width, glyphs: glyphs))
            ?? lines(d, model: model, s, width: width, glyphs: glyphs)
    }

    /// How far the message scrolls.
    static func scrollLimit(_ s: AppState) -> Int {
        guard let ref = s.message.ref, let model = s.snapshot?.model, let detail = model.message(ref),
            let body = AppView.frame(for: s)?.body
        else { return 0 }
        return laidOut(detail, model: model, s, width: textWidth(body), glyphs: .unicode).count - textRows(s)
    }

    /// The rows the message's text has on screen (below its subject).
    static func textRows(_ s: AppState) -> Int {
        guard let body = AppView.frame(for: s)?.body else { return 1 }
        let subject = s.message.ref.flatMap { s.snapshot?.model.message($0)?.subject } ?? ""
        return max(1, body.height - subjectRows(subject, width: body.width) - 1)
    }

    /// The rows a subject takes at the top (three at most, wrapped short of
    /// the position at the right): a long subject was cut to one row.
    static func subjectRows(_ subject: String, width: Int) -> Int {
        min(3, max(1, Paragraph(subject).lineCount(width: max(1, width - 5))))
    }

    static func render(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        guard let snap = s.snapshot else { return c.loading(in: area) }
        guard let ref = s.message.ref, let detail = snap.model.message(ref) else {
            // Why, as the sync said it (it said only "no longer here").
            let back = "\(key(.back, s)) goes back."
            let why =
                s.message.ref.map { snap.model.school($0.school) == nil } ?? false
                ? "This message is no longer here: its school no longer holds your details, so its messages went from this device (Home says more). \(back)"
                : "This message is no longer here: the school took it back, or the child it was about is no longer linked to you. \(back)"
            c.wrapped(why, x: area.x, y: area.y + 1, width: area.width, maxRows: 4, role: .dim)
            return
        }
        let rows = subjectRows(detail.subject, width: area.width)
        c.wrapped(detail.subject, x: area.x, y: area.y, width: max(1, area.width - 5), maxRows: rows, role: .header)
        let all = laidOut(detail, model: snap.model, s, width: textWidth(area), glyphs: c.theme.glyphs)
        let height = area.height - rows - 1
        let top = s.message.scroll  // limited in settle, for this size
        for (i, line) in all.dropFirst(top).prefix(height).enumerated() {
            let y = area.y + rows + 1 + i
            c.text(line.text, x: area.x, y: y, role: line.role, width: area.width)
            for link in line.links {
                c.link(
                    link.url, x: area.x + link.columns.lowerBound, y: y,
                    width: min(link.columns.count, area.maxX - area.x - link.columns.lowerBound))
            }
        }
        if all.count > height {
            let position = "\(min(100, (top + height) * 100 / max(1, all.count)))%"
            c.text(position, x: area.maxX - position.displayWidth, y: area.y, role: .dim, width: position.displayWidth)
        }
    }
}
