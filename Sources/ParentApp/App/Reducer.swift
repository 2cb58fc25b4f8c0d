import Foundation
import ParentCore
import TerminalKit

/// `reduce(state, action) -> effects`: the only place the app's state
/// changes. A key becomes a command through the `Keymap` (or is typed into
/// the field that has the keyboard); the current route's screen handles it;
/// anything that touches the outside world leaves as an `Effect`.
enum Reducer {
    /// The help key's label: the footer always keeps it (``KeyHints/keepsLast``).
    static let helpLabel = "Help"
    /// What a form says when Esc would throw away what the parent wrote.
    static var discardQuestion: String {
        "\(keymap.name(.back, in: [.form])) again discards what you wrote; any other key goes on writing."
    }

    /// A form's question (``discardQuestion``, ``quitQuestion``) where it
    /// is seen: in the form, where the status line no longer takes its rows
    /// (a refusal's, which the question answers), else on the status line
    /// (a short terminal has no rows for it in the form). It was hidden
    /// both ways, and a second Esc discarded the text without a word.
    static func makeSeen(_ question: String, _ s: inout AppState) {
        s.note = nil
        var settled = s
        settled.route.screen.settle(&settled)
        let shown = AppView.render(settled, theme: Theme(color: false)).lines().joined(separator: " ")
        let start = String(question.prefix(24))
        if !shown.contains(start) { s.note(question, role: .warning, seconds: 60) }
    }

    /// A form's question on the status line goes once another key answered
    /// it ("any other key goes on writing"): the form calls this as it
    /// forgets the question.
    static func withdrawQuestion(_ s: inout AppState) {
        if let said = s.note?.text, said == discardQuestion || said == quitQuestion { s.note = nil }
    }

    /// Asked when a quit key would lose what the parent wrote.
    static var quitQuestion: String {
        "\(keymap.name(.quit, in: [.global])) again quits and discards what you wrote; any other key goes on writing."
    }

    static let keymap = Keymap()

    static func reduce(_ s: inout AppState, _ action: Action) -> [Effect] {
        let effects = apply(action, &s)
        s.route.screen.settle(&s)
        return effects
    }

    private static func apply(_ action: Action, _ s: inout AppState) -> [Effect] {
        switch action {
        case .key(let key):
            guard s.touring else { return handle(key: key, &s) }
            let inForm = s.tour?.presenterForm == s.route && s.route.screen.isEditing(s)
            if tourTakesKeys(s), let effects = tourKey(key, &s) { return effects }
            if inForm, case .char = key { s.tour?.presenterWrote = true }
            let before = s.route
            let effects = handle(key: key, &s)
            let now = s.route
            if s.touring, now != before, now.screen.isEditing(s) {
                s.tour?.presenterForm = now
                s.tour?.presenterWrote = false
            }
            return effects
        case .played(let key):
            return handle(key: key, &s)
        case .tick(let date):
            return tick(date, &s)
        case .opened(let opening):
            return OpeningScreen.opened(opening, &s)
        case .loginFinished(let outcome):
            let effects = LoginScreen.finished(outcome, &s)
            if case .loggedIn = outcome { return replayTypeAhead(after: effects, &s) }
            return dropTypeAhead(effects, &s)
        case .pinSetFinished(let refusal):
            let effects = SetPinScreen.finished(refusal, &s)
            return refusal == nil ? replayTypeAhead(after: effects, &s) : dropTypeAhead(effects, &s)
        case .unlockFinished(let outcome):
            let effects = UnlockScreen.finished(outcome, &s)
            return s.unlocked ? replayTypeAhead(after: effects, &s) : dropTypeAhead(effects, &s)
        case .modelLoaded(let snapshot):
            let waiting = s.unlocked && s.snapshot == nil && !s.typeAhead.isEmpty
            s.snapshot = snapshot
            // The queued item seen in the model: from here a sync that finds
            // nothing left to send may take "Queued" away (never before, so a
            // sync ending before the queuing lands does not).
            if s.note?.whileQueued == true, snapshot.model.unsentCount > 0 { s.note?.queuedSeen = true }
            // Keys typed during the unlock that need the model (n, a, o) go now.
            let effects = waiting ? replayTypeAhead(after: [], &s) : []
            for screen in ScreenRegistry.all { screen.modelLoaded(&s) }
            return effects
        case .syncProgress(let text):
            s.syncActivity = text
            return []
        case .syncStarted:
            s.syncing = true
            return []
        case .syncFinished(let summary):
            let before = s.note
            let effects = syncFinished(summary, &s)
            if s.note?.queuedSeen == true, s.snapshot?.model.unsentCount == 0 { s.note = nil }
            // The lock screen names no school, child or subject: what the
            // sync has to say waits behind the PIN (it named the school that
            // dropped the parent to whoever was at the screen).
            if !s.unlocked, s.route.shows(UnlockScreen.self), let note = s.note, note != before, note.role != .toast {
                s.noteBehindLock = note
                s.note("Something came in while the app was locked: unlock to see it.", role: .warning)
                s.note?.whileLocked = true
            }
            return effects
        case .logoutRefused(let message, let unsent):
            return LogoutScreen.refused(message, unsent: unsent, &s)
        case .loggedOut(let unregistered):
            LoginScreen.startAgain(
                s.settings.asOfView
                    ? "As-of view: you logged out of the view's copy. The login on this device and its data are untouched."
                    : unregistered
                        ? "You have logged out. You won't get notifications until you log in again."
                        : "You have logged out on this device, but the school's server could not be told; notifications may still arrive until it is.",
                &s)
            return []
        case .sessionUnreadable:
            return sessionUnreadable(&s)
        case .sessionEnded(let message):
            // Under the lock, what was being written is kept durably for the
            // same parent's next login, as at a damaged session's end
            // (nobody has proved who they are, so it is not shown: it was
            // lost without a word).
            // Unlocked, it stays in view too (to copy), and says it is kept.
            // (After a damaged login, it was kept before the login was set
            // aside, and the message says so.)
            let kept =
                s.route == .login || message.hasSuffix(keptWritingText)
                ? [] : keepWriting(&s, why: .loginEnded)
            let said = kept.isEmpty ? message : ended(message, kept: true)
            if !s.unlocked, !kept.isEmpty {
                LoginScreen.startAgain(said, &s)
                return kept
            }
            // The screen open may keep the parent there (a message being
            // written, the login itself); otherwise, the login and why.
            if s.route.screen.sessionEnded(said, &s) { return kept }
            LoginScreen.startAgain(said, &s)
            return kept
        case .editorFinished(let text):
            // The editor had the terminal: the screen that asked is still open.
            return s.route.screen.edited(text, &s)
        case .notQueued(let message, let form):
            // The form was closed on Ctrl-S; its state is as it was: back to
            // it, with the text, and why (Ctrl-S tries again).
            return Reducer.notQueued(message, form: form, &s)
        case .failed(let message):
            // Every screen hears it (a busy one stops waiting); said on the
            // status line unless a screen said it where the parent looks.
            var shown = false
            for screen in ScreenRegistry.all where screen.failed(message, &s) { shown = true }
            if !shown { s.note(message, role: .error, seconds: 12) }
            return []
        case .notice(let text):
            s.note(text)
            return []
        case .attachmentFinished:
            MessageScreen.attachmentFinished(&s)
            return []
        case .terminating:
            return keepWriting(&s)
        }
    }

    /// What was written could not be queued: the form it came from is shown
    /// again, with everything in it, and the reason.
    static func notQueued(_ message: String, form route: Route, _ s: inout AppState) -> [Effect] {
        let text =
            message
            + " What you wrote is kept here: \(keymap.name(.send, in: route.screen.chain(s))) tries again."
        if s.unlocked, route.screen.notQueued(text, &s), s.route != route { s.push(route) }
        s.note(message, role: .error, seconds: 20)
        return []
    }

    /// A login, a new PIN or an unlock is being checked.
    static func isChecking(_ s: AppState) -> Bool { s.route.screen.isChecking(s) }

    /// Keys worth keeping while a check runs: text and the keys that move
    /// through a form (never a control key such as Ctrl-C).
    static func typeAhead(_ key: Key) -> Bool {
        switch key {
        case .char, .enter, .backspace, .tab, .paste: return true
        default: return false
        }
    }

    /// After a check that succeeded: the keys typed meanwhile go to the
    /// screen that came next, as if typed now.
    static func replayTypeAhead(after effects: [Effect], _ s: inout AppState) -> [Effect] {
        // Unlocked before the model is loaded (n, a, o need it): the keys
        // wait for it (``Action/modelLoaded(_:)`` types them).
        if s.unlocked, s.snapshot == nil { return effects }
        let keys = s.typeAhead
        s.typeAhead = []
        var out = effects
        // Each key sees the state the one before left, settled, as if typed
        // now (after "2" the timeline has its rows, so "j" can move).
        for key in keys {
            s.route.screen.settle(&s)
            out += handle(key: key, &s)
        }
        return out
    }

    /// After a check that kept the parent where they were (a wrong PIN, a
    /// refused login): what they typed meanwhile is dropped, never typed
    /// into the form again.
    static func dropTypeAhead(_ effects: [Effect], _ s: inout AppState) -> [Effect] {
        s.typeAhead = []
        return effects
    }

    // MARK: - Keys

    /// The contexts searched for a key on the current screen.
    /// The contexts a key is looked up in: the tour's first while it runs
    /// (``tourKey(_:_:)`` takes those keys before any screen, even a field),
    /// then the screen's.
    static func chain(_ s: AppState) -> [KeyContext] { (tourTakesKeys(s) ? [.tour] : []) + s.route.screen.chain(s) }

    /// Whether a command does something on the current screen now.
    static func isEnabled(_ command: Command, _ s: AppState) -> Bool {
        if case .show(let route) = command, !route.screen.canOpen(s) { return false }
        return s.route.screen.isEnabled(command, s)
    }

    /// "5 minutes", "1 minute", "90 seconds": a length of time as a parent
    /// reads it (whole minutes when it is some, else seconds).
    static func duration(_ seconds: TimeInterval) -> String {
        let whole = Int(seconds.rounded())
        if whole >= 60, whole % 60 == 0 { return "\(whole / 60) minute\(whole == 60 ? "" : "s")" }
        return "\(whole) second\(whole == 1 ? "" : "s")"
    }
    static func isOffered(_ command: Command, _ s: AppState) -> Bool {
        if case .show(let route) = command, !route.screen.canOpen(s) { return false }
        return s.route.screen.isOffered(command, s)
    }

    /// A key that quits even while the terminal is too small to draw on:
    /// one bound to Quit everywhere that is not a printable character.
    static func quitsWhenTooSmall(_ key: Key) -> Bool {
        if case .char = key { return false }
        return keymap.command(for: key, in: [.global]) == .quit
    }

    static func handle(key: Key, _ s: inout AppState) -> [Effect] {
        s.lastActivity = s.now
        if case .resize(let size) = key {
            s.size = size
            return []
        }
        // Nothing acts on a screen the parent cannot see ("Terminal too
        // small"): typed letters went into a message unseen, L locked the
        // app, and Esc Esc threw a draft away behind the notice. The
        // everywhere quit keys (Ctrl-C, Ctrl-Q) still quit, as in any
        // terminal program (asking first, as ever, when something is being
        // written); q is a letter, ignored like the others.
        if AppView.frame(for: s) == nil, !quitsWhenTooSmall(key) { return [] }
        if case .mouse(let event) = key { return mouse(event, &s) }
        if case .paste(let text) = key { return paste(text, &s) }
        // Typed while a check runs (the audit typed the PIN straight after
        // the last 4 and lost it): kept for the screen that comes next.
        if isChecking(s), typeAhead(key), s.typeAhead.count < 64 {
            s.typeAhead.append(key)
            return []
        }
        let screen = s.route.screen
        // A text field owns the keyboard: a printable key is text, whatever
        // it means elsewhere ("?" is a question, "q" a letter).
        if case .char = key, screen.isEditing(s) { return screen.type(key, &s) }
        if let binding = keymap.binding(for: key, in: screen.chain(s)) {
            if isEnabled(binding.command, s) { return handle(binding.command, &s) }
            return screen.isEditing(s) ? screen.type(key, &s) : []
        }
        return screen.type(key, &s)
    }

    /// Pasted text (the terminal's bracketed paste) is text for the field
    /// that has the keyboard, character by character, line breaks included
    /// (a message keeps them; a one-line field makes them spaces; a digits
    /// field says what it takes). Outside a field it does nothing: a pasted
    /// "q" or line break is never a key that acts (one quit the app, and
    /// one opened a message with the rest of the paste in it).
    static func paste(_ text: String, _ s: inout AppState) -> [Effect] {
        guard s.route.screen.isEditing(s) else { return [] }
        return s.route.screen.paste(text, &s)
    }

    /// Types `text` into the field that has the keyboard, character by
    /// character (a pasted line break as Enter's "\n"), stopping when the
    /// field goes (a PIN complete and being checked: the rest is dropped).
    static func typeEach(_ text: String, _ s: inout AppState) -> [Effect] {
        let route = s.route
        var effects: [Effect] = []
        for character in text.replacingOccurrences(of: "\r\n", with: "\n") {
            // The field went (a PIN complete and being checked): the rest is dropped.
            guard s.route == route, route.screen.isEditing(s), !isChecking(s) else { break }
            effects += route.screen.type(.char(character == "\r" ? "\n" : character), &s)
        }
        return effects
    }

    static func handle(_ command: Command, _ s: inout AppState) -> [Effect] {
        switch command {
        case .quit:
            if s.route.screen.holdsQuit(&s) { return [] }
            s.quitRequested = true
            return [.quit]
        case .redraw: return [.redraw]
        case .saveScreen: return [.saveScreen(AppView.render(s, theme: Theme(color: false)).lines())]
        case .suspend: return [.suspend]
        case .help:
            HelpScreen.toggle(&s)
            return []
        default: break
        }
        let screen = s.route.screen
        if let effects = screen.update(command, &s) { return effects }
        // Another screen's way in, bound in this screen's context.
        if case .show(let route) = command { return route.screen.canOpen(s) ? route.screen.open(&s) : [] }
        return screen.showsSections ? appCommand(command, &s) : []
    }

    /// What every writing screen keeps of what the parent wrote, as effects
    /// (the process ending, or the session), saying why.
    static func keepWriting(_ s: inout AppState, why: KeptWhy = .appClosed) -> [Effect] {
        kept(ScreenRegistry.all.flatMap { $0.terminating(&s) }, why: why)
    }

    /// Keeping effects, saying why they are kept.
    static func kept(_ effects: [Effect], why: KeptWhy) -> [Effect] {
        effects.map { effect in
            if case .keepUnsent(var draft) = effect {
                draft.why = why
                return .keepUnsent(draft)
            }
            if case .keepUnsentAbsence(let draft, _) = effect { return .keepUnsentAbsence(draft, why: why) }
            return effect
        }
    }

    /// Said when a form's school left the device and what was written in
    /// it is kept (`what`: "What you wrote", "Your note"); `child`: the
    /// child's name when the school stays but no longer links the parent to
    /// them (it said "if the school holds your details again", which it did).
    static func keptForSchoolText(_ what: String, child: String? = nil) -> String {
        let when = child.map { "if the school links you to \($0) again" } ?? "if the school holds your details again"
        return
            "\(what) is kept on this device (\(keymap.name(.show(.kept), in: [.home])) on Home): it can be sent \(when)."
    }

    /// Said after why a session ended when what was being written is kept.
    static let keptWritingText =
        " What you were writing is kept on this device, and offered to you when you log in again with the same email and mobile."

    /// Why a session ended, saying so when what was being written is kept.
    static func ended(_ message: String, kept: Bool) -> String {
        kept && !message.hasSuffix(keptWritingText) ? message + keptWritingText : message
    }

    /// The saved login could not be read (at an unlock, or by a sync).
    /// What was being written is kept durably for the same parent's next
    /// login (under the lock it is not shown, as nobody has proved who they
    /// are; unlocked, the form keeps it in view as well: it was lost once
    /// the parent left it). Then the login is set aside, and the
    /// `.sessionEnded` that follows says why.
    static func sessionUnreadable(_ s: inout AppState) -> [Effect] {
        let kept = keepWriting(&s, why: .loginEnded)
        return kept + [.endUnreadableSession(keptWriting: !kept.isEmpty)]
    }

    /// Commands every unlocked screen shares.
    static func appCommand(_ command: Command, _ s: inout AppState) -> [Effect] {
        guard s.unlocked else { return [] }
        switch command {
        case .section(let n) where (1...ScreenRegistry.sections.count).contains(n):
            // A section about one child opens on the child in view here (3
            // after selecting Amy on Home showed Ben's attendance).
            let target = ScreenRegistry.sections[n - 1]
            if let child = s.route.screen.childInView(s) { target.screen.show(child: child, &s) }
            s.show(section: target)
            return []
        case .back:
            s.pop()
            return []
        case .refresh:
            guard !s.syncing else { return [] }
            s.refreshAsked = true
            s.lastSyncStarted = s.now
            return [.sync(manual: true)]
        case .lock:
            return UnlockScreen.lock(&s, reason: nil)
        case .logout:
            LogoutScreen.start(&s)
            return []
        default:
            return []
        }
    }

    // MARK: - The tour

    /// Whether the tour's Space and Esc are the tour's now: not while the
    /// presenter writes in a form they opened (there they are the form's,
    /// and the footer says the form's keys: it said "Space Next step" while
    /// Space typed a space).
    static func tourTakesKeys(_ s: AppState) -> Bool {
        guard let tour = s.tour else { return false }
        return !(tour.presenterForm == s.route && s.route.screen.isEditing(s) && tour.presenterWrote)
    }

    /// The tour's keys (Space: its next step, Esc: leave it); other keys work
    /// as ever (the presenter may look around).
    static func tourKey(_ key: Key, _ s: inout AppState) -> [Effect]? {
        guard var tour = s.tour else { return nil }
        switch keymap.command(for: key, in: [.tour]) {
        case .tourNext?:
            guard !tour.isLast else {
                s.tour = nil
                return []
            }
            tour.index += 1
            tour.presenterForm = nil
            tour.presenterWrote = false
            s.tour = tour
            var effects: [Effect] = []
            let typed = Tour.prepare(tour.step, &s)
            if let keys = try? Key.parseScript(typed), !keys.isEmpty { effects.append(.play(keys)) }
            if let send = tour.step.schoolSends { effects.append(.schoolSends(subject: send.subject, body: send.body)) }
            if tour.step.schoolAcknowledges { effects.append(.schoolAcknowledgesAbsences) }
            return effects
        case .tourLeave?:
            s.tour = nil
            s.note("You left the tour: the app is yours. (xpressions demo tour starts it afresh.)", seconds: 10)
            return []
        default:
            return nil
        }
    }

    // MARK: - Mouse

    /// Mouse clicks and the wheel. The same `AppView.frame` that places
    /// things on screen says what a click hit: a section tab, or something
    /// in the body, which the screen itself resolves.
    static func mouse(_ event: MouseEvent, _ s: inout AppState) -> [Effect] {
        guard let frame = AppView.frame(for: s) else { return [] }
        switch event.kind {
        // The wheel is ↑ ↓ where they are keys now and do something (never
        // a scroll the screen does not offer, nor an answer to a question
        // such as "mark all read?", which takes no arrow keys).
        case .wheelUp: return wheels(.up, s) ? handle(.up, &s) : []
        case .wheelDown: return wheels(.down, s) ? handle(.down, &s) : []
        case .press(.left): break
        default: return []
        }
        let p = event.position
        if let tabs = frame.tabs, tabs.contains(p), s.unlocked,
            let i = Tabs(AppView.sectionTitles, selected: 0).tab(atColumn: p.x, in: tabs)
        {
            return handle(.section(i + 1), &s)
        }
        guard frame.body.contains(p) else { return [] }
        return s.route.screen.click(at: p, in: frame.body, &s)
    }

    /// Whether the wheel moves (`command`) on the screen now.
    static func wheels(_ command: Command, _ s: AppState) -> Bool {
        keymap.label(for: command, in: chain(s)) != nil && isEnabled(command, s)
    }

    // MARK: - Time

    /// A sync's end, said on the status line.
    static func syncFinished(_ summary: SyncSummary, _ s: inout AppState) -> [Effect] {
        let manual = s.refreshAsked
        s.refreshAsked = false
        s.syncing = false
        s.syncActivity = nil
        s.lastSync = summary
        if let removed = summary.schoolsRemoved.first {
            let more = summary.schoolsRemoved.count > 1 ? " (and \(summary.schoolsRemoved.count - 1) more)" : ""
            let held = summary.messagesHeld
            let kept =
                held == 0
                ? ""
                : " \(held) message\(held == 1 ? "" : "s") you wrote for it \(held == 1 ? "was" : "were") not sent, and \(held == 1 ? "is" : "are") kept on this device."
            s.note(
                "\(removed)\(more): its children were removed from this device.\(kept)", role: .warning, seconds: 20
            )
        } else if let left = summary.recordsLeft.first {
            s.note(left, role: .warning, seconds: 20)
        } else if let refused = summary.notSent.first {
            let n = summary.notSent.count
            let key = keymap.name(.show(.sent), in: [.home])
            s.note(
                "Not sent to \(refused)\(n > 1 ? " (and \(n - 1) more)" : ""). \(key) on Home to send again or discard.",
                role: .error, seconds: 20)
        } else if summary.rebuilt {
            // Not the first login's history note: what was read is kept.
            s.note(
                "Your copy of the school data on this device was damaged: what could be read is kept, the rest is fetched again from the school's (the damaged copy is in damaged/ for support).",
                role: .warning, seconds: 20)
        } else if let problem = summary.problems.first {
            s.note("Sync problem: \(problem)", role: .error, seconds: 12)
        } else if let first = summary.announcements.first {
            let n = summary.announcements.count
            if s.unlocked {
                let more = n > 1 ? " (+\(n - 1) more)" : ""
                s.note("New message: \(first)\(more)", role: .toast, seconds: 10)
            } else {
                // The lock screen never shows what a message says.
                s.note(
                    "\(n) new message\(n == 1 ? "" : "s"): unlock to read \(n == 1 ? "it" : "them").", role: .toast,
                    seconds: 10)
                s.note?.whileLocked = true
            }
            return [.bell]
        } else if summary.historyMarkedRead > 0 {
            let n = summary.historyMarkedRead
            s.note(
                "\(n) message\(n == 1 ? "" : "s") over 14 days old \(n == 1 ? "starts" : "start") read; in the timeline \(keymap.name(.toggleRead, in: [.timeline])) marks one unread, \(keymap.name(.markAllRead, in: [.timeline])) all read.",
                seconds: 20)
        } else if let (school, at) = summary.acknowledgedBy.first {
            let zone = s.snapshot?.model.schools.first { $0.name == school }?.zone ?? s.displayZone
            s.note(
                "\(school) acknowledged your absence report at \(zone.clockText(at)) (see Attendance).",
                role: .success, seconds: 10)
        } else if let school = summary.reportedTo.first {
            // Short enough for 80 columns (the walk found the longer line cut off).
            s.note(
                // A tour's school is its own copy: it did get it, and says so
                // in the next step ("did not get it" and then its
                // acknowledgement, in front of an audience).
                s.settings.asOfView && s.tour == nil
                    ? "As-of view: your absence report went into the copy only; \(school) did not get it."
                    : "Absence report sent to \(school) at \(s.displayZone.clockText(summary.finishedAt)): waiting for the school.",
                role: .success, seconds: 10)
        } else if summary.sentTo.first != nil {
            let count = summary.sentTo.count
            // Each school named, once: two messages to two schools were said
            // as both sent to the first.
            var schools: [String] = []
            for name in summary.sentTo where !schools.contains(name) { schools.append(name) }
            let school = CalendarExport.list(schools)
            // An as-of view sends into its sandbox: said so (it read as if
            // the school had it, after the form said nothing reaches it).
            s.note(
                s.settings.asOfView && s.tour == nil
                    ? "As-of view: your \(count == 1 ? "message" : "\(count) messages") went into the copy only; \(school) did not get it."
                    : "Sent: your \(count == 1 ? "message" : "\(count) messages") to \(school) at \(s.displayZone.clockText(summary.finishedAt)).",
                role: .success)
        } else if manual, s.unlocked, let model = s.snapshot?.model, let trouble = model.storeTrouble {
            // R while the store is away: said, not silence.
            // "still" only for a problem found before this try (the first
            // find read "still has a problem").
            let still = trouble.since < (s.lastSyncStarted ?? s.now) ? "still " : ""
            let file = trouble.kind == .invalid ? AppView.troubleFile(trouble).map { " (\($0))" } ?? "" : ""
            s.note(
                "Tried again: \(still)\(trouble.kind == .invalid ? "can't use" : "can't reach") the school data\(file). \(model.schools.isEmpty ? "Nothing of it is on this device yet." : "What you had is still here.")",
                role: .warning, seconds: 6)
        } else if manual, s.unlocked, let model = s.snapshot?.model,
            let id = model.schoolTroubles.keys.sorted().first, let trouble = model.schoolTroubles[id]
        {
            // R while one school's data is broken or away: said too (the
            // banner stayed as it was, and R seemed to do nothing).
            let others = model.schoolTroubles.count - 1
            let still = trouble.since < (s.lastSyncStarted ?? s.now) ? " still" : ""
            let file = trouble.kind == .invalid ? AppView.troubleFile(trouble).map { " (\($0))" } ?? "" : ""
            s.note(
                "Tried again: \(model.school(id)?.name ?? model.schoolTroubles[id]?.schoolName ?? id)\(others > 0 ? " and \(others) more" : "")\(still) \(trouble.kind == .invalid ? "\(others > 0 ? "have" : "has") a problem" : "can't be reached")\(file). \(model.school(id) == nil && others == 0 ? "Nothing of it is on this device yet." : "Your copy is still here.")",
                role: .warning, seconds: 6)
        }
        return []
    }

    static func tick(_ date: Date, _ s: inout AppState) -> [Effect] {
        if !s.timeKnown {
            // The first tick, after the first frame: the app's own time from now on.
            s.timeKnown = true
            s.lastActivity = date
        } else if date < s.now.addingTimeInterval(-60) {
            // The clock went back (a store away at start came back with its
            // demo clock, months earlier): what was timed from the old
            // clock is timed from now, or nothing would fall due for months.
            s.lastActivity = date
            s.lastSyncStarted = nil
            s.lastSync?.nextAttempt = nil
        }
        s.now = date
        if let note = s.note, note.until <= date { s.note = nil }
        let own = s.route.screen.tick(&s)
        guard s.unlocked else {
            // Locked, from the start too: the background sync goes on (a
            // school's change to the parent's details ends the session, and
            // the registrations go, at the next sync, not at the next
            // unlock), timed from the last key so a PIN being typed is
            // never behind one.
            guard s.route.shows(UnlockScreen.self), !s.syncing else { return own }
            let due =
                s.lastSync?.nextAttempt
                ?? max(s.lastSyncStarted ?? .distantPast, s.lastActivity).addingTimeInterval(s.settings.syncInterval)
            guard date >= due, date.timeIntervalSince(s.lastSyncStarted ?? .distantPast) >= 1 else { return own }
            s.lastSyncStarted = date
            return own + [.sync(manual: false)]
        }
        if date.timeIntervalSince(s.lastActivity) >= s.settings.idleRelock {
            return own
                + UnlockScreen.lock(&s, reason: "Locked after \(Self.duration(s.settings.idleRelock)) without use.")
        }
        // The background sync: every interval, or sooner when the last one
        // could not get through (the runner's backoff: 15 s, 30 s, 60 s…).
        let due =
            s.lastSync?.nextAttempt ?? (s.lastSyncStarted ?? .distantPast).addingTimeInterval(s.settings.syncInterval)
        if !s.syncing, date >= due, date.timeIntervalSince(s.lastSyncStarted ?? .distantPast) >= 1 {
            s.lastSyncStarted = date
            return own + [.sync(manual: false)]
        }
        return own
    }

    // MARK: - Shared helpers for screens

    /// Scrolls a text view (message, attendance grid, More, help) within
    /// `0...limit` (the lines below the first screenful); false when
    /// `command` is not a scroll.
    static func scroll(_ offset: inout Int, _ command: Command, page: Int, limit: Int) -> Bool {
        let limit = max(0, limit)
        switch command {
        case .up: offset -= 1
        case .down: offset += 1
        case .pageUp: offset -= page
        case .pageDown: offset += page
        case .top: offset = 0
        case .bottom: offset = limit
        default: return false
        }
        offset = min(max(0, offset), limit)
        return true
    }

    /// The body's rows for this state (0 when the terminal is too small).
    static func bodyRows(_ s: AppState) -> Int { AppView.frame(for: s)?.body.height ?? 0 }

    /// How far PgUp/PgDn (and Space) move a text that shows `rows` rows at a
    /// time: a screenful, less one row kept in view, as a list pages.
    static func page(rows: Int) -> Int { max(1, rows - 1) }
}

extension AppState {
    /// The zone times are shown in (the schools').
    var displayZone: SchoolTimeZone { store?.zone ?? .utc }
}
