import Foundation
import SchoolStore

/// The parent's identity on this device: login with email, mobile and the
/// last 4 digits, the PIN, locking, and logout. Headless: the screens call
/// it; everything it writes goes through the `FileLayer` into the data
/// directory (0700, files 0600).
///
/// Files in the data directory:
/// - `session.json`: the `Session` (no email, phone number or PIN in it);
/// - `login-attempts.json`: the `AttemptLimiter`'s counts (email digests only);
/// - `model/`, `outbox/`: the local model and the outbox (see `LocalModel`, `Outbox`).
public final class ParentAccount: Sendable {
    public let store: FileStore
    public let dataDirectory: String
    public let files: any FileLayer
    public let clock: any WallClock
    public let settings: CoreSettings
    let limiter: AttemptLimiter
    let hasher: PinHasher

    public init(store: FileStore, dataDirectory: String, files: any FileLayer, clock: any WallClock, settings: CoreSettings = CoreSettings()) {
        self.store = store
        self.dataDirectory = dataDirectory
        self.files = files
        self.clock = clock
        self.settings = settings
        limiter = AttemptLimiter(files: files, path: "\(dataDirectory)/login-attempts.json", clock: clock,
                                 maxFailures: settings.loginAttempts, window: settings.loginWindow)
        hasher = PinHasher(cost: settings.pinCost)
    }

    var sessionPath: String { "\(dataDirectory)/session.json" }

    public func loadSession() throws -> Session? {
        guard let bytes = try files.read(sessionPath) else { return nil }
        return Session.decode(bytes)
    }

    func save(_ session: Session) throws {
        try files.makeDirectory(dataDirectory)
        try files.writeAtomically(JSONWriter().write(session.json), to: sessionPath)
    }

    // MARK: - Opening

    /// What the app shows first: the login or the PIN lock.
    /// A session not unlocked for `longAbsence` is ended (a full login again).
    public func status() throws -> AccountStatus {
        guard let session = try loadSession() else {
            if files.exists(sessionPath) {
                try wipeLocalData()
                return .loggedOut(reason: "Your saved session could not be read, so please log in again.")
            }
            return .loggedOut(reason: nil)
        }
        if clock.now().timeIntervalSince(session.lastUnlockedAt) > settings.longAbsence {
            try endSession(session)
            let days = Int(settings.longAbsence / 86_400)
            return .loggedOut(reason: "You haven't opened Xpressions for over \(days) days, so please log in again.")
        }
        guard session.pinHash != nil else {
            // Only an older build wrote a session before its PIN: treat it as no login.
            try endSession(session)
            return .loggedOut(reason: nil)
        }
        return .locked(session)
    }

    // MARK: - Login

    /// Checks email, mobile and the last 4 digits together. Nothing is
    /// revealed about which part was wrong; the attempt is counted on disk
    /// before the details are checked.
    ///
    /// Right details give a ``PendingLogin`` held in memory only: no session,
    /// no notification registration and no change to an existing session
    /// until ``setPIN(_:confirmation:for:)``. A process that ends at "Set a
    /// PIN" therefore leaves nothing behind, and the next start is a full login.
    public func logIn(email: String, mobile: String, lastFour: String) throws -> LoginOutcome {
        let key = EmailAddress.normalise(email)
        try files.makeDirectory(dataDirectory)
        let ticket: AttemptTicket
        do {
            ticket = try limiter.begin(key: key)
        } catch let AttemptLimiterError.lockedOut(until) {
            return .lockedOut(until: until)
        }
        let now = clock.now()
        let match = try IdentityMatcher(store: store).match(email: email, mobile: mobile, at: now)
        let digits = lastFour.filter(\.isNumber)
        let confirmed = digits.count == 4 ? match.heldMobiles.first { ConstantTime.equals(Array($0.lastFour.utf8), Array(digits.utf8)) } : nil
        guard match.identified, let confirmed else {
            switch try limiter.failed(ticket) {
            case let .lockedOut(until): return .lockedOut(until: until)
            case let .open(remaining): return .rejected(message: LoginOutcome.rejectionText, attemptsLeft: remaining)
            }
        }
        try limiter.succeeded(ticket)
        guard match.canLogIn else { return .noChildren(message: LoginOutcome.noChildrenText) }
        return .loggedIn(PendingLogin(id: ParentAccount.randomID(), checkedAt: now, emailDigest: AttemptLimiter.keyDigest(key),
                                      match: match, mobile: confirmed))
    }

    /// Registers the session for notifications at each of its schools (a
    /// record the school side sees). Safe to repeat.
    public func register(_ session: Session) throws {
        let writer = StoreWriter(root: store.layout.root, files: files)
        for s in session.schools {
            let zone = try store.school(s.school).zone
            try writer.register(NotificationRegistration(id: s.registration, contacts: s.contacts, registeredAt: clock.now(),
                                                         client: "xpressions-terminal"), school: s.school, zone: zone)
        }
    }

    public func isRegistered(_ session: Session) -> Bool {
        let writer = StoreWriter(root: store.layout.root, files: files)
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
        let now = clock.now()
        if var current = try loadSession() {
            if current.id == login.id {
                current.pinHash = hash
                current.pinFailures = 0
                current.lastUnlockedAt = now
                try save(current)
                return nil
            }
            // A new login re-matches everything; the old session (and its model) goes.
            try endSession(current)
        }
        let session = login.session(pinHash: hash, at: now)
        try save(session)
        try register(session)
        return nil
    }

    /// Checks a PIN. The failure is counted on disk before the check, so a
    /// crash mid-check still counts it; after `pinAttempts` wrong PINs in a
    /// row the session ends and local data is wiped.
    public func unlock(pin: String) throws -> UnlockOutcome {
        guard var session = try loadSession(), let hash = session.pinHash else { return .wiped }
        session.pinFailures += 1
        try save(session)
        if try hasher.verify(pin, against: hash) {
            session.pinFailures = 0
            session.lastUnlockedAt = clock.now()
            try save(session)
            return .unlocked(session)
        }
        if session.pinFailures >= settings.pinAttempts {
            try endSession(session)
            return .wiped
        }
        return .wrong(attemptsLeft: settings.pinAttempts - session.pinFailures)
    }

    /// Records activity for the long-absence rule (called on unlock).
    public func touch() throws {
        guard var session = try loadSession() else { return }
        session.lastUnlockedAt = clock.now()
        try save(session)
    }

    // MARK: - Logout

    /// Ends the session deliberately: removes the notification registrations
    /// from the store (no notifications until the next login), then wipes
    /// all local data of the session. Returns false when a registration
    /// could not be removed (the store was unreachable); local data is wiped
    /// either way.
    @discardableResult
    public func logOut() throws -> Bool {
        guard let session = try loadSession() else { try wipeLocalData(); return true }
        return try endSession(session)
    }

    @discardableResult
    func endSession(_ session: Session) throws -> Bool {
        let writer = StoreWriter(root: store.layout.root, files: files)
        var unregistered = true
        for s in session.schools {
            do { try writer.unregister(id: s.registration, school: s.school) } catch { unregistered = false }
        }
        try wipeLocalData()
        return unregistered
    }

    /// Removes the session, the local model and the outbox; the login
    /// attempt counts stay (they protect the device, and hold no email).
    func wipeLocalData() throws {
        try files.remove(sessionPath)
        try files.removeTree("\(dataDirectory)/model")
        try files.removeTree("\(dataDirectory)/outbox")
    }
}
