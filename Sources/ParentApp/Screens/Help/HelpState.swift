/// The help screen, scrolled.
struct HelpState: ScreenState {
    var scroll = 0
    /// Help's lines at the body's width, worked out in
    /// ``HelpScreen/settle(_:)`` (the update, the settle at every tick once
    /// scrolled, and the render each worked them out again: a code audit).
    var lines = Derived<LinesKey, [(String, Role)]>()

    /// What the lines come from: the width, and the screens under help
    /// ("Here now") as the model stands.
    struct LinesKey: Equatable, Sendable {
        var width: Int
        var stack: [Route]
        var version: Int
        var generation: Int
        var unlocked: Bool
        var minute: Int
    }
}

extension AppState {
    var help: HelpState {
        get { screens[HelpState.self] }
        set { screens[HelpState.self] = newValue }
    }
}
