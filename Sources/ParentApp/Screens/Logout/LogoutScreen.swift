import TerminalKit

extension Route {
    static let logout = Route(LogoutScreen.self)
}

extension KeyContext {
    static let logout = KeyContext("Log out")
}

/// "Log out?" with what it means, and a warning about unsent messages.
enum LogoutScreen: Screen {
    static let title = "Log out"

    static let bindings: [Binding] = [
        Binding([.char("y"), .char("Y")], .confirm, .logout, "Log out", footer: true),
        Binding([.char("s")], .send, .logout, "Send waiting messages first", footer: true),
        Binding([.char("n"), .escape], .cancel, .logout, "Stay logged in", footer: true),
    ]

    static func chain(_ s: AppState) -> [KeyContext] { [.logout, .global] }

    static func isEnabled(_ command: Command, _ s: AppState) -> Bool {
        command == .send ? s.logout.pending > 0 : true
    }

    static func update(_ command: Command, _ s: inout AppState) -> [Effect]? {
        guard !s.logout.isBusy else { return [] }
        switch command {
        case .confirm:
            s.logout.isBusy = true
            return [.logOut(sendPendingFirst: false)]
        case .send where s.logout.pending > 0:
            s.logout.isBusy = true
            return [.logOut(sendPendingFirst: true)]
        case .cancel, .back:
            s.pop()
        default:
            break
        }
        return []
    }

    static func render(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        var y = area.y + 1
        let w = area.width
        c.text("Log out of Xpressions?", x: area.x, y: y, role: .header, width: w)
        y += 2
        y += c.wrapped("You rarely need to: closing the app keeps you logged in behind your PIN. Logging out tells the school's server, so you get no notifications until you log in again, and removes this device's copy of your children's data.", x: area.x, y: y, width: w, maxRows: 5) + 1
        if s.logout.pending > 0 {
            y += c.wrapped("\(s.logout.pending) message\(s.logout.pending == 1 ? " is" : "s are") still waiting to be sent to school. Press \(key(.send)) to send \(s.logout.pending == 1 ? "it" : "them") first; logging out now loses \(s.logout.pending == 1 ? "it" : "them").", x: area.x, y: y, width: w, maxRows: 3, role: .warning) + 1
        }
        if s.logout.isBusy {
            c.text("Logging out…", x: area.x, y: y, role: .dim, width: w)
        } else {
            c.spans([(key(.confirm), .keyName), (" log out   ", .text), (key(.cancel), .keyName), (" stay logged in", .text)], x: area.x, y: y, width: w)
        }
    }

    static func key(_ command: Command) -> String { Reducer.keymap.label(for: command, in: [.logout, .global]) ?? "" }
}
