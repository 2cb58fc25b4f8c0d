import Foundation
import ParentCore
import TerminalKit

/// A side effect the reducer asks for, as plain data. The `EffectRunner`
/// performs it (slow ones off the main thread) and reports back with an
/// `Action`; tests assert on effects without performing them.
enum Effect: Sendable, Hashable {
    /// Validate the store and read the account's status.
    case open
    case logIn(email: String, mobile: String, lastFour: String)
    case setPIN(String, confirmation: String)
    case unlock(pin: String)
    /// The saved login found unreadable at an unlock, after what the parent
    /// was writing was kept (`keptWriting`: something was): set aside, and
    /// the parent told why they log in again (a `.sessionEnded`).
    case endUnreadableSession(keptWriting: Bool)
    /// Load the local model (after unlock) and the school details and pictures.
    case loadModel
    /// Open the session's model (and decode its pictures) while the lock
    /// screen waits for the PIN, so unlocking shows it at once; nothing is
    /// shown until the PIN is right.
    case prefetch
    case sync(manual: Bool)
    case markRead(school: String, message: String)
    /// Mark messages read without opening them: no read receipts.
    case markAllRead([MessageRef])
    /// Mark a message unread again (nothing is sent).
    case markUnread(MessageRef)
    /// Queue a message written on `form` (which keeps it when it cannot be queued).
    case queueMessage(OutgoingDraft, form: Route)
    /// Keep what was being written when the app had to end, as a message
    /// kept from before (never sent without the parent).
    case keepUnsent(OutgoingDraft)
    /// The same for an absence report filled in (it passed the calendar's
    /// checks): kept whole, as a report.
    case keepUnsentAbsence(AbsenceDraft, why: KeptWhy = .appClosed)
    /// Queue an absence report (checked again against the school's calendar).
    case reportAbsence(AbsenceDraft, form: Route)
    /// Log out as the parent chose (never losing unsent messages unless
    /// they chose to discard them).
    case logOut(LogoutChoice)
    /// Send, or discard, messages kept from an earlier login.
    case releaseHeld([String])
    case discardHeld([String])
    /// Send again messages of this session that failed.
    case retryFailed([String])
    /// Open a URL (`https:`, `mailto:`) with the user's opener: `$BROWSER`,
    /// else xdg-open.
    case openURL(String)
    /// Open attachment `index` of a message with the user's opener
    /// (`$BROWSER`, xdg-open, mailcap), on a private copy under a name of
    /// the app's own.
    case openAttachment(MessageRef, index: Int)
    /// Save attachment `index` of a message to the download directory under
    /// a new name (never over a file), and say where.
    case saveAttachment(MessageRef, index: Int)
    /// Write a child's school calendar (iCalendar, as `xpressions export
    /// calendar` writes it) to the download directory, and say where.
    case exportCalendar(ChildRef)
    /// Put `text` on the clipboard (OSC 52) where the terminal allows it,
    /// and say so (`what`: "the message", "the phone number").
    case copy(String, what: String)
    /// Write a message body in `$EDITOR`, as mutt does.
    case editInEditor(initial: String)
    /// Write these lines (the screen as the parent sees it) to a new file
    /// in the current directory, and say where.
    case saveScreen([String])
    /// Type these keys as a key script would (the tour), each after the
    /// work of the one before.
    case play([ScriptStep])
    /// The school side sends a message to the whole school now (the tour).
    case schoolSends(subject: String, body: String)
    /// The school office acknowledges every absence report it has not yet (the tour).
    case schoolAcknowledgesAbsences
    /// Keep how the parent likes the app on this device (the preview pane).
    case savePreferences(DevicePreferences)
    case bell
    case suspend
    case redraw
    case quit
}
