import TerminalKit

/// Writing to a school: which school (of those that accept messages),
/// which topic (the school's list), and the text. A reply keeps the school
/// and names the message it answers.
public struct ComposeForm: Sendable, Equatable {
    public struct Reply: Sendable, Equatable {
        public var school: String
        public var message: String
        public var subject: String
    }

    /// Schools the parent can write to (incoming Xpressions enabled).
    public var schools: [String] = []
    public var schoolIndex = 0
    public var topicIndex = 0
    public var body = TextField(placeholder: "Type your message, or Ctrl-E for $EDITOR")
    /// Text written in `$EDITOR` (several lines): replaces the one-line field
    /// until edited again.
    public var longText: String?

    /// What will be sent.
    public var text: String { longText ?? body.text }
    /// 0 = school, 1 = topic, 2 = text.
    public var focus = 2
    public var reply: Reply?
    public var message: String?

    public init() {}
}
