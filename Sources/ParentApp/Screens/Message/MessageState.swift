import Foundation
import ParentCore
import TerminalKit

/// One message, scrolled, and the list it was opened from (the timeline's
/// results, or Home's latest), so the reader can move to the next message
/// without going back; which of its attachments is selected.
struct MessageState: ScreenState {
    var ref: MessageRef?
    var scroll = 0
    /// The list the message is in, as it was when the reader opened, and
    /// where in it the message is.
    var list: TimelineResults?
    var index = 0
    /// The selected attachment (Enter opens it, s saves it).
    var attachment = 0
    /// N marked this message unread here: N again marks it read (as
    /// neomutt's pager toggles; the second N left it unread).
    var markedUnread = false
    /// An attachment being opened or saved ("Opening letter.pdf…"): a
    /// second Enter or s meanwhile does nothing (each opened or saved
    /// another copy).
    var attachmentBusy: String?
    /// The reader's lines at the body's width, worked out in
    /// ``MessageScreen/settle(_:)`` (the update, the settle and the render
    /// each laid the message out again).
    var lines = Derived<LinesKey, [ReaderLine]>()

    /// What the lines come from.
    struct LinesKey: Equatable, Sendable {
        var ref: MessageRef
        var version: Int
        var generation: Int
        var width: Int
        var glyphs: Glyphs
        var attachment: Int
        var route: Route
        /// The minute (the lines say times to the minute): the whole
        /// `now` made every tick, ten a second, lay the message out again.
        var minute: Int
    }

    static func == (a: MessageState, b: MessageState) -> Bool {
        a.ref == b.ref && a.scroll == b.scroll && a.index == b.index && a.list?.count == b.list?.count
            && a.attachment == b.attachment
    }
}

extension AppState {
    var message: MessageState {
        get { screens[MessageState.self] }
        set { screens[MessageState.self] = newValue }
    }
}
