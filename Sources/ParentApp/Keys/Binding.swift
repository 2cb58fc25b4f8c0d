import TerminalKit

/// One row of the keymap: keys, the command they give in a context, and
/// the words the help screen and the footer use.
struct Binding: Sendable, Hashable {
    var keys: [Key]
    var command: Command
    var context: KeyContext
    var label: String
    /// Shown in the footer of this context (help always lists it).
    var footer: Bool
    /// Shown in the footer too when there is room once every `footer` key
    /// is shown (a wide terminal lists the reader's J, K, Tab…).
    var footerIfRoom: Bool
    /// The footer's words when help's are too long for it ("Save" for "Save
    /// the attachment to your downloads folder").
    var footerLabel: String?

    init(
        _ keys: [Key], _ command: Command, _ context: KeyContext, _ label: String, footer: Bool = false,
        ifRoom: Bool = false, short: String? = nil
    ) {
        self.keys = keys
        self.command = command
        self.context = context
        self.label = label
        self.footer = footer
        footerIfRoom = ifRoom
        footerLabel = short
    }

    /// "↑/k"
    var keyNames: String { keys.map(\.displayName).joined(separator: "/") }
}
