import TerminalKit

/// "Log out?" with what it means, and a warning about unsent messages.
enum LogoutScreen {
    static func render(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        var y = area.y + 1
        let w = area.width
        c.text("Log out of Xpressions?", x: area.x, y: y, role: .header, width: w)
        y += 2
        y += c.wrapped("You rarely need to: closing the app keeps you logged in behind your PIN. Logging out tells the school's server, so you get no notifications until you log in again, and removes this device's copy of your children's data.", x: area.x, y: y, width: w, maxRows: 5) + 1
        if s.logout.pending > 0 {
            y += c.wrapped("\(s.logout.pending) message\(s.logout.pending == 1 ? " is" : "s are") still waiting to be sent to school. Press s to send \(s.logout.pending == 1 ? "it" : "them") first; logging out now loses \(s.logout.pending == 1 ? "it" : "them").", x: area.x, y: y, width: w, maxRows: 3, role: .warning) + 1
        }
        if s.logout.isBusy {
            c.text("Logging out…", x: area.x, y: y, role: .dim, width: w)
        } else {
            c.spans([("y", .keyName), (" log out   ", .text), ("n", .keyName), (" stay logged in", .text)], x: area.x, y: y, width: w)
        }
    }
}
