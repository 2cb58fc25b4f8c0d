import TerminalKit

/// One screen of the app, in one folder under `Screens/`: its state type
/// (kept in `AppState.screens`), how it turns commands and typed keys into
/// state changes and effects, which key contexts apply, and how it draws.
///
/// The loop asks the current route's screen. A new screen is a folder with a
/// type conforming to `Screen` plus one line in ``ScreenRegistry/all``
/// (see the ParentApp catalog, "Adding a screen").
/// The kind of text the cursor is in: a one-line field, or a message body
/// (which Enter breaks into lines).
enum TextCursor: Sendable, Equatable {
    case line
    case body
}

protocol Screen: SendableMetatype {
    /// The title bar's name for the screen (and its tab, for a section).
    static var title: String { get }
    /// What help says the section's number key opens (for a screen in
    /// ``ScreenRegistry/sections``): its title unless it says more.
    static var sectionHelp: String { get }
    /// The screen's own rows of the keymap table (its contexts' bindings).
    static var bindings: [Binding] { get }
    /// Whether the section tabs show above the screen (the parent's data).
    static var showsSections: Bool { get }
    /// Opened over whatever screen the parent was on, to read and close
    /// (Help, the codes): a guided tour's step closes it before its keys.
    static var isOverlay: Bool { get }
    /// The key contexts searched for a key, most specific first.
    static func chain(_ s: AppState) -> [KeyContext]
    /// Whether a text field has the keyboard: printable keys are then typed
    /// into it before any binding is looked at.
    static func isEditing(_ s: AppState) -> Bool
    /// Which text the cursor is in, when one is (help's "Here now" then
    /// lists the keys that edit it: Backspace, ← →, Ctrl-U…): nil on a
    /// picker, or with no field. Default: a line while ``isEditing(_:)``.
    static func textCursor(_ s: AppState) -> TextCursor?
    /// Whether `command` does something in this state. The footer lists
    /// only such keys (help is the whole reference, every key by context),
    /// and a disabled key does nothing (or, while a field has the keyboard,
    /// is typed into it).
    static func isEnabled(_ command: Command, _ s: AppState) -> Bool
    /// Whether the footer offers `command` (an enabled command it need not
    /// offer: a key that could only explain why not, such as writing when no
    /// child's school takes messages). Default: when it is enabled.
    static func isOffered(_ command: Command, _ s: AppState) -> Bool
    /// Handles a command; nil when the screen leaves it to the app-wide
    /// commands (sections, back, refresh, lock, log out).
    static func update(_ command: Command, _ s: inout AppState) -> [Effect]?
    /// A key no binding claimed: typing, or a picker's arrows.
    static func type(_ key: Key, _ s: inout AppState) -> [Effect]
    /// Pasted text (the terminal's bracketed paste) while a field has the
    /// keyboard. Default: typed character by character (``Reducer/typeEach(_:_:)``).
    static func paste(_ text: String, _ s: inout AppState) -> [Effect]
    /// A left click in the body (`area`), at `point`.
    static func click(at point: Point, in area: Rect, _ s: inout AppState) -> [Effect]
    /// Brings derived state up to date after any change (a list's query
    /// results and scroll offset), once per action: the view then reads it
    /// (a state drawn before any action, as in a snapshot test, is clamped
    /// the same way, so what it shows does not depend on that).
    static func settle(_ s: inout AppState)
    /// Draws the screen's body.
    static func render(_ s: AppState, in area: Rect, _ c: inout Canvas)
    /// An effect failed (`message`): a screen waiting on one (a busy login,
    /// PIN or logout) stops waiting, and may say it where the parent looks;
    /// true when it did (the status line then does not say it again).
    static func failed(_ message: String, _ s: inout AppState) -> Bool
    /// Whether the screen is checking what was typed (a login, a PIN): keys
    /// typed meanwhile are kept for the screen that comes next.
    static func isChecking(_ s: AppState) -> Bool
    /// Once a second, on the current screen (a retry that is due).
    static func tick(_ s: inout AppState) -> [Effect]
    // The next four are what happens to something the parent wrote; a
    // screen where they write conforms to ``WritingScreen``, which has no
    // defaults for them.

    /// Quitting (`q` where it is not text, Ctrl-C, Ctrl-Q) would lose
    /// something the parent wrote: the screen asks first and returns true
    /// (a second quit key goes ahead).
    static func holdsQuit(_ s: inout AppState) -> Bool
    /// What was written on this form could not be queued (`text` says why
    /// and what to do): the form keeps it and says so, and returns true;
    /// false when nothing was written here (the reason is then a note).
    static func notQueued(_ text: String, _ s: inout AppState) -> Bool
    /// The process is ending (the terminal closed, SIGTERM): whatever the
    /// screen holds that the parent wrote is kept now, as effects (every
    /// registered screen is asked, open or not: it checks the stack).
    static func terminating(_ s: inout AppState) -> [Effect]
    /// A new model snapshot is in (every registered screen hears it): a
    /// screen may offer itself (messages kept from before) or follow it.
    static func modelLoaded(_ s: inout AppState)
    /// The session ended by itself (`message` says why) while this screen
    /// is open: true when the screen keeps the parent where they are (a
    /// message being written stays in view, to copy; the login keeps what
    /// it says); false goes to the login with the reason.
    static func sessionEnded(_ message: String, _ s: inout AppState) -> Bool
    /// `$EDITOR` (``Effect/editInEditor(initial:)``, asked by this screen)
    /// ended with `text` (nil: it failed); the terminal was the editor's
    /// meanwhile, so this screen is still the one open.
    static func edited(_ text: String?, _ s: inout AppState) -> [Effect]
    /// The child in view (an index into the model's children), for a
    /// screen about one child or with one selected: a section's number key
    /// opens a section about one child on this child. nil: no child in view.
    static func childInView(_ s: AppState) -> Int?
    /// For a section about one child (Attendance, More): shows `index`,
    /// as it was when the parent was last there if it is the same child.
    static func show(child index: Int, _ s: inout AppState)
    /// Whether the screen has something to show now: its way in
    /// (``Command/show(_:)``, bound in the opener's context) is enabled,
    /// and offered in the footer, only then.
    static func canOpen(_ s: AppState) -> Bool
    /// Opens the screen from another (``Command/show(_:)``): fresh state,
    /// then the route pushed. Default: the route pushed, the state as it
    /// was left.
    static func open(_ s: inout AppState) -> [Effect]
}

extension Screen {
    /// The name of the key for `command` on this screen now ("Ctrl-S"),
    /// looked up along its chain, as the parent would press it.
    static func key(_ command: Command, _ s: AppState) -> String {
        Reducer.keymap.name(command, in: chain(s))
    }

    static var bindings: [Binding] { [] }
    static var sectionHelp: String { title }
    static var showsSections: Bool { false }
    static var isOverlay: Bool { false }
    static func chain(_ s: AppState) -> [KeyContext] { [.global] }
    static func isEditing(_ s: AppState) -> Bool { false }
    static func textCursor(_ s: AppState) -> TextCursor? { isEditing(s) ? .line : nil }
    static func isEnabled(_ command: Command, _ s: AppState) -> Bool { true }
    static func isOffered(_ command: Command, _ s: AppState) -> Bool { isEnabled(command, s) }
    static func update(_ command: Command, _ s: inout AppState) -> [Effect]? { nil }
    static func type(_ key: Key, _ s: inout AppState) -> [Effect] { [] }
    static func paste(_ text: String, _ s: inout AppState) -> [Effect] { Reducer.typeEach(text, &s) }
    static func click(at point: Point, in area: Rect, _ s: inout AppState) -> [Effect] { [] }
    static func settle(_ s: inout AppState) {}
    static func failed(_ message: String, _ s: inout AppState) -> Bool { false }
    static func isChecking(_ s: AppState) -> Bool { false }
    static func tick(_ s: inout AppState) -> [Effect] { [] }
    static func holdsQuit(_ s: inout AppState) -> Bool { false }
    static func notQueued(_ text: String, _ s: inout AppState) -> Bool { false }
    static func terminating(_ s: inout AppState) -> [Effect] { [] }
    static func modelLoaded(_ s: inout AppState) {}
    static func sessionEnded(_ message: String, _ s: inout AppState) -> Bool { false }
    static func edited(_ text: String?, _ s: inout AppState) -> [Effect] { [] }
    static func childInView(_ s: AppState) -> Int? { nil }
    static func show(child index: Int, _ s: inout AppState) {}
    static func canOpen(_ s: AppState) -> Bool { true }
    static func open(_ s: inout AppState) -> [Effect] {
        s.push(Route(self))
        return []
    }
}
