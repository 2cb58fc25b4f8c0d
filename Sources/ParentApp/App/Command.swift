/// What a key means, independent of which key it is: the keymap turns keys
/// into commands, and the help screen and footer are generated from it.
enum Command: Sendable, Hashable {
    case quit
    case help
    case back
    case redraw
    /// Write the screen as text to a file (for a support ticket).
    case saveScreen
    case suspend
    case refresh
    case lock
    case logout
    case up
    case down
    case pageUp
    case pageDown
    case top
    case bottom
    case open
    case nextField
    case previousField
    case section(Int)
    case nextChild
    case previousChild
    case nextCategory
    case search
    case clearFilters
    case reply
    case compose
    /// Open the absence form (Home, the timeline, attendance).
    case reportAbsence
    case editInEditor
    case send
    case nextTab
    case previousTab
    case confirm
    case cancel
    case toggleReadFilter
    /// Mark every unread message in the list read (after a yes).
    case markAllRead
    /// Mark the selected message read or unread, without a read receipt.
    case toggleRead
    /// Discard what is waiting (logout, kept messages).
    case discard
    /// Kept messages: send the selected one (its own command, not the
    /// lists' Open: `l`, a list's other Open key, sent it unasked).
    case sendSelected
    /// Open a message that was not sent (refused, or kept) in the form, to
    /// change it (its topic, its text) and send it again.
    case edit
    /// Open another screen: its way in, declared by the screen itself with
    /// the opener's context (Home's `m` is ``KeptScreen``'s binding,
    /// `.show(.kept)`), offered when it ``Screen/canOpen(_:)`` and opened
    /// by its ``Screen/open(_:)``.
    case show(Route)
    /// The reader: the next or previous message of the list it was opened from.
    case nextMessage
    case previousMessage
    /// The next unread message (timeline and reader), as mutt's Tab.
    case nextUnread
    /// The timeline's preview pane on or off.
    case togglePreview
    /// A picker's next or previous option (a compose form's child or topic).
    case nextOption
    case previousOption
    /// The reader: select the next or previous attachment.
    case nextAttachment
    case previousAttachment
    /// The reader: open the selected attachment with the user's opener, or
    /// save it to the download directory.
    case openAttachment
    case saveAttachment
    /// The links of a message or of the school's details, in a picker.
    case showLinks
    /// The guided tour: its next step, or leave it.
    case tourNext
    case tourLeave
    /// Copy what is selected (a message, a school's phone or email, a link)
    /// to the clipboard.
    case copy
    /// A meaning of one screen's own, declared in that screen's folder
    /// beside its bindings, so a new screen's key touches no shared file:
    /// `extension Command { static let join = Command.own("join") }`, then
    /// `Binding([.char("J")], .join, .clubs, "Ask to join")` and
    /// `case .join:` in its update, as with any case here. The name is the
    /// screen's to choose; two screens meaning the same share a case above.
    case own(String)
}
