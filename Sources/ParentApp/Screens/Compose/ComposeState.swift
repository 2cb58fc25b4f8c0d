import ParentCore
import TerminalKit

/// Writing to a school. A new message is about one child (whose school
/// accepts messages) and needs a topic from the school's list, chosen by the
/// parent: there is no default. A reply keeps the message's school and
/// children. The cursor starts in the message, so typing writes it.
struct ComposeState: ScreenState {
    enum Field: Sendable, Equatable { case about, topic, body }

    struct Reply: Sendable, Equatable {
        var school: String
        var message: String
        var subject: String
    }

    /// The children a new message can be about: those whose school accepts
    /// messages through Xpressions.
    var children: [ChildRef] = []
    var childIndex = 0
    /// The topic chosen, as an index into the school's topics; nil until chosen.
    var topic: Int?
    /// The school's topics as last seen while it was on the device: a
    /// topic chosen is kept by name when the school leaves mid-message (the
    /// kept message lost it, and reopened at "Choose a topic").
    var topicsSeen: [String] = []
    /// The message: several lines (Enter starts a new one), wrapped to the
    /// screen; what `$EDITOR` wrote comes back here and can be typed on.
    var body = TextArea(
        placeholder:
            "Type your message, or \(Reducer.keymap.name(.editInEditor, in: [.compose])) for $EDITOR")
    var focus: Field = .body
    var reply: Reply?
    /// Why the message was not sent yet ("Please choose a topic").
    var message: String?
    /// Esc was pressed once with something written: a second Esc discards it.
    var discardAsked = false
    /// Typing on a picker moved the cursor to the message: the hint saying
    /// so stays while the parent types on.
    var movedFromPicker = false
    /// The session ended while this was being written (the schools no
    /// longer hold the parent's details): why. The text stays in view to be
    /// copied; nothing can be sent, and leaving goes to the login.
    var sessionEnded: String?
    /// The school turned messages off while this was written (said on the
    /// form; the saying goes when it turns them on again).
    var schoolTurnedOff = false
    /// The outbox item this form edits (a refused or kept message): it goes
    /// once the edited one is queued.
    var replaces: String?
    /// The child's name as last seen on the device: said when they leave
    /// it while the form is open (the form showed nothing).
    var childName: String?

    /// What will be sent.
    var text: String { body.text }

    /// The fields, in Tab order.
    var fields: [Field] { reply == nil ? [.about, .topic, .body] : [.body] }

    /// The child a new message is about.
    var child: ChildRef? { reply == nil && children.indices.contains(childIndex) ? children[childIndex] : nil }

    /// The school it goes to.
    var school: String? { reply?.school ?? child?.school }
}

extension AppState {
    var compose: ComposeState {
        get { screens[ComposeState.self] }
        set { screens[ComposeState.self] = newValue }
    }
}
