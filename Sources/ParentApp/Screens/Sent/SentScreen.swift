import Foundation
import ParentCore
import TerminalKit

extension Route {
    static let sent = Route(SentScreen.self)
}

extension KeyContext {
    static let sent = KeyContext("Your messages to school")
}

/// What the parent wrote on this device (messages, replies, absence
/// reports), newest first, with where each stands: queued, sent, or not sent
/// and why. One the school refused is sent again (under its own key: the
/// school files it once) or discarded here; the selected one is shown whole.
enum SentScreen: Screen {
    static let title = "Your messages to school"
    static let showsSections = true

    static let bindings: [Binding] = [
        // Short labels: the three share the footer at 80 columns (d and e
        // did not fit); they are offered only on one that was not sent.
        Binding([.enter], .send, .sent, "Send it again", footer: true),
        Binding([.char("d")], .discard, .sent, "Discard it", footer: true),
        Binding([.char("e")], .edit, .sent, "Edit it, then send it", footer: true),
        // In the footer when there is room (120 columns), where a school takes messages.
        Binding([.char("n")], .compose, .sent, "Write to school", ifRoom: true),
        Binding([.escape], .back, .sent, "Back", footer: true),
        // The way in, on Home.
        Binding([.char("o")], .show(.sent), .home, "Your messages to school: queued, sent, not sent"),
    ]

    static func canOpen(_ s: AppState) -> Bool { s.snapshot != nil }

    static func chain(_ s: AppState) -> [KeyContext] { [.sent, .list, .app, .global] }

    /// The session's own items, newest first (read receipts are not the
    /// parent's writing).
    static func items(_ s: AppState) -> [OutboxItem] {
        (s.snapshot?.model.outbox ?? []).filter { $0.kind != .receipt }.sorted { $0.createdAt > $1.createdAt }
    }

    static func selected(_ s: AppState) -> OutboxItem? {
        let all = items(s)
        return s.sent.list.index(count: all.count).map { all[$0] }
    }

    static func isEnabled(_ command: Command, _ s: AppState) -> Bool {
        switch command {
        case .send, .discard: return selected(s)?.isFailed ?? false
        // Not where its school takes no messages now (e was refused there).
        case .edit:
            return selected(s).map {
                $0.isFailed && $0.kind != .absence && s.snapshot?.model.school($0.school)?.incomingEnabled != false
            } ?? false
        case .open: return false  // the selected one is shown whole already
        default: return s.sent.list.allows(command, count: items(s).count) ?? true
        }
    }

    /// Writing is offered when some child's school takes messages;
    /// otherwise `n` only explains why not (not in the footer). Sending
    /// again is offered only where it would not be refused again as it is.
    static func isOffered(_ command: Command, _ s: AppState) -> Bool {
        switch command {
        case .compose: return ComposeScreen.canWrite(s)
        case .send: return isEnabled(command, s) && selected(s).map { whyNotAgain($0, s) == nil } ?? false
        default: return isEnabled(command, s)
        }
    }

    /// Why sending `item` again as it is would be refused again, if it would.
    static func whyNotAgain(_ item: OutboxItem, _ s: AppState) -> String? {
        guard let model = s.snapshot?.model, let school = model.school(item.school) else { return nil }
        if !school.incomingEnabled {
            var text =
                "\(school.name) still doesn't take messages through Xpressions, so it would be refused again. \(key(.discard, s)) discards it."
            if !school.phone.isEmpty { text += " Its phone number is \(school.phone)." }
            return text
        }
        if !model.isSendable(item) {
            return
                "\(school.name) no longer offers its topic, so it would be refused again: \(key(.edit, s)) edits it to choose another."
        }
        return nil
    }

    static func update(_ command: Command, _ s: inout AppState) -> [Effect]? {
        if s.sent.list.move(command, count: items(s).count, page: list(s).height) { return [] }
        switch command {
        case .send:
            guard let item = selected(s), item.isFailed else { return [] }
            if let why = whyNotAgain(item, s) {
                s.note(why, role: .warning, seconds: 15)
                return []
            }
            s.note("Sending it again at the next sync.", role: .success)
            return [.retryFailed([item.key])]
        case .compose:
            // About the child selected on Home, as `n` there.
            let child = s.snapshot.map { HomeScreen.selectedChild(s, $0.model) } ?? nil
            return ComposeScreen.start(&s, reply: nil, about: child)
        case .discard:
            guard let item = selected(s), item.isFailed else { return [] }
            s.note("Discarded.")
            return [.discardHeld([item.key])]
        case .edit:
            // Refused for its topic, say (one the school no longer offers):
            // sending it again as it is would be refused again.
            guard let item = selected(s), item.isFailed else { return [] }
            return ComposeScreen.edit(item, &s)
        default: return nil
        }
    }

    static func settle(_ s: inout AppState) {
        s.sent.list.settle(count: items(s).count, rows: list(s).height)
    }

    /// The list's rows: under the title, a third of the body at most, the
    /// selected one's whole text below.
    static func list(_ s: AppState) -> Rect {
        let body = AppView.body(for: s)
        return list(in: s.snapshot.map { above(body, $0.model) } ?? body, count: items(s).count)
    }

    /// The body above the damaged messages' line (up to 3 rows and a blank
    /// one, at the foot), or all of it when there are none.
    static func above(_ body: Rect, _ model: ParentModel) -> Rect {
        guard let damaged = damagedText(model) else { return body }
        let rows = min(3, Paragraph(damaged).lineCount(width: max(1, body.width)), max(0, body.height - 6))
        guard rows > 0 else { return body }
        return Rect(x: body.x, y: body.y, width: body.width, height: body.height - rows - 1)
    }

    static func list(in area: Rect, count: Int) -> Rect {
        let top = area.y + 3
        let rows = max(1, min(count, (area.maxY - top) / 2))
        return Rect(x: area.x, y: top, width: area.width, height: min(rows, max(0, area.maxY - top)))
    }

    /// "Queued", "Sent 10:42", "Not sent: …": what `OutboxStatus` says.
    static func status(_ item: OutboxItem, _ s: AppState) -> OutboxStatus {
        let model = s.snapshot?.model
        let reachable = model.map { $0.storeTrouble == nil && $0.trouble(school: item.school) == nil } ?? false
        return OutboxStatus(
            item, now: s.now, zone: model?.school(item.school)?.zone ?? s.displayZone, storeReachable: reachable,
            copyOnly: OutboxStatus.copyOnly(s, item))
    }

    /// Where it stands, in a word or two: "Queued", "Sent 09:43", "Not sent",
    /// "Reported", "Acknowledged 09:12".
    /// An acknowledgement on another day says the day ("Acknowledged Wed
    /// 18 Mar 11:12"), as the attendance screen does (a time alone was
    /// ambiguous the day after).
    static func short(_ item: OutboxItem, _ status: OutboxStatus, zone: SchoolTimeZone, now: Date) -> String {
        if item.isFailed { return "Not sent" }
        guard item.kind == .absence, case .sent = item.state else { return status.text }
        guard case .acknowledged(let at) = AbsenceStatus(item, at: now) else {
            return status.text.hasSuffix(OutboxStatus.copyOnlyText)
                ? "Reported" + OutboxStatus.copyOnlyText : "Reported"
        }
        return "Acknowledged \(DateText.moment(at, now: now, zone: zone))"
    }

    /// "Reply", the topic, or "Absence report".
    static func what(_ item: OutboxItem) -> String {
        switch item.kind {
        case .reply: return "Reply"
        case .absence: return "Absence report"
        default: return item.topic ?? "Message"
        }
    }

    /// What became of a message whose file on this device was damaged:
    /// Home counts it, and this list is where a parent looks for it (it
    /// was missing here, as if never written).
    static func damagedText(_ model: ParentModel) -> String? {
        let n = model.unreadableOutboxItems.count
        guard n > 0 else { return nil }
        let one = n == 1
        return
            "\(one ? "1 message" : "\(n) messages") you wrote could not be read (\(one ? "its file" : "their files") on this device \(one ? "was" : "were") damaged), so \(one ? "it" : "they") can't be sent. Kept aside for support (damaged/): write \(one ? "it" : "them") again if \(one ? "it" : "they") mattered."
    }

    static func render(_ s: AppState, in whole: Rect, _ c: inout Canvas) {
        guard let model = s.snapshot?.model else { return c.loading(in: whole) }
        let area = above(whole, model)
        if let damaged = damagedText(model), area.maxY < whole.maxY {
            c.wrapped(
                damaged, x: whole.x, y: area.maxY + 1, width: whole.width, maxRows: whole.maxY - area.maxY - 1,
                role: .error)
        }
        c.text(title, x: area.x, y: area.y + 1, role: .header, width: area.width)
        let all = items(s)
        guard !all.isEmpty else {
            let nothing =
                damagedText(model) == nil
                ? "Nothing written on this device yet." : "Nothing else written on this device."
            // The key only where it writes (no school taking messages: it
            // could only refuse).
            let write =
                ComposeScreen.canWrite(s) ? " \(Reducer.keymap.name(.compose, in: chain(s))) writes to school." : ""
            c.wrapped(
                "\(nothing)\(write)",
                x: area.x, y: area.y + 3, width: area.width, maxRows: 2, role: .dim)
            return
        }
        let list = list(in: area, count: all.count)
        let zone = s.displayZone
        var y = list.y
        for (i, item) in all.enumerated().dropFirst(s.sent.list.offset) where y < list.maxY {
            let school = model.school(item.school)?.name ?? item.school
            let status = status(item, s)
            let when = DateText.short(item.createdAt, now: s.now, zone: zone)
            // The row says what it is and where it stands in a word or two
            // (why, and the whole text, below); the school last, cut first.
            let right = "  " + short(item, status, zone: model.school(item.school)?.zone ?? zone, now: s.now)
            let shown = TextWidth.truncate(right, toWidth: max(10, area.width / 2))
            let row = Rect(x: area.x, y: y, width: area.width, height: 1)
            let about = item.students.compactMap { id in
                model.children.first { $0.ref.school == item.school && $0.ref.student == id }?.forename
            }
            let who = about.isEmpty ? "" : " · \(about.joined(separator: ", "))"
            c.spans(
                [(when, .dim), ("  \(what(item))\(who)", .text), (" · \(school)", .dim)], x: row.x, y: y,
                width: row.width - shown.displayWidth)
            c.text(shown, x: row.maxX - shown.displayWidth, y: y, role: status.role, width: shown.displayWidth)
            if i == s.sent.list.selected { c.buffer.patchStyle(in: row, with: c.theme.style(.selected)) }
            y += 1
        }
        let below = all.count - s.sent.list.offset - list.height
        c.more(
            below, keys: Reducer.keymap.upDown(in: chain(s)), x: area.x, y: list.maxY, width: area.width,
            maxY: area.maxY)
        // The selected one, whole.
        guard let item = selected(s) else { return }
        y = list.maxY + (below > 0 ? 2 : 1)
        let status = status(item, s)
        y += c.wrapped(status.text, x: area.x, y: y, width: area.width, maxRows: 3, role: status.role)
        if item.isFailed, y < area.maxY {
            // Only what would work: not "sends it again" where the school
            // would refuse it again, nor "edits it" where it takes nothing.
            let send: [(String, Role)] =
                isOffered(.send, s) ? [(key(.send, s), .keyName), (" sends it again, ", .dim)] : []
            let edit: [(String, Role)] =
                isEnabled(.edit, s) ? [(key(.edit, s), .keyName), (" edits it (its topic, its text), ", .dim)] : []
            c.spans(
                send + edit + [(key(.discard, s), .keyName), (" discards it", .dim)], x: area.x, y: y,
                width: area.width)
            y += 1
        }
        y += 1
        var text = item.body ?? ""
        // A report's text says what it covers already; only one without a text gets the summary.
        if let report = item.absence, text.isEmpty { text = AbsenceReport.summary(report.sessions) }
        c.paragraphs(text, x: area.x, y: y, width: area.width, maxY: area.maxY)
    }

}
