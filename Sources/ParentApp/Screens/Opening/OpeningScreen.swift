import TerminalKit

extension Route {
    /// The first frame, painted before anything slow happens.
    static let opening = Route(OpeningScreen.self)
}

/// The first frame, painted before the store is read.
enum OpeningScreen: Screen {
    static let title = "Opening"

    static func render(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        c.text("Opening the school data…", x: area.x, y: area.y + 1, role: .dim, width: area.width)
    }
}
