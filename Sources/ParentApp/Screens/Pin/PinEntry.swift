import ParentCore
import TerminalKit

/// What the two PIN screens share: typing digits into the focused field,
/// the busy and message lines, and unlocking once the PIN is accepted.
enum PinEntry {
    /// An ASCII digit: what PINs and the last-4 check take.
    static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }

    /// Typing into the PIN field: digits only (anything else gets a hint
    /// and is never counted as an attempt). Typing again clears an error.
    static func type(_ key: Key, _ s: inout AppState) -> [Effect] {
        guard !s.pin.isBusy else { return [] }
        s.pin.hint = nil
        if case .char(let c) = key, !isDigit(c) {
            s.pin.hint = "A PIN is digits only (0 to 9)."
            return []
        }
        let path = s.pin.focusedField
        let before = s.pin[keyPath: path].text
        if s.pin[keyPath: path].handle(key) { s.pin.message = nil }
        // A full field says so (a seventh digit went without a word, as the
        // last-4 and mobile fields say it).
        if case .char = key, s.pin[keyPath: path].text == before, let limit = s.pin[keyPath: path].maxLength,
            before.count >= limit
        {
            s.pin.hint = "A PIN is at most \(limit) digits."
        }
        return []
    }

    /// Pasted into a PIN field: its digits, and the hint when anything else
    /// was left out (typed one by one, the digit after the letter cleared it,
    /// and "24a6" went in as "246" without a word).
    static func paste(_ text: String, _ s: inout AppState) -> [Effect] {
        let digits = text.filter(isDigit)
        let effects = Reducer.typeEach(digits, &s)
        if digits.count != text.count, !s.pin.isBusy {
            s.pin.hint = "A PIN is digits only (0 to 9): the rest of what you pasted was left out."
        }
        return effects
    }

    static func renderStatus(_ s: AppState, y: Int, in area: Rect, _ c: inout Canvas) {
        if s.pin.isBusy {
            c.text("Checking…", x: area.x, y: y, role: .dim, width: area.width)
        } else if let hint = s.pin.hint {
            c.wrapped(hint, x: area.x, y: y, width: area.width, maxRows: 2, role: .warning)
        } else if let message = s.pin.message {
            c.wrapped(
                message, x: area.x, y: y, width: area.width, maxRows: 3,
                role: s.route == .unlock && message.hasPrefix("Locked") ? .dim : .error)
        }
    }

    /// The parent is in: back to where they were (after an idle relock) or Home.
    static func unlocked(_ s: inout AppState) -> [Effect] {
        s.pin = PinState()
        s.unlocked = true
        s.lastActivity = s.now
        s.lastSyncStarted = s.now
        if let stack = s.lockedStack, !stack.isEmpty { s.stack = stack } else { s.reset(to: .home) }
        s.lockedStack = nil
        if s.note?.whileLocked == true { s.note = nil }
        // What came in while locked is said now (the line went on saying
        // "unlock to see it" after the unlock).
        if let held = s.noteBehindLock {
            s.note(held.text, role: held.role, seconds: 10)
            s.noteBehindLock = nil
        }
        return [.loadModel, .sync(manual: false)]
    }
}
