/// An input event from the terminal: a key, a mouse report or a new terminal size.
///
/// Backends decode terminal input into these; key scripts (`Key.parseScript(_:)`)
/// produce them for tests and headless runs; `displayName` names them in help text.
/// Control characters are normalised: Ctrl-A...Ctrl-Z are `.ctrl("a")`...`.ctrl("z")`,
/// except those with keys of their own (Tab is Ctrl-I, Enter is Ctrl-M and Ctrl-J,
/// Backspace is Ctrl-H, Escape is Ctrl-[).
public enum Key: Sendable, Hashable {
    /// A printable character (letters, digits, punctuation, space, any script).
    case char(Character)
    /// A control chord, named by its lowercase letter: Ctrl-L is `.ctrl("l")`.
    case ctrl(Character)
    case enter
    case escape
    case tab
    /// Shift-Tab.
    case backTab
    case backspace
    /// The forward-delete key (Del).
    case delete
    case up
    case down
    case left
    case right
    case home
    case end
    case pageUp
    case pageDown
    /// F1, F2... (`.function(1)` is F1).
    case function(Int)
    case mouse(MouseEvent)
    /// The terminal now has this size; the backend's `size` already reports it.
    case resize(Size)
    /// Text pasted into the terminal, whole (bracketed paste): it is text for
    /// a field, never keys that act (a pasted "q" or newline once quit the
    /// app or opened a form).
    case paste(String)
}
