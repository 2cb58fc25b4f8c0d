import Foundation

/// The tunable rules of the parent side, with the defaults the issues set.
public struct CoreSettings: Sendable, Equatable {
    /// Relock after this long without a key press (default 5 minutes).
    public var idleRelock: TimeInterval = 5 * 60
    /// A full login again after this long without an unlock (default 30 days).
    public var longAbsence: TimeInterval = 30 * 86_400
    /// Login attempts allowed per email within the window.
    public var loginAttempts = 5
    public var loginWindow: TimeInterval = 15 * 60
    /// Consecutive wrong PINs before the session ends.
    public var pinAttempts = 10
    /// yescrypt cost for PIN hashes; nil = libxcrypt's default.
    public var pinCost: Int? = nil
    /// Background sync interval while the app is open.
    public var syncInterval: TimeInterval = 60
    /// How often a sync looks at the whole store for contact records that
    /// newly hold the parent's details (a duplicate added, a second school):
    /// two `stat`s a school of the store. The session's own records are
    /// re-checked at every sync whatever this says.
    public var identityLookupInterval: TimeInterval = 5 * 60
    /// A store of at most this many schools is looked at whole at every
    /// sync, a larger one every ``identityLookupInterval``. Two `stat`s a
    /// school: 0.28 ms measured at 50 would take an unchanged re-sync to the
    /// 5%-of-a-full-sync budget; about 0.11 ms at 20 keeps it within.
    public var identityLookupEverySyncUpTo = 20
    /// The app shows an as-of view (`--now`): it works in an
    /// ``AsOfSandbox``, so nothing it does is kept on the device or written
    /// to the school's data, and the forms say so.
    public var asOfView = false
    /// The moment an as-of view starts at (its clock moves on from there):
    /// what is sent from then on went into the view's copy only, what was
    /// sent before it is the device's and did reach the school.
    public var asOfStart: Date? = nil
    /// Where login attempts are counted when not in the store the app
    /// works on: the real store, under an as-of view's sandbox store (an
    /// as-of view is no way round the attempt limit).
    public var loginAttemptsStore: String? = nil
    /// The device's own data directory, under an as-of view's sandbox:
    /// each PIN tried in the view counts on the device's session too, and
    /// the limit ends it as it would without `--now` (a view per ten tries
    /// was a way round the limit).
    public var pinCountDataDirectory: String? = nil

    public init() {}
}
