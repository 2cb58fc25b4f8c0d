import Foundation
import SchoolStore

/// The parent side as an app uses it, in one place: opening (the store only
/// when it is needed, never to show a logged-in parent their own data),
/// logging in (pending until the PIN is set), unlocking, following the local
/// model and its syncs, queueing what the parent writes, the pictures the
/// screens show, and logging out. Only values cross to the app: outcomes,
/// models, pictures, a store summary. The app never opens, validates or reads
/// the store itself.
///
/// Thread-safe; calls that touch the disk or the store are slow (a PIN hash,
/// a sync) and belong off the UI thread.
public final class ParentService: Sendable {
    public let account: ParentAccount
    let storeRoot: String

    private struct State {
        /// A login waiting for its PIN: memory only.
        var pending: PendingLogin?
        var coordinator: SyncCoordinator?
        var watcher: StoreWatcher?
        /// The session's model being opened ahead of its PIN (``prepare()``).
        var opening: ModelOpening?
        var pictures: [String: Picture] = [:]
        /// The private directory of the copies handed to an opener (made on first use).
        var openingDirectory: String?
    }
    private let state = Locked(State())

    /// The private directory (0700) of this process's copies of attachments
    /// for an opener: made once, under `$XDG_RUNTIME_DIR` (the user's own,
    /// emptied when they log out of the desktop) or the temporary directory.
    func openingDirectory(environment: [String: String]) throws(AttachmentError) -> String {
        if let made = state.withLock({ $0.openingDirectory }) { return made }
        let made = try ParentService.makePrivateDirectory(environment: environment)
        return state.withLock { s in
            if let earlier = s.openingDirectory { return earlier }
            s.openingDirectory = made
            return made
        }
    }

    /// Removes this process's copies handed to openers (at quit, when no
    /// opener it started is still running: a viewer may open its file late).
    /// Copies left behind are swept by a later run (``sweepOpenedCopies``).
    public func removeOpenedCopies() {
        guard let directory = state.withLock({ $0.openingDirectory }) else { return }
        try? PosixFileLayer().removeTree(directory)
        state.withLock { if $0.openingDirectory == directory { $0.openingDirectory = nil } }
    }

    public init(
        storeRoot: String, dataDirectory: String, files: any FileLayer, clock: any WallClock,
        securityClock: any WallClock, settings: CoreSettings = CoreSettings()
    ) {
        self.storeRoot = storeRoot
        account = ParentAccount(
            storeRoot: storeRoot, dataDirectory: dataDirectory, files: files, clock: clock,
            securityClock: securityClock, settings: settings)
    }

    // MARK: - Opening

    /// Where the parent stands. A logged-in parent needs nothing of the
    /// store (it may be away or broken: their model is local). A parent who
    /// must log in needs a store that opens: otherwise `problems` says why
    /// not. Nothing more is checked on opening (no full validation: the first
    /// screen must come at once): a login that meets a broken file says which,
    /// and a sync checks every record it uses.
    public func open() throws -> ServiceOpening {
        let status = try account.status()
        // Registrations an earlier logout could not withdraw (the store was away).
        PendingUnregistrations(dataDirectory: account.dataDirectory, files: account.files).withdraw(
            from: account.connection, at: account.securityClock.now())
        // A parent who will type a PIN: their model starts opening now, beside everything else.
        if case .locked = status { prepare() }
        let store = try? account.store
        let summary = store.map(ParentService.summary)
        let preferences = DevicePreferences.read(dataDirectory: account.dataDirectory, files: account.files)
        guard case .loggedOut = status else {
            return ServiceOpening(status: status, store: summary, preferences: preferences)
        }
        guard store != nil else {
            let why = account.connection.unavailability()?.problems.map(\.description) ?? []
            let unreachable = account.connection.unavailability()?.kind != .invalid
            return ServiceOpening(
                status: status, store: nil,
                problems: why.isEmpty ? ["the school data store at \(storeRoot) cannot be reached"] : why,
                unreachable: unreachable, preferences: preferences)
        }
        return ServiceOpening(status: status, store: summary, preferences: preferences)
    }

    /// Saves how the parent likes the app on this device.
    public func save(_ preferences: DevicePreferences) throws {
        try preferences.save(dataDirectory: account.dataDirectory, files: account.files)
    }

    public static func summary(_ store: FileStore) -> StoreSummary {
        let zone =
            store.info.demoClock?.timezone ?? store.schoolIDs().first.flatMap { try? store.school($0).timezone }
            ?? "Europe/London"
        return StoreSummary(name: store.info.name, demoLogins: store.info.demoLogins, timezone: zone)
    }

    // MARK: - Login and PIN

    /// Checks the details; a login that passes waits (in memory) for its PIN.
    public func logIn(email: String, mobile: String, lastFour: String) throws -> LoginOutcome {
        let outcome = try account.logIn(email: email, mobile: mobile, lastFour: lastFour)
        if case .loggedIn(let pending) = outcome { state.withLock { $0.pending = pending } }
        return outcome
    }

    /// Sets the PIN of the pending login, which makes it a session; the
    /// refusal a parent reads, or nil. A session it replaces (the lock
    /// screen's "Forgot your PIN? Log in again") stops being followed: its
    /// unsent messages are held and offered after this login when it is the
    /// same parent.
    public func setPIN(_ pin: String, confirmation: String) throws -> String? {
        guard let pending = state.withLock({ $0.pending }) else { return "Your login has ended; please log in again." }
        let refusal = try account.setPIN(pin, confirmation: confirmation, for: pending)
        guard refusal == nil else { return refusal }
        let replaced = state.withLock { s -> SyncCoordinator? in
            s.pending = nil
            guard let c = s.coordinator, c.engine.session.id != pending.id else { return nil }
            return c
        }
        replaced?.waitUntilIdle()
        forgetModel()  // a new session: whatever was followed before is another session's
        return nil
    }

    /// Drops a login waiting for its PIN (the parent went back, say from
    /// "Forgot your PIN? Log in again" to the PIN screen): nothing was
    /// written for it, and a session already there is untouched, its
    /// wrong-PIN count included.
    public func abandonLogin() {
        state.withLock { $0.pending = nil }
    }

    public func unlock(pin: String) throws -> UnlockOutcome {
        let outcome = try account.unlock(pin: pin)
        if case .wiped = outcome { forgetModel() }
        return outcome
    }

    /// After ``UnlockOutcome/unreadable``, once what the parent was writing
    /// is kept (with the model still followed: it is kept for the same
    /// parent): the damaged file set aside, the model no longer followed;
    /// why the parent logs in again.
    public func endUnreadableSession() throws -> String {
        defer { forgetModel() }
        return try account.endUnreadableSession()
    }

    /// Stops following the model of a session that has ended.
    func forgetModel() {
        state.withLock { s in
            s.watcher?.stop()
            s.watcher = nil
            s.coordinator = nil
            s.opening = nil
        }
    }

    /// Starts opening the session's local model on another thread while
    /// the lock screen waits (nothing when nobody is logged in or it is
    /// already open or opening); ``follow(_:)`` then takes it. The PIN's
    /// hash and the model's decoding run side by side.
    public func prepare() {
        guard let session = try? account.loadSession() else { return }
        let account = self.account
        state.withLock { s in
            if let c = s.coordinator, c.engine.session.id == session.id { return }
            if let o = s.opening, o.session == session.id { return }
            s.opening = ModelOpening(session: session.id) { [weak self] in
                let engine = try SyncEngine(account: account, session: session)
                _ = self?.pictures(for: engine.snapshot)  // decoded now, cached for the first screen
                return engine
            }
        }
    }

    // MARK: - The model and its syncs

    /// Opens the session's local model (once per session) and follows its
    /// syncs, reporting through `onEvent` (on the sync thread); returns the
    /// current snapshot, or nil when nobody is logged in.
    @discardableResult
    public func follow(_ onEvent: @escaping @Sendable (SyncEvent) -> Void) throws -> ParentModel? {
        guard let session = try account.loadSession() else { return nil }
        if let current = state.withLock({ $0.coordinator }), current.engine.session.id == session.id {
            return current.snapshot
        }
        // Opened ahead (``prepare()``) for this session, or opened now.
        let opening = state.withLock { s -> ModelOpening? in
            defer { s.opening = nil }
            return s.opening?.session == session.id ? s.opening : nil
        }
        let engine = try opening?.engine() ?? SyncEngine(account: account, session: session)
        let coordinator = SyncCoordinator(engine: engine, onEvent: onEvent)
        // A change in the store (a message sent, a hand edit) syncs at once.
        let watcher = StoreWatcher(root: storeRoot, schools: session.schools.map(\.school)) { [weak coordinator] in
            coordinator?.start(.storeChanged) ?? true
        }
        state.withLock { s in
            s.watcher?.stop()
            s.coordinator = coordinator
            s.watcher = watcher
        }
        return coordinator.snapshot
    }

    var coordinator: SyncCoordinator? { state.withLock { $0.coordinator } }

    /// The current snapshot of the followed model.
    public var snapshot: ParentModel? { coordinator?.snapshot }

    /// Starts a sync (nothing when one is under way or nobody is followed).
    public func sync(_ trigger: SyncTrigger) { coordinator?.start(trigger) }

    /// When the background sync should next run: sooner after a failure
    /// (15 s, 30 s, 60 s… up to the sync interval).
    public var nextSyncAt: Date? { coordinator?.nextSyncAt }

    /// Marks a message read (its receipt queued); the new snapshot.
    public func markRead(_ ref: MessageRef) throws -> ParentModel? {
        try coordinator.map { try $0.engine.markRead(ref) }
    }

    /// Marks messages read without receipts ("mark all read"); the new
    /// snapshot and how many were unread.
    public func markAllRead(_ refs: [MessageRef]) throws -> (model: ParentModel, marked: Int)? {
        try coordinator.map { try $0.engine.markAllRead(refs) }
    }

    /// Marks a message unread again (nothing is sent); the new snapshot.
    public func markUnread(_ ref: MessageRef) throws -> ParentModel? {
        try coordinator.map { try $0.engine.markUnread(ref) }
    }

    /// Queues a new message (or, with `inReplyTo`, a reply) durably, then
    /// starts a sync to send it; the new snapshot.
    public func queue(school: String, topic: String?, body: String, inReplyTo: String?, children: [ChildRef]) throws
        -> ParentModel?
    {
        guard let coordinator else { return nil }
        if let reply = inReplyTo {
            _ = try coordinator.engine.reply(to: MessageRef(school: school, id: reply), body: body, topic: topic)
        } else {
            _ = try coordinator.engine.compose(school: school, topic: topic ?? "", body: body, children: children)
        }
        coordinator.start(.manual)
        return coordinator.snapshot
    }

    /// Keeps an unfinished message as a held item (``SyncEngine/keepUnsent``),
    /// offered after the next unlock; the new snapshot.
    public func keepUnsent(
        school: String, topic: String?, body: String, inReplyTo: String?, children: [ChildRef], reason: String
    ) throws -> ParentModel? {
        guard let coordinator else { return nil }
        _ = try coordinator.engine.keepUnsent(
            school: school, topic: topic, body: body, inReplyTo: inReplyTo, children: children, reason: reason)
        return coordinator.snapshot
    }

    /// Queues an absence report durably, then starts a sync to send it;
    /// the new snapshot.
    public func reportAbsence(_ draft: AbsenceDraft) throws -> ParentModel? {
        guard let coordinator else { return nil }
        _ = try coordinator.engine.reportAbsence(draft)
        coordinator.start(.manual)
        return coordinator.snapshot
    }

    /// Keeps an absence report the parent was filling in when the app had
    /// to end, as a message from before (offered after the next unlock,
    /// never sent without them); the new snapshot.
    public func keepAbsence(_ draft: AbsenceDraft, reason: String) throws -> ParentModel? {
        guard let coordinator else { return nil }
        _ = try coordinator.engine.reportAbsence(draft, heldReason: reason)
        return coordinator.snapshot
    }

    /// Sends messages kept from an earlier login of this parent (with their
    /// original keys: exactly once); the new snapshot.
    /// An absence report that its calendar now refuses stays kept: the
    /// others still go, then the first refusal is thrown.
    public func release(_ keys: [String]) throws -> ParentModel? {
        guard let coordinator else { return nil }
        var refused: AbsenceRefusal?
        for key in keys {
            do { _ = try coordinator.engine.release(key) } catch let refusal as AbsenceRefusal {
                refused = refused ?? refusal
            }
        }
        coordinator.start(.manual)
        if let refused { throw refused }
        return coordinator.snapshot
    }

    /// Puts messages that failed back in the queue (the parent chose to send
    /// them again, under their own keys: the school files each once) and
    /// syncs; the new snapshot.
    public func retry(_ keys: [String]) throws -> ParentModel? {
        guard let coordinator else { return nil }
        for key in keys { try coordinator.engine.retry(key) }
        coordinator.start(.manual)
        return coordinator.snapshot
    }

    /// Discards messages the parent chose not to send; the new snapshot.
    public func discard(_ keys: [String]) throws -> ParentModel? {
        guard let coordinator else { return nil }
        for key in keys { try coordinator.engine.discard(key) }
        return coordinator.snapshot
    }

    /// Logs out as the parent chose; stays logged in when messages would be lost.
    public func logOut(_ choice: LogoutChoice) throws -> LogoutOutcome {
        // Sending goes through a sync engine, which checks who the parent
        // still is first: opened for this when the model is not followed yet.
        let outcome: LogoutOutcome
        if let coordinator {
            outcome = try coordinator.logOut(choice)
        } else if choice == .sendFirst, let session = try account.loadSession() {
            outcome = try SyncCoordinator(engine: try SyncEngine(account: account, session: session)).logOut(choice)
        } else {
            outcome = try account.logOut(choice)
        }
        if case .loggedOut = outcome { forgetModel() }
        return outcome
    }

    // MARK: - The school's side, for the guided demo

    /// The first school of the session sends a message to the whole school
    /// now, as `xpressions school send` does (the tour's live message).
    public func schoolSends(subject: String, body: String) throws {
        let store = try account.store
        guard let school = try account.loadSession()?.schools.first?.school else { return }
        let details = try store.school(school)
        let now = account.clock.now()
        let id = "LIVE-" + Timestamp.format(now).filter(\.isNumber) + "-\(UInt16.random(in: 0...UInt16.max))"
        let message = SchoolMessage(
            id: id, category: .general, sender: "\(details.name) office", sentAt: now, subject: subject, body: body)
        try StoreWriter(root: storeRoot, files: account.files).send(
            message, scope: .school, school: school, zone: details.zone)
        // Brought in now, as the store watcher would within a second: the
        // step's work is done when it has arrived (a headless replay of the
        // tour moved on before it came, and never showed it).
        if let coordinator {
            coordinator.start(.storeChanged)
            coordinator.waitUntilIdle()
        }
    }

    /// The school office acknowledges every absence report its inbox holds
    /// that it has not acknowledged yet (the tour): the parent's outbox is
    /// sent first, so a report just written is there; then a sync shows
    /// the parent the acknowledgement.
    public func schoolAcknowledgesAbsences() throws {
        guard let coordinator else { return }
        _ = try coordinator.engine.sendOutbox()
        let store = try account.store
        let writer = StoreWriter(root: storeRoot, files: account.files)
        for school in (try account.loadSession()?.schools.map(\.school)) ?? [] {
            let zone = try store.school(school).zone
            let done = try writer.acknowledgements(school: school)
            for report in try writer.absenceReports(school: school) where done[report.key] == nil {
                _ = try writer.acknowledge(
                    AbsenceAcknowledgement(report: report.key, acknowledgedAt: account.clock.now()), school: school,
                    zone: zone)
            }
        }
        coordinator.start(.manual)
        coordinator.waitUntilIdle()  // the step is done when the parent sees it
    }

    // MARK: - Pictures

    /// The children's photos and the schools' logos of `model`, decoded
    /// (once each), by "<school>/<path>". A missing or broken picture is
    /// left out: the screens draw a stand-in. The device keeps a copy of
    /// each (for when the store, or the school's folder, is away), and only
    /// of the model's: a child or school no longer shown takes its picture
    /// with it.
    public func pictures(for model: ParentModel) -> [String: Picture] {
        let store = try? account.store
        let files = account.files
        let directory = account.picturesPath
        var out: [String: Picture] = [:]
        func load(_ school: String, _ path: String?) {
            // Outside the school's folder: no picture (initials), as validate refuses it.
            guard let path, StoreLayout.staysInSchool(path) else { return }
            let key = "\(school)/\(path)"
            guard out[key] == nil else { return }
            // Kept on the device as the store gave it, so the photos and
            // logos are there with the store away (they went: an audit).
            let kept = Paths.join(directory, PictureCopies.fileName(school: school, path: path))
            if let cached = state.withLock({ $0.pictures[key] }) {
                out[key] = cached
            } else if let bytes = try? store?.layout.read(StoreLayout.schoolAsset(school, path)),
                let image = try? PPMImage.decode(bytes)
            {
                let picture = Picture(width: image.width, height: image.height, rgb: image.rgb)
                state.withLock { $0.pictures[key] = picture }
                out[key] = picture
                if (try? files.read(kept)) != bytes {
                    try? files.makeDirectory(directory)
                    try? files.writeAtomically(bytes, to: kept)
                }
            } else if let bytes = try? files.read(kept), let image = try? PPMImage.decode(bytes) {
                // The store, or only this school's folder, away: the copy.
                let picture = Picture(width: image.width, height: image.height, rgb: image.rgb)
                out[key] = picture
            }
        }
        for school in model.schools { load(school.id, school.logo) }
        for child in model.children { load(child.school, child.photo) }
        PictureCopies.sweep(directory, keeping: model, files: files)
        return out
    }
}
