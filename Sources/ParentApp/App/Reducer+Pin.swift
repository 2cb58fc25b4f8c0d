import Foundation
import ParentCore

extension Reducer {
    static func pinCommand(_ command: Command, _ s: inout AppState) -> [Effect] {
        guard !s.pin.isBusy else { return [] }
        let setting = s.route == .setPIN
        switch command {
        case .nextField, .previousField:
            if setting { s.pin.focus = 1 - s.pin.focus }
        case .back:
            if setting && s.pin.focus == 1 { s.pin.focus = 0 }
        case .confirm:
            if setting {
                if s.pin.focus == 0 {
                    guard (4...6).contains(s.pin.first.text.count) else { s.pin.message = "A PIN has 4 to 6 digits."; return [] }
                    s.pin.focus = 1
                    return []
                }
                s.pin.isBusy = true
                s.pin.message = nil
                return [.setPIN(s.pin.first.text, confirmation: s.pin.second.text)]
            }
            guard !s.pin.first.isEmpty else { return [] }
            s.pin.isBusy = true
            s.pin.message = nil
            return [.unlock(pin: s.pin.first.text)]
        default:
            break
        }
        return []
    }

    static func pinSetFinished(_ refusal: String?, _ s: inout AppState) -> [Effect] {
        s.pin.isBusy = false
        if let refusal {
            s.pin = PinForm()
            s.pin.message = refusal
            return []
        }
        return unlocked(&s)
    }

    static func unlockFinished(_ outcome: UnlockOutcome, _ s: inout AppState) -> [Effect] {
        s.pin.isBusy = false
        switch outcome {
        case .unlocked:
            return unlocked(&s)
        case let .wrong(left):
            s.pin = PinForm()
            s.pin.message = "That PIN isn't right. \(left) more wrong PIN\(left == 1 ? "" : "s") and you'll need to log in again."
        case .wiped:
            s.snapshot = nil
            s.lockedStack = nil
            s.login = LoginForm()
            s.login.reason = "Too many wrong PINs: for your security you have been logged out and this device's copy of your data removed. Please log in again."
            s.reset(to: .login)
        }
        return []
    }

    static func unlocked(_ s: inout AppState) -> [Effect] {
        s.pin = PinForm()
        s.unlocked = true
        s.lastActivity = s.now
        s.lastSyncStarted = s.now
        if let stack = s.lockedStack, !stack.isEmpty { s.stack = stack } else { s.reset(to: .home) }
        s.lockedStack = nil
        return [.loadModel, .sync(manual: false)]
    }
}
