import TerminalKit

extension Route {
    /// The store failed validation: its problems, and nothing else.
    static let storeProblem = Route(StoreProblemScreen.self)
}

/// The store's problems, when it fails validation and there is nothing
/// local to show instead.
enum StoreProblemScreen: Screen {
    static let title = "Store problem"

    static func render(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        var y = area.y
        if s.storeUnreachable {
            y +=
                c.wrapped(
                    "Can't reach the school data, so you can't log in yet. Please try again later: once you are logged in, the app shows what you had even when the school data is away.",
                    x: area.x, y: y, width: area.width, maxRows: 3, role: .error) + 1
        } else {
            c.text(
                "This store is not valid, so the app will not open it.", x: area.x, y: y, role: .error,
                width: area.width)
            y += 1
            c.text(
                "Fix these and check with `xpressions store validate DIR`:", x: area.x, y: y, role: .dim,
                width: area.width)
            y += 2
        }
        for problem in s.storeProblems {
            guard y < area.maxY else { break }
            y += c.wrapped(problem, x: area.x, y: y, width: area.width, maxRows: area.maxY - y)
        }
    }
}
