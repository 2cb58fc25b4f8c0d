import Foundation
import SchoolStore

/// The parent's outgoing items, in `<data>/outbox/`: one file per item,
/// named by its idempotency key, written atomically and durably.
///
/// Exactly once, never lost, never doubled:
/// - an item is saved durably (``add(_:)`` returns only after the file and
///   its directory entry are on disk) before the app says "queued";
/// - every delivery attempt uses the item's key, and the store files an
///   item under its key with an exclusive create that ignores a key it
///   already holds (``StoreWriter/deliver(_:school:zone:)``);
/// - the item is marked sent only after the store holds it; a crash between
///   the two leaves it queued, and the next attempt finds the key already
///   held and just marks it sent.
///
/// Items belong to the login session that wrote them: a session that ends
/// without the parent discarding them (a damaged session, too many wrong
/// PINs, the 30-day rule, a new login) leaves its unsent messages held:
/// never sent, never shown to another parent, and offered to the same
/// parent (the same contact records at the same school) after a new login,
/// who may release or discard them. Files that cannot be read are moved to
/// `<data>/damaged/` and reported, never skipped silently. Changes are
/// serialised across processes by `outbox/.lock`.
///
/// Passing problems (the store unreachable, an I/O error) leave an item
/// queued with the reason, to be retried at the next sync; problems that
/// retrying cannot fix (the school turned off messages from parents, the
/// topic was withdrawn, the parent is no longer linked to the school) fail
/// it with a reason the parent reads, and the parent may retry or discard it.
public final class Outbox: Sendable {
    /// `<data>/outbox`.
    public let directory: String
    let files: any FileLayer
    let damaged: DamagedFiles
    private let serial = Locked(())

    public init(dataDirectory: String, files: any FileLayer) {
        directory = Paths.join(dataDirectory, "outbox")
        self.files = files
        damaged = DamagedFiles(dataDirectory: dataDirectory, files: files)
    }

    func path(_ key: String) -> String { Paths.join(directory, "\(key).json") }

    /// Runs `body` serialised with every other change to the outbox, in this
    /// process (a lock) and across processes (`outbox/.lock`). Never nested.
    private func locked<T>(creating: Bool = false, _ body: () throws -> T) throws -> T {
        try serial.withLock { _ in
            if creating { try files.makeDirectory(directory) }
            return try DirectoryLock.withLockIfPresent(directory, body)
        }
    }

    // MARK: - Reading

    /// Every item that can be read, oldest first (held ones and other
    /// sessions' included), and the names of the files that cannot (see
    /// ``setAsideDamaged(at:)``). Reads only.
    public func load() throws -> (items: [OutboxItem], damaged: [String], forbidden: [String]) {
        var out: [OutboxItem] = []
        var unreadable: [String] = []
        var forbidden: [String] = []
        for name in try files.list(directory) where name.hasSuffix(".json") {
            // An item is a message of at most a few thousand characters: one
            // grown far past that is damage, set aside unread.
            if let info = files.modificationInfo(Paths.join(directory, name)), info.size > OutboxItem.maximumFileSize {
                unreadable.append(name)
                continue
            }
            let bytes: [UInt8]?
            do {
                bytes = try files.read(Paths.join(directory, name))
            } catch let crash as SimulatedCrash {
                throw crash
            } catch let e as FileLayerError where e.code == EACCES || e.code == EPERM {
                // Not damaged: someone else's now (a `sudo xpressions` run).
                // Left in place, and sent once it is the parent's again.
                forbidden.append(name)
                continue
            } catch {
                unreadable.append(name)  // a directory in its place, say
                continue
            }
            guard let bytes else { continue }  // gone meanwhile: sent and pruned by another instance
            guard let item = OutboxItem.decode(bytes, file: name), "\(item.key).json" == name else {
                unreadable.append(name)
                continue
            }
            out.append(item)
        }
        return (out.sorted { ($0.createdAt, $0.key) < ($1.createdAt, $1.key) }, unreadable, forbidden)
    }

    /// Every item that can be read, oldest first (held ones and other
    /// sessions' included).
    public func items() throws -> [OutboxItem] { try load().items }

    public func item(_ key: String) throws -> OutboxItem? {
        try files.read(path(key)).flatMap { OutboxItem.decode($0, file: "\(key).json") }
    }

    /// The items of `session` itself (not held, its contact records), oldest first.
    public func items(of session: Session) throws -> [OutboxItem] {
        try items().filter { $0.isCurrent(in: session) }
    }

    /// Messages, replies and absence reports not yet sent (queued or
    /// failed): what logging out would lose. Read receipts are not counted.
    /// All sessions' items.
    public func unsentCount() throws -> Int {
        try items().filter { $0.kind != .receipt && $0.isUnsent && !$0.isHeld }.count
    }

    /// The messages and replies of `session` not yet sent (queued or failed).
    public func unsent(of session: Session) throws -> [OutboxItem] {
        try items(of: session).filter { $0.kind != .receipt && $0.isUnsent }
    }

    // MARK: - Damage and leftovers

    /// One outbox file that could not be read, and where it went.
    public struct DamagedItem: Sendable, Equatable {
        /// Its name in `outbox/`.
        public var file: String
        /// Its name in `damaged/`; nil when it could not be moved (it stays
        /// in the outbox, and is reported again next time).
        public var movedTo: String?
        /// Why it could not be moved.
        public var problem: String?
        /// Not damaged but not the parent's to read (permission denied):
        /// left where it is, and sent once it is theirs again.
        public var permissionDenied = false
    }

    /// Moves every outbox file that cannot be read into `damaged/` (never
    /// deletes it) and says which. Only a simulated crash escapes.
    public func setAsideDamaged(at date: Date) throws -> [DamagedItem] {
        guard files.exists(directory) else { return [] }
        if let moved = try setAsideIfNotADirectory(at: date) {
            return [DamagedItem(file: "outbox", movedTo: moved)]
        }
        return try locked {
            var out: [DamagedItem] = []
            let found = try load()
            for name in found.forbidden {
                out.append(DamagedItem(file: name, movedTo: nil, permissionDenied: true))
            }
            for name in found.damaged {
                do {
                    let moved = try damaged.setAside(path(String(name.dropLast(5))), as: "outbox.\(name)", at: date)
                    out.append(DamagedItem(file: name, movedTo: moved))
                } catch let crash as SimulatedCrash {
                    throw crash
                } catch {
                    out.append(DamagedItem(file: name, movedTo: nil, problem: "\(error)"))
                }
            }
            return out
        }
    }

    /// Something other than a directory where the outbox goes (a file
    /// written in its place): moved into `damaged/`, so messages can be
    /// queued again (every one was refused, "could not create the
    /// directory"). Returns the name it got there.
    func setAsideIfNotADirectory(at date: Date) throws -> String? {
        guard files.exists(directory) else { return nil }
        do {
            _ = try files.list(directory)
            return nil
        } catch let e as FileLayerError where e.code == ENOTDIR {
            return try serial.withLock { _ in try damaged.setAside(directory, as: "outbox", at: date) }
        } catch let crash as SimulatedCrash {
            throw crash
        } catch {
            return nil  // said by whatever needs the outbox next
        }
    }

    /// Removes temporary files a killed writer left in the outbox; returns
    /// how many.
    func sweepTemporaryFiles() throws -> Int {
        guard files.exists(directory) else { return 0 }
        return try locked { try files.sweepTemporaryFiles(in: directory).count }
    }

    // MARK: - Adding

    /// Saves a new item durably. When this returns, the item is queued.
    public func add(_ item: OutboxItem) throws {
        // Named by the real time, as every file set aside is (the item's
        // time is the app's clock: a demo store's day).
        _ = try setAsideIfNotADirectory(at: Date())
        try locked(creating: true) {
            try files.writeAtomically(item.encode(), to: path(item.key))
        }
    }

    /// A fresh idempotency key: 128 random bits.
    static func newKey() -> String {
        var g = SystemRandomNumberGenerator()
        return "x" + Hex.encode((0..<16).map { _ in UInt8.random(in: 0...255, using: &g) })
    }

    /// The key of the read receipt for one message in one session: the same
    /// whenever the message is opened, so it is recorded once.
    /// The key of the parent's read receipt of a message: of their contact
    /// records at its school, not of one login, so a parent who logs in
    /// again (or on another device) finds the receipt they sent and never
    /// sends a second one.
    static func receiptKey(contacts: [String], message: MessageRef) -> String {
        let who = contacts.sorted().joined(separator: ",")
        return "r" + String(SHA256.hexDigest("\(who)/\(message.school)/\(message.id)").prefix(32))
    }

    /// A failed item back in the queue (the parent chose to retry).
    public func retry(_ key: String) throws {
        try locked {
            guard var item = try item(key), !item.isHeld, case .failed = item.state else { return }
            item.state = .queued
            item.lastError = nil
            try files.writeAtomically(item.encode(), to: path(key))
        }
    }

    /// Removes an item that is not being sent (failed, sent, or held).
    public func discard(_ key: String) throws {
        try locked {
            guard let item = try item(key), item.state != .queued || item.isHeld else { return }
            try files.remove(path(key))
        }
    }

    /// Removes sent read receipts whose message the model records as read
    /// (keeps the outbox small; the model holds the read state from now on).
    func pruneReceipts(readKeys: Set<String>) throws {
        try locked {
            for item in try items() where item.kind == .receipt && !item.isHeld {
                guard case .sent = item.state, let m = item.message,
                    readKeys.contains(ReadPart.key(school: item.school, message: m))
                else { continue }
                try files.remove(path(item.key))
            }
        }
    }

    // MARK: - Sessions ending

    /// A session is ending (or has ended) without the parent discarding
    /// anything: its unsent messages and replies are held (never sent, never
    /// shown to another parent; offered to the same parent after a new
    /// login); so are its unsent read receipts (sent without asking once
    /// the same parent logs in again: the school learns what was read, and
    /// the read state comes back with them); sent items go. `session` nil:
    /// every item not held already (the session could not be read). Returns
    /// how many messages, replies and reports are held.
    @discardableResult
    func hold(of session: Session?, reason: String, at date: Date) throws -> Int {
        try settle(reason: reason, at: date) { item in session.map { item.isCurrent(in: $0) } ?? true }
    }

    /// Items no current session of `session` owns and not held yet (a
    /// session end cut short by a crash): held, as ``hold(of:reason:at:)``.
    @discardableResult
    func holdForeign(keeping session: Session, reason: String, at date: Date) throws -> Int {
        try settle(reason: reason, at: date) { !$0.isCurrent(in: session) }
    }

    /// A session's contact records changed (a sync's identity re-check
    /// dropped some): its items written for records it no longer holds are
    /// held, as ``hold(of:reason:at:)``, never sent on their behalf; they
    /// are offered again if the same records come back.
    @discardableResult
    func hold(
        leaving old: Session, for new: Session, reason: String, at date: Date,
        stillLinked: (OutboxItem) -> Bool = { _ in false }
    ) throws -> Int {
        // A read receipt at a school that stays (another of the parent's
        // records there still matches) goes from the records left: it says
        // the same parent read the message, and asks nothing of them. So
        // does a message about children the records left still link
        // (`stillLinked`): one about Aisha was held, and waited for the
        // parent to send it by hand, when the record linking her brother
        // stopped matching (an audit).
        if files.exists(directory) {
            try locked {
                for var item in try items()
                where !item.isHeld && item.isUnsent && item.isCurrent(in: old) && !item.isCurrent(in: new)
                    && (item.kind == .receipt || stillLinked(item))
                {
                    guard let contacts = new.schools.first(where: { $0.school == item.school })?.contacts else {
                        continue
                    }
                    item.contacts = contacts
                    item.session = new.id
                    try files.writeAtomically(item.encode(), to: path(item.key))
                }
            }
        }
        return try settle(reason: reason, at: date) { $0.isCurrent(in: old) && !$0.isCurrent(in: new) }
    }

    private func settle(reason: String, at date: Date, _ selected: (OutboxItem) -> Bool) throws -> Int {
        guard files.exists(directory) else { return 0 }
        return try locked {
            var held = 0
            for var item in try items() where !item.isHeld && selected(item) {
                if item.isUnsent {
                    item.heldAt = date
                    item.heldReason = reason
                    try files.writeAtomically(item.encode(), to: path(item.key))
                    if item.kind != .receipt { held += 1 }
                } else {
                    try files.remove(path(item.key))
                }
            }
            return held
        }
    }

    /// The parent discards everything unsent of `session` (an explicit
    /// choice at logout): its items go; other sessions' held items stay. The
    /// directory goes too when nothing is left in it.
    func removeAll(of session: Session) throws {
        guard files.exists(directory) else { return }
        try locked {
            for item in try items() where item.isCurrent(in: session) {
                try files.remove(path(item.key))
            }
        }
        let rest = try load()
        if rest.items.isEmpty && rest.damaged.isEmpty && rest.forbidden.isEmpty { try files.removeTree(directory) }
    }

    /// A held item the same parent chose to send: back in `session`'s queue,
    /// with its own key (so it is filed exactly once). False when it is not
    /// a held item of that parent.
    /// `updated`: the item as it goes now (an absence report checked again).
    func release(_ key: String, to session: Session, as updated: OutboxItem? = nil) throws -> Bool {
        try locked { try releaseUnderLock(key, to: session, as: updated) }
    }

    /// ``release(_:to:as:)`` under the lock the caller holds.
    private func releaseUnderLock(_ key: String, to session: Session, as updated: OutboxItem? = nil) throws -> Bool {
        guard let stored = try item(key), stored.isRecoverable(by: session),
            let contacts = session.schools.first(where: { $0.school == stored.school })?.contacts
        else { return false }
        var item =
            updated.map { u -> OutboxItem in
                var next = stored
                next.absence = u.absence
                next.body = u.body
                next.createdAt = u.createdAt
                return next
            } ?? stored
        item.contacts = contacts  // the session's own, should the school have renumbered them
        item.heldAt = nil
        item.heldReason = nil
        item.session = session.id
        item.state = .queued
        item.lastError = nil
        try files.writeAtomically(item.encode(), to: path(key))
        return true
    }

    // MARK: - Sending

    /// Tries to send every queued item. Never throws for a problem with an
    /// item (that goes in the report); only a simulated crash escapes.
    public func send(source: any SchoolDataSource, session: Session, now: Date) throws -> OutboxSendReport {
        try locked {
            var report = OutboxSendReport()
            let writer = StoreWriter(root: source.root, files: files)
            var all: [OutboxItem]
            do {
                all = try items()
                // Read receipts held from an earlier session of the same
                // parent (one that ended, a damaged session file) join the
                // queue: a receipt is not something to ask about. The outbox
                // is read again only when one did (once per send otherwise).
                let held = all.filter { $0.kind == .receipt && $0.isRecoverable(by: session) }
                if !held.isEmpty {
                    for item in held { _ = try releaseUnderLock(item.key, to: session) }
                    all = try items()
                }
            } catch let crash as SimulatedCrash { throw crash } catch {
                report.problems.append("could not read the outbox: \(error)")
                return report
            }
            var schools: [String: School] = [:]
            // Only this session's own items: never a held one, never one
            // written for contact records the session does not hold.
            for var item in all where item.state == .queued && item.isCurrent(in: session) {
                let outcome: Outcome
                do {
                    outcome = try deliver(item, source: source, writer: writer, session: session, schools: &schools)
                } catch let crash as SimulatedCrash {
                    throw crash
                } catch {
                    outcome = .retry(Outbox.describe(error))
                }
                switch outcome {
                case .sent:
                    item.state = .sent(at: now)
                    item.lastError = nil
                case .failed(let reason):
                    item.state = .failed(reason: reason)
                case .retry(let reason):
                    item.attempts += 1
                    item.lastError = reason
                }
                do {
                    try files.writeAtomically(item.encode(), to: path(item.key))
                } catch let crash as SimulatedCrash {
                    throw crash
                } catch {
                    // The state stays as it was on disk; a sent item is found
                    // in the store by its key next time.
                    report.problems.append("could not update outbox item \(item.key): \(error)")
                }
                switch item.state {
                case .sent: report.sent.append(item)
                case .failed: report.failed.append(item)
                case .queued: report.retrying.append(item)
                }
            }
            return report
        }
    }

    enum Outcome {
        case sent
        case failed(String)
        case retry(String)
    }

    private func deliver(
        _ item: OutboxItem, source: any SchoolDataSource, writer: StoreWriter, session: Session,
        schools: inout [String: School]
    ) throws -> Outcome {
        let held =
            item.kind == .receipt
            ? "\(StoreLayout.receiptsDirectory(item.school))/\(item.key).json"
            : "\(StoreLayout.inboxDirectory(item.school))/\(item.key).json"
        // An earlier attempt got through (a crash came before it was marked sent).
        if writer.holdsRecord(held) { return .sent }
        guard session.schools.contains(where: { $0.school == item.school }) else {
            return .failed("You are no longer linked to this school, so it cannot be sent.")
        }
        guard item.belongs(toContactsOf: session) else {
            return .failed("It was written for contact records this login does not hold, so it cannot be sent.")
        }
        let school: School
        if let s = schools[item.school] {
            school = s
        } else {
            do { school = try source.school(item.school) } catch {
                return .retry(
                    "the school's details could not be read (\(error.problems.first?.description ?? "store unreachable")); it will be sent later"
                )
            }
            schools[item.school] = school
        }
        // The children it is about must still be the parent's at the school
        // (parental responsibility and correspondence on one of its records):
        // the outbox goes before the school's data is read, so a child the
        // school unlinked since (a correction, a court order) is checked
        // here. It goes about the children still linked; about none, not at all.
        var item = item
        if item.kind != .receipt, !item.students.isEmpty {
            var linked = Set<String>()
            for id in item.contacts {
                do {
                    for link in try source.contact(id, school: item.school)?.value.students ?? []
                    where link.parentalResponsibility && link.correspondence {
                        linked.insert(link.student)
                    }
                } catch {
                    return .retry(
                        "the school's contact records could not be read (\(error.problems.first?.description ?? "store unreachable")); it will be sent later"
                    )
                }
            }
            let still = item.students.filter(linked.contains)
            guard !still.isEmpty else {
                return .failed(
                    "\(school.name) no longer lists you for the child it is about, so it was not sent. Please contact the school another way."
                )
            }
            item.students = still
        }
        // A read receipt goes from the parent's records that link the child
        // the message was for, never from a duplicate record that did not
        // get it (the school would learn a non-recipient read it).
        if item.kind == .receipt, !item.students.isEmpty {
            var from: [String] = []
            for id in item.contacts {
                do {
                    let links = try source.contact(id, school: item.school)?.value.students ?? []
                    if links.contains(where: { $0.parentalResponsibility && item.students.contains($0.student) }) {
                        from.append(id)
                    }
                } catch {
                    return .retry(
                        "the school's contact records could not be read (\(error.problems.first?.description ?? "store unreachable")); it will be sent later"
                    )
                }
            }
            guard !from.isEmpty else {
                return .failed("None of your records at the school links the child it was about now.")
            }
            item.contacts = from
        }
        switch item.kind {
        case .message, .reply:
            guard school.acceptsIncoming else {
                return .failed(
                    "\(school.name) has turned off messages from parents in Xpressions, so it was not sent. Please contact the school another way."
                )
            }
            if item.kind == .message {
                // A message without a topic (one kept when the app closed
                // while it was written) is never filed as it is: the school
                // requires one (it was filed with "" and made the store invalid).
                guard let topic = item.topic, !topic.isEmpty else {
                    return .failed("It has no topic, so it was not sent. Choose a topic and send it again.")
                }
                if !school.xpressions.topics.contains(topic) {
                    return .failed(
                        "\(school.name) no longer offers the topic \"\(topic)\". Choose another topic and send it again."
                    )
                }
            }
            _ = try writer.deliver(item.inboxItem, school: item.school, zone: school.zone)
        case .absence:
            guard school.acceptsIncoming else {
                return .failed(
                    "\(school.name) has turned off messages from parents in Xpressions, so the absence report was not sent. Please phone the school (\(school.phone))."
                )
            }
            guard item.absence != nil else { return .failed("The report is incomplete, so it cannot be sent.") }
            _ = try writer.deliver(item.inboxItem, school: item.school, zone: school.zone)
        case .receipt:
            _ = try writer.record(item.receipt, school: item.school, zone: school.zone)
        }
        return .sent
    }

    // MARK: - Acknowledgements

    /// Looks in the store for the school's acknowledgement of each of
    /// `session`'s sent absence reports not acknowledged yet, and records
    /// the time on the item. Returns the items newly acknowledged; a
    /// problem reading one goes in `problems` and it is looked for again
    /// next time, as is one stamped after `now` (it has not happened yet:
    /// taken when it has, and said then). Only a simulated crash escapes.
    public func collectAcknowledgements(
        source: any SchoolDataSource, session: Session, now: Date, problems: inout [String]
    ) throws -> [OutboxItem] {
        guard files.exists(directory) else { return [] }
        return try locked {
            let writer = StoreWriter(root: source.root, files: files)
            var found: [OutboxItem] = []
            let all: [OutboxItem]
            do { all = try items() } catch let crash as SimulatedCrash { throw crash } catch {
                // Said once: sending, just before, met the same.
                let line = "could not read the outbox: \(error)"
                if !problems.contains(line) { problems.append(line) }
                return []
            }
            for var item in all where item.kind == .absence && item.acknowledgedAt == nil && item.isCurrent(in: session)
            {
                guard case .sent = item.state else { continue }
                do {
                    guard let ack = try writer.acknowledgement(of: item.key, school: item.school) else { continue }
                    // The rule validate applies: not before the report was made.
                    guard ack.acknowledgedAt >= item.createdAt else {
                        problems.append(
                            "\(StoreLayout.acknowledgementsDirectory(item.school))/\(item.key).json: acknowledgedAt is before the report was made; not taken"
                        )
                        continue
                    }
                    guard AbsenceStatus.happened(ack.acknowledgedAt, by: now) else { continue }
                    item.acknowledgedAt = ack.acknowledgedAt
                    try files.writeAtomically(item.encode(), to: path(item.key))
                    found.append(item)
                } catch let crash as SimulatedCrash {
                    throw crash
                } catch let e as StoreProblems {
                    problems.append(e.problems.first?.description ?? "an acknowledgement could not be read")
                } catch {
                    problems.append("could not record the acknowledgement of \(item.key): \(error)")
                }
            }
            return found
        }
    }

    static func describe(_ error: any Error) -> String {
        if let e = error as? FileLayerError { return "\(e.description); it will be sent later" }
        if let e = error as? StoreProblems {
            return "\(e.problems.first?.description ?? "store problem"); it will be sent later"
        }
        return "\(error); it will be sent later"
    }
}
