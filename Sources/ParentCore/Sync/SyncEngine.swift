import Foundation
import SchoolStore

/// The logged-in parent's data, kept in step with the store: the local
/// model, the outbox, and the snapshot the screens read.
///
/// - ``sync(progress:)`` sends the outbox, then brings each school up to
///   date (reading only what changed, see ``SchoolSync``), commits all
///   changes in one generation of the model, renews the notification
///   registration if it went missing, and reports.
/// - ``compose(school:topic:body:children:)``, ``reply(to:body:)`` and
///   ``markRead(_:)`` queue outgoing items durably; ``sendOutbox()``
///   sends them now.
/// - ``snapshot`` is the current ``ParentModel``.
///
/// Thread-safe: one sync runs at a time; the snapshot can be read from any
/// thread at any time. Everything is synchronous; ``SyncCoordinator`` runs
/// syncs off the main thread.
public final class SyncEngine: Sendable {
    public let account: ParentAccount
    public let session: Session
    public let model: LocalModel
    public let outbox: Outbox
    let source: any SchoolDataSource
    let files: any FileLayer
    let clock: any WallClock

    private let syncing = Locked(())
    private struct Shared {
        var snapshot: ParentModel
        /// Sync times this process knows that the model on disk may not
        /// record (a sync that changed nothing writes nothing).
        var lastSynced: [String: Date] = [:]
        /// Snapshot rebuilds started, and the newest one installed.
        var tickets = 0
        var installed = 0
    }
    private let shared: Locked<Shared>

    /// Opens the local model and outbox of `session` in the account's data
    /// directory. `source` defaults to the account's store; `files` to the
    /// account's file layer.
    public init(account: ParentAccount, session: Session, source: (any SchoolDataSource)? = nil,
                files: (any FileLayer)? = nil) throws {
        self.account = account
        self.session = session
        self.source = source ?? account.store
        let files = files ?? account.files
        self.files = files
        clock = account.clock
        model = try LocalModel(dataDirectory: account.dataDirectory, session: session.id, files: files)
        outbox = Outbox(dataDirectory: account.dataDirectory, files: files)
        let items = (try? outbox.items()) ?? []
        shared = Locked(Shared(snapshot: ParentModel(state: model.state, schoolOrder: session.schools.map(\.school),
                                                     outbox: items, lastSynced: [:])))
    }

    /// The current snapshot.
    public var snapshot: ParentModel { shared.withLock { $0.snapshot } }

    /// Rebuilds the snapshot from the model and the outbox (reusing the
    /// timeline index when no message changed). Built outside the lock, so
    /// readers never wait for it; a ticket taken before reading keeps an
    /// older rebuild from replacing a newer one (every change is followed by
    /// its own refresh, which takes a later ticket).
    @discardableResult
    func refreshSnapshot() -> ParentModel {
        let (ticket, previous) = shared.withLock { s -> (Int, ParentModel) in
            s.tickets += 1
            return (s.tickets, s.snapshot)
        }
        let items = (try? outbox.items()) ?? []
        let state = model.state
        let lastSynced = shared.withLock { $0.lastSynced }
        let next = ParentModel(state: state, schoolOrder: session.schools.map(\.school), outbox: items, lastSynced: lastSynced,
                               reusing: previous)
        return shared.withLock { s in
            if ticket > s.installed {
                s.snapshot = next
                s.installed = ticket
            }
            return s.snapshot
        }
    }

    // MARK: - Sync

    /// One sync. Never throws for a problem with the store, the disk or the
    /// outbox (those are in the report, and the model keeps its last good
    /// state); only a ``SimulatedCrash`` from a fault-injecting file layer
    /// escapes.
    @discardableResult
    public func sync(progress: (SyncProgress) -> Void = { _ in }) throws -> SyncReport {
        try syncing.withLock { _ in try syncLocked(progress: progress) }
    }

    private func syncLocked(progress: (SyncProgress) -> Void) throws -> SyncReport {
        let start = clock.now()
        var report = SyncReport(startedAt: start)
        let steps = session.schools.count + 2
        func finish() -> SyncReport {
            report.duration = max(0, clock.now().timeIntervalSince(start))
            report.generation = model.generation
            return report
        }

        guard try sessionIsCurrent() else {
            report.problems.append(SyncProblem(kind: .session, message: "You are logged out, so nothing was synced."))
            return finish()
        }
        guard source.stamp(StoreLayout.storeFile) != nil else {
            report.problems.append(SyncProblem(kind: .unreachable, file: StoreLayout.storeFile,
                                               message: "the school data store at \(source.root) cannot be reached; showing the last data saved"))
            return finish()
        }

        // 1. The outbox first: the parent's messages go out even if a school's data has a problem.
        progress(SyncProgress(step: 0, steps: steps, activity: "Sending"))
        report.outbox = try outbox.send(source: source, session: session, now: start)

        // 2. Each school, all or nothing.
        let old = model.state
        var update = ModelUpdate()
        var newMessages: [MessageRef] = []
        var synced: [String] = []
        for (i, s) in session.schools.enumerated() {
            let name = old.schools[s.school]?.school.name ?? s.school
            progress(SyncProgress(step: i + 1, steps: steps, activity: name))
            var worker = SchoolSync(source: source, session: s, now: start, old: old)
            do {
                let outcome = try worker.run()
                update.merge(outcome.update)
                report.schools.append(outcome.summary)
                newMessages += outcome.newMessages
                synced.append(s.school)
            } catch {
                report.problems += SyncProblem.from(error, school: s.school, schoolName: old.schools[s.school]?.school.name)
                report.schools.append(SchoolSyncSummary(school: s.school, schoolName: name, reads: worker.reads))
            }
            report.reads += worker.reads
        }

        // Read receipts the model does not record yet (a crash came between
        // queueing one and saving the read state).
        let items = (try? outbox.items()) ?? []
        for item in items where item.kind == .receipt {
            guard let m = item.message else { continue }
            let key = ReadPart.key(school: item.school, message: m)
            if !old.read.read.contains(key) { update.readAdditions.insert(key) }
        }

        // 3. One commit for everything that changed.
        progress(SyncProgress(step: steps - 1, steps: steps, activity: "Saving"))
        var committed = true
        if !update.isEmpty {
            do {
                guard try sessionIsCurrent() else { throw LocalModelError.sessionEnded }
                try model.commit(update)
                report.modelChanged = true
            } catch let crash as SimulatedCrash {
                throw crash
            } catch let error as LocalModelError {
                committed = false
                report.problems.append(SyncProblem(kind: error == .sessionEnded ? .session : .localModel, file: model.directory,
                                                   message: "nothing was saved: \(error)"))
            } catch {
                committed = false
                report.problems.append(SyncProblem(kind: .localModel, file: model.directory,
                                                   message: "the local data could not be saved (\(error)); it will be tried again at the next sync"))
            }
        }
        if committed {
            shared.withLock { s in for school in synced { s.lastSynced[school] = start } }
            report.newMessages = newMessages
            do {
                try outbox.pruneReceipts(readKeys: model.state.read.read)
            } catch let crash as SimulatedCrash {
                throw crash
            } catch {
                // Only tidiness: a sent receipt stays in the outbox a while longer.
            }
        } else {
            for i in report.schools.indices { report.schools[i].synced = false }
        }

        // 4. Notifications: renew a registration that went missing, and
        // notify only where one exists.
        let registered = try renewRegistration(&report, synced: synced)
        report.notifications = report.newMessages.filter { registered.contains($0.school) }
        refreshSnapshot()
        progress(SyncProgress(step: steps, steps: steps, activity: "Done"))
        return finish()
    }

    /// Whether the session this engine serves is still the saved one.
    func sessionIsCurrent() throws -> Bool {
        do {
            return try account.loadSession()?.id == session.id
        } catch let crash as SimulatedCrash {
            throw crash
        } catch {
            return false
        }
    }

    /// Registers again where the store lost the session's registration (a
    /// restored copy, a hand edit), at the schools that synced; returns the
    /// schools where it exists.
    func renewRegistration(_ report: inout SyncReport, synced: [String]) throws -> Set<String> {
        let writer = StoreWriter(root: source.root, files: files)
        func registered() -> Set<String> {
            Set(session.schools.filter { writer.isRegistered(id: $0.registration, school: $0.school) }.map(\.school))
        }
        var present = registered()
        var missing = session
        missing.schools = session.schools.filter { !present.contains($0.school) && synced.contains($0.school) }
        if !missing.schools.isEmpty, try sessionIsCurrent() {
            do {
                try account.register(missing)
            } catch let crash as SimulatedCrash {
                throw crash
            } catch {
                report.problems.append(SyncProblem(kind: .notifications,
                                                   message: "notifications could not be renewed (\(error)); new messages will show when you open the app"))
            }
            present = registered()
        }
        return present
    }

    // MARK: - Outgoing

    /// Sends the outbox now (the "send now" before logging out, or a retry).
    @discardableResult
    public func sendOutbox() throws -> OutboxSendReport {
        let report = try syncing.withLock { _ in
            try outbox.send(source: source, session: session, now: clock.now())
        }
        refreshSnapshot()
        return report
    }

    /// Queues a new message to a school on one of its topics, about some of
    /// the parent's children there (all of them when `children` is empty).
    /// Returns once the item is saved durably: it is then queued.
    public func compose(school: String, topic: String, body: String, children: [ChildRef] = []) throws(ComposeError) -> OutboxItem {
        let snap = snapshot
        guard let details = snap.school(school), let contacts = session.schools.first(where: { $0.school == school })?.contacts else {
            throw .unknownSchool(school)
        }
        guard details.incomingEnabled else { throw .incomingDisabled(schoolName: details.name) }
        guard details.topics.contains(topic) else { throw .unknownTopic(topic, offered: details.topics) }
        let text = try SyncEngine.checkedBody(body)
        let mine = snap.children.filter { $0.school == school }.map(\.ref)
        for c in children where !mine.contains(c) { throw .unknownChild(c) }
        let chosen = children.isEmpty ? mine : mine.filter(children.contains)
        let item = OutboxItem(key: Outbox.newKey(), kind: .message, school: school, contacts: contacts, students: chosen.map(\.student),
                              topic: topic, body: text, createdAt: clock.now())
        try save(item)
        return item
    }

    /// Queues a reply to a school message. Returns once it is saved durably.
    /// `topic`: one of the school's topics when the parent picked one;
    /// nil files it as "Re: <subject>".
    public func reply(to ref: MessageRef, body: String, topic: String? = nil) throws(ComposeError) -> OutboxItem {
        let snap = snapshot
        guard let message = snap.message(ref) else { throw .unknownMessage(ref) }
        guard let contacts = session.schools.first(where: { $0.school == ref.school })?.contacts else { throw .unknownSchool(ref.school) }
        guard message.canReply else { throw .incomingDisabled(schoolName: message.schoolName) }
        let text = try SyncEngine.checkedBody(body)
        let item = OutboxItem(key: Outbox.newKey(), kind: .reply, school: ref.school, contacts: contacts,
                              students: message.children.map(\.student), topic: topic ?? "Re: \(message.subject)", body: text,
                              message: ref.id, createdAt: clock.now())
        try save(item)
        return item
    }

    static func checkedBody(_ body: String) throws(ComposeError) -> String {
        let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw .emptyBody }
        guard text.count <= ComposeError.bodyLimit else { throw .bodyTooLong(limit: ComposeError.bodyLimit) }
        return text
    }

    private func save(_ item: OutboxItem) throws(ComposeError) {
        do {
            try outbox.add(item)
        } catch {
            throw .notSaved("\(error)")
        }
        refreshSnapshot()
    }

    /// Marks a message read: queues its read receipt (durably, under a key
    /// derived from the session and the message, so opening it again adds
    /// nothing) and records the read state in the model. Returns the new
    /// snapshot.
    @discardableResult
    public func markRead(_ ref: MessageRef) throws -> ParentModel {
        let snap = snapshot
        guard let message = snap.message(ref), message.isUnread,
              let contacts = session.schools.first(where: { $0.school == ref.school })?.contacts else { return snap }
        let key = Outbox.receiptKey(session: session.id, message: ref)
        if try outbox.item(key) == nil {
            try outbox.add(OutboxItem(key: key, kind: .receipt, school: ref.school, contacts: contacts,
                                      students: message.children.map(\.student), message: ref.id, createdAt: clock.now()))
        }
        var update = ModelUpdate()
        update.readAdditions = [ref.key]
        do {
            try model.commit(update)
        } catch let crash as SimulatedCrash {
            throw crash
        } catch {
            // The queued receipt already shows it as read; the next sync
            // saves the read state.
        }
        return refreshSnapshot()
    }

    /// Puts a failed item back in the queue.
    public func retry(_ key: String) throws {
        try outbox.retry(key)
        refreshSnapshot()
    }

    /// Removes a failed (or sent) item from the outbox.
    public func discard(_ key: String) throws {
        try outbox.discard(key)
        refreshSnapshot()
    }
}
