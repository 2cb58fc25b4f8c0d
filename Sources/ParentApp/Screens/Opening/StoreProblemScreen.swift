import Foundation
import TerminalKit

extension Route {
    /// The store failed validation: its problems, and nothing else.
    static let storeProblem = Route(StoreProblemScreen.self)
}

extension KeyContext {
    static let storeProblem = KeyContext("Store problem")
}

/// The store's problems, when it fails validation and there is nothing
/// local to show instead. The store is tried again by itself every
/// ``retryInterval`` and on `R`: once it can be used, the login screen.
enum StoreProblemScreen: Screen {
    static let title = "Store problem"
    static let retryInterval: TimeInterval = 15

    static let bindings: [Binding] = [
        Binding([.char("R"), .function(5)], .refresh, .storeProblem, "Try again now", footer: true),
        Binding([.char("q")], .quit, .storeProblem, "Quit", footer: true),
    ]

    static func chain(_ s: AppState) -> [KeyContext] { [.storeProblem, .global] }

    static func update(_ command: Command, _ s: inout AppState) -> [Effect]? {
        guard command == .refresh else { return nil }
        s.storeProblem.retryAt = s.now.addingTimeInterval(retryInterval)
        s.note("Trying the school data again…", seconds: 3)
        return [.open]
    }

    /// The store tried again by itself, every ``retryInterval``.
    static func tick(_ s: inout AppState) -> [Effect] {
        // A retry further off than one interval was timed by a clock that
        // has gone back since (the store's demo clock, once it could be
        // read): timed again from now.
        guard let at = s.storeProblem.retryAt, at.timeIntervalSince(s.now) <= retryInterval else {
            s.storeProblem.retryAt = s.now.addingTimeInterval(retryInterval)
            return []
        }
        guard s.now >= at else { return [] }
        s.storeProblem.retryAt = s.now.addingTimeInterval(retryInterval)
        return [.open]
    }

    static func render(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        var y = area.y
        // Why the parent must log in (a saved login that could not be
        // read), said here too: the login that says it waits for the store.
        if let reason = LoginScreen.reason(s) {
            y += c.wrapped(reason, x: area.x, y: y, width: area.width, maxRows: 3, role: .warning) + 1
        }
        if s.storeProblem.unreachable {
            y +=
                c.wrapped(
                    "Can't reach the school data, so you can't log in yet. The app tries again every \(Int(retryInterval)) seconds (\(key(.refresh, s)) tries now): once you are logged in, it shows what you had even when the school data is away.",
                    x: area.x, y: y, width: area.width, maxRows: 3, role: .error) + 1
        } else {
            c.text(
                "This store is not valid, so the app will not open it.", x: area.x, y: y, role: .error,
                width: area.width)
            y += 1
            y +=
                c.wrapped(
                    "Fix these and check with `xpressions store validate DIR`; the app tries again every \(Int(retryInterval)) seconds:",
                    x: area.x, y: y, width: area.width, maxRows: 2, role: .dim) + 1
        }
        for problem in s.storeProblem.problems {
            guard y < area.maxY else { break }
            y += c.wrapped(problem, x: area.x, y: y, width: area.width, maxRows: area.maxY - y)
        }
    }
}
