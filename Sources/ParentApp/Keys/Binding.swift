import TerminalKit

/// One row of the keymap: keys, the command they give in a context, and
/// the words the help screen and the footer use.
public struct Binding: Sendable, Hashable {
    public var keys: [Key]
    public var command: Command
    public var context: KeyContext
    public var label: String
    /// Shown in the footer of this context (help always lists it).
    public var footer: Bool

    public init(_ keys: [Key], _ command: Command, _ context: KeyContext, _ label: String, footer: Bool = false) {
        self.keys = keys
        self.command = command
        self.context = context
        self.label = label
        self.footer = footer
    }

    /// "↑/k"
    public var keyNames: String { keys.map(\.displayName).joined(separator: "/") }
}
