import TerminalKit

/// Setting the PIN (typed twice) after login, and the PIN lock.
enum PinScreen {
    static func render(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        var y = area.y + 1
        let w = area.width
        if s.route == .setPIN {
            c.text("Choose a PIN", x: area.x, y: y, role: .header, width: w)
            y += 2
            y += c.wrapped("From now on, opening Xpressions asks only for this PIN. Use 4 to 6 digits that are not easy to guess.", x: area.x, y: y, width: w, maxRows: 3, role: .dim) + 1
            c.field("PIN       ", s.pin.first, x: area.x, y: y, labelWidth: 10, width: 26, focused: s.pin.focus == 0)
            y += 1
            c.field("Again     ", s.pin.second, x: area.x, y: y, labelWidth: 10, width: 26, focused: s.pin.focus == 1)
            y += 2
        } else {
            c.text("Xpressions is locked", x: area.x, y: y, role: .header, width: w)
            y += 2
            c.text("Enter your PIN to unlock.", x: area.x, y: y, role: .dim, width: w)
            y += 2
            c.field("PIN       ", s.pin.first, x: area.x, y: y, labelWidth: 10, width: 22, focused: true)
            y += 2
        }
        if s.pin.isBusy {
            c.text("Checking…", x: area.x, y: y, role: .dim, width: w)
        } else if let message = s.pin.message {
            c.wrapped(message, x: area.x, y: y, width: w, maxRows: 3, role: s.route == .unlock && message.hasPrefix("Locked") ? .dim : .error)
        }
    }
}
