import ParentCore
import TerminalKit

extension Route {
    /// The first frame, painted before anything slow happens.
    static let opening = Route(OpeningScreen.self)
}

/// The first frame, painted before the store is read. Should opening fail
/// (a data directory that cannot be read), it says so and offers the
/// store-problem keys: R tries again, q quits (it stayed on "Opening…"
/// with nothing to press but Ctrl-C).
enum OpeningScreen: Screen {
    static let title = "Opening"

    static func chain(_ s: AppState) -> [KeyContext] {
        s.opening.failed == nil ? [.global] : [.storeProblem, .global]
    }

    static func update(_ command: Command, _ s: inout AppState) -> [Effect]? {
        guard command == .refresh, s.opening.failed != nil else { return nil }
        s.opening.failed = nil
        return [.open]
    }

    /// A logged-in parent goes to the PIN lock whatever state the store is
    /// in (their data is local); one who must log in needs a usable store,
    /// and sees why not when it is not.
    static func opened(_ opening: ServiceOpening, _ s: inout AppState) -> [Effect] {
        if s.route == .login {
            // The look at the store after a session ended: the form stays as
            // it is (the parent may be typing) while the store can be used;
            // otherwise why nobody can log in now, under why they must.
            guard case .loggedOut = opening.status, !opening.problems.isEmpty else { return [] }
            s.store = opening.store
            s.storeProblem.problems = opening.problems
            s.storeProblem.unreachable = opening.unreachable
            LoginScreen.prepare(reason: LoginScreen.reason(s), &s)
            s.reset(to: .storeProblem)
            return []
        }
        s.store = opening.store
        s.preferences = opening.preferences
        switch opening.status {
        case .loggedOut(let reason):
            // Why the parent must log in is kept through the store-problem
            // screen's retries (a logout's, ten wrong PINs').
            LoginScreen.prepare(reason: reason ?? (s.route == .storeProblem ? LoginScreen.reason(s) : nil), &s)
            if opening.problems.isEmpty {
                s.reset(to: .login)
            } else {
                // A retry from the store-problem screen says how it went.
                if s.route == .storeProblem {
                    s.note(
                        "Tried again at \(s.displayZone.clockText(s.now)): still \(opening.unreachable ? "can't reach" : "can't use") the school data.",
                        seconds: 6)
                }
                s.storeProblem.problems = opening.problems
                s.storeProblem.unreachable = opening.unreachable
                s.reset(to: .storeProblem)
            }
        case .locked:
            UnlockScreen.prepare(message: nil, &s)
            s.reset(to: .unlock)
            return [.prefetch]
        }
        return []
    }

    static func failed(_ message: String, _ s: inout AppState) -> Bool {
        guard s.route == .opening else { return false }
        s.opening.failed = message
        return true
    }

    static func render(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        guard let failure = s.opening.failed else {
            c.text("Opening the school data…", x: area.x, y: area.y + 1, role: .dim, width: area.width)
            return
        }
        var y = area.y + 1
        y += c.wrapped(failure, x: area.x, y: y, width: area.width, maxRows: 6, role: .error) + 1
        _ = c.wrapped(
            "\(StoreProblemScreen.key(.refresh, s)) tries again; \(StoreProblemScreen.key(.quit, s)) quits. Nothing of yours has been removed.",
            x: area.x, y: y, width: area.width,
            maxRows: 2, role: .dim)
    }
}
