import ParentCore
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
        Binding([.char("s")], .send, .logout, "Send first, then log out", footer: true),
        Binding([.char("d")], .discard, .logout, "Discard and log out", footer: true),
        Binding([.char("n"), .escape], .cancel, .logout, "Stay logged in", footer: true),
    ]

    static func chain(_ s: AppState) -> [KeyContext] { [.logout, .global] }

    /// "Log out?", counting the messages still waiting to be sent.
    static func start(_ s: inout AppState) {
        s.logout = LogoutState()
        s.logout.pending = s.snapshot?.model.unsentOrKeptCount ?? 0
        s.push(.logout)
    }

    /// With messages waiting, logging out is an explicit choice: send them
    /// first, or discard them; "y" alone would lose them, so it is off.
    static func isEnabled(_ command: Command, _ s: AppState) -> Bool {
        switch command {
        case .confirm: return s.logout.pending == 0
        case .discard: return s.logout.pending > 0
        // Not when none could go (kept for a school the parent is no longer
        // linked to): "send, then log out" could only fail.
        // Nor when every one waiting is one the school refused.
        case .send: return s.logout.pending > unsendable(s) + refused(s)
        default: return true
        }
    }

    /// Waiting messages that cannot be sent whatever happens: kept for a
    /// school the parent is no longer linked to.
    /// Waiting messages the school refused: sending again would be refused.
    static func refused(_ s: AppState) -> Int {
        (s.snapshot?.model.outbox ?? []).filter { $0.kind != .receipt && $0.isFailed }.count
    }

    static func unsendable(_ s: AppState) -> Int {
        guard let model = s.snapshot?.model else { return 0 }
        return model.recovered.filter { !model.canRelease($0) }.count + needingTopic(s)
    }

    /// Kept messages written without a topic the school takes (the app
    /// closed while one was written): nothing sends them until one is
    /// chosen ("it keeps trying" was said of one).
    static func needingTopic(_ s: AppState) -> Int {
        guard let model = s.snapshot?.model else { return 0 }
        return model.recovered.filter { model.canRelease($0) && KeptScreen.needsTopic($0, s) }.count
    }

    static func update(_ command: Command, _ s: inout AppState) -> [Effect]? {
        guard !s.logout.isBusy else { return [] }
        let effect: Effect
        switch command {
        case .confirm: effect = .logOut(.onlyIfNothingUnsent)
        case .send: effect = .logOut(.sendFirst)
        case .discard: effect = .logOut(.discardUnsent)
        case .cancel, .back:
            s.pop()
            return []
        default:
            return []
        }
        s.logout.isBusy = true
        s.logout.message = nil
        return [effect]
    }

    /// What is waiting, and where to see it: "2 messages are not sent to
    /// school yet (1 refused by the school: see Your messages, o on Home)".
    /// `written`: the same `n` in words ("1 absence report"), when known.
    static func waiting(
        _ n: Int, failed: Int, kept: Int, needingTopic: Int = 0, written: WrittenCount? = nil
    ) -> String {
        let them = n == 1 ? "it" : "them"
        let sent = Reducer.keymap.name(.show(.sent), in: [.home])
        let keptKey = Reducer.keymap.name(.show(.kept), in: [.home])
        let counted = written.flatMap { $0.total == n ? "\($0)" : nil } ?? "\(n) message\(n == 1 ? "" : "s")"
        var text = "\(counted) \(n == 1 ? "is" : "are") not sent to school yet"
        if failed == n {
            text += " (the school refused \(them): see why in Your messages, \(sent) on Home)"
        } else if failed > 0 {
            text += " (\(failed) refused by the school: see Your messages, \(sent) on Home)"
        }
        let whereKept = needingTopic > 0 ? "" : " (\(keptKey) on Home)"
        if kept == n {
            text += ", kept from before\(whereKept)"
        } else if kept > 0 {
            text += ", \(kept) kept from before\(whereKept)"
        }
        if needingTopic > 0 {
            let edit = Reducer.keymap.name(.edit, in: [.kept])
            text +=
                "; \(needingTopic == n ? (n == 1 ? "it" : "they") : "\(needingTopic) of them") \(needingTopic == 1 ? "needs" : "need") a topic first (\(keptKey) on Home, then \(edit))"
        }
        return text + ". Logging out never loses \(them) unless you say so."
    }

    static func render(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        var y = area.y + 1
        let w = area.width
        c.text("Log out of Xpressions?", x: area.x, y: y, role: .header, width: w)
        y += 2
        // An as-of view works on a copy: its logout ends the view only (it
        // said the school's server was told and the data removed).
        y +=
            c.wrapped(
                s.settings.asOfView
                    ? "As-of view (--now): logging out here ends this view's copy only. The login on this device, its data and the school's server are untouched."
                    : "You rarely need to: closing the app keeps you logged in behind your PIN. Logging out tells the school's server, so you get no notifications until you log in again, and removes this device's copy of your children's data.",
                x: area.x, y: y, width: w, maxRows: 5) + 1
        let n = s.logout.pending
        let failed = (s.snapshot?.model.outbox ?? []).filter { $0.kind != .receipt && $0.isFailed }.count
        let kept = s.snapshot?.model.recovered.count ?? 0
        if let message = s.logout.message {
            y += c.wrapped(message, x: area.x, y: y, width: w, maxRows: 3, role: .error) + 1
        } else if n > 0 {
            y +=
                c.wrapped(
                    waiting(
                        n, failed: failed, kept: kept, needingTopic: needingTopic(s),
                        written: s.snapshot?.model.unsentOrKept),
                    x: area.x, y: y, width: w, maxRows: 3, role: .warning) + 1
        }
        if s.logout.isBusy {
            c.text("Logging out…", x: area.x, y: y, role: .dim, width: w)
        } else if n > 0 {
            // Only what is queued keeps trying: said of those alone when
            // some were refused ("it keeps trying" of a refused one and a
            // queued one).
            let trying = n - failed - kept
            let stay =
                trying <= 0
                ? " stay logged in"
                : trying == n
                    ? " stay logged in (\(n == 1 ? "it keeps" : "they keep") trying)"
                    : " stay logged in (\(trying == 1 ? "the queued one keeps" : "the \(trying) queued keep") trying)"
            for (command, text) in [
                (Command.send, " send \(n == 1 ? "it" : "them"), then log out"),
                (.discard, " discard \(n == 1 ? "it" : "them") and log out"),
                // Nothing keeps trying for what the school refused, or for
                // what is kept from before (never sent without the parent,
                // whether its school is linked or not: "it keeps trying" was
                // said of one).
                (.cancel, stay),
            ] where y < area.maxY && isEnabled(command, s) {
                c.spans([(key(command, s), .keyName), (text, .text)], x: area.x, y: y, width: w)
                y += 1
            }
        } else {
            c.spans(
                [
                    (key(.confirm, s), .keyName), (" log out   ", .text), (key(.cancel, s), .keyName),
                    (" stay logged in", .text),
                ], x: area.x, y: y, width: w)
        }
    }

    /// A failed logout effect: the form stops waiting.
    static func failed(_ message: String, _ s: inout AppState) -> Bool {
        s.logout.isBusy = false
        return false
    }

    /// The logout was refused (messages could not be sent): how many are
    /// unsent, and why, for the parent to choose.
    /// The waiting messages as the model has them now: a sync in the
    /// background may send them while the question is open (it offered to
    /// discard a message already sent).
    static func settle(_ s: inout AppState) {
        guard !s.logout.isBusy, let model = s.snapshot?.model, model.unsentOrKeptCount != s.logout.pending else {
            return
        }
        s.logout.pending = model.unsentOrKeptCount
        s.logout.message = nil
    }

    static func refused(_ message: String, unsent: Int, _ s: inout AppState) -> [Effect] {
        s.logout.isBusy = false
        // The screen says where they stand now ("Queued: …" on the status
        // line was from before the attempt, and read as still on its way).
        s.note = nil
        s.logout.pending = unsent
        s.logout.message = message
        return []
    }
}
