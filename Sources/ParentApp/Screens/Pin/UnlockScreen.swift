import ParentCore
import TerminalKit

extension Route {
    static let unlock = Route(UnlockScreen.self)
}

extension KeyContext {
    static let unlock = KeyContext("Locked")
}

/// The PIN lock: on opening, and after the app locked itself. Tab moves to
/// "Forgot your PIN? Log in again", a full login that replaces the session
/// once its new PIN is set (the wrong-PIN count stands until then, and
/// unsent messages are kept for the same parent).
enum UnlockScreen: Screen {
    static let title = "Locked"

    static let bindings: [Binding] = [
        Binding([.tab, .down, .backTab, .up], .nextField, .unlock, "PIN, or \"Forgot your PIN?\"", footer: true)
    ]

    static func chain(_ s: AppState) -> [KeyContext] { [.unlock, .form, .global] }

    /// The PIN field has the keyboard unless "Forgot your PIN?" is selected.
    static func isEditing(_ s: AppState) -> Bool { !s.pin.isBusy && s.pin.focus == 0 }
    static func isChecking(_ s: AppState) -> Bool { s.pin.isBusy }

    /// Locks the app (L, or idle): what was open comes back after the PIN;
    /// the lock screen shows nothing of the parent's (a note may name a
    /// child or a school, so it goes).
    static func lock(_ s: inout AppState, reason: String?) -> [Effect] {
        s.lockedStack = s.stack
        s.unlocked = false
        s.note = nil
        prepare(message: reason, &s)
        s.reset(to: .unlock)
        return []
    }

    /// An empty PIN entry (the lock's, or choosing one), with a message to
    /// keep (nil: none): the way in to the PIN screens' state for others.
    static func prepare(message: String?, _ s: inout AppState) {
        s.pin = PinState()
        s.pin.message = message
    }

    /// Nowhere to go back to; Enter unlocks once something is typed (or, on
    /// "Forgot your PIN?", logs in again).
    static func isEnabled(_ command: Command, _ s: AppState) -> Bool {
        if command == .confirm { return s.pin.focus == 1 || !s.pin.first.isEmpty }
        return ![.back, .previousField].contains(command)
    }

    static func update(_ command: Command, _ s: inout AppState) -> [Effect]? {
        guard !s.pin.isBusy else { return [] }
        switch command {
        case .nextField:
            s.pin.focus = 1 - s.pin.focus
        case .confirm where s.pin.focus == 1:
            return forgotPIN(&s)
        case .confirm where !s.pin.first.isEmpty && s.pin.first.text.count < PinPolicy().lengths.lowerBound:
            // Too short to be anyone's PIN: not a try, and nothing is checked.
            s.pin.message =
                "A PIN has \(PinPolicy().lengths.lowerBound) to \(PinPolicy().lengths.upperBound) digits: type all of yours. This did not count as a try."
        case .confirm where !s.pin.first.isEmpty:
            s.pin.isBusy = true
            s.pin.message = nil
            return [.unlock(pin: s.pin.first.text)]
        default:
            break
        }
        return []
    }

    /// A full login in place of the PIN: the session stays (and so does its
    /// wrong-PIN count) until the new login's PIN is set; Esc comes back here.
    /// What was being written under the lock is kept first, as a message
    /// from before for the same parent: offered after this login, or after
    /// unlocking if they come back (the form was dropped with the locked
    /// screens, and its text lost, whichever way they went).
    static func forgotPIN(_ s: inout AppState) -> [Effect] {
        let kept = Reducer.keepWriting(&s, why: .loggingInAgain)
        LoginScreen.prepare(
            reason:
                "Log in with the email and mobile your school holds, then choose a new PIN. Messages you had not sent are kept.",
            returnsToLock: true, &s)
        prepare(message: nil, &s)
        s.lockedStack = nil
        s.snapshot = nil
        s.push(.login)
        return kept
    }

    static func paste(_ text: String, _ s: inout AppState) -> [Effect] { PinEntry.paste(text, &s) }

    /// Typing digits on "Forgot your PIN?" goes back to the PIN field.
    static func type(_ key: Key, _ s: inout AppState) -> [Effect] {
        if s.pin.focus == 1 {
            guard case .char(let c) = key, PinEntry.isDigit(c) else { return [] }
            s.pin.focus = 0
        }
        return PinEntry.type(key, &s)
    }

    /// A failed unlock or PIN effect: the PIN form stops waiting (the PIN
    /// state is shared with "Set a PIN").
    static func failed(_ message: String, _ s: inout AppState) -> Bool {
        s.pin.isBusy = false
        return false
    }

    static func finished(_ outcome: UnlockOutcome, _ s: inout AppState) -> [Effect] {
        s.pin.isBusy = false
        switch outcome {
        case .unlocked:
            return PinEntry.unlocked(&s)
        case .wrong(let left):
            s.pin = PinState()
            s.pin.message =
                "That PIN isn't right. \(left) more wrong PIN\(left == 1 ? "" : "s") and you'll need to log in again."
        case .wiped:
            s.forgetParent()
            // Wrong PINs in an as-of view count on the device too (a view
            // per ten tries was a way round the limit): its login ends as
            // well, and the view says so.
            LoginScreen.say(
                s.settings.asOfView
                    ? "Too many wrong PINs (an as-of view counts them on this device too): for your security the login on this device has ended and your children's data is removed from it. Messages you had not sent are kept for when you log in again."
                    : "Too many wrong PINs: for your security you have been logged out and your children's data removed from this device. Messages you had not sent are kept for when you log in again.",
                &s)
            s.reset(to: .login)
            s.login.checksStore = true
        case .unreadable:
            // The saved login could not be read (damaged since the app
            // opened): no PIN was checked. What was being written under the
            // lock is kept first, for the same parent's next login (it was
            // lost), then the login is set aside and the parent told why.
            s.pin = PinState()
            s.pin.isBusy = true
            return Reducer.sessionUnreadable(&s)
        }
        return []
    }

    static func render(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        // Short of rows (40x10), without the blank lines and the sentence:
        // the way back ("Forgot your PIN?") fell below the screen while the
        // footer offered it.
        let compact = area.height < 9
        var y = area.y + (compact ? 0 : 1)
        let w = area.width
        c.text("Xpressions is locked", x: area.x, y: y, role: .header, width: w)
        y += compact ? 1 : 2
        if !compact {
            c.text("Enter your PIN to unlock.", x: area.x, y: y, role: .dim, width: w)
            y += 2
        }
        c.field("PIN       ", s.pin.first, x: area.x, y: y, labelWidth: 10, width: 26, focused: s.pin.focus == 0)
        y += compact ? 1 : 2
        let forgot = "Forgot your PIN? Log in again"
        c.text(forgot, x: area.x + 10, y: y, role: s.pin.focus == 1 ? .selected : .link, width: forgot.displayWidth)
        y += compact ? 1 : 2
        PinEntry.renderStatus(s, y: y, in: area, &c)
    }
}
