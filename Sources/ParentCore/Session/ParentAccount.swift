import Foundation
import SchoolStore

/// The parent's identity on this device: login with email, mobile and the
/// last 4 digits, the PIN, locking, and logout. Headless: the screens call
/// it; everything it writes goes through the `FileLayer` into the data
/// directory (0700, files 0600).
///
/// Only login, sync and (un)registration need the school data store: it is
/// held as a ``StoreConnection`` and opened when first needed, so a parent
/// whose store is away still opens the app, unlocks and reads the local
/// model.
///
/// Two clocks: `clock` is what the app shows (support staff may move it with
/// `--now`); `securityClock` (the real time in the app) decides the 30-day
/// rule, `lastUnlockedAt` and the login attempt window, so moving the shown
/// time never ends a session or opens a lock-out.
///
/// Login attempts are limited twice: by the device's own count (a first
/// line) and by the store's records (``StoreAttemptLimiter``, which decides:
/// deleting the data directory or using another resets nothing).
///
/// Files in the data directory:
/// - `session.json`: the `Session` (no email, phone number or PIN in it);
/// - `session-ended.json`: why the last session ended by itself at a sync
///   (the school's details changed), shown at the next login;
/// - `login-attempts.json`: the `AttemptLimiter`'s counts (keyed email digests only);
/// - `install.key`: the ``InstallKey`` those digests are keyed with;
/// - `model/`, `outbox/`: the local model and the outbox (see `LocalModel`, `Outbox`);
/// - `damaged/`: files of the parent side that could not be used, moved aside.
public final class ParentAccount: Sendable {
    /// The school data store, opened on demand.
    public let connection: StoreConnection
    public let dataDirectory: String
    public let files: any FileLayer
    /// The app's clock (what the parent or support engineer sees).
    public let clock: any WallClock
    /// The clock of security decisions (the 30-day rule, unlock times, the
    /// login attempt window). Defaults to `clock`.
    public let securityClock: any WallClock
    public let settings: CoreSettings
    let limiter: AttemptLimiter
    let hasher: PinHasher
    private let key: Locked<InstallKey?>

    /// An account whose store is opened when first needed.
    public convenience init(
        storeRoot: String, dataDirectory: String, files: any FileLayer, clock: any WallClock,
        securityClock: (any WallClock)? = nil, settings: CoreSettings = CoreSettings()
    ) {
        self.init(
            connection: StoreConnection(root: storeRoot), dataDirectory: dataDirectory, files: files, clock: clock,
            securityClock: securityClock, settings: settings)
    }

    /// An account on a store already opened.
    public convenience init(
        store: FileStore, dataDirectory: String, files: any FileLayer, clock: any WallClock,
        securityClock: (any WallClock)? = nil, settings: CoreSettings = CoreSettings()
    ) {
        self.init(
            connection: StoreConnection(store: store), dataDirectory: dataDirectory, files: files, clock: clock,
            securityClock: securityClock, settings: settings)
    }

    public init(
        connection: StoreConnection, dataDirectory: String, files: any FileLayer, clock: any WallClock,
        securityClock: (any WallClock)? = nil, settings: CoreSettings = CoreSettings()
    ) {
        self.connection = connection
        self.dataDirectory = dataDirectory
        self.files = files
        self.clock = clock
        let security = securityClock ?? clock
        self.securityClock = security
        self.settings = settings
        let key = Locked<InstallKey?>(nil)
        self.key = key
        limiter = AttemptLimiter(
            files: files, path: "\(dataDirectory)/login-attempts.json", clock: security,
            maxFailures: settings.loginAttempts, window: settings.loginWindow,
            digest: { email in
                try ParentAccount.installKey(key, dataDirectory: dataDirectory, files: files).emailDigest(email)
            })
        hasher = PinHasher(cost: settings.pinCost)
    }

    /// The install key, loaded (or made) once.
    private static func installKey(_ box: Locked<InstallKey?>, dataDirectory: String, files: any FileLayer) throws
        -> InstallKey
    {
        try box.withLock { key in
            if let key { return key }
            try files.makeDirectory(dataDirectory)
            let loaded = try InstallKey.load(dataDirectory: dataDirectory, files: files)
            key = loaded
            return loaded
        }
    }

    /// The data directory's install key, loaded (or made) once: the key of
    /// the session's digests.
    public func installKey() throws -> InstallKey {
        try ParentAccount.installKey(key, dataDirectory: dataDirectory, files: files)
    }

    /// The store, opened now if it is not yet. Throws ``StoreUnavailable``
    /// when it cannot be reached or is not valid.
    public var store: FileStore {
        get throws(StoreUnavailable) { try connection.open() }
    }

    var sessionPath: String { "\(dataDirectory)/session.json" }
    var endedNotePath: String { "\(dataDirectory)/\(ParentAccount.endedNoteName)" }
    static let endedNoteName = "session-ended.json"
    var damaged: DamagedFiles { DamagedFiles(dataDirectory: dataDirectory, files: files) }
    var outbox: Outbox { Outbox(dataDirectory: dataDirectory, files: files) }

    /// The saved session; nil when there is none or it cannot be read (see
    /// ``status()``, which sets a damaged one aside).
    public func loadSession() throws -> Session? {
        guard case .session(let session, _) = try readSession() else { return nil }
        return session
    }

    enum SessionFile {
        case none
        case damaged
        /// `lastSaved`: when the file was last written (the file system's
        /// real time), for a session an earlier build wrote.
        case session(Session, earlierBuildSavedAt: Date?)
    }

    func readSession() throws -> SessionFile {
        // A directory, a FIFO or a device in its place is damage, never read.
        // So is one grown past any session's size (a few KB): never read whole.
        if let info = files.modificationInfo(sessionPath),
            info.isDirectory || info.isSpecial || info.size > Session.maximumFileSize
        {
            return .damaged
        }
        let read: [UInt8]?
        do { read = try files.read(sessionPath) } catch let e as FileLayerError
            where e.code == EACCES || e.code == EPERM
        {
            return .damaged  // a mode the parent cannot read: as unreadable as a truncated file
        }
        guard let bytes = read else { return .none }
        guard let session = Session.decode(bytes) else { return .damaged }
        var savedAt: Date? = nil
        if Session.version(of: bytes) < Session.version, let info = files.modificationInfo(sessionPath) {
            savedAt = Date(timeIntervalSince1970: Double(info.modificationNanoseconds) / 1e9)
        }
        return .session(session, earlierBuildSavedAt: savedAt)
    }

    func save(_ session: Session) throws {
        try files.makeDirectory(dataDirectory)
        // Under the data directory's lock: a sweep of temporary files by
        // another process never takes this write's temporary file.
        try DirectoryLock.withLock(dataDirectory) {
            try files.writeAtomically(JSONWriter().write(session.json), to: sessionPath)
        }
    }

    /// Changes the saved session `id` in place: read, change and write under
    /// the data directory's lock, so that two changes at once (an unlock
    /// counting a PIN and a sync re-checking the contact records, in one
    /// process or two) never undo each other. Returns the session as saved,
    /// or nil when the saved session is not `id` (logged out, another
    /// login, unreadable): then nothing is written.
    @discardableResult
    func updateSession(_ id: String, _ change: (inout Session) throws -> Void) throws -> Session? {
        try files.makeDirectory(dataDirectory)
        return try DirectoryLock.withLock(dataDirectory) {
            guard case .session(let current, _) = try readSession(), current.id == id else { return nil }
            var changed = current
            try change(&changed)
            if changed != current { try files.writeAtomically(JSONWriter().write(changed.json), to: sessionPath) }
            return changed
        }
    }

    /// Where the children's photos and the schools' logos are kept on the
    /// device, as the store gave them, for the store away (``ParentService/pictures(for:)``);
    /// removed with the model at a session's end.
    var picturesPath: String { Paths.join(dataDirectory, "pictures") }

    /// Why the last session ended by itself at a sync, when it did (shown
    /// at the login until a new session starts).
    public func endedReason() -> String? {
        guard let bytes = try? files.read(endedNotePath), let value = try? JSONParser.parse(bytes),
            case .string(let reason)? = value["reason"]
        else { return nil }
        return reason
    }

    // MARK: - Opening

    /// What the app shows first: the login or the PIN lock.
    ///
    /// The session ends (a full login again, unsent messages held for the
    /// same parent) when it was not unlocked for `longAbsence` on the
    /// security clock, or its failed-PIN count has reached the limit. A
    /// `session.json` that cannot be read is moved to `damaged/` (the outbox
    /// and the model stay; unsent messages are held): logged out, with a
    /// plain reason.
    public func status() throws -> AccountStatus {
        let session: Session
        let lastUnlocked: Date
        switch try readSession() {
        case .none:
            return .loggedOut(reason: endedReason())
        case .damaged:
            return .loggedOut(reason: try endDamagedSession())
        case .session(let s, let savedAt):
            session = s
            // An earlier build stamped unlocks with the shown clock (a demo
            // date, `--now`): its last save on the real clock counts too.
            lastUnlocked = max(s.lastUnlockedAt, savedAt ?? s.lastUnlockedAt)
        }
        if session.pinFailures >= settings.pinAttempts {
            let held = try endSession(session, reason: "Too many wrong PINs")
            return .loggedOut(
                reason: "Too many wrong PINs were entered, so please log in again." + ParentAccount.keptText(held.held))
        }
        if securityClock.now().timeIntervalSince(lastUnlocked) > settings.longAbsence {
            let span = ParentAccount.spanText(settings.longAbsence)
            let held = try endSession(session, reason: "Not opened for over \(span)")
            return .loggedOut(
                reason: "You haven't opened Xpressions for over \(span), so please log in again."
                    + ParentAccount.keptText(held.held))
        }
        guard session.pinHash != nil else {
            // An older build wrote a session at login, before its PIN: no
            // login. With a model beside it, a PIN was set and the file is
            // damaged: set aside, the model kept (it was deleted, and
            // nothing said).
            // The same with only something written waiting in the outbox
            // (it was ended without a word, its messages then offered as
            // "you logged in again").
            if files.exists(Paths.join(dataDirectory, "model")) || !((try? outbox.items()) ?? []).isEmpty {
                return .loggedOut(reason: try endDamagedSession())
            }
            try endSession(session)
            return .loggedOut(reason: nil)
        }
        return .locked(session)
    }

    /// Sets a damaged `session.json` aside (``setAsideDamagedSession()``)
    /// and says why the parent logs in again, noted for the login screen.
    func endDamagedSession() throws -> String {
        let held = try setAsideDamagedSession()
        let reason =
            "Your saved login on this device could not be read, so please log in again."
            + ParentAccount.keptText(held)
        // Said again at each start until a new login (it was said once,
        // on a screen the store being away never showed).
        try noteEnded(reason)
        return reason
    }

    /// The end of a session found unreadable at an unlock
    /// (``UnlockOutcome/unreadable``): a damaged file set aside, with its
    /// reason; none there (logged out by another process), that reason.
    public func endUnreadableSession() throws -> String {
        switch try readSession() {
        case .damaged: return try endDamagedSession()
        case .none: return endedReason() ?? ParentAccount.loggedOutElsewhere
        case .session: return "Your saved login changed on this device. Please log in again."
        }
    }

    /// "30 days", "2 hours", "5 minutes", "2 seconds": the long-absence
    /// setting in the largest whole unit (`--login-again-after 2s` said
    /// "over 0 days").
    static func spanText(_ seconds: TimeInterval) -> String {
        let s = max(0, Int(seconds))
        for (unit, size) in [("day", 86_400), ("hour", 3600), ("minute", 60)] where s >= size {
            let n = s / size
            return "\(n) \(unit)\(n == 1 ? "" : "s")"
        }
        return "\(s) second\(s == 1 ? "" : "s")"
    }

    /// Why the parent logs in again when the session went without a word
    /// here (another process logged out).
    public static let loggedOutElsewhere = "You were logged out on this device. Please log in again."

    public static func keptText(_ held: Int, after reason: String = "") -> String {
        guard held > 0 else { return "" }
        // Matched to the next login by digests made with this device's key:
        // with that key replaced, they cannot be (it promised they would).
        if IdentityRecheck.loses(reason) {
            return
                " \(held == 1 ? "A message you had not sent is" : "\(held) messages you had not sent are") kept on this device, but can no longer be matched to a login (the key that matched it was damaged), so it is not offered again: support can read it in the data directory's outbox folder."
        }
        return
            " \(held == 1 ? "A message you had not sent is" : "\(held) messages you had not sent are") kept on this device and offered to you when you log in again with the same email and mobile."
    }

    /// Moves a damaged `session.json` to `damaged/`, first holding every
    /// unsent message in the outbox (whose session it was cannot be read).
    /// Returns how many were held.
    func setAsideDamagedSession() throws -> Int {
        try withdrawRegistrationsOfUnreadableSession()
        let held = try outbox.hold(of: nil, reason: "Your saved login could not be read", at: securityClock.now())
        try files.makeDirectory(dataDirectory)
        try DirectoryLock.withLock(dataDirectory) {
            _ = try damaged.setAside(sessionPath, as: "session.json", at: securityClock.now())
        }
        return held
    }

    /// The notification registrations of a session whose file cannot be
    /// read, withdrawn as at any session's end (left, the school went on
    /// taking this device for registered after the parent logged out, and
    /// sent no backup SMS). A registration is named by its session's id,
    /// which the model's manifest keeps (and the outbox's items): withdrawn
    /// at every school of the store, best effort (the store may be away).
    func withdrawRegistrationsOfUnreadableSession() throws {
        var ids = Set<String>()
        // The schools it was registered at, should the store be away: those
        // the model synced and those the outbox wrote to.
        var schools = Set<String>()
        if let bytes = try? files.read(Paths.join(dataDirectory, "model/manifest.json")),
            let value = try? JSONParser.parse(bytes), case .string(let id)? = value["session"]
        {
            ids.insert(id)
            if case .object(let synced)? = value["syncedAt"] { schools.formUnion(synced.map(\.0)) }
        }
        for item in (try? outbox.items()) ?? [] {
            if let id = item.session {
                ids.insert(id)
                schools.insert(item.school)
            }
        }
        guard !ids.isEmpty else { return }
        guard let store = try? self.store else {
            // Withdrawn when the app next opens with the store, as after a
            // logout with the store away (they stayed, unmentioned).
            let later = schools.filter(MessageScope.isValidIdentifier).sorted().flatMap { school in
                ids.sorted().map { (school: school, id: $0) }
            }
            if !later.isEmpty {
                try? PendingUnregistrations(dataDirectory: dataDirectory, files: files).add(
                    later, at: securityClock.now())
            }
            return
        }
        let writer = StoreWriter(root: connection.root, files: files)
        for school in store.schoolIDs() {
            for id in ids.sorted() {
                do { try writer.unregister(id: id, school: school) } catch let crash as SimulatedCrash {
                    throw crash
                } catch {
                    // Best effort, as at any session's end.
                }
            }
        }
    }

    // MARK: - Login

    /// Checks email, mobile and the last 4 digits together. Nothing is
    /// revealed about which part was wrong; the attempt is counted on disk
    /// before the details are checked: first on the device (a first line),
    /// then in the store, whose count decides (``StoreAttemptLimiter``: 5 per
    /// 15 minutes on the real clock, whatever the data directory).
    ///
    /// Right details give a ``PendingLogin`` held in memory only: no session,
    /// no notification registration and no change to an existing session
    /// (nor to its wrong-PIN count) until ``setPIN(_:confirmation:for:)``. A
    /// process that ends at "Set a PIN" therefore leaves nothing behind, and
    /// the next start is a full login.
    /// Whether the store can be asked about `key` (a normalised email) and
    /// allows an attempt now.
    func storeAllows(_ key: String) -> Bool {
        guard connection.unavailability() == nil, let store = try? self.store,
            let server = StoreAttemptLimiter(
                store: store, files: files, clock: securityClock, maxFailures: settings.loginAttempts,
                window: settings.loginWindow, recordsRoot: settings.loginAttemptsStore),
            let counted = try? server.status(email: key)
        else { return false }
        return counted.lockedUntil == nil
    }

    public func logIn(email: String, mobile: String, lastFour: String) throws -> LoginOutcome {
        let key = EmailAddress.normalise(EmailAddress.typed(email))
        try files.makeDirectory(dataDirectory)
        let ticket: AttemptTicket
        do {
            ticket = try limiter.begin(key: key)
        } catch let AttemptLimiterError.lockedOut(until) {
            // The device's count is a first line; the store's decides. When
            // the store can be asked and allows the email (a login on
            // another device settled the failures, or support cleared them),
            // the device's count gives way (it refused the right details
            // while doctor told support she could log in).
            guard storeAllows(key) else { return .lockedOut(until: until) }
            try limiter.clear(key: key)
            ticket = try limiter.begin(key: key)
        }
        // Until the details are checked, a failure to get there (the store
        // away, or its count refusing the email) is no attempt: the device's
        // pending failure is taken back (offline tries locked the right
        // parent out while the store's count said nothing).
        let now = clock.now()
        let store: FileStore
        var server: StoreAttemptLimiter?
        var serverTicket: StoreAttemptLimiter.Ticket?
        let match: IdentityMatch
        do {
            // The store gone or changed since it was opened (moved away
            // while the login form was up): the login waits, and no attempt
            // counts (the opened store answered "those details don't match"
            // and filed a failure for each try).
            if let unavailable = connection.unavailability() { throw unavailable }
            store = try self.store
            server = StoreAttemptLimiter(
                store: store, files: files, clock: securityClock, maxFailures: settings.loginAttempts,
                window: settings.loginWindow, recordsRoot: settings.loginAttemptsStore)
            if let server { serverTicket = try server.begin(email: key) }
            // A school whose files cannot be read is left out, not the
            // login (one broken contacts.json stopped every parent of the
            // store; a parent of two schools, one broken, was locked out of
            // both). Unless nothing can be said without it: below.
            match = try IdentityMatcher(store: store).match(
                email: email, mobile: mobile, at: now, skippingBrokenSchools: true)
            // No record found where the schools could be read, and some could
            // not: the parent's may be there. Not checked, so no attempt.
            if !match.identified, !match.skipped.isEmpty { throw StoreProblems(match.skipped) }
        } catch let crash as SimulatedCrash {
            throw crash
        } catch let AttemptLimiterError.lockedOut(until) {
            try? limiter.abandoned(ticket)
            return .lockedOut(until: until)
        } catch {
            // The details were never checked: no attempt, here or in the store.
            try? limiter.abandoned(ticket)
            if let server, let serverTicket { server.abandoned(serverTicket) }
            throw error
        }
        let digits = lastFour.filter(\.isNumber)
        let confirmed =
            digits.count == 4
            ? match.heldMobiles.first { ConstantTime.equals(Array($0.lastFour.utf8), Array(digits.utf8)) } : nil
        guard match.identified, let confirmed else {
            let local = try limiter.failed(ticket)
            // The store's count when there is one (it decides); the device's otherwise.
            if let counted = try server.map({ try $0.status(email: key) }) {
                if let until = counted.lockedUntil { return .lockedOut(until: until) }
                return .rejected(message: LoginOutcome.rejectionText, attemptsLeft: counted.remaining)
            }
            if let until = local.lockedUntil { return .lockedOut(until: until) }
            return .rejected(
                message: LoginOutcome.rejectionText, attemptsLeft: local.remaining ?? settings.loginAttempts)
        }
        try limiter.succeeded(ticket)
        if let server, let serverTicket { try server.succeeded(serverTicket) }
        guard match.canLogIn else {
            // The children may be at the school that could not be read.
            if !match.skipped.isEmpty { throw StoreProblems(match.skipped) }
            return .noChildren(message: LoginOutcome.noChildrenText)
        }
        let installKey = try installKey()
        var pending = PendingLogin(
            id: ParentAccount.randomID(), checkedAt: now, emailDigest: try limiter.digest(key),
            mobileDigest: installKey.mobileDigest(confirmed), keyCheck: installKey.check, match: match,
            mobile: confirmed)
        // Each matched school read the number given in its own country's
        // plan: the re-check of its records needs it as that school read it.
        for school in Set(match.qualifying.map(\.school)) {
            guard let code = try? store.school(school).countryCode,
                let number = PhoneNumber(mobile, defaultCountryCode: code)
            else { continue }
            let digest = installKey.mobileDigest(number)
            if digest != pending.mobileDigest { pending.otherMobileDigests[code] = digest }
        }
        // Said to the parent: their children there show once it can be read
        // (the sync's re-check looks the login up again, and its records join).
        pending.uncheckedSchools = match.skippedSchools
        pending.unchecked = match.skippedSchools.map { id in (try? store.school(id).name) ?? id }
        return .loggedIn(pending)
    }

    /// Registers the session for notifications at each of its schools (a
    /// record the school side sees). Safe to repeat.
    public func register(_ session: Session) throws {
        let writer = StoreWriter(root: connection.root, files: files)
        for s in session.schools {
            let zone = try store.school(s.school).zone
            try writer.register(
                NotificationRegistration(
                    id: s.registration, contacts: s.contacts, registeredAt: clock.now(),
                    client: "xpressions-terminal"), school: s.school, zone: zone)
        }
    }

    public func isRegistered(_ session: Session) -> Bool {
        let writer = StoreWriter(root: connection.root, files: files)
        return session.schools.allSatisfy { writer.isRegistered(id: $0.registration, school: $0.school) }
    }

    static func randomID() -> String {
        var g = SystemRandomNumberGenerator()
        return "s" + Hex.encode((0..<12).map { _ in UInt8.random(in: 0...255, using: &g) })
    }

    // MARK: - PIN

    /// Sets the PIN, typed twice, for a login whose details checked out, and
    /// only then makes it a session: the PIN rules are checked (with the
    /// login mobile, see ``PinPolicy``), the session is written with the
    /// PIN's hash, an older session of another login is ended (its model,
    /// outbox and registrations go), and the new session is registered for
    /// notifications. Returns the refusal a parent reads, or nil when set.
    /// Setting it again for the same pending login only replaces the PIN.
    public func setPIN(_ first: String, confirmation: String, for login: PendingLogin) throws -> String? {
        if let refusal = PinPolicy.standard.refusal(for: first, mobile: login.mobile) { return refusal.message }
        guard first == confirmation else { return "The two PINs don't match. Please type the same PIN twice." }
        let hash = try hasher.hash(first)
        let now = securityClock.now()
        if let current = try loadSession() {
            if current.id == login.id {
                try updateSession(login.id) { s in
                    s.pinHash = hash
                    s.pinFailures = 0
                    s.lastUnlockedAt = now
                }
                return nil
            }
            // A new login re-matches everything; the old session goes, its
            // unsent messages held for the same parent. Only here, with the
            // new PIN set, is its wrong-PIN count gone. Its model goes too,
            // unless the login is the same parent's (the same email and
            // mobile, by their keyed digests: a forgotten PIN), whose new
            // session takes it up, with what they read (it started again).
            let writer = login.emailDigest + "." + (login.mobileDigest ?? "")
            try endSession(current, keepingModel: current.writer == writer)
        }
        let session = login.session(pinHash: hash, at: now)
        try files.remove(endedNotePath)  // before the session: a note never outlives the login it was for
        try save(session)
        // The session stands from here. Registering for notifications needs
        // the store: with it gone since the login was checked, that is done
        // at the next unlock, as for any session not yet registered (it
        // said "cannot go on" with the session already made).
        do { try register(session) } catch let crash as SimulatedCrash { throw crash } catch {}
        return nil
    }

    /// Checks a PIN. The failure is counted on disk before the check, so a
    /// crash mid-check still counts it; after `pinAttempts` wrong PINs in a
    /// row the session ends (a full login again; unsent messages are held
    /// for the same parent). A count already at the limit (a damaged or
    /// edited file) ends it before any check.
    ///
    /// Every change is made in place under the data directory's lock
    /// (``updateSession(_:_:)``), so a sync changing the session's contact
    /// records meanwhile is never undone, nor the count lost.
    public func unlock(pin: String) throws -> UnlockOutcome {
        // Damaged or gone since the app opened: no PIN can be checked, and
        // it is no wrong PIN either (it said "Too many wrong PINs… data
        // removed" to the right PIN, and lost what was being written).
        guard let loaded = try loadSession(), let hash = loaded.pinHash else { return .unreadable }
        // An as-of view's tries count on the device's session too (the same
        // session, copied into the view's sandbox).
        let device = deviceAccount()
        let onDevice = try device?.loadSession().flatMap { $0.id == loaded.id ? $0 : nil }
        if max(loaded.pinFailures, onDevice?.pinFailures ?? 0) >= settings.pinAttempts {
            if let device, let onDevice { try device.endSession(onDevice, reason: "Too many wrong PINs") }
            try endSession(loaded, reason: "Too many wrong PINs")
            return .wiped
        }
        guard var counted = try updateSession(loaded.id, { $0.pinFailures += 1 }) else { return .wiped }
        if let device, onDevice != nil, let there = try device.updateSession(loaded.id, { $0.pinFailures += 1 }) {
            counted.pinFailures = max(counted.pinFailures, there.pinFailures)
        }
        let matches: Bool
        do { matches = try hasher.verify(pin, against: hash) } catch {
            // A hash no PIN can be checked against: the session is damaged,
            // set aside as an unreadable one is (each try counted as a
            // wrong PIN, until the tenth wiped the parent's data).
            _ = try endDamagedSession()
            return .unreadable
        }
        if matches {
            let now = securityClock.now()
            guard
                let session = try updateSession(
                    loaded.id,
                    { s in
                        s.pinFailures = 0
                        s.lastUnlockedAt = now
                    })
            else { return .wiped }
            // The device's count starts again too (nothing else of the
            // view's unlock reaches it: not the 30-day rule's time).
            if let device, onDevice != nil { try device.updateSession(loaded.id) { $0.pinFailures = 0 } }
            return .unlocked(session)
        }
        if counted.pinFailures >= settings.pinAttempts {
            if let device, let onDevice = try device.loadSession(), onDevice.id == loaded.id {
                try device.endSession(onDevice, reason: "Too many wrong PINs")
            }
            try endSession(counted, reason: "Too many wrong PINs")
            return .wiped
        }
        return .wrong(attemptsLeft: settings.pinAttempts - counted.pinFailures)
    }

    /// The device's own account under an as-of view's sandbox
    /// (``CoreSettings/pinCountDataDirectory``), on the real store; nil
    /// otherwise.
    private func deviceAccount() -> ParentAccount? {
        guard let real = settings.pinCountDataDirectory, real != dataDirectory else { return nil }
        var plain = settings
        plain.pinCountDataDirectory = nil
        plain.asOfView = false
        return ParentAccount(
            storeRoot: settings.loginAttemptsStore ?? connection.root, dataDirectory: real, files: files,
            clock: clock, securityClock: securityClock, settings: plain)
    }

    /// Records activity for the long-absence rule (called on unlock).
    public func touch() throws {
        guard let session = try loadSession() else { return }
        let now = securityClock.now()
        try updateSession(session.id) { $0.lastUnlockedAt = now }
    }

    // MARK: - Logout

    /// Logs out deliberately, never losing unsent messages silently: with
    /// messages or replies of the session unsent, `.onlyIfNothingUnsent`
    /// does nothing and returns them, and so does `.sendFirst` here (sending
    /// is the sync engine's, which checks first that the store's records
    /// still hold the parent's details: ``SyncCoordinator/logOut(_:)``
    /// sends, then logs out through this); `.discardUnsent` is the parent's explicit
    /// choice to drop them. Logging out removes the notification
    /// registrations from the store (no notifications until the next login),
    /// the session, the local model and the session's outbox items; held
    /// items of earlier sessions stay. `.loggedOut(unregistered: false)`
    /// when the store could not be told.
    public func logOut(_ choice: LogoutChoice = .onlyIfNothingUnsent) throws -> LogoutOutcome {
        guard let session = try loadSession() else {
            try files.remove(endedNotePath)
            if case .damaged = try readSession() { _ = try setAsideDamagedSession() }
            try files.removeTree("\(dataDirectory)/model")
            try damaged.removeModelCopies()
            try files.removeTree(picturesPath)
            try files.remove(Paths.join(dataDirectory, IdentityNotice.fileName))
            return .loggedOut(unregistered: true)
        }
        // What logging out would lose: the session's unsent messages and
        // those kept from an earlier login of the same parent (they would
        // stay on the device after "removes this device's copy").
        let kept = try outbox.items().filter { $0.isKept(for: session) }
        let unsent = try outbox.unsent(of: session) + kept.filter { $0.kind != .receipt }
        if !unsent.isEmpty {
            switch choice {
            case .onlyIfNothingUnsent, .sendFirst:
                return .unsent(unsent)
            case .discardUnsent:
                for item in unsent where item.isHeld { try outbox.discard(item.key) }
            }
        }
        // Read receipts held for this parent (never asked about) go with
        // the session they would have gone out with.
        for item in kept where item.kind == .receipt { try outbox.discard(item.key) }
        return .loggedOut(unregistered: try endSession(session, reason: nil).unregistered)
    }

    /// Ends a session: removes its notification registrations from the
    /// store (best effort: the store may be away), then `session.json` (the
    /// session is over from here), then the session's outbox items (with
    /// `reason`, its unsent messages and replies are held instead: the parent
    /// did not choose to discard them), then the local model.
    @discardableResult
    func endSession(_ session: Session, reason: String?, keepingModel: Bool = false) throws -> (
        unregistered: Bool, held: Int
    ) {
        let writer = StoreWriter(root: connection.root, files: files)
        var unregistered = true
        // The store away: nothing can be withdrawn now (removing a file
        // that is not there would look like success), so the registrations
        // are remembered and withdrawn when the app next opens with it.
        let away = connection.unavailability() != nil
        var later: [(school: String, id: String)] = []
        for s in session.schools {
            if away {
                later.append((s.school, s.registration))
                continue
            }
            do { try writer.unregister(id: s.registration, school: s.school) } catch let crash as SimulatedCrash {
                throw crash
            } catch {
                later.append((s.school, s.registration))
            }
        }
        if !later.isEmpty {
            unregistered = false
            try? PendingUnregistrations(dataDirectory: dataDirectory, files: files).add(
                later, at: securityClock.now())
        }
        try files.remove(sessionPath)
        var held = 0
        if let reason {
            held = try outbox.hold(of: session, reason: reason, at: securityClock.now())
        } else {
            try outbox.removeAll(of: session)
        }
        if !keepingModel {
            try files.removeTree("\(dataDirectory)/model")
            try damaged.removeModelCopies()
            try files.removeTree(picturesPath)
        }
        // What re-checks took away names the children: it goes with the
        // session (it outlived the next parent's logout).
        try files.remove(Paths.join(dataDirectory, IdentityNotice.fileName))
        return (unregistered, held)
    }

    /// The message a parent reads when a sync's re-check finds that no
    /// contact record holds their details any more.
    public static let detailsChangedText = "Your schools' details for you have changed. Please log in again."

    /// Ends a session because the store no longer holds the parent's
    /// details (a sync's identity re-check, ``IdentityRecheck``): first a
    /// note of `message` for the next login (`session-ended.json`, read by
    /// ``status()``), then as any session end the parent did not choose
    /// (``endSession(_:reason:)``): registrations withdrawn, `session.json`
    /// removed, unsent messages held for the same parent, the model removed.
    /// Returns how many messages were held.
    ///
    /// Ended because the device's key was replaced (``IdentityRecheck/loses(_:)``:
    /// the device's fault, not the school's), the model stays, named by the
    /// session's contact records, for the same parent's next login to take
    /// up: what they read and each school's last good copy.
    @discardableResult
    func endSession(_ session: Session, because message: String, heldReason: String) throws -> Int {
        let unsent = (try? outbox.unsent(of: session).count) ?? 0
        try noteEnded(message + ParentAccount.keptText(unsent, after: message))
        let keeping = IdentityRecheck.loses(message) && !session.schools.isEmpty
        if keeping {
            try LocalModel.relabel(dataDirectory: dataDirectory, writer: session.recordsWriter, files: files)
        }
        return try endSession(session, reason: heldReason, keepingModel: keeping).held
    }

    /// Keeps why the session ended for the login screen, until a new
    /// session starts (``endedReason()``).
    func noteEnded(_ reason: String) throws {
        var note = JSONObjectBuilder()
        note.set("reason", reason)
        note.set("at", Timestamp.format(securityClock.now()))
        try files.makeDirectory(dataDirectory)
        try DirectoryLock.withLock(dataDirectory) {
            try files.writeAtomically(JSONWriter().write(note.value), to: endedNotePath)
        }
    }

    /// A new login re-matches everything: the old session ends, its unsent
    /// messages held (see `logIn`).
    @discardableResult
    func endSession(_ session: Session, keepingModel: Bool = false) throws -> Bool {
        try endSession(session, reason: "You logged in again", keepingModel: keepingModel).unregistered
    }
}
