import ParentCore
import TerminalKit

extension Route {
    static let unlock = Route(UnlockScreen.self)
}

/// The PIN lock: on opening, and after the app locked itself.
enum UnlockScreen: Screen {
    static let title = "Locked"

    static func chain(_ s: AppState) -> [KeyContext] { [.form, .global] }
    static func isEditing(_ s: AppState) -> Bool { !s.pin.isBusy }

    /// Only Enter acts (there is nowhere to go back to, and one field).
    static func isEnabled(_ command: Command, _ s: AppState) -> Bool {
        ![.back, .nextField, .previousField].contains(command)
    }

    static func update(_ command: Command, _ s: inout AppState) -> [Effect]? {
        guard !s.pin.isBusy, command == .confirm, !s.pin.first.isEmpty else { return [] }
        s.pin.isBusy = true
        s.pin.message = nil
        return [.unlock(pin: s.pin.first.text)]
    }

    static func type(_ key: Key, _ s: inout AppState) -> [Effect] { PinEntry.type(key, &s) }

    static func finished(_ outcome: UnlockOutcome, _ s: inout AppState) -> [Effect] {
        s.pin.isBusy = false
        switch outcome {
        case .unlocked:
            return PinEntry.unlocked(&s)
        case let .wrong(left):
            s.pin = PinState()
            s.pin.message = "That PIN isn't right. \(left) more wrong PIN\(left == 1 ? "" : "s") and you'll need to log in again."
        case .wiped:
            s.snapshot = nil
            s.lockedStack = nil
            s.login = LoginState()
            s.login.reason = "Too many wrong PINs: for your security you have been logged out and your children's data removed from this device. Messages you had not sent are kept for when you log in again."
            s.reset(to: .login)
        }
        return []
    }

    static func render(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        var y = area.y + 1
        let w = area.width
        c.text("Xpressions is locked", x: area.x, y: y, role: .header, width: w)
        y += 2
        c.text("Enter your PIN to unlock.", x: area.x, y: y, role: .dim, width: w)
        y += 2
        c.field("PIN       ", s.pin.first, x: area.x, y: y, labelWidth: 10, width: 26, focused: true)
        y += 2
        PinEntry.renderStatus(s, y: y, in: area, &c)
    }
}
