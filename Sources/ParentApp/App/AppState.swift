import Foundation
import ParentCore
import TerminalKit

/// The whole state of the app: a value. `Reducer.reduce` changes it,
/// `AppView` draws it; nothing else does either. What belongs to one screen
/// lives in ``screens`` under that screen's state type.
struct AppState: Sendable, Equatable {
    var size: Size
    var now: Date
    var settings: CoreSettings
    /// Routes, the current one last. Esc pops.
    var stack: [Route] = [.opening]
    var store: StoreSummary?
    var snapshot: ModelSnapshot?
    var lastActivity: Date
    /// False for the first frame only: it is painted before the app's clock
    /// is first read (that may read the store's demo date and time zone), so
    /// its title shows no time. The first tick sets it.
    var timeKnown: Bool
    var syncing = false
    /// The parent asked for a refresh (R) and its sync has not finished:
    /// its outcome is said even when nothing changed ("still can't reach").
    var refreshAsked = false
    /// Keys typed while a login, PIN or unlock was being checked: typed into
    /// the next screen when the check succeeds (as a terminal queues them),
    /// dropped when it does not.
    var typeAhead: [Key] = []
    var syncActivity: String?
    var lastSyncStarted: Date?
    var lastSync: SyncSummary?
    var note: StatusNote?
    /// What a sync said while the app was locked (the lock screen says only
    /// that something came in): said once the parent unlocks.
    var noteBehindLock: StatusNote?
    var quitRequested = false
    /// Logged in, PIN set, and unlocked: the parent's data may be shown.
    var unlocked = false
    /// Where the parent was when the app locked itself: unlocking goes back there.
    var lockedStack: [Route]?
    /// Each screen's own state.
    var screens = ScreenStates()
    /// The guided demo, while it is on.
    var tour: Tour?
    /// The device's settings (the preview pane): not the parent's, so kept
    /// when one parent logs out and another logs in.
    var preferences = DevicePreferences()

    init(size: Size, now: Date, settings: CoreSettings = CoreSettings(), timeKnown: Bool = true) {
        self.size = size
        self.now = now
        self.settings = settings
        self.timeKnown = timeKnown
        lastActivity = now
    }

    var route: Route { stack.last ?? .opening }

    /// Replaces the whole stack (after login, unlock, logout).
    mutating func reset(to route: Route) { stack = [route] }

    /// Whether `screen` is open, in view or under the lock (the app locks
    /// itself over a form being written; the form comes back at unlock).
    func holds(_ screen: any Screen.Type) -> Bool {
        (stack + (lockedStack ?? [])).contains { $0.shows(screen) }
    }

    mutating func push(_ route: Route) {
        if stack.last != route { stack.append(route) }
    }

    mutating func pop() {
        if stack.count > 1 { stack.removeLast() }
    }

    /// Goes to a top-level section, keeping Home at the bottom of the stack.
    mutating func show(section route: Route) {
        stack = route == .home ? [.home] : [.home, route]
    }

    mutating func note(_ text: String, role: Role = .text, seconds: TimeInterval = 6) {
        note = StatusNote(text: text, role: role, until: now.addingTimeInterval(seconds))
    }

    /// Forgets everything shown to the parent who was here: their data and
    /// every screen's state (a filter, a search, the child selected), so a
    /// parent who logs in next on this device starts afresh. The device's
    /// ``preferences`` stay.
    mutating func forgetParent() {
        snapshot = nil
        lockedStack = nil
        noteBehindLock = nil
        screens = ScreenStates()
    }

    /// A fresh state that keeps the size, clock, settings and what is known about the store.
    func fresh() -> AppState {
        var copy = AppState(size: size, now: now, settings: settings)
        copy.store = store
        copy.preferences = preferences  // the device's, not the parent's
        return copy
    }
}

extension AppState {
    /// The clock's minute since 1970: what the screens' worked-out lines
    /// and the loop's redraw follow (times are shown to the minute; the
    /// whole clock changes at every tick, ten a second).
    var minute: Int { Int((now.timeIntervalSince1970 / 60).rounded(.down)) }
}
