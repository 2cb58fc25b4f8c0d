import TerminalKit

/// The first frame (painted before the store is read) and, if the store
/// fails validation, the list of its problems.
enum OpeningScreen {
    static func render(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        c.text("Opening the school data…", x: area.x, y: area.y + 1, role: .dim, width: area.width)
    }

    static func renderProblems(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        var y = area.y
        c.text("This store is not valid, so the app will not open it.", x: area.x, y: y, role: .error, width: area.width)
        y += 1
        c.text("Fix these and check with `xpressions store validate DIR`:", x: area.x, y: y, role: .dim, width: area.width)
        y += 2
        for problem in s.storeProblems {
            guard y < area.maxY else { break }
            y += c.wrapped(problem, x: area.x, y: y, width: area.width, maxRows: area.maxY - y)
        }
    }
}
