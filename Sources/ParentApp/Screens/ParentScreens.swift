import TerminalKit

/// The screens drawn from the parent's local model: home, timeline,
/// message, attendance and the Enhanced tabs.
enum ParentScreens {
    static func render(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        c.text("Loading your children's data…", x: area.x, y: area.y + 1, role: .dim, width: area.width)
    }
}
