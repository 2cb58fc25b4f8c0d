import TerminalKit

extension Route {
    static let login = Route(LoginScreen.self)
}

extension KeyContext {
    static let login = KeyContext("Log in")
}

/// Log in with the email and mobile number the school holds, then the last
/// 4 digits of that mobile. On the built-in demo store, a hint lists the
/// demo logins.
enum LoginScreen: Screen {
    static let title = "Log in"

    /// Past Mobile, the next field is the demo list (on the demo store):
    /// said in help, where a new user looks (it said only "Next field").
    static let bindings: [Binding] = [
        Binding([.tab, .down], .nextField, .login, "Next field; past Mobile, the demo logins (on the demo store)"),
        Binding([.backTab, .up], .previousField, .login, "Previous field"),
    ]

    static func chain(_ s: AppState) -> [KeyContext] { [.login, .form, .global] }
    /// A field has the keyboard unless the demo list has the selection.
    static func isEditing(_ s: AppState) -> Bool { !s.login.isBusy && s.login.demoIndex == nil }
    static func isChecking(_ s: AppState) -> Bool { s.login.isBusy }

    static func render(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        let form = s.login
        let w = area.width
        // The fields (and the last 4, and what is said under them) come
        // first: on a short terminal the reason and the advice above them
        // take only the rows left (the forgot-PIN reason hid "Last 4"), and
        // on a very short one the heading and the last 4's explanation go
        // too (at 80x10 the last 4 was off screen).
        // What is said under the fields, as many rows as it takes (a cut
        // "2 attempts left" left the parent guessing).
        let saying = form.isBusy ? "Checking…" : form.hint ?? form.message
        let said = saying.map { min(6, Paragraph($0).lineCount(width: max(1, w))) + 1 } ?? 0
        let explained = area.height >= 12
        let below = 3 + (form.stage == .lastFour ? (explained ? 4 : 2) : 0) + said
        let titled = area.height - below >= 4
        var y = area.y + (titled ? 1 : 0)
        if titled {
            c.text("Log in to Xpressions", x: area.x, y: y, role: .header, width: w)
            y += 2
        }
        var room = area.maxY - y - below
        // The reason before the general advice under it: a short terminal
        // gives it the rows the advice would have had (at 50x14 the forgot-PIN
        // reason was cut, "Messages you had not sent are kept" with it; at
        // 80x24 a replaced key's lost where its messages can be read).
        if let reason = form.reason, room >= 2 {
            let used =
                c.wrapped(reason, x: area.x, y: y, width: w, maxRows: max(1, min(6, room - 1)), role: .warning) + 1
            y += used
            room -= used
        }
        if room >= 2 {
            y +=
                c.wrapped(
                    "Use the email address and mobile number your children's school holds for you.", x: area.x, y: y,
                    width: w, maxRows: min(2, room - 1), role: .dim) + 1
        }
        let fieldWidth = min(w, 52)
        // After a refusal the field is given back selected, to be retyped:
        // said under it (a parent fixing ".co" typed "m" and lost the whole
        // address, with nothing on screen but an underline). Under the
        // email, Mobile moves down a row into the blank one below it (the
        // email's hint was drawn under Mobile).
        let selected = form.focus == 0 ? form.email : form.mobile
        let hinted = form.stage == .credentials && selected.isSelected && !selected.text.isEmpty && y + 2 < area.maxY
        func replaceHint(at row: Int) {
            let (left, right) = (Key.left.displayName, Key.right.displayName)
            let full = "Typing replaces the \(form.focus == 0 ? "email" : "mobile"); \(left) or \(right) edits it."
            let short = "Typing replaces it."
            c.text(full.displayWidth <= w - 10 ? full : short, x: area.x + 10, y: row, role: .dim, width: w - 10)
        }
        c.field(
            "Email     ", form.email, x: area.x, y: y, labelWidth: 10, width: fieldWidth,
            focused: form.stage == .credentials && form.focus == 0)
        y += 1
        if hinted, form.focus == 0 {
            replaceHint(at: y)
            y += 1
        }
        c.field(
            "Mobile    ", form.mobile, x: area.x, y: y, labelWidth: 10, width: fieldWidth,
            focused: form.stage == .credentials && form.focus == 1)
        if hinted, form.focus == 1 { replaceHint(at: y + 1) }
        y += hinted && form.focus == 0 ? 1 : 2
        if form.stage == .lastFour {
            if explained {
                y += c.wrapped(
                    "To check it's you: the last 4 digits of the mobile number the school holds.", x: area.x, y: y,
                    width: w, maxRows: 2)
            }
            c.field("Last 4    ", form.lastFour, x: area.x, y: y, labelWidth: 10, width: 15, focused: true)
            y += 2
        }
        if form.isBusy {
            c.text("Checking…", x: area.x, y: y, role: .dim, width: w)
            y += 2
        } else if let hint = form.hint {
            y += c.wrapped(hint, x: area.x, y: y, width: w, maxRows: min(2, area.maxY - y), role: .warning) + 1
        } else if let message = form.message {
            y += c.wrapped(message, x: area.x, y: y, width: w, maxRows: min(6, area.maxY - y), role: .error) + 1
        }
        let logins = s.store?.demoLogins ?? []
        if !logins.isEmpty, y < area.maxY - 1 {
            // The demo list comes after the Mobile field: from Email, the first
            // Tab only reaches Mobile.
            let pick =
                form.demoIndex != nil
                ? "\(key(.confirm, s)) fills in this login; then type the last 4 digits of its mobile:"
                // At the last 4, Tab picks nothing: Esc goes back to the list.
                : form.stage == .lastFour
                    ? "Demo logins (\(key(.back, s)) to pick another); the last 4 are the mobile's last 4."
                    : form.focus == 1
                        ? "Demo logins: \(key(.nextField, s)) to pick one; the last 4 are the mobile's last 4."
                        : "Demo logins: \(key(.nextField, s)) twice to pick one; the last 4 are the mobile's last 4."
            c.text(pick, x: area.x, y: y, role: .accent, width: w)
            y += 1
            let emailWidth = logins.map(\.email.displayWidth).max() ?? 0
            let first = max(0, min((form.demoIndex ?? 0) - (area.maxY - y) + 1, logins.count - (area.maxY - y)))
            for (i, login) in logins.enumerated().dropFirst(first) where y < area.maxY {
                let row = Rect(x: area.x + 2, y: y, width: w - 2, height: 1)
                // A description cut by the edge says so ("…"), as a cut row does elsewhere.
                let room = row.width - emailWidth - 2 - login.mobile.displayWidth - 2
                c.spans(
                    [
                        (TextWidth.pad(login.email, toWidth: emailWidth), .text), ("  " + login.mobile, .text),
                        ("  " + TextWidth.truncate(login.description, toWidth: max(0, room)), .dim),
                    ],
                    x: row.x, y: y, width: row.width)
                if i == form.demoIndex { c.buffer.patchStyle(in: row, with: c.theme.style(.selected)) }
                y += 1
            }
        }
    }

}
