import ParentCore
import TerminalKit

extension Route {
    static let kept = Route(KeptScreen.self)
}

extension KeyContext {
    static let kept = KeyContext("Messages kept from before")
}

/// Messages and replies the parent wrote before their last login ended (a
/// forgotten PIN, too many wrong PINs, 30 days away, a damaged session) and
/// that were never sent. Nothing is sent on their behalf without asking:
/// each is sent (once, with its original key) or discarded here.
enum KeptScreen: Screen {
    static let title = "Messages kept from before"
    static let showsSections = true

    static let bindings: [Binding] = [
        // Short labels: all of them fit the footer at 80 columns (y did not).
        Binding([.enter], .sendSelected, .kept, "Send it", footer: true),
        Binding([.char("a")], .send, .kept, "Send all", footer: true),
        Binding([.char("d")], .discard, .kept, "Discard it", footer: true),
        Binding([.char("e")], .edit, .kept, "Edit, then send", footer: true),
        Binding([.char("y")], .copy, .kept, "Copy its text", footer: true),
        Binding([.escape], .back, .kept, "Decide later", footer: true),
        // The way in, on Home.
        Binding([.char("m")], .show(.kept), .home, "Messages kept from before (to send, copy or discard)"),
    ]

    static func canOpen(_ s: AppState) -> Bool { !items(s).isEmpty }

    /// Opens at the top, as Sent does (whether the app has offered them in
    /// this run is kept).
    static func open(_ s: inout AppState) -> [Effect] {
        s.kept.list = ListCursor()
        s.push(.kept)
        return []
    }

    static func chain(_ s: AppState) -> [KeyContext] { [.kept, .list, .app, .global] }

    static func items(_ s: AppState) -> [OutboxItem] { s.snapshot?.model.recovered ?? [] }

    /// Messages kept from an earlier login: offered once, after unlocking,
    /// when the model that has them arrives on Home.
    static func modelLoaded(_ s: inout AppState) {
        guard s.unlocked, !s.kept.offered, !items(s).isEmpty, s.route == .home else { return }
        s.kept.offered = true
        s.push(.kept)
    }

    /// A new message whose topic is not one its school takes now.
    static func needsTopic(_ item: OutboxItem, _ s: AppState) -> Bool {
        !(s.snapshot?.model.isSendable(item) ?? true)
    }

    static func selected(_ s: AppState) -> OutboxItem? {
        let all = items(s)
        return s.kept.list.index(count: all.count).map { all[$0] }
    }

    /// Whether it can be sent: its school is still one of the session's
    /// (one whose records no longer link the parent is kept to read, copy
    /// or discard).
    static func canSend(_ item: OutboxItem, _ s: AppState) -> Bool { s.snapshot?.model.canRelease(item) ?? true }

    static func isEnabled(_ command: Command, _ s: AppState) -> Bool {
        switch command {
        case .sendSelected, .discard: return !items(s).isEmpty
        // The lists' Open (`l`) is not sending: nothing here opens.
        case .open: return false
        case .send: return items(s).contains { canSend($0, s) }
        case .edit: return selected(s).map { $0.kind != .absence && canSend($0, s) } ?? false
        case .copy: return selected(s)?.body.map { !$0.isEmpty } ?? false
        default: return s.kept.list.allows(command, count: items(s).count) ?? true
        }
    }

    /// Enter on one that cannot be sent says why rather than being offered.
    static func isOffered(_ command: Command, _ s: AppState) -> Bool {
        if command == .sendSelected, let item = selected(s), !canSend(item, s) { return false }
        return isEnabled(command, s)
    }

    static func cannotSend(_ s: AppState) -> String {
        guard let item = selected(s) else { return "" }
        return "\(whyNot(item, s)) \(key(.copy, s)) copies its text; \(key(.discard, s)) discards it."
    }

    /// Why a kept one cannot be sent. A school not among the session's may
    /// only be out of reach (a login made while its data was away does not
    /// find the parent there; a sync looks again): it said "no longer link
    /// you" to a parent whose school was only away.
    static func whyNot(_ item: OutboxItem, _ s: AppState) -> String {
        let model = s.snapshot?.model
        if model?.sessionSchools.contains(item.school) == false {
            let name = model?.school(item.school)?.name ?? item.schoolName ?? "the school it was written to"
            return
                "Your login on this device is not linked to \(name) now: its data may be out of reach (looked for again at every sync), or its records no longer hold your details. It can't be sent meanwhile."
        }
        return
            "Your school's records no longer link you to the child this was for, so it can't be sent through Xpressions."
    }

    static func update(_ command: Command, _ s: inout AppState) -> [Effect]? {
        let asked = s.kept.discardAsked
        s.kept.discardAsked = nil
        // Any other key keeps it: the question goes with it (it stayed on
        // the status line after Esc, on Home).
        if asked != nil, command != .discard { s.note = nil }
        let all = items(s)
        if s.kept.list.move(command, count: all.count, page: max(1, rows(s) - 1)) { return [] }
        switch command {
        case .sendSelected:
            guard let item = selected(s) else { return [] }
            guard canSend(item, s) else {
                s.note(cannotSend(s), role: .warning, seconds: 15)
                return []
            }
            // One written without a topic the school takes (the app closed
            // while it was written, or the school's topics changed) would
            // only be refused: it opens in the form to choose one.
            if needsTopic(item, s) { return ComposeScreen.edit(item, askTopic: true, &s) }
            queued([item], &s)
            return [.releaseHeld([item.key])]
        case .edit:
            return selected(s).map { ComposeScreen.edit($0, &s) } ?? []
        case .send:
            let sendable = all.filter { canSend($0, s) }
            let ready = sendable.filter { !needsTopic($0, s) }
            if ready.count < sendable.count {
                s.note(
                    "\(sendable.count - ready.count) of them \(sendable.count - ready.count == 1 ? "needs" : "need") a topic first: \(key(.edit, s)) opens one to choose it.",
                    role: .warning, seconds: 10)
            }
            if !ready.isEmpty, ready.count == sendable.count { queued(ready, &s) }
            return ready.isEmpty ? [] : [.releaseHeld(ready.map(\.key))]
        case .discard:
            guard let item = selected(s) else { return [] }
            guard asked == item.key else {
                s.kept.discardAsked = item.key
                s.note(
                    "\(key(.discard, s)) again discards it for good; any other key keeps it.", role: .warning,
                    seconds: 10)
                return []
            }
            s.note("Discarded: it was not sent, and is gone from this device.", seconds: 8)
            return [.discardHeld([item.key])]
        case .copy:
            guard let body = selected(s)?.body, !body.isEmpty else { return [] }
            return [.copy(body, what: "the message's text")]
        default: return nil
        }
    }

    /// Said when kept items go back to the outbox, as when a form sends:
    /// "Queued", and offline when it will go (it went straight to Home with
    /// only the offline banner).
    static func queued(_ items: [OutboxItem], _ s: inout AppState) {
        let model = s.snapshot?.model
        let offline = model.map { m in m.storeTrouble != nil || items.contains { m.trouble(school: $0.school) != nil } }
        let what = items.count == 1 ? "your message" : "your \(items.count) messages"
        if offline == true {
            s.note("Queued — will be sent when the school data is reachable.", role: .success, seconds: 10)
        } else {
            s.note("Queued: \(what) will be sent at the next sync.", role: .success)
        }
        s.note?.whileQueued = true
    }

    /// Done when there is nothing left to decide.
    static func settle(_ s: inout AppState) {
        if items(s).isEmpty, s.snapshot != nil { return s.pop() }
        s.kept.list.settle(count: items(s).count, rows: rows(s))
    }

    static let explanation =
        "You wrote these earlier and they were never sent: your login ended, the app was closed while you were writing, or the school changed the details it holds for you. Nothing is sent without you: send, edit, copy or discard each one."

    /// Where the list goes, under the title and the explanation: a third of
    /// what is left at most, the selected one's whole text below (a row
    /// shows only the start of it, and one that cannot be sent is read and
    /// copied here).
    static func list(in area: Rect, count: Int) -> Rect {
        let intro = min(Paragraph(explanation).lineCount(width: max(1, area.width)), 3)
        let top = min(area.maxY, area.y + 3 + intro + 1)
        let room = area.maxY - top
        return Rect(x: area.x, y: top, width: area.width, height: max(0, min(count, room, max(1, room / 3))))
    }

    /// The list's rows as drawn now.
    static func rows(_ s: AppState) -> Int {
        AppView.frame(for: s).map { list(in: $0.body, count: items(s).count).height } ?? 1
    }

    static func render(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        guard let model = s.snapshot?.model else { return c.loading(in: area) }
        c.text(title, x: area.x, y: area.y + 1, role: .header, width: area.width)
        _ = c.wrapped(explanation, x: area.x, y: area.y + 3, width: area.width, maxRows: 3, role: .dim)
        let all = items(s)
        let list = list(in: area, count: all.count)
        var y = list.y
        let zone = s.displayZone
        // The offset as settled for this size and selection.
        for (i, item) in all.enumerated().dropFirst(s.kept.list.offset)
        where y < list.maxY {
            // One for a school no longer on the device says the name it
            // was written with (a parent with two schools could not tell).
            let school =
                model.school(item.school)?.name ?? item.schoolName.map { "\($0) (not linked now)" }
                ?? "Not linked now"
            // Which child it is about: two kept "Absence" rows could not be told apart.
            let about = item.students.compactMap { model.child(ChildRef(school: item.school, student: $0))?.forename }
            let what =
                (item.kind == .reply ? "Reply" : (item.topic ?? "Message"))
                + (about.isEmpty ? "" : ", \(about.joined(separator: " and "))")
                + (model.canRelease(item) ? "" : " (can't be sent)")
            let body = (item.body ?? "").replacingOccurrences(of: "\n", with: " ")
            let row = Rect(x: area.x, y: y, width: area.width, height: 1)
            let written = "  written \(DateText.moment(item.createdAt, now: s.now, zone: zone))"
            // The text gives way, cut with "…", so the row still says when
            // it was written (it stopped mid-word).
            let room = row.width - TextWidth.of(school) - TextWidth.of(" · \(what) · ") - TextWidth.of(written) - 2
            // No room for a few letters of it: none (the row showed `"…"`
            // and lost its time); the text is shown whole below.
            let preview: [(String, Role)] =
                room >= 6
                ? [(" · ", .dim), ("\"\(TextWidth.truncate(body, toWidth: room))\"", .text)] : []
            // Still too long without the text (a school not linked now, a
            // report that can't be sent): the school and kind give way, never
            // when it was written ("written…" at 80 columns).
            let head = TextWidth.of(school) + TextWidth.of(" · \(what)")
            if preview.isEmpty, head + TextWidth.of(written) > row.width {
                let fits = TextWidth.truncate("\(school) · \(what)", toWidth: max(1, row.width - TextWidth.of(written)))
                c.spans([(fits, .text), (written, .dim)], x: row.x, y: y, width: row.width)
            } else {
                c.spans(
                    [(school, .text), (" · \(what)", .dim)] + preview + [(written, .dim)], x: row.x, y: y,
                    width: row.width)
            }
            if i == s.kept.list.index(count: all.count) { c.buffer.patchStyle(in: row, with: c.theme.style(.selected)) }
            y += 1
        }
        let below = all.count - s.kept.list.offset - list.height
        c.more(
            below, keys: Reducer.keymap.upDown(in: chain(s)), x: area.x, y: list.maxY, width: area.width,
            maxY: area.maxY)
        // The selected one, whole.
        guard let item = selected(s) else { return }
        y = list.maxY + (below > 0 ? 2 : 1)
        if !canSend(item, s), y < area.maxY {
            y += c.wrapped(whyNot(item, s), x: area.x, y: y, width: area.width, maxRows: 3, role: .warning)
        }
        // Why this one was kept ("You were writing this when your login
        // ended"): written with it, and said nowhere on screen.
        if let why = item.heldReason, !why.isEmpty, y < area.maxY {
            y += c.wrapped("\(why).", x: area.x, y: y, width: area.width, maxRows: 2, role: .dim)
        }
        y += 1
        c.paragraphs(item.body ?? "", x: area.x, y: y, width: area.width, maxY: area.maxY)
    }
}
