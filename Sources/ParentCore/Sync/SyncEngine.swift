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
    public let model: LocalModel

    /// The earliest time after `now` at which something the school wrote
    /// ahead is published (the cursors' `next`), if any.
    func nextPublication(after now: Date) -> Date? {
        model.state.cursors.values.lazy.flatMap { $0.cursors.values.compactMap(\.next) }.filter { $0 > now }.min()
    }
    public let outbox: Outbox
    let source: any SchoolDataSource
    let files: any FileLayer
    let clock: any WallClock
    let damaged: DamagedFiles

    /// The session as last saved: each sync starts from `session.json`
    /// (another process may have re-checked it) and its identity re-check
    /// may change its contact records and schools; the id never changes.
    private let current: Locked<Session>
    private let syncing = Locked(())
    private struct Shared {
        var snapshot: ParentModel
        /// The model as it was when a re-check ended the session: what the
        /// parent was writing under the lock is kept from it (the child and
        /// calendar of an absence report), never shown.
        var beforeEnd: ParentModel?
        /// Sync times this process knows that the model on disk may not
        /// record (a sync that changed nothing writes nothing).
        var lastSynced: [String: Date] = [:]
        /// Store troubles as the last sync found them (saved in the model
        /// when they start, change or clear; kept here too when saving failed).
        var troubles: [String: StoreTrouble] = [:]
        /// Snapshot rebuilds started, and the newest one installed.
        var tickets = 0
        var installed = 0
        /// When this process last compared the whole store's stamps with
        /// the identity checkpoint (see ``recheckIdentity(at:wholeStore:_:)``).
        var storeLookedAt: Date?
        /// The store's `schools/` folder when the store was last looked
        /// through: a school added (or taken away) changes it, and the
        /// lookup is then made at once, not at the next interval.
        var schoolsFolderSeen: FileStamp?
        /// How many schools the store held at that look: a small store is
        /// looked at whole at every sync
        /// (``CoreSettings/identityLookupEverySyncUpTo``).
        var storeSchoolsSeen: Int?
        /// What opening the engine did, for the first sync's report.
        var openingSwept = 0
        var openingSetAside: [String] = []
        /// The schools a damaged model could not keep (fetched again).
        var openingRebuilt: [String] = []
        var openingDamaged: [Outbox.DamagedItem] = []
        /// What identity re-checks took away this past week (this process's
        /// and others'), for the app to say.
        var notices: [IdentityNotice] = []
        /// The first syncs' history notes (``IdentityNotice/history``).
        var historyNotices: [IdentityNotice] = []
        /// The contact records of schools that left the session (a
        /// re-check, here or in another process): a message the parent was
        /// writing to one is kept for those records, held, never lost.
        var formerContacts: [String: [String]] = [:]
        /// The contacts file of each school that left the session, as it was
        /// then: a hand edit putting the parent's details back brings it
        /// back at the next sync the change starts (it waited for the next
        /// whole-store look, minutes later, or R).
        var formerContactStamps: [String: FileStamp?] = [:]
        /// When this engine last swept the store's temporary files.
        var storeSweptAt: Date?
        /// The model as it was when each such school left: an absence report
        /// the parent was filling in for it is kept whole (its calendar and
        /// child from here), not as a note that lost its reason and days.
        var formerModels: [String: ParentModel] = [:]
        /// The model as it was when each child left the device while their
        /// school stayed (the record linking them stopped holding the
        /// parent's details): a report being filled in about them is kept
        /// whole, as for a school that left.
        var formerChildModels: [ChildRef: ParentModel] = [:]
        /// The install key file as last read, and whether its check matched
        /// the session's: read again only when the file changes (one stat).
        var keySeen: (info: FileInfo, matches: Bool)?
        /// Each registration file as last read and found whole (by
        /// "school/id"): read again only when it changes (one stat a sync;
        /// an unchanged re-sync reads nothing from the store).
        var registrationsSeen: [String: FileStamp] = [:]
    }
    private let shared: Locked<Shared>

    /// Opens the local model and outbox of `session` in the account's data
    /// directory. `source` defaults to the account's store (opened when a
    /// sync first needs it: the engine opens without it); `files` to the
    /// account's file layer.
    ///
    /// Opening also tidies what a killed writer or a damaged disk left:
    /// temporary files in the data directory go; outbox files that cannot
    /// be read move to `damaged/`; unsent items of a session that ended
    /// without holding them are held; a model that cannot be used (`model`
    /// a file, its manifest or lock a directory, a part that does not
    /// decode) moves to `damaged/` and is rebuilt from the store by the next
    /// sync. The first sync's report says what was done.
    public init(
        account: ParentAccount, session: Session, source: (any SchoolDataSource)? = nil,
        files: (any FileLayer)? = nil
    ) throws {
        self.account = account
        let saved = try SyncEngine.saved(session, account: account)
        let session = saved ?? session
        current = Locked(session)
        self.source = source ?? account.connection
        let files = files ?? account.files
        self.files = files
        clock = account.clock
        let dataDirectory = account.dataDirectory
        let outbox = Outbox(dataDirectory: dataDirectory, files: files)
        self.outbox = outbox
        let damaged = DamagedFiles(dataDirectory: dataDirectory, files: files)
        self.damaged = damaged
        let now = account.securityClock.now()

        // The outbox first: it never depends on the state of the model.
        var swept = try SyncEngine.bestEffort(0) {
            try SyncEngine.sweepRoot(dataDirectory, files: files) + (try outbox.sweepTemporaryFiles())
        }
        let unreadable = try SyncEngine.bestEffort([]) { try outbox.setAsideDamaged(at: now) }
        if saved != nil {
            _ = try SyncEngine.bestEffort(0) {
                try outbox.holdForeign(keeping: session, reason: "Written in an earlier login", at: now)
            }
        }

        let (model, setAside, lost) = try SyncEngine.openModel(
            dataDirectory: dataDirectory, session: session.id, writer: session.writer,
            records: session.recordsWriter, files: files, damaged: damaged, at: now, shownAt: clock.now(),
            sessionSince: session.createdAt)
        self.model = model
        swept += model.temporaryFilesSweptOnOpen
        var opening = Shared(snapshot: ParentModel.empty(session: session.id))
        opening.troubles = model.state.troubles
        opening.openingSwept = swept
        opening.openingSetAside = setAside.map { [$0] } ?? []
        if setAside != nil { opening.openingRebuilt = lost ?? session.schools.map(\.school) }
        opening.openingDamaged = unreadable
        opening.notices = IdentityNotice.read(
            session: session.id, dataDirectory: account.dataDirectory, files: files,
            now: account.securityClock.now())
        opening.historyNotices = IdentityNotice.read(
            session: session.id, dataDirectory: account.dataDirectory, files: files,
            now: account.securityClock.now(), history: true)
        shared = Locked(opening)
        refreshSnapshot()
    }

    /// Runs housekeeping that must not stop the engine from opening: a
    /// failure only leaves the work for next time; a simulated crash still
    /// stops everything.
    static func bestEffort<T>(_ fallback: T, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let crash as SimulatedCrash { throw crash } catch { return fallback }
    }

    /// Temporary files in the data directory itself (a killed write of
    /// `session.json` or `login-attempts.json`), under its lock.
    static func sweepRoot(_ dataDirectory: String, files: any FileLayer) throws -> Int {
        try DirectoryLock.withLockIfPresent(dataDirectory) {
            try files.sweepTemporaryFiles(in: dataDirectory).count
                + files.sweepTemporaryFiles(in: Paths.join(dataDirectory, DamagedFiles.directoryName)).count
        }
    }

    /// The outbox files set aside in `damaged/` during `session` (since it
    /// was made): an earlier parent's, on a shared device, are never said to
    /// the next one ("1 message you wrote could not be read", and every
    /// sync exiting 1, for a message they never wrote).
    func damagedOutboxItems(of session: Session) -> [String] {
        let since = DamagedFiles.stamp(session.createdAt)
        // Items only (`outbox.<key>.<time>.json`): a file that stood where
        // the outbox folder goes (`outbox.<time>`) is no message the parent
        // wrote (Home counted it as one).
        return damaged.list().filter { name in
            name.hasPrefix("outbox.") && name.hasSuffix(".json")
                && (DamagedFiles.time(in: name).map { $0 >= since } ?? true)
        }
    }

    /// Opens the model; one that cannot be used is moved to `damaged/` and
    /// a fresh one opened, into which everything that can still be read is
    /// put back: the read state, and every school whose parts all decode
    /// (with its sync time and cursors, so it is kept as it was even while
    /// its school's data is away or broken). Only the schools that lost a
    /// part start again (the next sync fetches them from the store).
    /// Returns the model, what was moved, and the schools that start again
    /// (nil: all of them, when nothing could be read back).
    /// `now` names what is set aside (the device's clock); `shown` is the
    /// app's clock, the one a first login's history rule counts from (a
    /// demo store's day, not the real one: every message started read).
    static func openModel(
        dataDirectory: String, session: String, writer: String? = nil, records: String? = nil, files: any FileLayer,
        damaged: DamagedFiles,
        at now: Date, shownAt shown: Date? = nil, sessionSince: Date? = nil
    ) throws -> (LocalModel, String?, [String]?) {
        var why = LocalModel.structuralDamage(dataDirectory: dataDirectory, files: files)
        if why == nil {
            // The same parent's model from a session that could not be
            // read: theirs still (see LocalModel.adopt).
            do {
                _ = try LocalModel.adopt(
                    dataDirectory: dataDirectory, session: session, writer: writer, records: records, files: files)
            } catch let crash as SimulatedCrash { throw crash } catch {}
            let model = try LocalModel(dataDirectory: dataDirectory, session: session, writer: writer, files: files)
            guard let damage = model.damageFound, !damage.isForeign else { return (model, nil, nil) }
            why = damage.description
        }
        let directory = Paths.join(dataDirectory, "model")
        // Read before the move (a copy's files have new times): a manifest
        // that cannot be read leaves the parts, found by their names.
        // File times are the file system's (the real time, whatever clock
        // is injected); sync times are on the app's clock (a demo store's
        // day): moved by the difference.
        let rescued = rescuedParts(
            from: directory, session: session, since: sessionSince, files: files,
            clockOffset: shown.map { $0.timeIntervalSince(Date()) } ?? 0)
        let moved = try damaged.setAside(directory, as: "model", at: now)
        let fresh = try LocalModel(dataDirectory: dataDirectory, session: session, writer: writer, files: files)
        let setAside = Paths.join(Paths.join(dataDirectory, DamagedFiles.directoryName), moved ?? "model")
        var lost: [String]? = nil
        var readKept = false
        if moved != nil, let rescue = rescued {
            var update = ModelUpdate()
            for part in rescue.parts { update.put(part) }
            update.syncedAt = rescue.syncedAt
            update.troubles = rescue.troubles
            if let read = rescue.read {
                update.readAdditions = read.read
                update.unreadAdditions = read.unread
            }
            // No school read back: the whole model starts again.
            if !rescue.parts.isEmpty, (try? fresh.commit(update)) != nil {
                lost = rescue.lost
                readKept = rescue.read != nil
            }
        }
        // What the parent read is theirs and cannot be fetched again: taken
        // from the set-aside copy when its read part can still be read.
        if lost == nil, moved != nil, let read = rescuedReadState(from: setAside, session: session, files: files) {
            var update = ModelUpdate()
            update.readAdditions = read.read
            update.unreadAdditions = read.unread
            readKept = (try? fresh.commit(update)) != nil
        }
        // What the parent had read cannot be read back: as at a first
        // login, what is over 14 days old starts read (a year of messages
        // all unread again, before).
        var historyRead = false
        if moved != nil, !readKept {
            let cutoff = (shown ?? now).addingTimeInterval(-SchoolSync.historyStartsRead)
            let state = fresh.state
            var update = ModelUpdate()
            for m in ParentModel.timelineMessages(state, schoolIDs: state.schools.keys.sorted())
            where (m.message.publishedAt ?? m.message.sentAt) < cutoff {
                update.readAdditions.insert(m.key)
            }
            if !update.readAdditions.isEmpty { historyRead = (try? fresh.commit(update)) != nil }
        }
        let what: String
        let read =
            readKept
            ? "; what you had read is kept"
            : historyRead
                ? "; what you had read could not be kept: messages over 14 days old start read, as at a first login"
                : "; what you had read could not be kept"
        if let lost, !lost.isEmpty {
            // Named by the school lines of the report ("rebuilt from the
            // school data", or "not synced" while its data is away).
            what =
                "every school but \(lost.count == 1 ? "one" : "\(lost.count)") is kept as it was, and what could not be read is fetched again from the school data\(read)"
        } else if lost != nil {
            what = readKept ? "all of it was read back" : "everything else was read back\(read)"
        } else {
            what = "it is fetched again from the school data\(read)"
        }
        return (
            fresh,
            "the local data could not be used (\(why ?? "damaged")): moved to damaged/\(moved ?? "model"); \(what)",
            lost
        )
    }

    /// What can be read back from a set-aside model of this session: every
    /// part that decodes, with the schools' sync times and store troubles,
    /// and the read state when it decodes; the schools that lost a part
    /// (sorted). A school that lost its own part (its details) is dropped
    /// whole; one that lost a child's or a month's part keeps the rest but
    /// not its sync cursors, so its next sync reads everything again and
    /// compares it with what was kept (the fault checks apply: a child's
    /// year of marks is not given up to a broken file). Nil when the
    /// manifest cannot be read or names another session.
    static func rescuedParts(
        from directory: String, session: String, since: Date? = nil, files: any FileLayer, clockOffset: TimeInterval = 0
    )
        -> (
            parts: [ModelPart], read: ReadPart?, syncedAt: [String: Date], troubles: [String: StoreTrouble],
            lost: [String]
        )?
    {
        guard let bytes = try? files.read(Paths.join(directory, ModelManifest.fileName)) else {
            // No manifest at all: the parts by their names, as for one cut short.
            guard let since else { return nil }
            return rescuedParts(byName: directory, since: since, files: files, clockOffset: clockOffset)
        }
        let manifest: ModelManifest
        switch ModelManifest.decode(bytes) {
        case .success(let m) where m.session == session: manifest = m
        case .success: return nil  // an earlier session's
        case .failure:
            guard let since else { return nil }
            return rescuedParts(byName: directory, since: since, files: files, clockOffset: clockOffset)
        }
        var bySchool: [String: [ModelPart]] = [:]
        var lost = Set<String>()
        var lostWhole = Set<String>()
        var read: ReadPart?
        for (name, file) in manifest.parts {
            let school = name.split(separator: ".").dropFirst().first.map(String.init)
            guard let partBytes = try? files.read(Paths.join(directory, file)),
                case .success(let part) = ModelPart.decode(partBytes, file: file), part.name == name
            else {
                if let school {
                    lost.insert(school)
                    if name == PartName.school(school) { lostWhole.insert(school) }
                }
                continue
            }
            if case .read(let r) = part {
                read = r
            } else if let school {
                bySchool[school, default: []].append(part)
            }
        }
        let kept = Set(bySchool.keys).subtracting(lostWhole)
        let parts = kept.sorted().flatMap { school in
            (bySchool[school] ?? []).filter { part in
                if case .cursors = part, lost.contains(school) { return false }
                return true
            }
        }
        // A school lost whole keeps its sync time when what the parent read
        // is read back: it is then rebuilt, not met for the first time (the
        // first-login history rule marked its old messages read over the
        // parent's own choices, and Home said "291 messages ... start read").
        return (
            parts, read,
            manifest.syncedAt.filter { kept.contains($0.key) || (read != nil && lostWhole.contains($0.key)) },
            manifest.troubles.filter { kept.contains($0.key) }, lost.sorted()
        )
    }

    /// The parts of a model whose manifest cannot be read (cut short: every
    /// part intact, and a parent offline saw nothing): each part's newest
    /// file by its name (`child.green-abbey.GA-BEN.g17.json`), only files
    /// written since the session began (another parent's left by a crash
    /// mid-logout are older), each school with its `school` part. Cursors
    /// are left out (the next sync reads every file again, as a rebuild);
    /// each school's sync time is its newest part's (moved onto the app's
    /// clock by `clockOffset`), so it is rebuilt, not
    /// met for the first time (the first-login history rule would mark old
    /// unread messages read), and "showing what you had at" has a time.
    static func rescuedParts(byName directory: String, since: Date, files: any FileLayer, clockOffset: TimeInterval = 0)
        -> (
            parts: [ModelPart], read: ReadPart?, syncedAt: [String: Date], troubles: [String: StoreTrouble],
            lost: [String]
        )?
    {
        let floor = Int64((since.timeIntervalSince1970 - 5) * 1_000_000_000)
        var newest: [String: (generation: Int, file: String, written: Int64)] = [:]
        for file in (try? files.list(directory)) ?? [] {
            guard let (name, generation) = PartName.parse(file),
                let info = files.modificationInfo(Paths.join(directory, file)), !info.isDirectory, !info.isSpecial,
                info.modificationNanoseconds >= floor, generation > (newest[name]?.generation ?? -1)
            else { continue }
            newest[name] = (generation, file, info.modificationNanoseconds)
        }
        var bySchool: [String: [ModelPart]] = [:]
        var written: [String: Int64] = [:]
        var described = Set<String>()
        var read: ReadPart?
        for (name, found) in newest where !name.hasPrefix("cursors.") {
            guard let bytes = try? files.read(Paths.join(directory, found.file)),
                case .success(let part) = ModelPart.decode(bytes, file: found.file), part.name == name
            else { continue }
            if case .read(let r) = part {
                read = r
            } else if let school = name.split(separator: ".").dropFirst().first.map(String.init) {
                bySchool[school, default: []].append(part)
                written[school] = max(written[school] ?? 0, found.written)
                if case .school = part { described.insert(school) }
            }
        }
        let kept = bySchool.keys.filter(described.contains).sorted()
        guard !kept.isEmpty else { return nil }
        let parts = kept.flatMap { bySchool[$0] ?? [] }
        var syncedAt: [String: Date] = [:]
        for school in kept {
            syncedAt[school] = Date(
                timeIntervalSince1970: Double(written[school] ?? 0) / 1_000_000_000 + clockOffset)
        }
        return (parts, read, syncedAt, [:], [])
    }

    /// The read state of a set-aside model: its newest read part that
    /// decodes, when the model was this session's (a manifest naming
    /// another session keeps it out; one too damaged to say is taken as the
    /// data directory's own, which it is but for a crash mid-logout).
    static func rescuedReadState(from directory: String, session: String, files: any FileLayer) -> ReadPart? {
        if let bytes = try? files.read(Paths.join(directory, "manifest.json")),
            case .success(let manifest) = ModelManifest.decode(bytes), manifest.session != session
        {
            return nil
        }
        let names = ((try? files.list(directory)) ?? []).filter { $0.hasPrefix("read.g") && $0.hasSuffix(".json") }
        func generation(_ name: String) -> Int { Int(name.dropFirst(6).dropLast(5)) ?? -1 }
        for name in names.sorted(by: { generation($0) > generation($1) }) {
            guard let bytes = try? files.read(Paths.join(directory, name)), let value = try? JSONParser.parse(bytes),
                let reader = FieldReader(value, file: name, record: nil, problems: ProblemList()),
                let part = ReadPart.decode(reader)
            else { continue }
            return part
        }
        return nil
    }

    /// The session this engine serves, as last saved (its contact records
    /// follow the identity re-check at each sync).
    public var session: Session { current.withLock { $0 } }

    /// The current snapshot.
    public var snapshot: ParentModel { shared.withLock { $0.snapshot } }

    /// A school's first sync started its messages over 14 days old read:
    /// said on Home for a day, whichever process synced (a first sync by
    /// `xpressions sync` on a timer left Home silent about it).
    func noteHistoryRead(_ schools: [SchoolSyncSummary]) {
        let at = account.securityClock.now()
        let notices = schools.filter { $0.historyMarkedRead > 0 }.map { s in
            IdentityNotice(
                at: at,
                text:
                    "\(s.historyMarkedRead) message\(s.historyMarkedRead == 1 ? "" : "s") from \(s.schoolName) over 14 days old \(s.historyMarkedRead == 1 ? "starts" : "start") read.",
                school: s.school, shownAt: clock.now(), history: s.historyMarkedRead)
        }
        guard !notices.isEmpty else { return }
        // A courtesy note: the read state itself is saved already.
        try? IdentityNotice.add(
            notices, session: session.id, dataDirectory: account.dataDirectory, files: files, now: at)
        let texts = Set(notices.map(\.text))
        shared.withLock { $0.historyNotices = notices + $0.historyNotices.filter { !texts.contains($0.text) } }
    }

    /// The model a kept draft is written from: the snapshot, or after a
    /// re-check ended the session, the model as it was then.
    var keepingSnapshot: ParentModel { shared.withLock { $0.beforeEnd ?? $0.snapshot } }

    /// The model a kept draft for `school` is written from: as
    /// ``keepingSnapshot``, or the model from before the school left.
    /// The model a kept report about `child` is written from: as
    /// ``keepingSnapshot(for:)-(String)``, or the model from before the
    /// child left while their school stayed.
    func keepingSnapshot(for child: ChildRef) -> ParentModel {
        shared.withLock { s in
            if let ended = s.beforeEnd { return ended }
            if s.snapshot.child(child) != nil { return s.snapshot }
            if s.snapshot.school(child.school) == nil, let former = s.formerModels[child.school] { return former }
            return s.formerChildModels[child] ?? s.snapshot
        }
    }

    func keepingSnapshot(for school: String) -> ParentModel {
        shared.withLock { s in
            if let ended = s.beforeEnd { return ended }
            if s.snapshot.school(school) == nil, let former = s.formerModels[school] { return former }
            return s.snapshot
        }
    }

    /// Rebuilds the snapshot from the model and the outbox (reusing the
    /// timeline index when no message changed). Built outside the lock, so
    /// readers never wait for it; a ticket taken before reading keeps an
    /// older rebuild from replacing a newer one (every change is followed by
    /// its own refresh, which takes a later ticket).
    @discardableResult
    func refreshSnapshot() -> ParentModel {
        // A session a re-check ended stays empty (a draft kept under the
        // lock since must not bring its children back into view).
        if let ended = shared.withLock({ $0.beforeEnd == nil ? nil : $0.snapshot }) { return ended }
        let (ticket, previous) = shared.withLock { s -> (Int, ParentModel) in
            s.tickets += 1
            return (s.tickets, s.snapshot)
        }
        let items = (try? outbox.items()) ?? []
        let session = self.session
        // Only the session's schools: one it just lost is gone at once, even
        // before the sync that removes it from the model commits.
        let state = model.state.keeping(schools: Set(session.schools.map(\.school) + session.unchecked))
        let (lastSynced, troubles, notices, history) = shared.withLock {
            ($0.lastSynced, $0.troubles, $0.notices, $0.historyNotices)
        }
        let unreadable = damagedOutboxItems(of: session)
        let next = ParentModel(
            state: state, schoolOrder: session.schools.map(\.school) + session.unchecked,
            outbox: items.filter { $0.isCurrent(in: session) },
            lastSynced: lastSynced, reusing: previous,
            recovered: items.filter { $0.isKept(for: session) && $0.kind != .receipt },
            unreadableOutboxItems: unreadable, troubles: troubles, identityNotices: notices, historyNotices: history)
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
    /// `wholeStore`: look at the whole store for records joining the session
    /// now, whenever it was last looked at (a refresh the parent asked for).
    @discardableResult
    public func sync(wholeStore: Bool = false, progress: (SyncProgress) -> Void = { _ in }) throws -> SyncReport {
        try syncing.withLock { _ in try syncLocked(wholeStore: wholeStore, progress: progress) }
    }

    private func syncLocked(wholeStore: Bool, progress: (SyncProgress) -> Void) throws -> SyncReport {
        let start = clock.now()
        var report = SyncReport(startedAt: start)
        func finish() -> SyncReport {
            report.duration = max(0, clock.now().timeIntervalSince(start))
            report.generation = model.generation
            return report
        }

        guard let saved = try SyncEngine.saved(session, account: account) else {
            report.problems.append(SyncProblem(kind: .session, message: "You are logged out, so nothing was synced."))
            return finish()
        }
        let previous = current.withLock { old in
            defer { old = saved }
            return old.schools
        }
        let before = previous.map(\.school)
        let kept = Set(saved.schools.map(\.school))
        shared.withLock { s in
            for gone in previous where !kept.contains(gone.school) {
                s.formerContacts[gone.school] = gone.contacts
                s.formerContactStamps[gone.school] = FileStamp.of(
                    Paths.join(source.root, StoreLayout.contactsFile(gone.school)))
                if s.snapshot.school(gone.school) != nil { s.formerModels[gone.school] = s.snapshot }
            }
        }
        // Another process's re-check changed the session's schools: its
        // notes for Home are read again (they showed only after a restart).
        if saved.schools.map(\.school) != before {
            let now = account.securityClock.now()
            let notices = IdentityNotice.read(
                session: saved.id, dataDirectory: account.dataDirectory, files: files, now: now)
            let history = IdentityNotice.read(
                session: saved.id, dataDirectory: account.dataDirectory, files: files, now: now, history: true)
            shared.withLock {
                $0.notices = notices
                $0.historyNotices = history
            }
        }

        // 0. What opening found, and what killed writers left since.
        shared.withLock { s in
            report.temporaryFilesRemoved = s.openingSwept
            report.setAside = s.openingSetAside
            report.rebuiltSchools = s.openingRebuilt
            report.damagedOutboxItems = s.openingDamaged
            s.openingSwept = 0
            s.openingSetAside = []
            s.openingRebuilt = []
            s.openingDamaged = []
        }
        let dataDirectory = account.dataDirectory
        report.temporaryFilesRemoved += try SyncEngine.bestEffort(0) {
            try SyncEngine.sweepRoot(dataDirectory, files: files) + (try outbox.sweepTemporaryFiles())
                + (try model.sweepTemporaryFiles())
        }
        // An item that could not be moved (no permission) is found again by
        // this sweep after opening found it: said once.
        for item in try SyncEngine.bestEffort([], { try outbox.setAsideDamaged(at: account.securityClock.now()) })
        where !report.damagedOutboxItems.contains(where: { $0.file == item.file }) {
            report.damagedOutboxItems.append(item)
        }
        // Set aside before (by the app, which found them first): said too.
        let movedNow = Set(report.damagedOutboxItems.compactMap(\.movedTo))
        report.outboxItemsKeptAside = damagedOutboxItems(of: session).filter { !movedNow.contains($0) }.sorted()

        // The store as a whole: away or invalid, nothing can be sent or synced.
        if let unavailable = source.unavailability() {
            report.storeUnavailable = unavailable
            report.waitingForStore = (try? outbox.unsent(of: session).count) ?? 0
            report.problems.append(
                SyncProblem(
                    kind: unavailable.kind == .unreachable ? .unreachable : .invalidStore, file: unavailable.file,
                    message: "\(unavailable); showing the last data saved"))
            var update = ModelUpdate()
            noteTroubles(
                [
                    ModelState.storeKey: StoreTrouble(
                        kind: unavailable.kind, since: start, file: unavailable.file,
                        message: unavailable.description)
                ], cleared: [], at: start, into: &update)
            try commitTroubles(update, &report)
            refreshSnapshot()
            return finish()
        }

        // 1. Who the parent still is: the login rules again, before anything
        // is sent on behalf of a record.
        guard try recheckIdentity(at: start, wholeStore: wholeStore, &report) else { return finish() }
        let session = self.session
        let steps = session.schools.count + 2

        // 2. The outbox: the parent's messages go out even if a school's data
        // has a problem; never while who the parent is could not be checked.
        progress(SyncProgress(step: 0, steps: steps, activity: "Sending"))
        if report.identity.notChecked == nil {
            report.outbox = try outbox.send(source: source, session: session, now: start)
        }
        // A demo store's school office answers by itself (store.json's
        // demoOffice): before the acknowledgements are collected, so this
        // sync shows its answer.
        if report.identity.notChecked == nil, let office = try? account.store.info.demoOffice {
            DemoOfficeClerk.answer(
                office, schools: session.schools.map(\.school), source: source, files: files, now: start)
        }
        report.outbox.acknowledged = try outbox.collectAcknowledgements(
            source: source, session: session, now: start, problems: &report.outbox.problems)
        // What a killed writer left in the store's write-back folders of the
        // parent's schools, over a minute old: removed and counted, by the
        // app's syncs too (only `xpressions sync` did it), at most every
        // ten minutes; never in an as-of view (its store is an overlay).
        if !account.settings.asOfView {
            let due = shared.withLock { s in
                guard s.storeSweptAt.map({ abs(start.timeIntervalSince($0)) >= 600 }) ?? true else { return false }
                s.storeSweptAt = start
                return true
            }
            if due {
                report.storeTemporaryFilesRemoved = StoreWriter(root: source.root, files: files).sweepTemporaryFiles(
                    only: session.schools.map(\.school))
            }
        }
        // Registrations an earlier logout or login could not withdraw (a
        // school's folder was away): withdrawn once it is back, whichever
        // process syncs (only the app's next start did it).
        PendingUnregistrations(dataDirectory: account.dataDirectory, files: files).withdraw(
            from: account.connection, at: account.securityClock.now())

        // 3. Each school, all or nothing.
        let old = model.state
        var update = ModelUpdate()
        var newMessages: [MessageRef] = []
        var synced: [String] = []
        var heldBack: Set<String> = []
        var troubles: [String: StoreTrouble] = [:]
        // Schools no longer the parent's (the re-check removed them): everything of them goes.
        // Not those the login could not look in: theirs is kept until they can be read.
        for school in old.schoolIDs.subtracting(session.schools.map(\.school)).subtracting(session.unchecked).sorted() {
            for name in old.partNames(of: school) { update.remove(name) }
            if old.syncedAt[school] != nil { update.clearedSyncedAt.insert(school) }
            if old.troubles[school] != nil { update.clearedTroubles.insert(school) }
            shared.withLock { s in
                s.troubles[school] = nil
                s.lastSynced[school] = nil
            }
            var summary = SchoolSyncSummary(
                school: school, schoolName: old.schools[school]?.school.name ?? school, synced: true)
            summary.childrenRemoved = (old.schools[school]?.children ?? []).map {
                ChildRef(school: school, student: $0)
            }
            summary.removed = IdentityChanges.removedText(summary.schoolName)
            summary.partsChanged = old.partNames(of: school).count
            report.schools.append(summary)
        }
        // A school the login could not look in, still unreadable: its
        // trouble said as any school's (nothing showed it after the login's
        // one note; R said "Updated just now").
        for id in session.unchecked {
            guard
                let p = report.problems.first(where: {
                    $0.file?.hasPrefix("\(StoreLayout.schoolsDirectory)/\(id)/") == true
                })
            else { continue }
            let name = old.schools[id]?.school.name ?? (try? source.school(id))?.name
            troubles[id] = StoreTrouble(
                kind: .invalid, since: start, file: p.file,
                message: "\(name ?? id): \(p.file ?? ""): cannot be read, so your details there could not be checked",
                schoolName: name)
        }
        for (i, s) in session.schools.enumerated() {
            let name = old.schools[s.school]?.school.name ?? s.school
            progress(SyncProgress(step: i + 1, steps: steps, activity: name))
            var worker = SchoolSync(source: source, session: s, now: start, old: old)
            do {
                let outcome = try worker.run()
                update.merge(outcome.update)
                report.schools.append(outcome.summary)
                // The absence reports about the children in the store (any
                // device's, either parent's), when its folders changed.
                let partName = PartName.school(s.school)
                let current: SchoolPart? = {
                    if case .school(let p)? = update.upserts[partName] { return p }
                    return update.removals.contains(partName) ? nil : old.schools[s.school]
                }()
                if var part = current,
                    let found = storeReports(school: s.school, children: Set(part.children), old: part)
                {
                    for line in found.problems where !report.outbox.problems.contains(line) {
                        report.outbox.problems.append(line)
                    }
                    part.reports = found.reports
                    part.reportsStamp = found.stamp
                    part.reportsSeenUpTo = found.seenUpTo
                    if part != current { update.put(.school(part)) }
                }
                // Rebuilt after damage an earlier process found (its sync could
                // not reach the store): said as rebuilt, as when found now.
                if outcome.rebuilt, !report.rebuiltSchools.contains(s.school) { report.rebuiltSchools.append(s.school) }
                // A school rebuilt from a damaged copy brings back what the
                // parent had: nothing in it is new to them (no notification,
                // no toast for "16 new messages" they had read).
                if !report.rebuiltSchools.contains(s.school) { newMessages += outcome.newMessages }
                synced.append(s.school)
                // Files held back at their last good data: the school synced,
                // and still has a problem, said until the file is mended.
                if !outcome.heldBack.isEmpty {
                    let problems = SyncProblem.from(
                        StoreProblems(outcome.heldBack), school: s.school, schoolName: outcome.summary.schoolName,
                        root: source.root)
                    report.problems += problems
                    heldBack.insert(s.school)
                    if let first = problems.first {
                        var others: [String] = []
                        for file in problems.dropFirst().compactMap(\.file) where file != first.file {
                            if !others.contains(file) { others.append(file) }
                        }
                        troubles[s.school] = StoreTrouble(
                            kind: .invalid, since: start, file: first.file, message: first.description,
                            otherFiles: others)
                    }
                }
            } catch {
                // Named as the store names it when the model holds nothing of
                // the school yet (an as-of view's first sync): it was said by id.
                let known = old.schools[s.school]?.school.name ?? (try? source.school(s.school))?.name
                let problems = SyncProblem.from(error, school: s.school, schoolName: known, root: source.root)
                report.problems += problems
                report.schools.append(
                    SchoolSyncSummary(school: s.school, schoolName: known ?? name, reads: worker.reads))
                if let first = problems.first {
                    troubles[s.school] = StoreTrouble(
                        kind: first.kind == .invalidStore ? .invalid : .unreachable, since: start,
                        file: first.file, message: first.description, schoolName: known)
                }
            }
            report.reads += worker.reads
        }
        noteTroubles(
            troubles, cleared: synced.filter { !heldBack.contains($0) } + [ModelState.storeKey], at: start,
            into: &update)

        // Read receipts the model does not record yet (a crash came between
        // queueing one and saving the read state).
        let items = (try? outbox.items(of: session)) ?? []
        for item in items where item.kind == .receipt {
            guard let m = item.message else { continue }
            let key = ReadPart.key(school: item.school, message: m)
            if !old.read.read.contains(key) { update.readAdditions.insert(key) }
        }

        // Sync times. Every school this sync read is as fresh as one that
        // changed, so a commit records them all (a digest or `status` in
        // another process reads the saved times). A sync that changes
        // nothing writes nothing, unless a saved time is older than
        // `syncTimeRefresh`: then it saves the times alone.
        let changed = !update.isEmpty
        let stale = synced.contains { school in
            (update.syncedAt[school] ?? old.syncedAt[school]).map {
                abs(start.timeIntervalSince($0)) > Self.syncTimeRefresh
            } ?? true
        }
        // A part file damaged under this instance is written again by any
        // commit: one is made for it even when nothing else changed.
        if changed || stale || model.partChangedUnder { for school in synced { update.syncedAt[school] = start } }

        // 4. One commit for everything that changed.
        progress(SyncProgress(step: steps - 1, steps: steps, activity: "Saving"))
        var committed = true
        if !update.isEmpty {
            do {
                guard try sessionIsCurrent() else { throw LocalModelError.sessionEnded }
                try model.commit(update)
                report.modelChanged = changed
            } catch let crash as SimulatedCrash {
                throw crash
            } catch let error as LocalModelError {
                committed = false
                report.problems.append(
                    SyncProblem(
                        kind: error == .sessionEnded ? .session : .localModel, file: model.directory,
                        message: "nothing was saved: \(error)"))
            } catch {
                committed = false
                report.problems.append(
                    SyncProblem(
                        kind: .localModel, file: model.directory,
                        message: "the local data could not be saved (\(error)); it will be tried again at the next sync"
                    ))
            }
        }
        if committed {
            shared.withLock { s in for school in synced { s.lastSynced[school] = start } }
            report.newMessages = newMessages
            noteHistoryRead(report.schools)
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

        // 5. Notifications: renew a registration that went missing, and
        // notify only where one exists.
        let registered = try renewRegistration(&report, synced: synced)
        report.notifications = report.newMessages.filter { registered.contains($0.school) }
        let shownBefore = shared.withLock { $0.snapshot }
        let snapshot = refreshSnapshot()
        let childrenGone = report.schools.flatMap(\.childrenRemoved).filter {
            shownBefore.child($0) != nil && snapshot.child($0) == nil && snapshot.school($0.school) != nil
        }
        if !childrenGone.isEmpty {
            shared.withLock { s in for child in childrenGone { s.formerChildModels[child] = shownBefore } }
        }
        // A child or school that went takes its pictures off the device now.
        if !report.identity.schoolsRemoved.isEmpty || report.schools.contains(where: { !$0.childrenRemoved.isEmpty }) {
            PictureCopies.sweep(account.picturesPath, keeping: snapshot, files: files)
        }
        progress(SyncProgress(step: steps, steps: steps, activity: "Done"))
        return finish()
    }

    // MARK: - Identity

    /// The reason held items carry when the records they were written for
    /// no longer hold the parent's details.
    /// How old a saved sync time may grow before a sync that changed
    /// nothing saves the times anyway: at most four small writes an hour.
    static let syncTimeRefresh: TimeInterval = 15 * 60

    static let uncheckableHeldReason = "Your login could no longer be checked against your school's details"

    static let identityHeldReason =
        "It was waiting to go when your school stopped holding the details you logged in with"

    /// Re-checks the session's identity (``IdentityRecheck``) unless nothing
    /// it depends on changed since the last re-check, and applies what it
    /// found. What it depends on: the session's own schools' `school.json`
    /// and `contacts.json` (two `stat`s each, every sync: a record that no
    /// longer holds the parent's details is dropped at the next sync), and
    /// for records joining, the whole store's (two `stat`s a school: every
    /// sync up to `identityLookupEverySyncUpTo` schools, else at most every
    /// `identityLookupInterval`: 2 ms at 500 schools). Returns false when the sync must stop:
    /// the session ended (no record holds the parent's details any more) or
    /// could not be changed.
    ///
    /// Changing the session is made safe against a crash at any point: the
    /// store's side first, each step idempotent (registrations withdrawn at
    /// schools left with no record and renewed with the records left where
    /// some went; unsent items written for records that went held), then
    /// `session.json`, in place (``ParentAccount/updateSession(_:_:)``), as
    /// the commit point. A crash before it is simply done again at the next
    /// sync; the model follows the saved session at every sync.
    func recheckIdentity(at now: Date, wholeStore: Bool = false, _ report: inout SyncReport) throws -> Bool {
        let session = self.session
        // The device's key replaced since login is checked every time (one
        // 32-byte read): the checkpoint below only knows the store.
        let keyChanged =
            session.keyCheck.map { check in
                let path = Paths.join(account.dataDirectory, InstallKey.fileName)
                let info = files.modificationInfo(path)
                if let info, let seen = shared.withLock({ $0.keySeen }), seen.info == info { return !seen.matches }
                let matches =
                    (try? InstallKey.existing(dataDirectory: account.dataDirectory, files: files))??.check == check
                if let info { shared.withLock { $0.keySeen = (info, matches) } }
                return !matches
            } ?? false
        // A checkpoint vouches only for a session that can be re-checked:
        // without its digests (a hand edit, an earlier build) the check is
        // made, and ends it, as doctor says it would (a sync said "up to
        // date" over a session doctor called no longer valid).
        if !keyChanged, session.emailDigest != nil, session.mobileDigest != nil, session.unchecked.isEmpty,
            let checkpoint = session.identityCheck, !(checkpoint.next.map { $0 <= now } ?? false),
            checkpoint.sessionStamp
                == IdentityRecheck.token(IdentityRecheck.stamps(source, schools: session.schools.map(\.school)))
        {
            let interval = account.settings.identityLookupInterval
            let everySyncUpTo = account.settings.identityLookupEverySyncUpTo
            let schoolsFolder = FileStamp.ofDirectory(Paths.join(source.root, StoreLayout.schoolsDirectory))
            let source = self.source
            let due =
                wholeStore
                || shared.withLock { s in
                    s.schoolsFolderSeen != schoolsFolder
                        || (s.storeSchoolsSeen.map { $0 <= everySyncUpTo } ?? true)
                        || (s.storeLookedAt.map { now.timeIntervalSince($0) >= interval || now < $0 } ?? true)
                        || s.formerContactStamps.contains { school, seen in
                            FileStamp.of(Paths.join(source.root, StoreLayout.contactsFile(school))) != seen
                        }
                }
            guard due else { return true }
            let stamps = IdentityRecheck.stamps(source)
            shared.withLock { s in
                s.storeLookedAt = now
                s.schoolsFolderSeen = schoolsFolder
                s.storeSchoolsSeen = stamps.count
            }
            if checkpoint.storeStamp == IdentityRecheck.token(stamps) { return true }
        }
        let schools = (RawFile.list(Paths.join(source.root, StoreLayout.schoolsDirectory)) ?? [])
            .filter { !$0.hasPrefix(".") }
        shared.withLock { s in
            s.storeLookedAt = now
            s.storeSchoolsSeen = schools.count
            s.schoolsFolderSeen = FileStamp.ofDirectory(Paths.join(source.root, StoreLayout.schoolsDirectory))
            for school in s.formerContactStamps.keys {
                s.formerContactStamps[school] = FileStamp.of(
                    Paths.join(source.root, StoreLayout.contactsFile(school)))
            }
        }
        let key: InstallKey?
        do {
            let path = Paths.join(account.dataDirectory, InstallKey.fileName)
            var found = try InstallKey.existing(dataDirectory: account.dataDirectory, files: files)
            if found == nil, files.exists(path) {
                // Damaged (cut short, a directory in its place): set aside in
                // damaged/ and replaced now, like any damaged file of the
                // parent's, so the session ends saying the key was replaced.
                found = try InstallKey.load(dataDirectory: account.dataDirectory, files: files)
            }
            key = found
        } catch let crash as SimulatedCrash {
            throw crash
        } catch {
            report.problems.append(
                SyncProblem(
                    kind: .localModel, file: Paths.join(account.dataDirectory, InstallKey.fileName),
                    message:
                        "the install key could not be read (\(error)); your details are checked again at the next sync, and nothing is sent until they are"
                ))
            report.identity.notChecked = "the install key could not be read"
            return true
        }
        let check = IdentityRecheck(source: source, key: key, now: now).check(session)
        report.identity.checked = true
        // The device's key gone or replaced (a local fault, not the school's
        // doing) while the school's records of this session are as they were
        // at the last check made with it: they still hold the parent's
        // details, so what the parent queued goes before the session ends
        // (it was held, and could never be matched to a login again).
        if keyChanged, check.endMessage != nil, let checkpoint = session.identityCheck,
            checkpoint.sessionStamp
                == IdentityRecheck.token(IdentityRecheck.stamps(source, schools: session.schools.map(\.school)))
        {
            report.outbox = try outbox.send(source: source, session: session, now: now)
        }
        // Another school's file the check could not read, on the way to
        // ending the session: it stays until that file can be read, and the
        // file is named (a school's own files are said by its sync).
        let own = session.schools.map { "\(StoreLayout.schoolsDirectory)/\($0.school)/" }
        for p in check.problems where !own.contains(where: { p.file.hasPrefix($0) }) {
            report.problems.append(
                SyncProblem(
                    kind: .invalidStore, file: p.file,
                    message:
                        "\(p.description) (it may hold your details: your login stays as it is until it can be read)"))
        }
        report.identity.lookups = check.lookups
        report.reads += check.reads
        for r in check.records where r.isDropped {
            report.identity.recordsRemoved.append(
                .init(school: r.school, schoolName: r.schoolName, contact: r.contact, reasons: r.reasons))
        }
        let before = Set(session.schools.map(\.school))
        let after = Set(check.schools.map(\.school))
        // A check that could not be made says nothing about the schools' details.
        for s in session.schools where !after.contains(s.school) && !check.isImpossible {
            let stamp = FileStamp.of(Paths.join(source.root, StoreLayout.contactsFile(s.school)))
            shared.withLock {
                $0.formerContacts[s.school] = s.contacts
                $0.formerContactStamps[s.school] = stamp
                if $0.snapshot.school(s.school) != nil { $0.formerModels[s.school] = $0.snapshot }
            }
            let name =
                model.state.schools[s.school]?.school.name ?? check.records.first { $0.school == s.school }?.schoolName
                ?? s.school
            report.identity.schoolsRemoved.append(
                .init(
                    school: s.school, schoolName: name, reason: IdentityChanges.removedText(name),
                    children: model.state.schools[s.school]?.children.count ?? 0))
        }
        for j in check.joining {
            report.identity.recordsAdded.append(.init(school: j.school, schoolName: j.schoolName, contact: j.contact))
            if !before.contains(j.school) && !report.identity.schoolsAdded.contains(where: { $0.school == j.school }) {
                report.identity.schoolsAdded.append(.init(school: j.school, schoolName: j.schoolName))
            }
        }

        if let message = check.endMessage {
            do {
                report.identity.messagesHeld = try account.endSession(
                    session, because: message,
                    heldReason: check.isImpossible ? SyncEngine.uncheckableHeldReason : SyncEngine.identityHeldReason)
            } catch let crash as SimulatedCrash {
                throw crash
            } catch {
                report.problems.append(
                    SyncProblem(
                        kind: .session, message: "\(message) (the login on this device could not be ended: \(error))"))
                return false
            }
            report.identity.sessionEnded = message
            report.problems.append(SyncProblem(kind: .session, message: message))
            shared.withLock {
                $0.beforeEnd = $0.snapshot
                $0.snapshot = ParentModel.empty(session: session.id)
            }
            return false
        }

        // Said at the app's next start too, whichever process syncs: kept a week.
        // A record that went while its school stays is said too (a child only
        // it linked went without a word on Home when `xpressions sync` did it).
        let removedSchools = Set(report.identity.schoolsRemoved.map(\.school))
        // A record that went while another joined at the same school (the
        // school renumbered the record, or swapped it for a duplicate) is
        // not news to the parent: what they see is said by the sync itself.
        let joinedSchools = Set(report.identity.recordsAdded.map(\.school))
        let recordsGone = report.identity.recordsRemoved.filter {
            !removedSchools.contains($0.school) && !joinedSchools.contains($0.school)
        }
        if !report.identity.schoolsRemoved.isEmpty || !recordsGone.isEmpty {
            let at = account.securityClock.now()
            let shown = clock.now()
            let children = shared.withLock { $0.snapshot.children }
            var notices = report.identity.schoolsRemoved.map { removed in
                let names = children.filter { $0.school == removed.school }.map(\.forename)
                let who =
                    names.isEmpty
                    ? "" : ": \(CalendarExport.list(names)) \(names.count == 1 ? "is" : "are") no longer shown here"
                return IdentityNotice(
                    at: at, text: "\(removed.reason ?? IdentityChanges.removedText(removed.schoolName))\(who).",
                    school: removed.school, shownAt: shown)
            }
            for school in Set(recordsGone.map(\.school)).sorted() {
                let name = recordsGone.first { $0.school == school }?.schoolName ?? school
                // The children only the gone records linked, named as the
                // status line names them (a record the school deleted cannot
                // be read: then said without names).
                func linked(_ contacts: [String]) -> Set<String> {
                    Set(
                        contacts.flatMap { id in
                            ((try? source.contact(id, school: school)) ?? nil)?.value.students.filter(
                                \.parentalResponsibility
                            ).map(\.student) ?? []
                        })
                }
                let kept = check.schools.first { $0.school == school }?.contacts ?? []
                let keptLinks = linked(kept)
                let lost = children.filter { $0.school == school && !keptLinks.contains($0.ref.student) }
                // No child lost (a record renumbered, or merged into the one
                // that stays): the school still holds the details, so no note
                // (Home said it "no longer holds these details" of a merge).
                guard !lost.isEmpty else { continue }
                let names = lost.map(\.forename)
                let who = "\(CalendarExport.list(names)) \(names.count == 1 ? "is" : "are") no longer shown here"
                notices.append(
                    IdentityNotice(
                        at: at,
                        text: "\(name) no longer holds these details for you on one of your contact records: \(who).",
                        school: school, shownAt: shown))
            }
            do {
                try IdentityNotice.add(
                    notices, session: session.id, dataDirectory: account.dataDirectory, files: files, now: at)
            } catch let crash as SimulatedCrash {
                throw crash
            } catch {
                // The change itself is saved below; only its note for later is lost.
            }
            let texts = Set(notices.map(\.text))
            shared.withLock { $0.notices = notices + $0.notices.filter { !texts.contains($0.text) } }
        }
        // A school that joins again takes its notice of going with it, and
        // so does a record that joins at a school that stays (the note said
        // "Rohan is no longer shown here" with Rohan back on Home).
        let rejoined = Set(report.identity.schoolsAdded.map(\.school)).union(
            report.identity.recordsAdded.map(\.school))
        if !rejoined.isEmpty {
            let at = account.securityClock.now()
            do {
                try IdentityNotice.add(
                    [], session: session.id, dataDirectory: account.dataDirectory, files: files, now: at,
                    removingSchools: rejoined)
            } catch let crash as SimulatedCrash {
                throw crash
            } catch {
                // A courtesy note: the session change below is what matters.
            }
            shared.withLock { $0.notices.removeAll { $0.school.map(rejoined.contains) == true } }
        }

        var updated = session
        updated.schools = check.schools
        // Schools the login could not look in stay so while their files
        // still cannot be read (and are not joined); read, they are settled.
        updated.unchecked = session.unchecked.filter { id in
            !after.contains(id)
                && check.problems.contains { $0.file.hasPrefix("\(StoreLayout.schoolsDirectory)/\(id)/") }
        }
        updated.children = session.children.filter { after.contains($0.school) }
        // Remembered only when nothing stopped it: otherwise checked again next time.
        updated.identityCheck =
            check.isComplete
            ? IdentityCheckpoint(sessionStamp: check.sessionStamp, storeStamp: check.storeStamp, next: check.next) : nil
        if !check.isUnchanged {
            do {
                let remaining = Dictionary(updated.schools.map { ($0.school, $0.contacts) }) { a, _ in a }
                let source = self.source
                report.identity.messagesHeld = try outbox.hold(
                    leaving: session, for: updated, reason: SyncEngine.identityHeldReason,
                    at: account.securityClock.now()
                ) { item in
                    // Every child it is about still linked, with parental
                    // responsibility and correspondence, by a record left.
                    guard let contacts = remaining[item.school], !item.students.isEmpty else { return false }
                    return item.students.allSatisfy { student in
                        contacts.contains { id in
                            ((try? source.contact(id, school: item.school))?.value.students ?? []).contains {
                                $0.student == student && $0.parentalResponsibility && $0.correspondence
                            }
                        }
                    }
                }
                let writer = StoreWriter(root: source.root, files: files)
                // One that cannot be withdrawn now (its school's folder
                // away) is withdrawn later, as after a logout: the change
                // itself goes ahead.
                var later: [(school: String, id: String)] = []
                for s in session.schools where !after.contains(s.school) {
                    do { try writer.unregister(id: s.registration, school: s.school) } catch let crash as SimulatedCrash
                    {
                        throw crash
                    } catch {
                        later.append((s.school, s.registration))
                    }
                }
                if !later.isEmpty {
                    try? PendingUnregistrations(dataDirectory: account.dataDirectory, files: files).add(
                        later, at: account.securityClock.now())
                }
                var renewed = updated
                renewed.schools = updated.schools.filter { u in
                    session.schools.contains { $0.school == u.school && $0.contacts != u.contacts }
                }
                if !renewed.schools.isEmpty { try account.register(renewed) }
            } catch let crash as SimulatedCrash {
                throw crash
            } catch {
                // Not committed: this sync goes on with the records that
                // still hold the details (nothing is sent for the others);
                // the next sync re-checks and tries again.
                report.problems.append(
                    SyncProblem(
                        kind: .notifications,
                        message:
                            "your login could not yet follow the school's changed details (\(error)); tried again at the next sync"
                    ))
                current.withLock { $0 = updated }
                return true
            }
        }
        // The commit point. Another process may have re-checked meanwhile:
        // then its result stands and this one is not written.
        let saved: Session?
        do {
            saved = try account.updateSession(session.id) { s in
                guard s.schools == session.schools else { return }
                s.schools = updated.schools
                s.unchecked = updated.unchecked
                s.children = updated.children
                s.identityCheck = updated.identityCheck
            }
        } catch let crash as SimulatedCrash {
            throw crash
        } catch {
            // Not saved: this sync goes on with the records that still hold
            // the details (nothing is sent for the others); the next re-checks.
            report.problems.append(
                SyncProblem(
                    kind: .localModel, file: Paths.join(account.dataDirectory, "session.json"),
                    message:
                        "the change to your login could not be saved (\(error)); it is tried again at the next sync"))
            current.withLock { $0 = updated }
            return true
        }
        guard let saved else {
            report.problems.append(SyncProblem(kind: .session, message: "You are logged out, so nothing was synced."))
            return false
        }
        current.withLock { $0 = saved }
        return true
    }

    /// Records troubles found (keeping the start of one that goes on) and
    /// clears those of schools that synced: in memory at once, and in
    /// `update` when something changed (a trouble that goes on unchanged
    /// writes nothing).
    private func noteTroubles(
        _ found: [String: StoreTrouble], cleared: [String], at now: Date, into update: inout ModelUpdate
    ) {
        shared.withLock { s in
            for (key, trouble) in found {
                let old = s.troubles[key]
                var t = trouble
                t.since = old?.since ?? now
                if !t.isSame(as: old) { update.troubles[key] = t }
                s.troubles[key] = t
            }
            for key in cleared where s.troubles[key] != nil || model.state.troubles[key] != nil {
                s.troubles[key] = nil
                update.clearedTroubles.insert(key)
            }
        }
    }

    /// Saves a trouble-only update (the store was away): best effort.
    private func commitTroubles(_ update: ModelUpdate, _ report: inout SyncReport) throws {
        guard !update.isEmpty, try sessionIsCurrent() else { return }
        do {
            try model.commit(update)
            report.modelChanged = true
        } catch let crash as SimulatedCrash {
            throw crash
        } catch {
            // Kept in memory; saved at a later sync.
        }
    }

    static func isCurrent(_ session: Session, account: ParentAccount) throws -> Bool {
        try saved(session, account: account) != nil
    }

    /// The saved session when it is still `session` (the same id), as saved
    /// now; nil when logged out, another login, or unreadable.
    static func saved(_ session: Session, account: ParentAccount) throws -> Session? {
        do {
            guard let saved = try account.loadSession(), saved.id == session.id else { return nil }
            return saved
        } catch let crash as SimulatedCrash {
            throw crash
        } catch {
            return nil
        }
    }

    /// Whether the session this engine serves is still the saved one.
    func sessionIsCurrent() throws -> Bool {
        try SyncEngine.isCurrent(session, account: account)
    }

    /// Registers again where the store lost the session's registration (a
    /// restored copy, a hand edit), at the schools that synced; returns the
    /// schools where it exists.
    func renewRegistration(_ report: inout SyncReport, synced: [String]) throws -> Set<String> {
        let writer = StoreWriter(root: source.root, files: files)
        func registered() -> Set<String> {
            Set(
                session.schools.filter { s in
                    let key = "\(s.school)/\(s.registration)"
                    let stamp = FileStamp.of(
                        source.resolved("\(StoreLayout.registrationsDirectory(s.school))/\(s.registration).json"))
                    if let stamp, shared.withLock({ $0.registrationsSeen[key] }) == stamp { return true }
                    guard writer.isRegistered(id: s.registration, school: s.school) else { return false }
                    if let stamp { shared.withLock { $0.registrationsSeen[key] = stamp } }
                    return true
                }.map(\.school))
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
                report.problems.append(
                    SyncProblem(
                        kind: .notifications,
                        message:
                            "notifications could not be renewed (\(error)); new messages will show when you open the app"
                    ))
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
            guard let saved = try SyncEngine.saved(session, account: account) else {
                var report = OutboxSendReport()
                report.problems.append("You are logged out, so nothing was sent.")
                return report
            }
            current.withLock { $0 = saved }
            let now = clock.now()
            // Who the parent still is, checked first as a sync does: "send
            // them, then log out" comes between syncs, and nothing goes out
            // under a record that no longer holds the parent's details
            // (those items are held, as at a sync).
            if source.unavailability() == nil {
                var check = SyncReport(startedAt: now)
                guard try recheckIdentity(at: now, &check), check.identity.notChecked == nil else {
                    var report = OutboxSendReport()
                    report.problems = check.problems.map(\.message)
                    return report
                }
            }
            return try outbox.send(source: source, session: session, now: now)
        }
        refreshSnapshot()
        return report
    }

    /// Queues a new message to a school on one of its topics, about some of
    /// the parent's children there (all of them when `children` is empty).
    /// Returns once the item is saved durably: it is then queued.
    public func compose(school: String, topic: String, body: String, children: [ChildRef] = []) throws(ComposeError)
        -> OutboxItem
    {
        let snap = snapshot
        guard let details = snap.school(school),
            let contacts = session.schools.first(where: { $0.school == school })?.contacts
        else {
            throw .unknownSchool(school)
        }
        guard details.incomingEnabled else { throw .incomingDisabled(schoolName: details.name) }
        guard details.topics.contains(topic) else { throw .unknownTopic(topic, offered: details.topics) }
        let text = try SyncEngine.checkedBody(body)
        let mine = snap.children.filter { $0.school == school }.map(\.ref)
        for c in children where !mine.contains(c) { throw .unknownChild(c) }
        let chosen = children.isEmpty ? mine : mine.filter(children.contains)
        let item = OutboxItem(
            key: Outbox.newKey(), kind: .message, school: school, contacts: contacts, students: chosen.map(\.student),
            topic: topic, body: text, createdAt: clock.now(), session: session.id, writer: session.writer)
        try save(item)
        return item
    }

    /// Queues a reply to a school message. Returns once it is saved durably.
    /// `topic`: one of the school's topics when the parent picked one;
    /// nil files it as "Re: <subject>".
    public func reply(to ref: MessageRef, body: String, topic: String? = nil) throws(ComposeError) -> OutboxItem {
        let snap = snapshot
        guard let message = snap.message(ref) else { throw .unknownMessage(ref) }
        guard let contacts = session.schools.first(where: { $0.school == ref.school })?.contacts else {
            throw .unknownSchool(ref.school)
        }
        guard message.canReply else { throw .incomingDisabled(schoolName: message.schoolName) }
        let text = try SyncEngine.checkedBody(body)
        let item = OutboxItem(
            key: Outbox.newKey(), kind: .reply, school: ref.school, contacts: contacts,
            students: message.children.map(\.student), topic: topic ?? "Re: \(message.subject)", body: text,
            message: ref.id, createdAt: clock.now(), session: session.id, writer: session.writer)
        try save(item)
        return item
    }

    /// Keeps what the parent was writing when the app had to end (the
    /// terminal closed, the process was asked to stop) as a held item:
    /// never sent without them, offered after the next unlock ("Messages
    /// kept from before") to edit, send or discard. Unlike ``compose``, the
    /// topic may be unchosen (nil) and the text unfinished or too long.
    public func keepUnsent(
        school: String, topic: String?, body: String, inReplyTo: String?, children: [ChildRef], reason: String
    ) throws(ComposeError) -> OutboxItem {
        let snap = keepingSnapshot
        // A school that left the session while the parent wrote to it: kept
        // for the records that were theirs (held: never sent on their behalf
        // unless they hold the parent's details again).
        guard
            let contacts = session.schools.first(where: { $0.school == school })?.contacts
                ?? shared.withLock({ $0.formerContacts[school] })
        else {
            throw .unknownSchool(school)
        }
        let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw .emptyBody }
        let now = clock.now()
        // When it was kept, on the real clock, as every held item's (a
        // session's end holds on it; these were on the shown clock, a demo date).
        let held = account.securityClock.now()
        let item: OutboxItem
        if let reply = inReplyTo {
            let message = snap.message(MessageRef(school: school, id: reply))
            item = OutboxItem(
                key: Outbox.newKey(), kind: .reply, school: school, contacts: contacts,
                students: message?.children.map(\.student) ?? children.map(\.student),
                topic: topic ?? message.map { "Re: \($0.subject)" }, body: text, message: reply, createdAt: now,
                session: session.id, heldAt: held, heldReason: reason, writer: session.writer)
        } else {
            item = OutboxItem(
                key: Outbox.newKey(), kind: .message, school: school, contacts: contacts,
                students: children.filter { $0.school == school }.map(\.student), topic: topic, body: text,
                createdAt: now, session: session.id, heldAt: held, heldReason: reason, writer: session.writer)
        }
        try save(item)
        return item
    }

    /// Queues an absence report, checked against the school's calendar as
    /// of the clock's today. Returns once it is saved durably: it is then
    /// queued, and goes out at the next sync like a message. With
    /// `heldReason` (the app had to end with the form filled in), it is kept
    /// instead, as a message from before: never sent without the parent.
    public func reportAbsence(_ draft: AbsenceDraft, heldReason: String? = nil) throws(AbsenceRefusal) -> OutboxItem {
        let snap = heldReason == nil ? snapshot : keepingSnapshot(for: draft.child)
        // Kept (held) for a school that left while it was filled in: for the
        // records that were the parent's there, never sent on their behalf
        // unless they hold the parent's details again.
        let former = heldReason == nil ? nil : shared.withLock { $0.formerContacts[draft.child.school] }
        guard let calendar = snap.absenceCalendar(school: draft.child.school),
            let contacts = session.schools.first(where: { $0.school == draft.child.school })?.contacts ?? former,
            let child = snap.child(draft.child)
        else { throw .unknownChild }
        if child.isLeaver, let left = child.leftOn, draft.to > left {
            throw .afterLeaving(forename: child.forename, schoolName: child.schoolName, leftOn: left)
        }
        let today = calendar.school.zone.civilDate(of: clock.now())
        let report: AbsenceReport
        let started = AbsencePlan.started(at: clock.now(), zone: calendar.school.zone)
        switch AbsencePlan.check(draft, calendar: calendar, today: today, startedToday: started) {
        case .failure(let refusal): throw refusal
        case .success(let r): report = r
        }
        var item = OutboxItem(
            key: Outbox.newKey(), kind: .absence, school: draft.child.school, contacts: contacts,
            students: [draft.child.student], topic: AbsenceReport.topic, body: report.body(childName: child.fullName),
            createdAt: clock.now(), session: session.id,
            heldAt: heldReason == nil ? nil : account.securityClock.now(),
            heldReason: heldReason, absence: report, writer: session.writer)
        item.schoolName = calendar.school.name
        do {
            try outbox.add(item)
        } catch {
            throw .notSaved("\(error)")
        }
        refreshSnapshot()
        return item
    }

    static func checkedBody(_ body: String) throws(ComposeError) -> String {
        let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw .emptyBody }
        guard text.count <= ComposeError.bodyLimit else { throw .bodyTooLong(limit: ComposeError.bodyLimit) }
        return text
    }

    private func save(_ item: OutboxItem) throws(ComposeError) {
        var item = item
        // A kept one's school may have left (its name from the model as it
        // was: the Kept screen said "Not linked now" without naming it).
        item.schoolName = (item.isHeld ? keepingSnapshot(for: item.school) : snapshot).school(item.school)?.name
        do {
            try outbox.add(item)
        } catch {
            throw .notSaved("\(error)")
        }
        refreshSnapshot()
    }

    /// Puts a failed item back in the queue.
    public func retry(_ key: String) throws {
        try outbox.retry(key)
        refreshSnapshot()
    }

    /// Removes a failed (or sent) item of this session from the outbox, or
    /// a recovered one (held from an earlier session of the same parent).
    public func discard(_ key: String) throws {
        guard let item = try outbox.item(key),
            item.isCurrent(in: session) || item.isKept(for: session)
        else {
            return
        }
        try outbox.discard(key)
        refreshSnapshot()
    }

    /// Sends a recovered item (see ``ParentModel/recovered``): it joins this
    /// session's queue under its own idempotency key, so the school files it
    /// exactly once, at the next sync. False when `key` is not a recovered
    /// item of this parent.
    ///
    /// An absence report is checked again as of now, as a new one is (its
    /// days against the calendar, the limit, the late flag) and goes with
    /// the time it is sent: one kept from yesterday reached the school
    /// stamped yesterday and "not late". Refused (its days are now too long
    /// ago, say), it stays kept and the refusal says why.
    @discardableResult
    public func release(_ key: String) throws -> Bool {
        guard try sessionIsCurrent() else { return false }
        var now: OutboxItem?
        if let item = try outbox.item(key), item.kind == .absence { now = try recheckedAbsence(item) }
        guard try outbox.release(key, to: session, as: now) else { return false }
        refreshSnapshot()
        return true
    }

    /// A kept absence report as it would be made now: its sessions, late
    /// flag, text and time worked out again against the school's calendar.
    func recheckedAbsence(_ item: OutboxItem) throws(AbsenceRefusal) -> OutboxItem {
        guard let old = item.absence else { return item }
        let snap = snapshot
        let ref = ChildRef(school: item.school, student: old.student)
        guard let calendar = snap.absenceCalendar(school: item.school), let child = snap.child(ref) else {
            throw .unknownChild
        }
        let draft = AbsenceDraft(
            child: ref, from: old.from, to: old.to, part: old.part, reason: old.reason, note: old.note ?? "")
        if child.isLeaver, let left = child.leftOn, draft.to > left {
            throw .afterLeaving(forename: child.forename, schoolName: child.schoolName, leftOn: left)
        }
        let at = clock.now()
        switch AbsencePlan.check(
            draft, calendar: calendar, today: calendar.school.zone.civilDate(of: at),
            startedToday: AbsencePlan.started(at: at, zone: calendar.school.zone))
        {
        case .failure(let refusal): throw refusal
        case .success(let report):
            var fresh = item
            fresh.absence = report
            fresh.body = report.body(childName: child.fullName)
            fresh.createdAt = at
            return fresh
        }
    }
}
