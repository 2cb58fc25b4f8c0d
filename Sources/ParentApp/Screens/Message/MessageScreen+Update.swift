import ParentCore
import TerminalKit

extension MessageScreen {
    /// Opens a message (and marks it read, if it was not). `list` is the
    /// list it is in, for next and previous; by default the whole timeline.
    static func open(_ ref: MessageRef, in list: TimelineResults? = nil, at index: Int? = nil, _ s: inout AppState)
        -> [Effect]
    {
        let list = list ?? s.snapshot?.model.timeline()
        s.message = MessageState()
        s.message.ref = ref
        s.message.list = list
        s.message.index = index ?? list?.firstIndex { $0.ref == ref } ?? 0
        s.note = nil  // a note about another message ("Marked unread") is not about this one
        s.push(.message(ref))
        return markRead(ref, s)
    }

    /// Opening a message reads it: marked read, and the school's read
    /// receipt queued, also for one marked read without being opened (mark
    /// all read, N, older history at the first login); the core sends each
    /// receipt once.
    static func markRead(_ ref: MessageRef, _ s: AppState) -> [Effect] {
        guard s.snapshot?.model.message(ref) != nil else { return [] }
        return [.markRead(school: ref.school, message: ref.id)]
    }

    /// Shows the message at `index` of the reader's list in place of this one.
    static func go(to index: Int, _ s: inout AppState) -> [Effect] {
        guard let list = s.message.list, list.indices.contains(index) else {
            s.note(index < 0 ? "This is the first message." : "This is the last message.", seconds: 4)
            return []
        }
        let ref = list[index].ref
        s.message.ref = ref
        s.message.index = index
        s.message.scroll = 0
        // Its first attachment, as when opened from the list (the one
        // selected in the message left behind stayed selected, so Enter or
        // s acted on one the parent never picked).
        s.message.attachment = 0
        s.message.markedUnread = false
        // A note about the message left behind ("Marked unread", "Wrapped
        // to the top") is not about this one.
        s.note = nil
        if let top = s.stack.indices.last { s.stack[top] = .message(ref) }
        // The timeline underneath follows, as mutt's index does: back there,
        // the cursor is on the message last read.
        if s.stack.dropLast().last == .timeline { TimelineScreen.select(ref, &s) }
        return markRead(ref, s)
    }

    /// The next unread message after `index` in `list` (the model's read
    /// state now, so a message read since the list was made is skipped),
    /// wrapping to the top as mutt's search does; `wrapped` says it did.
    static func nextUnread(after index: Int, in list: TimelineResults, _ s: AppState) -> (index: Int, wrapped: Bool)? {
        guard let model = s.snapshot?.model, !list.isEmpty else { return nil }
        let start = min(max(index, -1), list.count - 1)
        if let next = (start + 1..<list.count).first(where: { !model.isRead(list[$0].ref) }) { return (next, false) }
        return (0..<max(0, start)).first { !model.isRead(list[$0].ref) }.map { ($0, true) }
    }

    /// What the parent is told when next-unread wrapped to the top.
    static let wrappedNote = "Wrapped to the top for the next unread message."
    static let noMoreUnreadNote = "No more unread messages."

    /// Clears a note the last move to an unread message left, once a move
    /// goes somewhere without one.
    static func clearMoveNote(_ s: inout AppState) {
        if let text = s.note?.text, text == wrappedNote || text == noMoreUnreadNote { s.note = nil }
    }

    static func update(_ command: Command, _ s: inout AppState) -> [Effect]? {
        // Back to the list: a note about this message ("This is the first
        // message.") stays with it.
        if command == .back { s.note = nil }
        guard let model = s.snapshot?.model, let ref = s.message.ref, let detail = model.message(ref) else {
            return nil
        }
        let limit = scrollLimit(s)
        // Space (page down) at the end goes on to the next message, as in mutt.
        if command == .pageDown, s.message.scroll >= limit { return go(to: s.message.index + 1, &s) }
        if Reducer.scroll(&s.message.scroll, command, page: Reducer.page(rows: textRows(s)), limit: limit) { return [] }
        switch command {
        case .toggleRead:
            // Opening it marked it read (an effect that may not have come back yet, so the
            // snapshot cannot say): in the reader N leaves it unread for later, and N again
            // reads it (as neomutt's pager toggles). The effects run in order, so this comes
            // after the opening's read.
            if s.message.markedUnread {
                s.message.markedUnread = false
                s.note("Marked read again.", seconds: 3)
                return markRead(ref, s)
            }
            s.message.markedUnread = true
            s.note("Marked unread: it stays unread when you go back (\(key(.toggleRead, s)) again: read).", seconds: 3)
            return [.markUnread(ref)]
        case .nextMessage: return go(to: s.message.index + 1, &s)
        case .previousMessage: return go(to: s.message.index - 1, &s)
        case .nextUnread:
            guard let list = s.message.list, let next = nextUnread(after: s.message.index, in: list, s) else {
                s.note(noMoreUnreadNote, seconds: 4)
                return []
            }
            let effects = go(to: next.index, &s)
            if next.wrapped { s.note(wrappedNote, seconds: 4) } else { clearMoveNote(&s) }
            return effects
        case .reply:
            return ComposeScreen.reply(to: detail, &s)
        case .open:
            guard detail.translatedTo != nil, let link = detail.translationWarningLink else { return [] }
            return [.openURL(link)]
        case .nextAttachment, .previousAttachment:
            guard !detail.attachments.isEmpty else { return [] }
            let count = detail.attachments.count
            s.message.attachment =
                (selectedAttachment(detail, s) + (command == .nextAttachment ? 1 : count - 1)) % count
            showSelectedAttachment(detail, model: model, &s)
            return []
        case .openAttachment, .saveAttachment:
            guard !detail.attachments.isEmpty else { return [] }
            // One at a time: a second Enter or s while a big file is copied
            // opened or saved it again ("big (2).pdf").
            if let busy = s.message.attachmentBusy {
                s.note("\(busy) Wait for it to finish.", seconds: 3)
                return []
            }
            let index = selectedAttachment(detail, s)
            showSelectedAttachment(detail, model: model, &s)
            // Said at once: an opener may take a second or two to say it
            // started, and a second Enter opened a second copy.
            let name = detail.attachments[index].name
            let saying = command == .openAttachment ? "Opening \(name)…" : "Saving \(name)…"
            s.message.attachmentBusy = saying
            s.note(saying, seconds: 10)
            return [
                command == .openAttachment ? .openAttachment(ref, index: index) : .saveAttachment(ref, index: index)
            ]
        case .showLinks:
            guard !links(detail).isEmpty else {
                s.note("This message has no links.", seconds: 3)
                return []
            }
            LinksScreen.show(title: detail.subject, links: links(detail), &s)
            return []
        case .copy:
            return [.copy(plainText(detail, model: model, s), what: "the message")]
        default:
            return nil
        }
    }

    /// Scrolls so that the selected attachment's line is on screen.
    static func showSelectedAttachment(_ detail: MessageDetail, model: ParentModel, _ s: inout AppState) {
        guard let body = AppView.frame(for: s)?.body else { return }
        let all = laidOut(detail, model: model, s, width: textWidth(body), glyphs: .unicode)
        guard let row = all.firstIndex(where: { $0.attachment == selectedAttachment(detail, s) }) else { return }
        let height = body.height - subjectRows(detail.subject, width: body.width) - 1
        if row < s.message.scroll {
            s.message.scroll = row
        } else if row >= s.message.scroll + height {
            s.message.scroll = min(max(0, all.count - height), row - height + 1)
        }
    }
}

extension MessageScreen {
    /// A click on an attachment selects it; a second click opens it.
    static func click(at p: Point, in area: Rect, _ s: inout AppState) -> [Effect] {
        guard let model = s.snapshot?.model, let ref = s.message.ref, let detail = model.message(ref) else { return [] }
        let all = laidOut(detail, model: model, s, width: textWidth(area), glyphs: .unicode)
        let head = subjectRows(detail.subject, width: area.width) + 1
        let top = min(s.message.scroll, max(0, all.count - (area.height - head)))
        let i = top + p.y - (area.y + head)
        guard p.y >= area.y + head, all.indices.contains(i), let attachment = all[i].attachment else { return [] }
        if attachment == selectedAttachment(detail, s) { return [.openAttachment(ref, index: attachment)] }
        s.message.attachment = attachment
        return []
    }

    /// An attachment's opener started, or its copy was saved: another may
    /// be opened or saved.
    static func attachmentFinished(_ s: inout AppState) { s.message.attachmentBusy = nil }
}
