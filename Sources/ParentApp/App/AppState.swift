import Foundation
import ParentCore
import SchoolStore
import TerminalKit

/// The whole state of the app: a value. `reduce` changes it, `AppView`
/// draws it; nothing else does either.
public struct AppState: Sendable {
    public var size: Size
    public var now: Date
    public var settings: CoreSettings
    /// Routes, the current one last. Esc pops.
    public var stack: [Route] = [.opening]
    public var store: StoreSummary?
    public var storeProblems: [String] = []
    public var snapshot: ModelSnapshot?
    public var login = LoginForm()
    public var pin = PinForm()
    public var lastActivity: Date
    public var syncing = false
    public var syncActivity: String?
    public var lastSyncStarted: Date?
    public var lastSync: SyncSummary?
    public var note: StatusNote?
    public var quitRequested = false
    public var school = SchoolView()
    public var helpScroll = 0
    public var logout = LogoutView()
    public var compose = ComposeForm()
    public var home = HomeView()
    public var timeline = TimelineView()
    public var message = MessageView()
    public var attendance = AttendanceView()
    public var enhanced = EnhancedView()

    public init(size: Size, now: Date, settings: CoreSettings = CoreSettings()) {
        self.size = size
        self.now = now
        self.settings = settings
        lastActivity = now
    }

    public var route: Route { stack.last ?? .opening }

    /// Logged in, PIN set, and unlocked: the parent's data may be shown.
    public var unlocked = false
    /// Where the parent was when the app locked itself: unlocking goes back there.
    public var lockedStack: [Route]?

    /// Replaces the whole stack (after login, unlock, logout).
    public mutating func reset(to route: Route) { stack = [route] }

    public mutating func push(_ route: Route) {
        if stack.last != route { stack.append(route) }
    }

    public mutating func pop() {
        if stack.count > 1 { stack.removeLast() }
    }

    /// Goes to a top-level section, keeping Home at the bottom of the stack.
    public mutating func show(section route: Route) {
        stack = route == .home ? [.home] : [.home, route]
    }

    public mutating func note(_ text: String, role: Role = .text, seconds: TimeInterval = 6) {
        note = StatusNote(text: text, role: role, until: now.addingTimeInterval(seconds))
    }
}
