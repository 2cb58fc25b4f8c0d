import ParentCore
import TerminalKit

extension Route {
    static let compose = Route(ComposeScreen.self)
}

extension KeyContext {
    static let compose = KeyContext("Write to school")
}

/// Writing a new message to a school, or a reply: who it goes to, which
/// child it is about and its topic (new messages), and the text.
enum ComposeScreen: WritingScreen {
    static let title = "Write to school"
    static let showsSections = true

    static let bindings: [Binding] = [
        Binding([.ctrl("s")], .send, .compose, "Send", footer: true),
        Binding([.ctrl("e")], .editInEditor, .compose, "Write in $EDITOR", footer: true),
        Binding([.left], .previousOption, .compose, "Previous choice"),
        Binding([.right], .nextOption, .compose, "Next choice", footer: true),
        Binding([.up], .up, .compose, "Line up, or the field above"),
        Binding([.down], .down, .compose, "Line down, or the field below"),
        Binding([.tab], .nextField, .compose, "Next field"),
        Binding([.backTab], .previousField, .compose, "Previous field"),
        Binding([.escape], .back, .compose, "Cancel", footer: true),
    ]

    static func chain(_ s: AppState) -> [KeyContext] { [.compose, .form, .global] }

    /// The form has the keyboard: on a picker, typing goes into the message
    /// and the cursor with it, so nothing typed is lost and no letter or
    /// space changes the child or the topic (only ← → do). In the message,
    /// Enter starts a new line (it is typed, as `.confirm` is off there).
    static func isEditing(_ s: AppState) -> Bool { s.compose.sessionEnded == nil }
    static func textCursor(_ s: AppState) -> TextCursor? {
        s.compose.sessionEnded == nil && s.compose.focus == .body ? .body : nil
    }

    static func isEnabled(_ command: Command, _ s: AppState) -> Bool {
        // Frozen once its school or the session is gone: only leaving (and
        // help). Hidden fields changed behind the notice (the kept message
        // went out about another child), and $EDITOR's edits were dropped.
        if s.compose.sessionEnded != nil || (s.snapshot != nil && school(s) == nil) {
            return [Command.back, .help, .quit].contains(command)
        }
        switch command {
        case .nextOption, .previousOption: return hasChoice(s)
        case .nextField, .previousField: return s.compose.fields.count > 1
        case .confirm: return s.compose.focus != .body
        // Not while its school takes no messages (turned off as the parent
        // wrote: Ctrl-S went to the topic, then was refused).
        case .send: return school(s)?.incomingEnabled == true && s.compose.sessionEnded == nil
        default: return true
        }
    }

    /// Whether the picker in focus has something for ← → to choose: more
    /// than one child or topic, or the one topic not chosen yet (the footer
    /// offered "→ Next choice" on a picker of one, where it did nothing).
    static func hasChoice(_ s: AppState) -> Bool {
        switch s.compose.focus {
        case .about: return s.compose.children.count > 1
        case .topic:
            let n = school(s)?.topics.count ?? 0
            return n > 1 || (n == 1 && s.compose.topic == nil)
        case .body: return false
        }
    }

    /// The school it goes to, while it is on the device and so is the child
    /// a new message is about (nil when either left while the form was
    /// open: a record linking the child stopped holding the parent's details).
    static func school(_ s: AppState) -> SchoolDetails? {
        if let child = s.compose.child, s.snapshot?.model.child(child) == nil { return nil }
        return s.compose.school.flatMap { s.snapshot?.school($0) }
    }

    static func render(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        let form = s.compose
        var y = area.y + 1
        let w = area.width
        let labelWidth = 10
        c.text(form.reply == nil ? "Write to school" : "Reply", x: area.x, y: y, role: .header, width: w)
        y += 2
        if let ended = form.sessionEnded {
            y +=
                c.wrapped(
                    ended.hasSuffix(Reducer.keptWritingText)
                        ? "\(ended) \(key(.back, s)) goes to the login."
                        : "\(ended) What you were writing was not sent, and is not kept: copy it now if you need it. \(key(.back, s)) goes to the login.",
                    x: area.x, y: y, width: w, maxRows: 4, role: .error) + 1
            for paragraph in form.text.split(separator: "\n", omittingEmptySubsequences: false) where y < area.maxY {
                y += max(1, c.wrapped(String(paragraph), x: area.x, y: y, width: w, maxRows: area.maxY - y))
            }
            return
        }
        guard let school = school(s) else {
            // The school left this device while the parent wrote (its records
            // no longer hold their details): say so, and keep the text in view.
            y += c.wrapped(schoolGone(s), x: area.x, y: y, width: w, maxRows: 4, role: .error) + 1
            for paragraph in form.text.split(separator: "\n", omittingEmptySubsequences: false) where y < area.maxY {
                y += max(1, c.wrapped(String(paragraph), x: area.x, y: y, width: w, maxRows: area.maxY - y))
            }
            return
        }
        func row(_ label: String, _ value: String, field: ComposeState.Field?, role: Role = .text, choices: Int = 0) {
            let focused = field != nil && form.focus == field
            c.text(
                TextWidth.pad(label, toWidth: labelWidth), x: area.x, y: y, role: focused ? .accent : .text,
                width: labelWidth)
            let arrows = choices > 1 ? "  \(c.theme.glyphs.moreLeft) \(c.theme.glyphs.moreRight)" : ""
            c.text(
                value + arrows, x: area.x + labelWidth, y: y, role: focused ? .fieldFocused : role,
                width: w - labelWidth)
            y += 1
        }
        row("To", school.name, field: nil)
        if let reply = form.reply {
            row("Re", reply.subject, field: nil, role: .dim)
        } else {
            let name = form.child.flatMap { s.snapshot?.model.child($0)?.name } ?? ""
            row("About", name, field: .about, choices: form.children.count)
            let topic = form.topic.map { school.topics[min($0, school.topics.count - 1)] } ?? "Choose a topic"
            // A school's one topic still to choose shows ‹ › too: → chooses it
            // (the field gave no sign of it).
            let choices = form.topic == nil && school.topics.count == 1 ? 2 : school.topics.count
            row("Topic", topic, field: .topic, role: form.topic == nil ? .dim : .text, choices: choices)
        }
        let body = bodyArea(form, in: area)
        let focused = form.focus == .body
        c.text(
            TextWidth.pad("Message", toWidth: labelWidth), x: area.x, y: body.y, role: focused ? .accent : .text,
            width: labelWidth)
        form.body.render(
            in: body, buffer: &c.buffer, style: c.theme.style(focused ? .fieldFocused : .field),
            placeholderStyle: c.theme.style(.dim), focused: focused)
        y = body.maxY + 1
        guard y < area.maxY else { return }
        if let message = form.message {
            c.wrapped(message, x: area.x, y: y, width: w, maxRows: area.maxY - y, role: .error)
        } else if form.focus != .body {
            // An as-of view's warning stays while a topic is chosen, the
            // moment before Ctrl-S (it went with the focus), whole: the
            // hint on choosing (the footer's keys too) gives way to it (it
            // was cut before "Nothing reaches the school.").
            let warning = s.settings.asOfView ? asOfText(s, what: "this") : nil
            let warningRows = warning.map { Paragraph($0).lineCount(width: max(1, w)) } ?? 0
            if warningRows + 1 <= area.maxY - y {
                c.text(
                    hasChoice(s)
                        ? "\(key(.previousOption, s)) \(key(.nextOption, s)) to choose, \(key(.nextField, s)) for the next field."
                        : "Nothing else to choose here: \(key(.nextField, s)) for the next field.",
                    x: area.x, y: y, role: .dim, width: w)
                y += 1
            }
            if let warning {
                c.wrapped(warning, x: area.x, y: y, width: w, maxRows: area.maxY - y, role: .warning)
            }
        } else if s.settings.asOfView {
            // An as-of view (--now) is a sandbox: said before sending seems to work.
            c.wrapped(
                asOfText(s, what: "this"),
                x: area.x, y: y, width: w, maxRows: area.maxY - y, role: .warning)
        } else {
            c.wrapped(
                "\(key(.send, s)) sends. Your message is kept safely and sent at the next sync, even if you're offline.",
                x: area.x, y: y, width: w, maxRows: area.maxY - y, role: .dim)
        }
    }

    /// What sending does in an as-of view (`--now`): it goes through the
    /// outbox as ever, dated on the view's clock, but into the view's
    /// sandbox, thrown away when the app quits.
    static func asOfText(_ s: AppState, what: String) -> String {
        let when = "\(s.displayZone.civilDate(of: s.now).longText) \(s.displayZone.clockText(s.now))"
        return
            "As-of view (--now): \(key(.send, s)) sends \(what) as if on \(when), into a copy that is thrown away when you quit. Nothing reaches the school."
    }

    static func schoolGone(_ s: AppState) -> String {
        if s.compose.child != nil, let id = s.compose.school, let school = s.snapshot?.school(id) {
            let name = s.compose.childName ?? "This child"
            return
                "\(name) is no longer shown on this device (\(school.name)'s records no longer link you to \(name)), so this cannot be sent now. \(key(.back, s)) keeps what you wrote on this device, to send if the school links you to \(name) again."
        }
        return
            "This school is no longer on this device (its records no longer hold your login details), so this cannot be sent now. \(key(.back, s)) keeps what you wrote on this device, to send if the school holds your details again."
    }

    /// The name of the key for `command` here ("Ctrl-S").
}
