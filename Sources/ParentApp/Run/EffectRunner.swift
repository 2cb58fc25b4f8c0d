import Foundation
import ParentCore
import SchoolStore
import TerminalKit

/// Performs effects. Quick ones that need the terminal (bell, editor,
/// suspend) run on the main thread; slow ones (checking the store, hashing
/// a PIN, syncing) run in order on a worker queue and report back through
/// the `ActionInbox`.
public final class EffectRunner: @unchecked Sendable {
    public let environment: AppEnvironment
    public let inbox: ActionInbox
    private let worker = DispatchQueue(label: "xpressions.worker")
    /// Set once the store is open; only touched on the worker queue.
    private var store: FileStore?
    private var account: ParentAccount?
    /// A login waiting for its PIN (memory only); only touched on the worker queue.
    private var pendingLogin: PendingLogin?
    private var coordinator: SyncCoordinator?
    private var imageCache: [String: RGBImage] = [:]
    /// The number of the last snapshot published (see `ModelSnapshot.version`).
    private var published = 0

    public init(environment: AppEnvironment, inbox: ActionInbox) {
        self.environment = environment
        self.inbox = inbox
    }

    /// Runs effects; `backend` is for the ones that need the terminal.
    func perform(_ effects: [Effect], backend: any TerminalBackend) {
        for effect in effects {
            if EffectRunner.performOnTerminal(effect, backend: backend) { continue }
            switch effect {
            case let .editInEditor(initial): edit(initial, backend: backend)
            case let .openURL(url): background { self.open(url) }
            case let .saveScreen(lines): background { self.saveScreen(lines) }
            default: background { self.performInBackground(effect) }
            }
        }
    }

    /// The effects that are the terminal's own (bell, repaint, suspend,
    /// quit); false for any other.
    static func performOnTerminal(_ effect: Effect, backend: any TerminalBackend) -> Bool {
        switch effect {
        case .bell: backend.bell()
        case .redraw: backend.forceRepaint()
        case .suspend: backend.suspend()
        case .quit: break
        default: return false
        }
        return true
    }

    private func background(_ work: @escaping @Sendable () -> Void) {
        inbox.began()
        worker.async {
            work()
            self.inbox.ended()
        }
    }

    /// Waits until every background effect has finished (tests, shutdown).
    public func settle() { worker.sync {} }

    private func performInBackground(_ effect: Effect) {
        do {
            switch effect {
            case .open: try open()
            case let .logIn(email, mobile, lastFour):
                guard let account else { return }
                let outcome = try account.logIn(email: email, mobile: mobile, lastFour: lastFour)
                if case let .loggedIn(pending) = outcome { pendingLogin = pending }
                inbox.post(.loginFinished(outcome))
            case let .setPIN(pin, confirmation):
                guard let account else { return }
                guard let pendingLogin else { inbox.post(.pinSetFinished(refusal: "Your login has ended; please log in again.")); return }
                let refusal = try account.setPIN(pin, confirmation: confirmation, for: pendingLogin)
                if refusal == nil { self.pendingLogin = nil }
                inbox.post(.pinSetFinished(refusal: refusal))
            case let .unlock(pin):
                guard let account else { return }
                inbox.post(.unlockFinished(try account.unlock(pin: pin)))
            case .loadModel: try loadModel()
            case let .sync(manual): sync(manual: manual)
            case let .logOut(sendFirst): try logOut(sendFirst: sendFirst)
            case let .markRead(school, message): try markRead(MessageRef(school: school, id: message))
            case let .queueMessage(draft): queue(draft)

            default:
                break
            }
        } catch let problems as StoreProblems {
            inbox.post(.failed(problems.problems.first.map(\.description) ?? "The school data could not be read."))
        } catch {
            inbox.post(.failed("Something went wrong: \(error)"))
        }
    }

    private func open() throws {
        let report = StoreValidator(root: environment.storeRoot).validateUsingCache()
        guard report.isValid else {
            inbox.post(.storeInvalid(report.problems.map(\.description)))
            return
        }
        let store = try FileStore(root: environment.storeRoot)
        self.store = store
        let account = ParentAccount(store: store, dataDirectory: environment.dataDirectory, files: environment.files,
                                    clock: environment.clock, securityClock: environment.securityClock, settings: environment.settings)
        self.account = account
        let zone = store.schoolIDs().first.flatMap { try? store.school($0).timezone } ?? store.info.demoClock?.timezone ?? "Europe/London"
        inbox.post(.opened(try account.status(), StoreSummary(name: store.info.name, demoLogins: store.info.demoLogins, timezone: zone)))
    }

    /// Opens the local model for the session (after unlock or the PIN set
    /// after login) and starts following its syncs.
    private func loadModel() throws {
        guard let store, let account, let session = try account.loadSession() else { return }
        if coordinator == nil || coordinator?.engine.session.id != session.id {
            let engine = try SyncEngine(account: account, session: session)
            coordinator = SyncCoordinator(engine: engine) { [weak self] event in
                // Called on the sync thread: translate on the worker, which owns the store.
                // A running sync counts as work under way (a key script waits for it).
                guard let runner = self else { return }
                if case .started = event { runner.inbox.began() }
                runner.background {
                    runner.translate(event).forEach { runner.inbox.post($0) }
                    switch event {
                    case .finished, .failed: runner.inbox.ended()
                    default: break
                    }
                }
            }
        }
        guard let coordinator else { return }
        publish(coordinator.snapshot, store: store)
    }

    /// Hands a new model snapshot to the UI, with its pictures decoded.
    private func publish(_ model: ParentModel, store: FileStore) {
        var images: [String: RGBImage] = [:]
        func load(_ school: String, _ path: String?) {
            guard let path, images["\(school)/\(path)"] == nil else { return }
            if let cached = imageCache["\(school)/\(path)"] { images["\(school)/\(path)"] = cached; return }
            if let image = store.image(school: school, path: path),
               let rgb = RGBImage(width: image.width, height: image.height, pixels: image.rgb) {
                images["\(school)/\(path)"] = rgb
                imageCache["\(school)/\(path)"] = rgb
            }
        }
        for school in model.schools { load(school.id, school.logo) }
        for child in model.children { load(child.school, child.photo) }
        published += 1
        inbox.post(.modelLoaded(ModelSnapshot(model: model, images: images, version: published)))
    }

    /// Turns what the sync coordinator reports into actions.
    func translate(_ event: SyncEvent) -> [Action] {
        switch event {
        case let .started(trigger): return [.syncStarted(manual: trigger == .manual)]
        case let .progress(p): return [.syncProgress(p.activity)]
        case let .failed(message): return [.failed("Sync stopped: \(message)"), .syncFinished(SyncSummary(finishedAt: environment.clock.now()))]
        case let .finished(report):
            guard let coordinator, let store else { return [] }
            let model = coordinator.snapshot
            publish(model, store: store)
            let subjects = report.notifications.compactMap { model.message($0)?.subject }
            var summary = SyncSummary(finishedAt: report.startedAt.addingTimeInterval(report.duration), announcements: subjects,
                                      problems: report.problems.map(\.description) + report.outbox.problems.map { "\($0)" })
            summary.sentTo = report.outbox.sent.filter { $0.kind != .receipt }.map { model.school($0.school)?.name ?? $0.school }
            return [.syncFinished(summary)]
        }
    }

    private func sync(manual: Bool) {
        coordinator?.start(manual ? .manual : .periodic)
    }

    private func markRead(_ ref: MessageRef) throws {
        guard let coordinator, let store else { return }
        publish(try coordinator.engine.markRead(ref), store: store)
    }

    private func queue(_ draft: OutgoingDraft) {
        guard let coordinator, let store else { return }
        do {
            if let reply = draft.inReplyTo {
                _ = try coordinator.engine.reply(to: MessageRef(school: draft.school, id: reply), body: draft.body, topic: draft.topic)
            } else {
                _ = try coordinator.engine.compose(school: draft.school, topic: draft.topic ?? "", body: draft.body, children: draft.children)
            }
            publish(coordinator.snapshot, store: store)
            coordinator.start(.manual)
        } catch {
            inbox.post(.failed("Your message was not queued: \(error)"))
        }
    }

    private func logOut(sendFirst: Bool) throws {
        guard let account else { return }
        // The logout screen offers "send first" or (having said that logging
        // out now loses them) an explicit "log out" that discards.
        let choice: LogoutChoice = sendFirst ? .sendFirst : .discardUnsent
        let outcome = try coordinator?.logOut(choice) ?? account.logOut(choice)
        switch outcome {
        case let .loggedOut(unregistered):
            coordinator = nil
            inbox.post(.loggedOut(unregistered: unregistered))
        case .unsent:
            if let coordinator, let store { publish(coordinator.snapshot, store: store) }
            inbox.post(.failed(outcome.message ?? "Some messages could not be sent."))
        }
    }

    /// Writes the screen to `xpressions-screen-<date>-<time>.txt` (0600) in
    /// the current directory, never over an existing file, and says where.
    private func saveScreen(_ lines: [String]) {
        let directory = FileManager.default.currentDirectoryPath
        let stamp = Timestamp.format(environment.clock.now()).filter { $0.isNumber }.prefix(14)
        let stem = "xpressions-screen-\(stamp.prefix(8))-\(stamp.dropFirst(8))"
        var name = "\(stem).txt"
        var n = 1
        while environment.files.exists("\(directory)/\(name)") {
            n += 1
            name = "\(stem)-\(n).txt"
        }
        do {
            try environment.files.writeAtomically(Array((lines.joined(separator: "\n") + "\n").utf8), to: "\(directory)/\(name)")
            inbox.post(.notice("Screen saved to ./\(name)"))
        } catch {
            inbox.post(.failed("The screen could not be saved in \(directory): \(error)"))
        }
    }

    private func open(_ url: String) {
        let env = environment.processEnvironment
        guard let opener = Spawn.find("xdg-open", path: env["PATH"]) else {
            inbox.post(.notice("No desktop opener here (xdg-open): \(url)"))
            return
        }
        if Spawn.run([opener, url], environment: env, wait: false, quiet: true) != nil {
            inbox.post(.notice("Opened \(url)"))
        } else {
            inbox.post(.notice("Could not start xdg-open: \(url)"))
        }
    }

    /// Writes text in `$VISUAL`/`$EDITOR` (default vi), with the terminal
    /// handed over while it runs; the result comes back as `.editorFinished`.
    private func edit(_ initial: String, backend: any TerminalBackend) {
        let env = environment.processEnvironment
        let command = (env["VISUAL"].flatMap { $0.isEmpty ? nil : $0 } ?? env["EDITOR"].flatMap { $0.isEmpty ? nil : $0 } ?? "vi")
            .split(separator: " ").map(String.init)
        guard let program = command.first, let path = Spawn.find(program, path: env["PATH"]) else {
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
            status = Spawn.run([path] + command.dropFirst() + [file], environment: env, wait: true, quiet: false)
        }
        guard status == 0, let bytes = try? environment.files.read(file) else {
            inbox.post(.editorFinished(nil))
            return
        }
        inbox.post(.editorFinished(String(decoding: bytes, as: UTF8.self)))
    }
}
