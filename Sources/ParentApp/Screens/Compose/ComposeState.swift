import TerminalKit

/// Writing to a school: which school (of those that accept messages),
/// which topic (the school's list), and the text. A reply keeps the school
/// and names the message it answers.
struct ComposeState: ScreenState {
    struct Reply: Sendable, Equatable {
        var school: String
        var message: String
        var subject: String
    }

    /// Schools the parent can write to (incoming Xpressions enabled).
    var schools: [String] = []
    var schoolIndex = 0
    var topicIndex = 0
    var body = TextField(placeholder: "Type your message, or Ctrl-E for $EDITOR")
    /// Text written in `$EDITOR` (several lines): replaces the one-line field
    /// until edited again.
    var longText: String?

    /// What will be sent.
    var text: String { longText ?? body.text }
    /// 0 = school, 1 = topic, 2 = text.
    var focus = 2
    var reply: Reply?
    var message: String?
}

extension AppState {
    var compose: ComposeState {
        get { screens[ComposeState.self] }
        set { screens[ComposeState.self] = newValue }
    }
}
