import Foundation
import ParentCore
import TerminalKit

/// Performs effects. Quick ones that need the terminal (bell, editor,
/// suspend) run on the main thread; slow ones (checking the store, hashing
/// a PIN, syncing) run in order on a worker queue and report back through
/// the `ActionInbox`.
public final class EffectRunner: Sendable {
    let environment: AppEnvironment
    let inbox: ActionInbox
    private let worker = DispatchQueue(label: "xpressions.worker")
    /// The parent side: the account, the model and its syncs, pictures.
    let service: ParentService
    /// What the worker remembers between effects (touched on the worker
    /// queue; the lock makes that a checked fact rather than a rule).
    private struct Remembered: Sendable {
        /// The number of the last snapshot published (see `ModelSnapshot.version`).
        var published = 0
        /// The children's first names as last published: a child a sync
        /// removes is named from here.
        var childNames: [ChildRef: String] = [:]
        /// Whether the parent has been told that nothing here opens files
        /// (once: after that the key only says what happens).
        var openerNoticeShown = false
    }
    private let remembered = Locked(Remembered())
    /// Openers started and not yet ended, and when the last one started.
    private let openers = Locked<(running: Int, lastStarted: Date?)>((0, nil))
    /// Whether the store's first opening has started (``startOpening()``).
    private let openingStarted = Locked(false)
    /// Entered while the first opening runs on a thread of its own: the
    /// worker's effects wait for it, so they still run after it, in order.
    private let firstOpening = DispatchGroup()

    public init(environment: AppEnvironment, inbox: ActionInbox) {
        self.environment = environment
        self.inbox = inbox
        service = ParentService(
            storeRoot: environment.storeRoot, dataDirectory: environment.dataDirectory, files: environment.files,
            clock: environment.clock, securityClock: environment.securityClock, settings: environment.settings)
    }

    /// Starts opening the store in the background (the loop's first effect),
    /// if it has not started yet. The app calls it before it sets up the
    /// terminal (the C library's locale and ncurses, about a millisecond),
    /// so that the two overlap; the loop's own start then finds it begun.
    ///
    /// It runs on a thread of its own started on another core
    /// (``OtherCoreThread``): the worker queue's first thread started on
    /// this core and ran only once the first frame was painted.
    public func startOpening() {
        let first = openingStarted.withLock { started in
            defer { started = true }
            return !started
        }
        guard first else { return }
        inbox.began()
        firstOpening.enter()
        OtherCoreThread.start { [firstOpening] in
            self.performInBackground(.open)
            self.inbox.ended()
            firstOpening.leave()
        }
    }

    /// Runs effects; `backend` is for the ones that need the terminal.
    /// Every kind of effect is named here (no default), so a new one cannot
    /// silently do nothing.
    func perform(_ effects: [Effect], backend: any TerminalBackend) {
        for effect in effects {
            switch effect {
            case .bell, .redraw, .suspend, .quit:
                _ = EffectRunner.performOnTerminal(effect, backend: backend)
            case .editInEditor(let initial):
                edit(initial, backend: backend)
            case .openURL(let url) where !EffectRunner.opensSafely(url):
                // Addresses come from the school's data: only web and plain
                // email addresses reach an opener (never javascript:, file:…).
                inbox.post(.failed("Not opened: \(url) is not a web or email address."))
            case .openURL(let url) where openInTerminal(url, backend: backend):
                break  // a terminal browser, given the terminal while it runs
            case .openAttachment(let ref, let index)
            where openAttachmentInTerminal(ref, index: index, backend: backend):
                break  // the same for an attachment
            case .play:
                break  // the loop types these keys itself
            case .copy(let text, let what):
                inbox.post(.notice(EffectRunner.copy(text, what: what, backend: backend)))
            case .open, .logIn, .setPIN, .unlock, .endUnreadableSession, .loadModel, .prefetch, .sync, .markRead,
                .markAllRead, .markUnread,
                .queueMessage, .keepUnsent, .keepUnsentAbsence, .reportAbsence, .releaseHeld, .discardHeld,
                .retryFailed, .logOut,
                .openURL, .openAttachment, .saveAttachment, .exportCalendar, .saveScreen, .schoolSends,
                .schoolAcknowledgesAbsences, .savePreferences:
                background { self.performInBackground(effect) }
            }
        }
    }

    /// The effects that are the terminal's own (bell, repaint, suspend,
    /// quit); false for any other. (Where a new kind of effect goes is asked
    /// by `perform`'s switch, which has no default: this one only picks
    /// the four out.)
    static func performOnTerminal(_ effect: Effect, backend: any TerminalBackend) -> Bool {
        if case .bell = effect {
            backend.bell()
        } else if case .redraw = effect {
            backend.forceRepaint()
        } else if case .suspend = effect {
            backend.suspend()
        } else if case .quit = effect {
            return true
        } else {
            return false
        }
        return true
    }

    private func background(_ work: @escaping @Sendable () -> Void) {
        inbox.began()
        worker.async { [firstOpening] in
            firstOpening.wait()  // after the store's first opening, as if it ran here
            work()
            self.inbox.ended()
        }
    }

    /// Waits until every background effect has finished (tests, shutdown).
    public func settle() {
        firstOpening.wait()
        worker.sync {}
    }

    private func performInBackground(_ effect: Effect) {
        do {
            switch effect {
            case .open:
                inbox.post(.opened(try service.open()))
            case .logIn(let email, let mobile, let lastFour):
                do {
                    inbox.post(.loginFinished(try service.logIn(email: email, mobile: mobile, lastFour: lastFour)))
                } catch is StoreProblems {
                    // Said to the parent in plain words (it named the file
                    // and field); `doctor` names them for support.
                    inbox.post(.failed(Self.loginTroubleText))
                }
            case .setPIN(let pin, let confirmation):
                inbox.post(.pinSetFinished(refusal: try service.setPIN(pin, confirmation: confirmation)))
            case .unlock(let pin):
                inbox.post(.unlockFinished(try service.unlock(pin: pin)))
            case .endUnreadableSession(let keptWriting):
                let reason = try service.endUnreadableSession()
                inbox.post(
                    .sessionEnded(
                        reason + (keptWriting ? Reducer.keptWritingText : "")))
            case .loadModel:
                if let model = try service.follow({ [weak self] event in self?.follow(event) }) { publish(model) }
            case .prefetch:
                service.prepare()
            case .sync(let manual):
                // Locked since the start: the model is followed now, so its
                // syncs (and the store watcher) run before any unlock.
                if service.snapshot == nil, let model = try service.follow({ [weak self] in self?.follow($0) }) {
                    publish(model)
                }
                service.sync(manual ? .manual : .periodic)
            case .markRead(let school, let message):
                if let model = try service.markRead(MessageRef(school: school, id: message)) { publish(model) }
            case .markAllRead(let refs):
                if let (model, marked) = try service.markAllRead(refs) {
                    publish(model)
                    if refs.count > 1 {
                        inbox.post(
                            .notice(
                                "Marked \(marked) message\(marked == 1 ? "" : "s") read. No read receipts were sent."))
                    }
                }
            case .markUnread(let ref):
                if let model = try service.markUnread(ref) { publish(model) }
            case .queueMessage(let draft, let form):
                do {
                    if let model = try service.queue(
                        school: draft.school, topic: draft.topic, body: draft.body, inReplyTo: draft.inReplyTo,
                        children: draft.children)
                    {
                        publish(model, replacing: draft.replaces)
                    }
                } catch {
                    inbox.post(.notQueued(Self.notQueuedText(error, what: "Your message"), form: form))
                }
            case .keepUnsent(let draft):
                if let model = try service.keepUnsent(
                    school: draft.school, topic: draft.topic, body: draft.body, inReplyTo: draft.inReplyTo,
                    children: draft.children, reason: draft.why.text)
                {
                    publish(model, replacing: draft.replaces)
                }
            case .keepUnsentAbsence(let draft, let why):
                do {
                    if let model = try service.keepAbsence(draft, reason: why.text) { publish(model) }
                } catch let refusal as AbsenceRefusal {
                    // Not kept as a report (its school or calendar gone from
                    // here): its note as a message, never nothing.
                    guard let body = draft.messageText(childName: childName(draft.child)),
                        let model = try service.keepUnsent(
                            school: draft.child.school, topic: nil, body: body, inReplyTo: nil, children: [draft.child],
                            reason: why.text)
                    else { throw refusal }
                    publish(model)
                }
            case .reportAbsence(let draft, let form):
                do {
                    if let model = try service.reportAbsence(draft) { publish(model) }
                } catch {
                    inbox.post(.notQueued(Self.notQueuedText(error, what: "Your absence report"), form: form))
                }
            case .releaseHeld(let keys):
                do {
                    if let model = try service.release(keys) { publish(model) }
                } catch let refusal as AbsenceRefusal {
                    // A kept report checked again as of now (its days too long
                    // ago, say): it stays kept, and this says why.
                    inbox.post(.failed("Not sent: \(refusal) It is still kept: discard it, or report again."))
                    if let model = service.snapshot { publish(model) }
                }
            case .discardHeld(let keys):
                if let model = try service.discard(keys) { publish(model) }
            case .retryFailed(let keys):
                if let model = try service.retry(keys) { publish(model) }
            case .logOut(let choice):
                let outcome = try service.logOut(choice)
                switch outcome {
                case .loggedOut(let unregistered):
                    inbox.post(.loggedOut(unregistered: unregistered))
                case .unsent(let items):
                    if let model = service.snapshot { publish(model) }
                    inbox.post(.logoutRefused(outcome.message ?? "", unsent: items.count))
                }
            case .openURL(let url):
                open(url)
            case .openAttachment(let ref, let index):
                openAttachment(ref, index: index)
            case .saveAttachment(let ref, let index):
                saveAttachment(ref, index: index)
            case .exportCalendar(let child):
                exportCalendar(child)
            case .saveScreen(let lines):
                saveScreen(lines)
            case .schoolSends(let subject, let body):
                try service.schoolSends(subject: subject, body: body)
            case .schoolAcknowledgesAbsences:
                try service.schoolAcknowledgesAbsences()
            case .savePreferences(let preferences):
                do { try service.save(preferences) } catch {
                    inbox.post(.notice("Your choice holds until you quit: it could not be saved (\(error))."))
                }
            case .bell, .redraw, .suspend, .quit, .editInEditor, .play, .copy:
                break  // the terminal's own, or the loop's: performed on the main thread
            }
        } catch let problems as StoreProblems {
            // A broken store file met on the way (a login reading a school's records).
            let first = problems.problems.first?.description ?? "a store file could not be read"
            inbox.post(.failed("The school data has a problem, so this cannot go on until it is fixed: \(first)"))
        } catch let unavailable as StoreUnavailable {
            inbox.post(
                .failed(
                    unavailable.kind == .invalid
                        ? "The school data is not valid just now, so that has to wait. Try again later."
                        : "Can't reach the school data just now, so that has to wait. Try again later."
                ))
        } catch {
            inbox.post(.failed("Something went wrong: \(error)"))
        }
    }

    /// A login whose details could not be checked: the school's data has a
    /// problem (no attempt is used).
    static let loginTroubleText =
        "Your school's data can't be read just now, so your details could not be checked. No attempt was used: please try again later, and if it goes on, tell the school."

    /// What the sync coordinator reports (on its thread), turned into actions
    /// on the worker, which publishes snapshots in order. A running sync
    /// counts as work under way (a key script waits for it).
    func follow(_ event: SyncEvent) {
        if case .started = event { inbox.began() }
        background {
            for action in self.translate(event) { self.inbox.post(action) }
            switch event {
            case .finished, .failed: self.inbox.ended()
            case .started, .progress: break
            }
        }
    }

    /// Publishes the model after a message written in place of another (an
    /// edit of a kept or refused one) was saved: the other goes only now,
    /// never before the new one is safe on disk.
    private func publish(_ model: ParentModel, replacing old: String?) {
        var latest = model
        if let old, let after = try? service.discard([old]) { latest = after }
        publish(latest)
    }

    /// A child's first name as last published (nil for one never shown).
    private func childName(_ child: ChildRef) -> String? { remembered.withLock { $0.childNames[child] } }

    /// Hands a new model snapshot to the UI, with its pictures.
    private func publish(_ model: ParentModel) {
        let names = Dictionary(model.children.map { ($0.ref, $0.forename) }, uniquingKeysWith: { a, _ in a })
        var images: [String: RGBImage] = [:]
        for (key, picture) in service.pictures(for: model) {
            images[key] = RGBImage(width: picture.width, height: picture.height, pixels: picture.rgb)
        }
        let version = remembered.withLock { r in
            r.childNames = names
            r.published += 1
            return r.published
        }
        inbox.post(.modelLoaded(ModelSnapshot(model: model, images: images, version: version)))
        // Search's folded text, off the worker, once the screen has been painted
        // with the model (a first search before then folds it itself).
        DispatchQueue.global(qos: .utility).asyncAfter(deadline: .now() + 0.5) { model.prepareSearch() }
    }

    /// Turns what the sync coordinator reports into actions.
    func translate(_ event: SyncEvent) -> [Action] {
        switch event {
        case .started(let trigger): return [.syncStarted(manual: trigger == .manual)]
        case .progress(let p): return [.syncProgress(p.activity)]
        case .failed(let message):
            var summary = SyncSummary(finishedAt: environment.clock.now())
            summary.nextAttempt = service.nextSyncAt
            return [.failed("Sync stopped: \(message)"), .syncFinished(summary)]
        case .finished(let report):
            if report.identity.sessionEnded != nil || report.problems.contains(where: { $0.kind == .session }) {
                // The session ended in this sync (the schools no longer hold the
                // parent's details), or there was none to sync (ended earlier, or
                // another process logged out): the login screen says why, never a
                // red line over it.
                var summary = SyncSummary(finishedAt: report.startedAt.addingTimeInterval(report.duration))
                summary.nextAttempt = service.nextSyncAt
                // No session to sync: damaged or gone since it was read. The
                // app keeps what is being written before it is set aside
                // (it said "logged out" to a damaged file, and lost it).
                guard let ended = report.identity.sessionEnded else {
                    return [.syncFinished(summary), .sessionUnreadable]
                }
                let reason = ended + ParentAccount.keptText(report.identity.messagesHeld, after: ended)
                return [.syncFinished(summary), .sessionEnded(reason)]
            }
            guard let model = service.snapshot else { return [] }
            let namesBefore = remembered.withLock { $0.childNames }
            publish(model)
            let summary = SyncSummary(
                report: report, model: model, namesBefore: namesBefore, nextAttempt: service.nextSyncAt)
            return [.syncFinished(summary)]
        }
    }

    /// Writes the screen to `xpressions-screen-<date>-<time>.txt` (0600) in
    /// the current directory, never over an existing file, and says where.
    private func saveScreen(_ lines: [String]) {
        // The folder the app runs in, as the system has it now: one removed
        // under the app gave an empty path, and the screen (family data)
        // was written to "/" while the note said "./".
        guard let directory = EffectRunner.currentDirectory() else {
            inbox.post(
                .failed(
                    "The screen was not saved: the folder the app was started in is no longer there. Start the app from another folder."
                ))
            return
        }
        // Named by the real time, not the shown clock (a demo's or an as-of
        // view's date named every ticket's screen the same day).
        let stamp = DateText.stamp(environment.securityClock.now())
        let stem = "xpressions-screen-\(stamp)"
        var name = "\(stem).txt"
        var n = 1
        while environment.files.exists("\(directory)/\(name)") {
            n += 1
            name = "\(stem)-\(n).txt"
        }
        do {
            try environment.files.writeAtomically(
                Array((lines.joined(separator: "\n") + "\n").utf8), to: "\(directory)/\(name)")
            inbox.post(.notice("Screen saved to ./\(name)"))
        } catch {
            inbox.post(.failed("The screen could not be saved in \(directory): \(error)"))
        }
    }

    /// The current directory, or nil when it is gone (removed under the app).
    static func currentDirectory() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return nil }
        let path = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard !path.isEmpty, path.hasPrefix("/"), !path.hasSuffix("(deleted)") else { return nil }
        return path
    }

    /// Whether a URL may be handed to an opener: `http`/`https`, or
    /// `mailto:` a plain address (no `?` headers such as `attach=`).
    static func opensSafely(_ url: String) -> Bool {
        let lower = url.lowercased()
        if lower.hasPrefix("https://") || lower.hasPrefix("http://") { return true }
        if lower.hasPrefix("mailto:") { return !url.contains("?") && !url.contains("&") }
        return false
    }

    /// Opens a URL with the user's opener (`$BROWSER`, else xdg-open), an
    /// argument vector with the URL as one argument.

    private func open(_ url: String) {
        let opener = Opener(environment: environment.processEnvironment)
        let notFound = opener.browserProblems()
        switch opener.start(opener.commands(forURL: url)) {
        case .none where notFound.isEmpty:
            openerMissing(
                "No opener for \(url): \(EffectRunner.copyKey) copies it where it is selected.",
                full: EffectRunner.linkOpenerMissingNotice)
        case .none:
            inbox.post(
                .failed(
                    "Could not open \(url): \(notFound.joined(separator: "; ")) ($BROWSER). \(EffectRunner.copyKey) copies it where it is selected."
                ))
        case .started(let pid):
            if let pid { reap(pid) }
            inbox.post(.notice("Opened \(url)"))
        case .failed(let why):
            // Never "Opened" when nothing opened (the audit's failing $BROWSER).
            inbox.post(
                .failed(
                    "Could not open \(url): \((notFound + why).joined(separator: "; ")). \(EffectRunner.copyKey) copies it where it is selected."
                ))
        }
    }

    /// A terminal browser first in `$BROWSER` (w3m, lynx…): run with the
    /// terminal handed over, as the editor is, then back to the app. False
    /// when the first opener is not one (it is then started as any other).
    private func openInTerminal(_ url: String, backend: any TerminalBackend) -> Bool {
        let opener = Opener(environment: environment.processEnvironment)
        guard let first = opener.commands(forURL: url).first, Opener.needsTerminal(first) else { return false }
        runInTerminal(
            first, backend: backend, showing: url, otherwise: "\(EffectRunner.copyKey) copies it where it is selected.")
        return true
    }

    /// The streams of a program given the terminal (the editor, a terminal
    /// browser): the app's own where they are the terminal, else the
    /// terminal itself. With its output redirected the app draws on
    /// /dev/tty, and vim, given the redirected output, wrote its screen into
    /// the file while the parent typed blind.
    static func terminalStreams() -> (Subprocess.Stream, Subprocess.Stream, Subprocess.Stream) {
        func stream(_ fd: Int32) -> Subprocess.Stream {
            isatty(fd) == 1 ? .inherit : .file("/dev/tty", flags: fd == 0 ? O_RDONLY : O_WRONLY)
        }
        return (stream(STDIN_FILENO), stream(STDOUT_FILENO), stream(STDERR_FILENO))
    }

    /// Runs a terminal browser with the terminal handed over, then says how
    /// it went: "Back from w3m.", or what it could not show and what to do.
    private func runInTerminal(
        _ command: Opener.Command, backend: any TerminalBackend, showing what: String, otherwise: String
    ) {
        var status: Int32? = nil
        backend.releaseTerminal {
            let (input, output, errors) = EffectRunner.terminalStreams()
            status =
                (try? Subprocess.spawn(
                    command.arguments, environment: environment.processEnvironment, stdin: input, stdout: output,
                    stderr: errors)).map(Subprocess.wait)
        }
        let name = command.arguments.first?.split(separator: "/").last.map(String.init) ?? "the browser"
        if status == 0 {
            inbox.post(.notice("Back from \(name)."))
        } else {
            inbox.post(
                .failed(
                    "\(name) could not show \(what)\(status.map { " (it ended with status \($0))" } ?? ""). \(otherwise)"
                ))
        }
    }

    /// Opens an attachment: the service copies it to a private directory
    /// under a name of its own and starts the opener on the copy.
    private func openAttachment(_ ref: MessageRef, index: Int) {
        defer { inbox.post(.attachmentFinished) }
        let opener = Opener(environment: environment.processEnvironment)
        // A $BROWSER entry that is not installed is named, as for links
        // (it said "set $BROWSER" to someone who had).
        let notFound = opener.browserProblems()
        do {
            let (copy, outcome) = try service.openAttachment(ref, index: index, with: opener)
            guard case .started(let pid) = outcome else {
                guard notFound.isEmpty else {
                    return inbox.post(
                        .failed(
                            "Could not open \(copy.fileName): \(notFound.joined(separator: "; ")) ($BROWSER). \(EffectRunner.saveKey) saves it."
                        ))
                }
                return openerMissing("No opener for \(copy.fileName): \(EffectRunner.saveKey) saves it.")
            }
            if let pid { reap(pid) }
            inbox.post(.notice("Opened \(copy.fileName)"))
        } catch .cannotOpen(let name, let reason) where !notFound.isEmpty {
            inbox.post(
                .failed(
                    "\(AttachmentError.cannotOpen(name: name, reason: (notFound + [reason]).joined(separator: "; ")))"))
        } catch {
            inbox.post(.failed(error.description))
        }
    }

    /// A terminal browser first in `$BROWSER` (w3m, lynx…) opens an
    /// attachment as it opens a link: with the terminal handed over (run in
    /// the background it had no terminal, showed nothing, and the app said
    /// "Opened"). False when the first opener is not one.
    private func openAttachmentInTerminal(_ ref: MessageRef, index: Int, backend: any TerminalBackend) -> Bool {
        let env = environment.processEnvironment
        let opener = Opener(environment: env)
        // By the attachment's type: a mailcap entry marked needsterminal is
        // one too (it was skipped, and the notice said to add an entry).
        let attachments = service.snapshot?.message(ref)?.attachments ?? []
        let type = attachments.indices.contains(index) ? attachments[index].mediaType : ""
        guard let first = opener.commands(forFile: "/", type: type).first, Opener.needsTerminal(first) else {
            return false
        }
        let copy: AttachmentCopy
        do { copy = try service.copyForOpening(ref, index: index, environment: env) } catch {
            inbox.post(.failed(error.description))
            inbox.post(.attachmentFinished)
            return true
        }
        guard let command = opener.commands(forFile: copy.path, type: copy.mediaType).first else { return false }
        runInTerminal(command, backend: backend, showing: copy.fileName, otherwise: "\(EffectRunner.saveKey) saves it.")
        inbox.post(.attachmentFinished)
        return true
    }

    /// Saves an attachment to the download directory, beside what is there,
    /// and says where.
    private func saveAttachment(_ ref: MessageRef, index: Int) {
        defer { inbox.post(.attachmentFinished) }
        let env = environment.processEnvironment
        let directory = downloadDirectory
        do {
            let copy = try service.copyAttachment(ref, index: index, into: directory)
            inbox.post(.notice("Saved to \(DownloadDirectory.display(copy.path, environment: env))"))
        } catch {
            inbox.post(.failed(error.description))
        }
    }

    private func exportCalendar(_ child: ChildRef) {
        let env = environment.processEnvironment
        let directory = downloadDirectory
        do {
            let path = try service.saveCalendar(child: child, into: directory, now: environment.clock.now())
            inbox.post(.notice("Calendar saved: \(DownloadDirectory.display(path, environment: env))"))
        } catch {
            inbox.post(.failed(error.description))
        }
    }

    /// Where saved attachments and calendars go (XDG, user-dirs.dirs, ~/Downloads, else here).
    private var downloadDirectory: String {
        DownloadDirectory.resolve(
            environment: environment.processEnvironment, currentDirectory: FileManager.default.currentDirectoryPath)
    }

    /// What the login screen says when a sync finds nobody logged in.
    static let loggedOutElsewhere = ParentAccount.loggedOutElsewhere

    /// The reader's save key ("s").
    /// Why something written was not queued: a refusal (the school takes no
    /// messages now, a topic it no longer offers) as it is, "Not sent: …";
    /// only a failure to save it is said as one (a refusal read "could not
    /// be saved on this device").
    static func notQueuedText(_ error: any Error, what: String) -> String {
        var refused = false
        var said = false
        if let e = error as? ComposeError {
            refused = !e.isNotSaved
            said = e.isNotSaved
        }
        if let e = error as? AbsenceRefusal {
            refused = !e.isNotSaved
            said = e.isNotSaved
        }
        if refused { return "Not sent: \(error)" }
        // Its own words already say it could not be saved (it was said twice).
        if said { return "\(error) It is not queued; what you wrote is still here." }
        return "\(what) could not be saved on this device, so it is not queued: \(error)"
    }

    static var saveKey: String { Reducer.keymap.name(.saveAttachment, in: [.message]) }

    /// The link list's copy key ("y").
    static var copyKey: String { Reducer.keymap.name(.copy, in: [.links]) }

    /// What the parent reads, once, when nothing here can open things (every
    /// way to get an opener, and the way round it).
    static var openerMissingNotice: String {
        "No opener: set $BROWSER, install xdg-open or add a mailcap entry; \(saveKey) saves an attachment instead."
    }

    /// The same for a link (mailcap is for files; a link is copied instead).
    /// Links open from the link list and from School, where `y` copies what
    /// is selected: it said "in the link list" on School too.
    static var linkOpenerMissingNotice: String {
        "No opener: set $BROWSER or install xdg-open; \(copyKey) copies a selected link (or School's detail) instead."
    }

    /// Nothing here opens things: said in full once, then in a few words.
    private func openerMissing(_ short: String, full: String = EffectRunner.openerMissingNotice) {
        let shownBefore = remembered.withLock { r in
            defer { r.openerNoticeShown = true }
            return r.openerNoticeShown
        }
        inbox.post(.notice(shownBefore ? short : full))
    }

    /// Reaps an opener when it ends; the app goes on meanwhile.
    private func reap(_ pid: pid_t) {
        openers.withLock {
            $0.running += 1
            $0.lastStarted = Date()
        }
        Thread { [openers] in
            _ = Subprocess.wait(pid)
            openers.withLock { $0.running -= 1 }
        }.start()
    }

    /// Waits for the background effects, then removes the copies handed to
    /// openers, unless an opener is still running or one started in the
    /// last few seconds (`xdg-open` hands the file to a viewer and returns at
    /// once): a later run sweeps those.
    func finish() {
        settle()
        let (running, last) = openers.withLock { ($0.running, $0.lastStarted) }
        if running == 0, last.map({ Date().timeIntervalSince($0) > 5 }) ?? true { service.removeOpenedCopies() }
    }

    /// Puts text on the clipboard where the terminal allows it; what to tell the parent.
    static func copy(_ text: String, what: String, backend: any TerminalBackend) -> String {
        guard text.utf8.count <= 100_000 else { return "Not copied: \(what) is too long for the clipboard." }
        if backend.copyToClipboard(text) { return "Copied \(what) to the clipboard." }
        return
            "Not copied: this terminal is not known to let programs set the clipboard (OSC 52). XPRESSIONS_CLIPBOARD=1 says it does."
    }

    /// Writes text in `$VISUAL`/`$EDITOR` (default vi), with the terminal
    /// handed over while it runs; the result comes back as `.editorFinished`.
    private func edit(_ initial: String, backend: any TerminalBackend) {
        // A headless run has no terminal to lend: an editor started there
        // wrote its screen into the snapshot, or waited stopped for ever.
        guard !(backend is MemoryBackend) else {
            inbox.post(.notice("No editor in a run without a terminal: write in the form."))
            return
        }
        let env = environment.processEnvironment
        let command =
            (env["VISUAL"].flatMap { $0.isEmpty ? nil : $0 } ?? env["EDITOR"].flatMap { $0.isEmpty ? nil : $0 } ?? "vi")
            .split(separator: " ").map(String.init)
        guard let program = command.first, let path = Subprocess.find(program, path: env["PATH"]) else {
            inbox.post(.notice("No editor found: set $EDITOR"))
            return
        }
        let file = "\(NSTemporaryDirectory())/xpressions-message-\(UUID().uuidString).txt"
        do {
            try environment.files.writeAtomically(Array(initial.utf8), to: file)
        } catch {
            inbox.post(.failed("Could not prepare a file for the editor: \(error)"))
            return
        }
        defer { try? environment.files.remove(file) }
        var status: Int32? = nil
        backend.releaseTerminal {
            let (input, output, errors) = EffectRunner.terminalStreams()
            status =
                (try? Subprocess.spawn(
                    [path] + command.dropFirst() + [file], environment: env, stdin: input, stdout: output,
                    stderr: errors)).map(Subprocess.wait)
        }
        guard status == 0, let bytes = try? environment.files.read(file) else {
            inbox.post(.editorFinished(nil))
            return
        }
        inbox.post(.editorFinished(String(decoding: bytes, as: UTF8.self)))
    }
}
