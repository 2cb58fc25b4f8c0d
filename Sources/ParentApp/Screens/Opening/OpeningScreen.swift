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
        s.openingFailed == nil ? [.global] : [.storeProblem, .global]
    }

    static func update(_ command: Command, _ s: inout AppState) -> [Effect]? {
        guard command == .refresh, s.openingFailed != nil else { return nil }
        s.openingFailed = nil
        return [.open]
    }

    static func failed(_ message: String, _ s: inout AppState) {
        if s.route == .opening { s.openingFailed = message }
    }

    static func render(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        guard let failure = s.openingFailed else {
            c.text("Opening the school data…", x: area.x, y: area.y + 1, role: .dim, width: area.width)
            return
        }
        var y = area.y + 1
        y += c.wrapped(failure, x: area.x, y: y, width: area.width, maxRows: 6, role: .error) + 1
        _ = c.wrapped(
            "\(StoreProblemScreen.key(.refresh)) tries again; \(StoreProblemScreen.key(.quit)) quits. Nothing of yours has been removed.",
            x: area.x, y: y, width: area.width,
            maxRows: 2, role: .dim)
    }
}
