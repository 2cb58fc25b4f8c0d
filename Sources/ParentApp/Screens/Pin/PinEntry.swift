import TerminalKit

/// What the two PIN screens share: typing digits into the focused field,
/// the busy and message lines, and unlocking once the PIN is accepted.
enum PinEntry {
    static func type(_ key: Key, _ s: inout AppState) -> [Effect] {
        guard !s.pin.isBusy else { return [] }
        if case let .char(c) = key, !c.isASCII || !c.isNumber { return [] }
        let path = s.pin.focusedField
        _ = s.pin[keyPath: path].handle(key)
        return []
    }

    static func renderStatus(_ s: AppState, y: Int, in area: Rect, _ c: inout Canvas) {
        if s.pin.isBusy {
            c.text("Checking…", x: area.x, y: y, role: .dim, width: area.width)
        } else if let message = s.pin.message {
            c.wrapped(message, x: area.x, y: y, width: area.width, maxRows: 3,
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
        return [.loadModel, .sync(manual: false)]
    }
}
