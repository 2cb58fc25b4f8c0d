import TerminalKit

extension Route {
    static let setPIN = Route(SetPinScreen.self)
}

/// Choosing the PIN after login, typed twice.
enum SetPinScreen: Screen {
    static let title = "Set a PIN"

    static func chain(_ s: AppState) -> [KeyContext] { [.form, .global] }
    static func isEditing(_ s: AppState) -> Bool { !s.pin.isBusy }
    static func isChecking(_ s: AppState) -> Bool { s.pin.isBusy }

    /// An empty form for choosing a PIN, for the login to open: the way in
    /// to this screen's state. `returnsToLock`: the login was "Forgot your
    /// PIN?" from the lock, where Esc goes back with the old PIN kept.
    static func prepare(returnsToLock: Bool, _ s: inout AppState) {
        s.pin = PinState()
        s.pin.returnsToLock = returnsToLock
    }

    static func isEnabled(_ command: Command, _ s: AppState) -> Bool {
        command == .back ? s.pin.focus == 1 || s.pin.returnsToLock : true
    }

    static func update(_ command: Command, _ s: inout AppState) -> [Effect]? {
        guard !s.pin.isBusy else { return [] }
        switch command {
        case .nextField, .previousField:
            s.pin.focus = 1 - s.pin.focus
        case .back:
            if s.pin.focus == 1 {
                s.pin.focus = 0
            } else if s.pin.returnsToLock {
                // Changed their mind: the old login and its PIN stay as they were.
                s.pin = PinState()
                s.pin.message = "Your PIN was not changed. Enter it to unlock."
                s.reset(to: .unlock)
            }
        case .confirm:
            if s.pin.focus == 0 {
                guard (4...6).contains(s.pin.first.text.count) else {
                    s.pin.message = "A PIN has 4 to 6 digits."
                    return []
                }
                s.pin.focus = 1
                return []
            }
            s.pin.isBusy = true
            s.pin.message = nil
            return [.setPIN(s.pin.first.text, confirmation: s.pin.second.text)]
        default:
            break
        }
        return []
    }

    static func type(_ key: Key, _ s: inout AppState) -> [Effect] { PinEntry.type(key, &s) }
    static func paste(_ text: String, _ s: inout AppState) -> [Effect] { PinEntry.paste(text, &s) }

    static func finished(_ refusal: String?, _ s: inout AppState) -> [Effect] {
        s.pin.isBusy = false
        if let refusal {
            // A fresh form, still the way back to the lock after "Forgot
            // your PIN?" (a refused PIN took Esc away: only quitting was left).
            prepare(returnsToLock: s.pin.returnsToLock, &s)
            s.pin.message = refusal
            return []
        }
        return PinEntry.unlocked(&s)
    }

    static func render(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        var y = area.y + 1
        let w = area.width
        c.text("Choose a PIN", x: area.x, y: y, role: .header, width: w)
        y += 2
        y +=
            c.wrapped(
                s.settings.asOfView
                    ? "In this as-of view the PIN lasts until you quit: nothing of this login is kept. Use 4 to 6 digits that are not easy to guess."
                    : "From now on, opening Xpressions asks only for this PIN. Use 4 to 6 digits that are not easy to guess.",
                x: area.x, y: y, width: w, maxRows: 3, role: .dim) + 1
        c.field("PIN       ", s.pin.first, x: area.x, y: y, labelWidth: 10, width: 26, focused: s.pin.focus == 0)
        y += 1
        c.field("Again     ", s.pin.second, x: area.x, y: y, labelWidth: 10, width: 26, focused: s.pin.focus == 1)
        y += 2
        PinEntry.renderStatus(s, y: y, in: area, &c)
    }
}
