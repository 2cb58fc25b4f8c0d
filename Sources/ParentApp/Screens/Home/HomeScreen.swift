import Foundation
import ParentCore
import TerminalKit

extension Route {
    static let home = Route(HomeScreen.self)
}

extension KeyContext {
    static let home = KeyContext("Home")
}

/// The parent's children, each with a photo (or initials), name with
/// registration group, school and service, unread count and freshness, then
/// the latest items across all of them.
enum HomeScreen: Screen {
    static let title = "Home"
    static let showsSections = true

    static let bindings: [Binding] = [
        Binding([.char("c"), .tab], .nextChild, .home, "Next child"),
        Binding([.backTab], .previousChild, .home, "Previous child"),
        Binding([.char("n")], .compose, .home, "Write to school", footer: true),
        Binding([.char("a")], .reportAbsence, .home, "Report an absence", footer: true),
    ]

    static func chain(_ s: AppState) -> [KeyContext] { [.home, .list, .app, .global] }

    static func isEnabled(_ command: Command, _ s: AppState) -> Bool {
        let count = s.snapshot?.model.children.count ?? 0
        switch command {
        // The footer offers moving only where there is somewhere to go.
        case .up, .pageUp, .top, .down, .pageDown, .bottom: return s.home.list.allows(command, count: count) ?? true
        case .nextChild, .previousChild: return count > 1
        // No child shown: nothing to open (the footer offered Enter).
        case .open: return count > 0
        // Home is the bottom of every stack: Esc has nowhere to go back to
        // (help's "Here now" listed it).
        case .back: return false
        default: return true
        }
    }

    /// Writing and reporting are offered when the selected child's school
    /// takes them (they are about that child); otherwise the keys only
    /// explain why not (not in the footer).
    static func isOffered(_ command: Command, _ s: AppState) -> Bool {
        let child = s.snapshot.flatMap { selectedChild(s, $0.model) }
        switch command {
        case .compose: return ComposeScreen.canWrite(s, about: child)
        case .reportAbsence: return AbsenceScreen.canReport(s, about: child)
        default: return isEnabled(command, s)
        }
    }

    static func render(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        guard let snap = s.snapshot else { return c.loading(in: area) }
        let model = snap.model
        var y = area.y
        if model.children.isEmpty {
            let refresh = Reducer.keymap.name(.refresh, in: chain(s))
            // With the school data out of reach, nothing on the device is
            // not the school's doing (a copy on this device that could not
            // be read, say): "within 48 hours" sent the parent the wrong way.
            let away = model.storeTrouble != nil || !model.schoolTroubles.isEmpty
            // The first sync after a login, still under way: the children
            // are on their way (a warning that none are shown sat there for
            // a second and a half, under the tour's "Home: her children").
            let first = model.schools.isEmpty && (s.syncing || s.lastSync == nil)
            c.wrapped(
                first && !away
                    ? "Getting your children's details from the school…"
                    : away
                        ? "Nothing of your children's is on this device to show, and the school data can't be read just now: it is fetched as soon as it can be; press \(refresh) to try now."
                        : "No child is shown for your account at the moment. If the school has just changed its records, they reach Xpressions within 48 hours; press \(refresh) to refresh.",
                x: area.x, y: y + 1, width: area.width, maxRows: 4, role: .dim)
            return
        }
        let (cardHeight, maxCards) = cards(in: area, count: model.children.count)
        let pictureWidth = cardHeight * 2
        let selected = min(s.home.list.selected, model.children.count - 1)
        let first = s.home.list.offset  // settled for this size and selection
        let latest = latest(s, snapshot: snap, rows: area.height)
        for (i, child) in model.children.enumerated().dropFirst(first).prefix(maxCards) {
            let isSelected = i == selected
            ChildPicture.render(
                child, snapshot: snap, in: Rect(x: area.x, y: y, width: pictureWidth, height: cardHeight), &c)
            let x = area.x + pictureWidth + 2
            let w = area.maxX - x
            var name = child.name
            if child.isLeaver {
                let today = AbsenceScreen.today(s, child)
                let day = child.leftOn.map { " \(DateText.day($0, today: today))" } ?? ""
                name += child.hasLeft(by: today) ? " · left\(day)" : " · leaves\(day)"
            }
            if child.isGuest { name += " · guest" }
            if child.isPreAdmission { name += " · pre-admission" }
            let unread = child.unreadCount == 0 ? "" : "\(child.unreadCount) unread"
            let nameWidth = c.text(
                name, x: x, y: y, role: isSelected ? .selected : .header, width: w - unread.displayWidth - 1)
            if isSelected {
                c.buffer.patchStyle(in: Rect(x: x, y: y, width: nameWidth, height: 1), with: c.theme.style(.selected))
            }
            c.text(unread, x: area.maxX - unread.displayWidth, y: y, role: .unread, width: unread.displayWidth)
            if cardHeight > 1 {
                let service = child.serviceLevel == .enhanced ? "Enhanced" : "Core: messages"
                c.text(
                    "\(child.schoolName) · \(service) · \(model.updatedText(school: child.school, now: s.now))", x: x,
                    y: y + 1, role: .dim, width: w)
            }
            if cardHeight > 2, let latest = latest.perChild[i] {
                c.spans(
                    [
                        ("Latest: ", .dim), (latest.subject, latest.isUnread ? .unread : .text),
                        ("  " + DateText.short(latest.sentAt, now: s.now, zone: s.displayZone), .dim),
                    ], x: x, y: y + 2, width: w)
            }
            y += cardHeight + 1
        }
        if model.children.count > maxCards {
            c.text(
                "\(model.children.count - maxCards) more: \(Reducer.keymap.upDown(in: chain(s))) to scroll", x: area.x,
                y: y - 1, role: .dim,
                width: area.width)
        }
        // What the parent wrote that is waiting on them, or could not be read.
        if !model.recovered.isEmpty, y < area.maxY {
            let n = model.recovered.count
            let key = Reducer.keymap.name(.show(.kept), in: chain(s))
            c.text(
                "\(n) message\(n == 1 ? "" : "s") you wrote earlier \(n == 1 ? "is" : "are") not sent: press \(key) to see \(n == 1 ? "it" : "them").",
                x: area.x, y: y, role: .warning, width: area.width)
            y += 1
        }
        // What the school refused: said until it is sent again or discarded.
        let failed = WrittenCount(model.outbox.filter(\.isFailed))
        if failed.total > 0, y < area.maxY {
            let key = Reducer.keymap.name(.show(.sent), in: chain(s))
            let them = failed.pronoun
            y += c.wrapped(
                "\(failed) \(failed.pastVerb) not sent: press \(key) to see why, and send \(them) again or discard \(them).",
                x: area.x, y: y, width: area.width, maxRows: 2, role: .error)
        }
        // What the school's changes took away this week, whichever sync did it.
        for notice in model.identityNotices.prefix(2) where y < area.maxY {
            let when = DateText.moment(notice.shownAt ?? notice.at, now: s.now, zone: s.displayZone)
            y += c.wrapped("\(notice.text) (\(when))", x: area.x, y: y, width: area.width, maxRows: 2, role: .warning)
        }
        // A first sync's history rule, for a day whichever process synced
        // (not while the status line says it already).
        if s.note?.text.contains("over 14 days old") != true, let said = historyText(model), y < area.maxY {
            // One line where one will do, else two, never cut: the key is
            // said where there is room (help lists it), the schools where
            // there is room for them.
            let key = Reducer.keymap.name(.toggleRead, in: [.timeline])
            let all = Reducer.keymap.name(.markAllRead, in: [.timeline])
            let wordings = [
                said + " In the timeline \(key) marks one unread, \(all) marks all read.",
                said + " In the timeline \(key) marks one unread.", said, historyText(model, total: true),
            ]
            .compactMap { $0 }
            let rows = { (text: String) in Paragraph(text).lineCount(width: max(1, area.width)) }
            let text = wordings.first { rows($0) == 1 } ?? wordings.first { rows($0) <= 2 } ?? said
            y += c.wrapped(text, x: area.x, y: y, width: area.width, maxRows: 2, role: .dim)
        }
        if !model.unreadableOutboxItems.isEmpty, y < area.maxY {
            let n = model.unreadableOutboxItems.count
            c.text(
                "\(n) message\(n == 1 ? "" : "s") you wrote could not be read; kept aside for support (damaged/).",
                x: area.x, y: y, role: .error, width: area.width)
            y += 1
        }
        guard y + 2 < area.maxY else { return }
        c.text("Latest from school", x: area.x, y: y, role: .header, width: area.width)
        y += 1
        let recent = Array(latest.all.prefix(area.maxY - y))
        let dateWidth = TimelineScreen.dateColumn(recent.map(\.sentAt), s)
        for entry in recent {
            TimelineScreen.row(
                entry, model: model, s, dateWidth: dateWidth, in: Rect(x: area.x, y: y, width: area.width, height: 1),
                &c)
            y += 1
        }
    }

    /// The child whose card is under a click, if any.
    /// What first syncs started read, for the schools still on the device:
    /// one school's note as it is, several in one sentence (Home showed
    /// the first school's alone, and a school just removed too).
    /// `total`: the sum alone ("489 messages over 14 days old start read.").
    static func historyText(_ model: ParentModel, total: Bool = false) -> String? {
        let notices = model.historyNotices.filter { n in n.school.map { model.school($0) != nil } ?? true }
        guard let first = notices.first else { return nil }
        if total {
            let n = notices.compactMap(\.history).reduce(0, +)
            return n == 0
                ? nil : "\(n) message\(n == 1 ? "" : "s") over 14 days old \(n == 1 ? "starts" : "start") read."
        }
        let parts = notices.compactMap { n -> (Int, String)? in
            guard let count = n.history, let name = n.school.flatMap({ model.school($0)?.name }) else { return nil }
            return (count, name)
        }
        guard notices.count > 1, parts.count == notices.count else { return first.text }
        let total = parts.reduce(0) { $0 + $1.0 }
        return
            "\(total) messages over 14 days old start read (\(parts.map { "\($0.0) from \($0.1)" }.joined(separator: ", ")))."
    }

    static func child(at p: Point, in area: Rect, _ s: AppState, model: ParentModel) -> Int? {
        let (cardHeight, maxCards) = cards(in: area, count: model.children.count)
        let first = s.home.list.offset
        let slot = (p.y - area.y) / (cardHeight + 1)
        guard p.y >= area.y, slot < maxCards, (p.y - area.y) % (cardHeight + 1) < cardHeight else { return nil }
        let index = first + slot
        return index < model.children.count ? index : nil
    }

    /// Each child's newest message and the newest across them: as worked
    /// out in ``settle(_:)`` for this model, else worked out now (a state
    /// drawn before any key reached it).
    static func latest(_ s: AppState, snapshot: ModelSnapshot, rows: Int) -> HomeState.Latest {
        let key = HomeState.LatestKey(version: snapshot.version, generation: snapshot.model.generation, rows: rows)
        if s.home.latestKey == key, let latest = s.home.latest { return latest }
        let model = snapshot.model
        return HomeState.Latest(
            perChild: model.children.map { model.timeline(TimelineQuery(child: $0.ref), limit: 1).first },
            all: Array(model.timeline(limit: rows)))
    }

    /// Works out what the cards and the latest list show once per change
    /// of the model, and keeps the selected card in view.
    static func settle(_ s: inout AppState) {
        guard let snapshot = s.snapshot, let body = AppView.frame(for: s)?.body else { return }
        let count = snapshot.model.children.count
        // A child withdrawn by a sync: the selection stays on a card there is.
        s.home.list.selected = min(s.home.list.selected, max(0, count - 1))
        s.home.list.settle(count: count, rows: cards(in: body, count: count).count)
        let key = HomeState.LatestKey(
            version: snapshot.version, generation: snapshot.model.generation, rows: body.height)
        if s.home.latestKey != key { s.home.setLatest(latest(s, snapshot: snapshot, rows: body.height), for: key) }
    }

    /// Card height and how many cards fit.
    static func cards(in area: Rect, count: Int) -> (height: Int, count: Int) {
        let height = area.height >= 18 ? 4 : 2
        return (height, max(1, (area.height - latestRows) / (height + 1)))
    }

    static let latestRows = 4
}
