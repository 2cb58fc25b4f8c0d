import Foundation
import ParentCore
import TerminalKit

extension ComposeScreen {
    /// Opens the form for a new message (no reply) or a reply, with the
    /// cursor in the message. A new message is about `child` (the one the
    /// parent has in view on the screen that opened the form: Home's
    /// selection, the timeline's child filter), else the first child whose
    /// school accepts messages; if that child's school does not, the parent
    /// is told so and nothing opens (the app never switches school without
    /// saying so).
    static func start(_ s: inout AppState, reply: ComposeState.Reply?, about child: ChildRef? = nil) -> [Effect] {
        guard let model = s.snapshot?.model else { return [] }
        var form = ComposeState()
        if let reply {
            guard model.school(reply.school)?.incomingEnabled == true else {
                s.note(
                    "\(model.school(reply.school)?.name ?? "The school") does not accept messages through Xpressions.",
                    role: .warning, seconds: 10)
                return []
            }
            form.reply = reply
        } else {
            form.children = offered(model)
            if let chosen = child, !form.children.contains(chosen) {
                let school = model.school(chosen.school)
                let name = model.child(chosen)?.forename ?? "this child"
                var text =
                    "\(school?.name ?? "The school") doesn't accept messages through Xpressions, so you can't write to it about \(name) here."
                if let phone = school?.phone, !phone.isEmpty { text += " Its phone number is \(phone)." }
                s.note(text, role: .warning, seconds: 15)
                return []
            }
            guard !form.children.isEmpty else {
                // No child shown at all is its own reason (it said no school
                // accepts messages, of a school that does).
                s.note(
                    model.children.isEmpty
                        ? "No child is shown for your account at the moment, so there is no one to write about: Home says why."
                        : "None of your children's schools accepts messages through Xpressions.", role: .warning,
                    seconds: 10)
                return []
            }
            form.childIndex = child.flatMap { form.children.firstIndex(of: $0) } ?? 0
        }
        form.focus = .body
        s.compose = form
        s.note = nil  // an earlier refusal is not about this form
        s.push(.compose)
        return []
    }

    /// The children a new message can be about: those whose school accepts
    /// messages through Xpressions and has topics.
    static func offered(_ model: ParentModel) -> [ChildRef] {
        model.children.map(\.ref).filter { ref in
            model.school(ref.school).map { $0.incomingEnabled && !$0.topics.isEmpty } ?? false
        }
    }

    /// A sync while the form is open: a school that has stopped taking
    /// messages is said at once (it was said only at Ctrl-S, and the form
    /// went on offering it), and the children offered follow the model.
    /// The child being written about is never switched without a word:
    /// the form stays on them, says why it can't be sent, and keeps the text.
    static func modelLoaded(_ s: inout AppState) {
        guard s.stack.contains(where: { $0.shows(ComposeScreen.self) }), s.compose.sessionEnded == nil,
            let model = s.snapshot?.model, let id = s.compose.school, let school = model.school(id)
        else { return }
        if s.compose.reply == nil, let current = s.compose.child {
            let now = offered(model)
            if let i = now.firstIndex(of: current) {
                s.compose.children = now
                s.compose.childIndex = i
            }
        }
        if !school.incomingEnabled {
            // The phone number first: two lines at 80 columns cut the rest.
            let phone = school.phone.isEmpty ? "" : " Phone \(school.phone)."
            s.compose.message =
                "\(school.name) has just turned off messages through Xpressions.\(phone) What you wrote stays here to copy (\(key(.editInEditor, s)))."
            s.compose.schoolTurnedOff = true
        } else if s.compose.schoolTurnedOff {
            s.compose.schoolTurnedOff = false
            s.compose.message = nil  // on again: it can be sent
        }
    }

    /// Opens the form on a message that was not sent (refused by the school,
    /// or kept from before), to change its topic or text and send it again:
    /// the old one goes once the new one is queued.
    /// `askTopic`: it was written without a topic the school takes, so it
    /// opens on the picker, saying so.
    static func edit(_ item: OutboxItem, askTopic: Bool = false, _ s: inout AppState) -> [Effect] {
        guard let model = s.snapshot?.model, item.kind == .message || item.kind == .reply, let body = item.body
        else { return [] }
        if item.kind == .reply, let id = item.message {
            let subject =
                model.message(MessageRef(school: item.school, id: id))?.subject
                ?? item.topic.map { $0.hasPrefix("Re: ") ? String($0.dropFirst(4)) : $0 } ?? ""
            _ = start(&s, reply: ComposeState.Reply(school: item.school, message: id, subject: subject))
        } else {
            let child = item.students.first.map { ChildRef(school: item.school, student: $0) }
            _ = start(&s, reply: nil, about: child ?? model.children.first { $0.school == item.school }?.ref)
        }
        guard s.route == .compose else { return [] }  // the school takes none now: said
        if let topic = item.topic, let index = model.school(item.school)?.topics.firstIndex(of: topic) {
            s.compose.topic = index
        }
        s.compose.body.text = body
        s.compose.replaces = item.key
        if askTopic {
            s.compose.focus = .topic
            s.compose.message = "Choose a topic for it first, then send it."
        }
        return []
    }

    /// The session ended while this form is open. A message being written
    /// is not swept away with it: it stays in view, to copy, until the
    /// parent leaves it (the person at the screen is the one who wrote it;
    /// it is never kept for later, when someone else may log in). Said
    /// once: the next sync meeting no session ("logged out on this
    /// device") does not replace the reason.
    static func keepWhenSessionEnds(_ message: String, _ s: inout AppState) -> Bool {
        if s.compose.sessionEnded != nil { return true }
        guard s.unlocked, !s.compose.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return false }
        s.compose.sessionEnded = message
        // The status line says the login is over too (it still named one
        // school's removal, as if only that had happened).
        s.note(message, role: .warning, seconds: 30)
        return true
    }

    /// The process is ending with this form open and something written: it
    /// is kept as a message from before (offered after the next unlock,
    /// never sent without the parent). Not in an as-of view, which keeps
    /// nothing.
    static func keepWhenClosing(_ s: inout AppState) -> [Effect] {
        guard s.holds(ComposeScreen.self), s.compose.sessionEnded == nil,
            !s.settings.asOfView, let school = s.compose.school
        else { return [] }
        let text = s.compose.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return [] }
        let topics = s.snapshot?.model.school(school)?.topics ?? s.compose.topicsSeen
        let topic = s.compose.topic.flatMap { topics.indices.contains($0) ? topics[$0] : nil }
        return [
            .keepUnsent(
                OutgoingDraft(
                    school: school, topic: s.compose.reply == nil ? topic : nil, body: text,
                    inReplyTo: s.compose.reply?.message, children: s.compose.child.map { [$0] } ?? [],
                    replaces: s.compose.replaces))
        ]
    }

    /// Whether any child's school accepts messages: otherwise the footers
    /// do not offer writing (the key could only refuse).
    static func canWrite(_ s: AppState, about child: ChildRef? = nil) -> Bool {
        guard let model = s.snapshot?.model else { return false }
        return model.children.contains { c in
            (child == nil || c.ref == child)
                && (model.school(c.school).map { $0.incomingEnabled && !$0.topics.isEmpty } ?? false)
        }
    }

    /// Opens the form for a reply to `detail` (from the reader, or the
    /// timeline's selection), or says why its school takes none.
    static func reply(to detail: MessageDetail, _ s: inout AppState) -> [Effect] {
        guard detail.canReply else {
            s.note("\(detail.schoolName) does not accept replies through Xpressions.", role: .warning, seconds: 10)
            return []
        }
        return start(
            &s, reply: ComposeState.Reply(school: detail.ref.school, message: detail.ref.id, subject: detail.subject))
    }

    static func update(_ command: Command, _ s: inout AppState) -> [Effect]? {
        if let ended = s.compose.sessionEnded {
            // Only leaving (to the login, saying why) or the editor's copy.
            switch command {
            case .back:
                LoginScreen.startAgain(ended, &s)
            case .editInEditor: return [.editInEditor(initial: s.compose.text)]
            default: break
            }
            return []
        }
        // "Has just turned off messages" stays while it is so: a key took
        // it away, and the form said "Ctrl-S sends" with Ctrl-S doing nothing.
        if !s.compose.schoolTurnedOff { s.compose.message = nil }
        s.compose.movedFromPicker = false
        let discardAsked = s.compose.discardAsked
        if s.compose.discardAsked { Reducer.withdrawQuestion(&s) }
        s.compose.discardAsked = false
        let fields = s.compose.fields
        let i = fields.firstIndex(of: s.compose.focus) ?? 0
        switch command {
        case .up:
            // In the message, ↑ moves up a line; from its first line, to the field above.
            if s.compose.focus == .body, s.compose.body.moveUp(width: bodyArea(s).width) { return [] }
            if i > 0 { s.compose.focus = fields[i - 1] }
        case .down:
            if s.compose.focus == .body {
                s.compose.body.moveDown(width: bodyArea(s).width)
            } else {
                s.compose.focus = fields[i + 1]
            }
        case .nextField, .confirm: s.compose.focus = fields[(i + 1) % fields.count]
        case .previousField: s.compose.focus = fields[(i + fields.count - 1) % fields.count]
        case .nextOption: choose(+1, &s)
        case .previousOption: choose(-1, &s)
        case .back:
            // The school left this device while the parent wrote (its records
            // no longer hold their details): what they wrote is kept for
            // those records, held, and offered again if they come back (two
            // Esc threw it away, the question hidden under the status line).
            if school(s) == nil, !s.compose.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                let why: KeptWhy = s.compose.school.flatMap { s.snapshot?.school($0) } == nil ? .schoolLeft : .childLeft
                let name = why == .childLeft ? s.compose.childName : nil
                let kept = Reducer.kept(keepWhenClosing(&s), why: why)
                s.pop()
                s.note(Reducer.keptForSchoolText("What you wrote", child: name), seconds: 10)
                return kept
            }
            // Something written is never lost to one Esc (a slip of the finger).
            guard discardAsked || s.compose.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                ask(Reducer.discardQuestion, &s)
                return []
            }
            s.pop()
        case .editInEditor: return [.editInEditor(initial: s.compose.text)]
        case .send: return send(&s)
        default: break
        }
        return []
    }

    static func send(_ s: inout AppState) -> [Effect] {
        guard let school = school(s) else {
            s.compose.message = schoolGone(s)
            return []
        }
        let text = s.compose.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            s.compose.focus = .body
            s.compose.message = "Please write a message first."
            return []
        }
        // Said here, at once (the reader said "Queued" for a moment first).
        let length = text.count
        guard length <= ComposeError.bodyLimit else {
            s.compose.focus = .body
            s.compose.message =
                "\(ComposeError.bodyTooLong(limit: ComposeError.bodyLimit)) This one has \(length): shorten it, then send."
            return []
        }
        var topic: String? = nil
        if s.compose.reply == nil {
            guard let chosen = s.compose.topic, school.topics.indices.contains(chosen) else {
                s.compose.focus = .topic
                s.compose.message =
                    "Please choose a topic for your message (\(key(.previousOption, s)) \(key(.nextOption, s)) to choose), then send it."
                return []
            }
            topic = school.topics[chosen]
        }
        let draft = OutgoingDraft(
            school: school.id, topic: topic, body: text, inReplyTo: s.compose.reply?.message,
            children: s.compose.child.map { [$0] } ?? [], replaces: s.compose.replaces)
        s.pop()
        if s.snapshot?.model.storeTrouble != nil || s.snapshot?.model.trouble(school: school.id) != nil {
            s.note("Queued — will be sent when the school data is reachable.", role: .success, seconds: 10)
        } else {
            s.note("Queued: your message to \(school.name) will be sent at the next sync.", role: .success)
        }
        s.note?.whileQueued = true
        return [.queueMessage(draft, form: .compose), .sync(manual: true)]
    }

    /// Moves the focused picker by one (wrapping). A topic starts unchosen:
    /// the first move picks the first (or last) topic.
    static func choose(_ step: Int, _ s: inout AppState) {
        switch s.compose.focus {
        case .about:
            let n = s.compose.children.count
            guard n > 1 else { return }
            let before = s.compose.school
            s.compose.childIndex = (s.compose.childIndex + step + n) % n
            // Another school: said, with its topic to choose again (the one
            // chosen went without a word).
            if s.compose.school != before {
                let had = s.compose.topic != nil
                s.compose.topic = nil
                let name = school(s)?.name ?? "another school"
                s.compose.message =
                    "Now to \(name)\(had ? ", which has its own topics: choose one" : "")."
            }
        case .topic:
            let n = school(s)?.topics.count ?? 0
            guard n > 0 else { return }
            s.compose.topic = s.compose.topic.map { ($0 + step + n) % n } ?? (step > 0 ? 0 : n - 1)
        case .body:
            break
        }
    }

    /// A message that could not be queued comes back here with its text.
    static func keepNotQueued(_ text: String, _ s: inout AppState) -> Bool {
        guard !s.compose.text.isEmpty else { return false }
        s.compose.message = text
        return true
    }

    /// Quitting with something written asks first, as Esc does (Ctrl-C
    /// once threw a draft away without a word); a second quit key goes ahead.
    static func askBeforeQuitting(_ s: inout AppState) -> Bool {
        let written = !s.compose.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        guard written, s.compose.sessionEnded == nil, !s.compose.discardAsked else { return false }
        ask(Reducer.quitQuestion, &s)
        return true
    }

    /// Asks before what was written is thrown away, where it is seen: in
    /// the form's message rows (a refusal's status line, which took them,
    /// goes: the question is the news now), or on the status line when
    /// the terminal is too short for those rows (it was hidden both ways,
    /// and a second Esc discarded the text without a word).
    static func ask(_ question: String, _ s: inout AppState) {
        s.compose.discardAsked = true
        s.compose.message = question
        Reducer.makeSeen(question, &s)
    }

    /// A paste into the message goes in whole, in one insertion: typed
    /// character by character, each re-made the text (a 5.6 KB letter took
    /// two seconds, 11 KB eight, and a resize meanwhile left the screen
    /// broken). On a picker it is typed as any text is (into the message,
    /// saying so).
    static func paste(_ text: String, _ s: inout AppState) -> [Effect] {
        guard s.compose.focus == .body, s.compose.sessionEnded == nil else { return Reducer.typeEach(text, &s) }
        if s.compose.discardAsked { Reducer.withdrawQuestion(&s) }
        s.compose.discardAsked = false
        if s.compose.body.insert(text), !text.isEmpty, !s.compose.movedFromPicker, !s.compose.schoolTurnedOff {
            s.compose.message = nil
        }
        return []
    }

    static func type(_ key: Key, _ s: inout AppState) -> [Effect] {
        // The session ended: the text is in view to copy, and what was kept
        // is what is shown (words typed on after it were in view, never kept).
        guard s.compose.sessionEnded == nil else { return [] }
        if s.compose.discardAsked { Reducer.withdrawQuestion(&s) }
        s.compose.discardAsked = false
        switch s.compose.focus {
        case .about, .topic:
            // Text typed on a picker (or Backspace) is the message going on:
            // it goes there.
            let typing: Bool
            if case .char = key { typing = true } else { typing = key == .backspace }
            guard typing else { return [] }
            let picker = s.compose.focus == .about ? "the child" : "the topic"
            s.compose.focus = .body
            _ = s.compose.body.handle(key, width: bodyArea(s).width)
            guard !s.compose.schoolTurnedOff else { break }
            s.compose.movedFromPicker = true
            s.compose.message =
                "Typing goes into the message. To choose \(picker): \(Self.key(.previousField, s)) back to it, then \(Self.key(.previousOption, s)) \(Self.key(.nextOption, s))."
        case .body:
            if s.compose.body.handle(key, width: bodyArea(s).width), !s.compose.movedFromPicker,
                !s.compose.schoolTurnedOff
            {
                s.compose.message = nil
            }
        }
        return []
    }

    /// What came back from `$EDITOR`.
    static func edited(_ text: String?, _ s: inout AppState) -> [Effect] {
        guard let text else {
            s.note("The editor ended with an error: the message is as it was.", role: .warning)
            return []
        }
        // After the session ended the editor is a copy to read: the form
        // keeps what was kept.
        guard s.compose.sessionEnded == nil else { return [] }
        // An editor that saved nothing over a message written: kept as it was.
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
            !s.compose.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        {
            s.note("The editor saved an empty message: yours is kept as it was.", role: .warning)
            return []
        }
        // Far past what a message may hold (a file read into the editor by
        // mistake): the message stays as it was (5 MB in the field took the
        // app 44 s of work).
        let returned = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let length = returned.count
        guard length <= 10 * ComposeError.bodyLimit else {
            s.note(
                "The editor's text has \(length) characters, far past a message's \(ComposeError.bodyLimit): yours is kept as it was.",
                role: .warning)
            return []
        }
        // The text comes back into the message, the cursor at its end, to
        // type on or send.
        s.compose.body.text = returned
        s.compose.focus = .body
        return []
    }

    /// Where the message is drawn (its width is what ↑ ↓ move by).
    static func bodyArea(_ s: AppState) -> Rect {
        let area = AppView.body(for: s)
        return bodyArea(s.compose, in: area)
    }

    /// The message's rows: right of its label, under the fields, down to the
    /// line that says what Ctrl-S does (two rows, and one free above it).
    static func bodyArea(_ form: ComposeState, in area: Rect) -> Rect {
        let top = area.y + 3 + (form.reply == nil ? 3 : 2) + 1
        let labelWidth = 10
        return Rect(
            x: area.x + labelWidth, y: top, width: max(1, area.width - labelWidth),
            height: max(1, area.maxY - 3 - top))
    }

    static func settle(_ s: inout AppState) {
        if let child = s.compose.child, let name = s.snapshot?.model.child(child)?.fullName {
            s.compose.childName = name
        }
        if let school = s.compose.school, let topics = s.snapshot?.model.school(school)?.topics {
            s.compose.topicsSeen = topics
        }
        let area = bodyArea(s)
        s.compose.body.keepCursorVisible(width: area.width, height: area.height)
    }
}
