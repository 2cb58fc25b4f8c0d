import Foundation
import ParentCore
import TerminalKit

/// Everything that can change the app's state: keys, the clock, and the
/// results of effects coming back.
enum Action: Sendable {
    case key(Key)
    /// A key the tour types for the presenter (never taken as the tour's own Space or Esc).
    case played(Key)
    /// The clock moved (the loop sends one when no key came in time).
    case tick(Date)
    /// Who is here, what is known of the store, and (for a parent who must
    /// log in) why the store cannot be used.
    case opened(ServiceOpening)
    case loginFinished(LoginOutcome)
    case pinSetFinished(refusal: String?)
    case unlockFinished(UnlockOutcome)
    case modelLoaded(ModelSnapshot)
    case syncStarted(manual: Bool)
    /// What the running sync is doing ("Green Abbey School: attendance").
    case syncProgress(String)
    case syncFinished(SyncSummary)
    case loggedOut(unregistered: Bool)
    /// A sync found that no school holds the parent's login details any
    /// more: the session ended, and the login screen says why.
    case sessionEnded(String)
    /// A sync found the saved login unreadable (damaged, or gone: logged
    /// out by another process): what was being written is kept, then the
    /// session ends with the reason (``Reducer/sessionUnreadable(_:)``).
    case sessionUnreadable
    /// Logging out would have lost messages: still logged in.
    case logoutRefused(String, unsent: Int)
    case editorFinished(String?)
    /// An effect failed in a way the parent should be told about.
    case failed(String)
    /// What the parent wrote (a message or an absence report) could not be
    /// kept on the device: the form it was written in (`.compose` or
    /// `.absence`) comes back with it, saying why.
    case notQueued(String, form: Route)
    /// Something worth a line in the status bar ("Opened the website").
    case notice(String)
    /// An attachment's opening or saving is over (said by a notice).
    case attachmentFinished
    /// The process was asked to end (the terminal closed, SIGTERM): the
    /// last chance to keep what the parent was writing.
    case terminating
}
