import Foundation
import ParentCore
import SchoolStore
import TerminalKit

/// `reduce(state, action) -> effects`: the only place the app's state
/// changes. Keys become commands through the `Keymap`; screens handle their
/// commands in `Reducer+<Screen>.swift`; anything that touches the outside
/// world leaves as an `Effect`.
public enum Reducer {
    public static let keymap = Keymap()

    public static func reduce(_ s: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case let .key(key):
            return handle(key: key, &s)
        case let .tick(date):
            return tick(date, &s)
        case let .opened(status, summary):
            s.store = summary
            return opened(status, &s)
        case let .storeInvalid(problems):
            s.storeProblems = problems
            s.reset(to: .storeProblem)
            return []
        case let .loginFinished(outcome):
            return loginFinished(outcome, &s)
        case let .pinSetFinished(refusal):
            return pinSetFinished(refusal, &s)
        case let .unlockFinished(outcome):
            return unlockFinished(outcome, &s)
        case let .modelLoaded(snapshot):
            s.snapshot = snapshot
            return []
        case let .syncProgress(text):
            s.syncActivity = text
            return []
        case .syncStarted:
            s.syncing = true
            return []
        case let .syncFinished(summary):
            s.syncing = false
            s.syncActivity = nil
            s.lastSync = summary
            if let problem = summary.problems.first {
                s.note("Sync problem: \(problem)", role: .error, seconds: 12)
            } else if let first = summary.announcements.first {
                let more = summary.announcements.count > 1 ? " (+\(summary.announcements.count - 1) more)" : ""
                s.note("New message: \(first)\(more)", role: .toast, seconds: 10)
                return [.bell]
            }
            return []
        case let .loggedOut(unregistered):
            s = AppState(size: s.size, now: s.now, settings: s.settings).with(store: s.store)
            s.reset(to: .login)
            s.login.reason = unregistered ? "You have logged out. You won't get notifications until you log in again."
                : "You have logged out on this device, but the school's server could not be told; notifications may still arrive until it is."
            return []
        case let .editorFinished(text):
            return editorFinished(text, &s)
        case let .failed(message):
            s.login.isBusy = false
            s.pin.isBusy = false
            s.logout.isBusy = false
            s.note(message, role: .error, seconds: 12)
            return []
        case let .notice(text):
            s.note(text)
            return []
        }
    }

    // MARK: - Keys

    static func context(_ s: AppState) -> (KeyContext, inForm: Bool) {
        switch s.route {
        case .opening, .storeProblem: return (.global, false)
        case .login, .setPIN, .unlock: return (.form, true)
        case .home: return (.home, false)
        case .timeline: return s.timeline.searching ? (.form, true) : (.timeline, false)
        case .message: return (.message, false)
        case .compose: return (.compose, true)
        case .attendance: return (.attendance, false)
        case .school: return (.school, false)
        case .enhanced: return (.enhanced, false)
        case .help: return (.help, false)
        case .logout: return (.logout, false)
        }
    }

    static func handle(key: Key, _ s: inout AppState) -> [Effect] {
        s.lastActivity = s.now
        if case let .resize(size) = key {
            s.size = size
            return []
        }
        if case let .mouse(event) = key { return mouse(event, &s) }
        let (ctx, inForm) = context(s)
        let chain = Keymap.chain(for: ctx, inForm: inForm)
        if let command = keymap.command(for: key, in: chain) {
            return handle(command, &s)
        }
        if inForm { return type(key, &s) }
        return []
    }

    static func handle(_ command: Command, _ s: inout AppState) -> [Effect] {
        switch command {
        case .quit: s.quitRequested = true; return [.quit]
        case .redraw: return [.redraw]
        case .suspend: return [.suspend]
        case .help:
            if s.route == .help { s.pop() } else { s.helpScroll = 0; s.push(.help) }
            return []
        default: break
        }
        switch s.route {
        case .opening: return []
        case .storeProblem: return []
        case .login: return loginCommand(command, &s)
        case .setPIN, .unlock: return pinCommand(command, &s)
        case .help: return helpCommand(command, &s)
        case .logout: return logoutCommand(command, &s)
        case .school: return schoolCommand(command, &s) ?? appCommand(command, &s)
        case .compose: return composeCommand(command, &s)
        case .home: return homeCommand(command, &s) ?? appCommand(command, &s)
        case .timeline: return timelineCommand(command, &s) ?? appCommand(command, &s)
        case .message: return messageCommand(command, &s) ?? appCommand(command, &s)
        case .attendance: return attendanceCommand(command, &s) ?? appCommand(command, &s)
        case .enhanced: return enhancedCommand(command, &s) ?? appCommand(command, &s)
        }
    }

    /// Commands every unlocked screen shares.
    static func appCommand(_ command: Command, _ s: inout AppState) -> [Effect] {
        guard s.unlocked else { return [] }
        switch command {
        case let .section(n) where (1...Route.sections.count).contains(n):
            s.show(section: Route.sections[n - 1])
            return []
        case .back:
            s.pop()
            return []
        case .refresh:
            guard !s.syncing else { return [] }
            s.lastSyncStarted = s.now
            return [.sync(manual: true)]
        case .lock:
            return lock(&s, reason: nil)
        case .logout:
            s.logout = LogoutView()
            s.logout.pending = s.snapshot?.model.unsentCount ?? 0
            s.push(.logout)
            return []
        default:
            return []
        }
    }

    static func lock(_ s: inout AppState, reason: String?) -> [Effect] {
        s.lockedStack = s.stack
        s.unlocked = false
        s.pin = PinForm()
        s.pin.message = reason
        s.reset(to: .unlock)
        return []
    }

    // MARK: - Time

    static func tick(_ date: Date, _ s: inout AppState) -> [Effect] {
        s.now = date
        if let note = s.note, note.until <= date { s.note = nil }
        guard s.unlocked else { return [] }
        if date.timeIntervalSince(s.lastActivity) >= s.settings.idleRelock {
            return lock(&s, reason: "Locked after \(Int(s.settings.idleRelock / 60)) minutes without use.")
        }
        if !s.syncing, date.timeIntervalSince(s.lastSyncStarted ?? .distantPast) >= s.settings.syncInterval {
            s.lastSyncStarted = date
            return [.sync(manual: false)]
        }
        return []
    }

    static func opened(_ status: AccountStatus, _ s: inout AppState) -> [Effect] {
        switch status {
        case let .loggedOut(reason):
            s.login = LoginForm()
            s.login.reason = reason
            s.reset(to: .login)
        case .locked:
            s.pin = PinForm()
            s.reset(to: .unlock)
        }
        return []
    }
}

extension AppState {
    /// A fresh state that keeps what is known about the store.
    func with(store: StoreSummary?) -> AppState {
        var copy = self
        copy.store = store
        return copy
    }
}
