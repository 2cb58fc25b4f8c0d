import Foundation
import ParentCore
import TerminalKit

extension AbsenceScreen {
    /// Opens the form about `child` (the one in view on the screen that
    /// opened it: Home's selection, the timeline's child filter or selected
    /// message, the attendance screen's child), else the first child whose
    /// school takes messages, for today (the next school day when the
    /// school is closed today). When the child's school takes no messages
    /// through Xpressions, the parent is told so with its phone number, and
    /// nothing opens.
    static func start(_ s: inout AppState, about child: ChildRef?) -> [Effect] {
        guard let model = s.snapshot?.model else { return [] }
        let selected = child
        // A child who has left has no absences to report.
        if let chosen = selected, let child = model.child(chosen), child.hasLeft(by: today(s, child)) {
            let left = child.leftOn.map { " on \($0.longText)" } ?? ""
            s.note(
                "\(child.forename) left \(child.schoolName)\(left): there is no absence to report.", role: .warning,
                seconds: 10)
            return []
        }
        var form = AbsenceState()
        form.children = model.children.filter {
            !$0.hasLeft(by: today(s, $0)) && model.school($0.school)?.incomingEnabled == true
        }
        .map(\.ref)
        if let chosen = selected, !form.children.contains(chosen) {
            let school = model.school(chosen.school)
            let name = model.child(chosen)?.forename ?? "this child"
            var text =
                "\(school?.name ?? "The school") doesn't take absence reports through Xpressions, so you can't report \(name)'s absence here."
            if let phone = school?.phone, !phone.isEmpty { text += " Please phone the school on \(phone)." }
            s.note(text, role: .warning, seconds: 15)
            return []
        }
        guard !form.children.isEmpty else {
            s.note(
                model.children.isEmpty
                    ? "No child is shown for your account at the moment, so there is no absence to report here: Home says why."
                    : "None of your children's schools takes absence reports through Xpressions. Please phone the school.",
                role: .warning, seconds: 10)
            return []
        }
        form.childIndex = selected.flatMap { form.children.firstIndex(of: $0) } ?? 0
        s.absence = form
        resetDays(&s)
        s.note = nil  // an earlier refusal is not about this form
        s.push(.absence)
        return []
    }

    /// Today at the child's school.
    static func today(_ s: AppState, _ child: ChildSummary) -> CivilDate {
        (s.snapshot?.model.school(child.school)?.zone ?? s.displayZone).civilDate(of: s.now)
    }

    /// Whether any child still at school is at one that takes absence
    /// reports: otherwise the footers do not offer reporting (the key could
    /// only refuse).
    static func canReport(_ s: AppState, about child: ChildRef? = nil) -> Bool {
        guard let model = s.snapshot?.model else { return false }
        return model.children.contains {
            (child == nil || $0.ref == child) && !$0.hasLeft(by: today(s, $0))
                && model.school($0.school)?.incomingEnabled == true
        }
    }

    /// Today, or the next school day when the school is closed today.
    static func resetDays(_ s: inout AppState) {
        let today = today(s)
        var day = today
        if let calendar = calendar(s), !calendar.isSchoolDay(day) {
            if let next = step(day, by: 1, calendar) {
                day = next
            } else {
                // The summer holidays with next year's terms not out: say so,
                // rather than offer a Sunday the school is closed.
                s.absence.message = noSchoolDayText(later: true, calendar)
            }
        }
        s.absence.from = day
        s.absence.to = day
    }

    static func noSchoolDayText(later: Bool, _ calendar: AbsenceCalendar) -> String {
        "No \(later ? "later" : "earlier") school day is known: \(calendar.school.name)'s calendar has no term \(later ? "after" : "before") this yet."
    }

    /// The next (or previous) school day; within 60 days, else one day on.
    static func step(_ day: CivilDate, by n: Int, _ calendar: AbsenceCalendar) -> CivilDate? {
        var d = day.adding(days: n)
        for _ in 0..<60 {
            if calendar.isSchoolDay(d) { return d }
            d = d.adding(days: n)
        }
        return nil
    }

    static func update(_ command: Command, _ s: inout AppState) -> [Effect]? {
        if let ended = s.absence.sessionEnded {
            // Only leaving, to the login saying why.
            if command == .back { LoginScreen.startAgain(ended, &s) }
            return []
        }
        s.absence.message = nil
        s.absence.movedFromPicker = false
        let discardAsked = s.absence.discardAsked
        if s.absence.discardAsked { Reducer.withdrawQuestion(&s) }
        s.absence.discardAsked = false
        let fields = s.absence.fields
        let i = fields.firstIndex(of: s.absence.focus) ?? 0
        switch command {
        case .nextField, .confirm: s.absence.focus = fields[(i + 1) % fields.count]
        case .previousField: s.absence.focus = fields[(i + fields.count - 1) % fields.count]
        case .nextOption: choose(+1, &s)
        case .previousOption: choose(-1, &s)
        case .back:
            // The child's school left this device while the parent wrote (its
            // records no longer hold their details): the note is kept as a
            // message for those records, held, and offered with m (two Esc
            // threw it away).
            if calendar(s) == nil, !s.settings.asOfView {
                let gone = s.absence.child.flatMap { s.snapshot?.school($0.school) } == nil
                let kept = Reducer.kept(keepWhenClosing(&s), why: gone ? .schoolLeft : .childLeft)
                if let first = kept.first {
                    let whole: Bool
                    if case .keepUnsentAbsence = first { whole = true } else { whole = false }
                    let name = gone ? nil : s.absence.childName
                    s.pop()
                    s.note(Reducer.keptForSchoolText(whole ? "Your report" : "Your note", child: name), seconds: 10)
                    return kept
                }
            }
            // A note written is never lost to one Esc (a slip of the finger).
            guard discardAsked || s.absence.note.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                ask(Reducer.discardQuestion, &s)
                return []
            }
            s.pop()
        case .send: return send(&s)
        default: return nil
        }
        return []
    }

    /// Moves the focused picker by one: the child, a day (a school day at a
    /// time; the other end follows so the first stays before the last), the
    /// part of the day, the reason (unchosen at first).
    static func choose(_ step: Int, _ s: inout AppState) {
        switch s.absence.focus {
        case .child:
            let n = s.absence.children.count
            guard n > 1 else { return }
            let before = s.absence.child?.school
            s.absence.childIndex = (s.absence.childIndex + step + n) % n
            if s.absence.child?.school != before { resetDays(&s) }
        case .from:
            guard let calendar = calendar(s) else { return }
            guard let day = AbsenceScreen.step(s.absence.from, by: step, calendar) else {
                s.absence.message = AbsenceScreen.noSchoolDayText(later: step > 0, calendar)
                return
            }
            s.absence.from = day
            if s.absence.to < s.absence.from { s.absence.to = s.absence.from }
            if s.absence.from == s.absence.to { s.absence.part = s.absence.part.singleDay }
        case .to:
            guard let calendar = calendar(s) else { return }
            guard let day = AbsenceScreen.step(s.absence.to, by: step, calendar) else {
                s.absence.message = AbsenceScreen.noSchoolDayText(later: step > 0, calendar)
                return
            }
            s.absence.to = day
            if s.absence.to < s.absence.from { s.absence.from = s.absence.to }
            if s.absence.from == s.absence.to { s.absence.part = s.absence.part.singleDay }
        case .part:
            // One day: morning, afternoon or both; several: also where the first and last begin and end.
            let all = AbsencePart.choices(multiDay: s.absence.from != s.absence.to)
            let i = all.firstIndex(of: s.absence.part) ?? 0
            s.absence.part = all[(i + step + all.count) % all.count]
        case .reason:
            let all = AbsenceReason.allCases
            s.absence.reason =
                s.absence.reason.flatMap { all.firstIndex(of: $0) }.map { all[($0 + step + all.count) % all.count] }
                ?? (step > 0 ? all[0] : all[all.count - 1])
        case .note:
            break
        }
    }

    static func send(_ s: inout AppState) -> [Effect] {
        guard let draft = s.absence.draft, let calendar = calendar(s) else {
            s.absence.message = schoolGone(s)
            return []
        }
        switch check(draft, calendar, s) {
        case .failure(let refusal):
            s.absence.message = refusal.description
            switch refusal {
            case .noReason: s.absence.focus = .reason
            case .noteRequired, .noteTooLong: s.absence.focus = .note
            case .lastBeforeFirst, .tooFarAhead: s.absence.focus = .to
            case .closed(let day, _): s.absence.focus = day == draft.from ? .from : .to
            case .tooLongAgo: s.absence.focus = .from
            default: break
            }
            return []
        case .success(let report):
            s.pop()
            let school = calendar.school
            if s.snapshot?.model.storeTrouble != nil || s.snapshot?.model.trouble(school: school.id) != nil {
                s.note("Queued — will be sent when the school data is reachable.", role: .success, seconds: 10)
            } else {
                s.note(
                    "Queued: your absence report (\(AbsenceReport.summary(report.sessions))) will be sent to \(school.name) at the next sync.",
                    role: .success, seconds: 10)
            }
            s.note?.whileQueued = true
            return [.reportAbsence(draft, form: .absence), .sync(manual: true)]
        }
    }

    /// A report that could not be queued comes back here whole.
    static func keepNotQueued(_ text: String, _ s: inout AppState) -> Bool {
        guard s.absence.draft != nil else { return false }
        s.absence.message = text
        return true
    }

    /// Quitting with a note written asks first, as Esc does; a second quit
    /// key goes ahead.
    static func askBeforeQuitting(_ s: inout AppState) -> Bool {
        guard !s.absence.note.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, !s.absence.discardAsked,
            s.absence.sessionEnded == nil
        else { return false }
        ask(Reducer.quitQuestion, &s)
        return true
    }

    /// The process is ending with the form open: a report filled in (one
    /// the calendar takes) is kept whole, and a note written on one that
    /// is not finished is kept as a message about the absence; either is
    /// offered after the next unlock, never sent without the parent. Not in
    /// an as-of view, which keeps nothing.
    static func keepWhenClosing(_ s: inout AppState) -> [Effect] {
        guard s.holds(AbsenceScreen.self), s.absence.sessionEnded == nil,
            !s.settings.asOfView, let draft = s.absence.draft
        else { return [] }
        if let calendar = calendar(s) {
            if case .success = check(draft, calendar, s) { return [.keepUnsentAbsence(draft)] }
        } else if s.absence.passedChecks == draft {
            // The school left: the report as it passed while it was here.
            return [.keepUnsentAbsence(draft)]
        }
        return noteAsMessage(draft, s).map { [.keepUnsent($0)] } ?? []
    }

    /// The note of a report that cannot be kept whole, as a message about
    /// the absence; nil when no note is written.
    static func noteAsMessage(_ draft: AbsenceDraft, _ s: AppState) -> OutgoingDraft? {
        // The reason chosen goes with it (kept as a message when the school
        // left, it was lost).
        guard let body = draft.messageText(childName: s.snapshot?.model.child(draft.child)?.forename) else {
            return nil
        }
        return OutgoingDraft(school: draft.child.school, topic: nil, body: body, children: [draft.child])
    }

    /// Remembers whether the form, as filled in, passes the calendar's
    /// checks while the school is on the device: if the school leaves, the
    /// report is kept whole (it was kept as a note, its reason and days lost).
    static func settle(_ s: inout AppState) {
        if let child = s.absence.child, let name = s.snapshot?.model.child(child)?.fullName {
            s.absence.childName = name
        }
        guard let draft = s.absence.draft, let calendar = calendar(s) else { return }
        if case .success = check(draft, calendar, s) {
            s.absence.passedChecks = draft
        } else {
            s.absence.passedChecks = nil
        }
    }

    /// The form checked against the school's calendar as of now (sending,
    /// keeping, and remembering it passed).
    static func check(_ draft: AbsenceDraft, _ calendar: AbsenceCalendar, _ s: AppState) -> Result<
        AbsenceReport, AbsenceRefusal
    > {
        AbsencePlan.check(
            draft, calendar: calendar, today: today(s),
            startedToday: AbsencePlan.started(at: s.now, zone: calendar.school.zone))
    }

    /// Asks before the note is thrown away, where it is seen (``Reducer/makeSeen(_:_:)``).
    static func ask(_ question: String, _ s: inout AppState) {
        s.absence.discardAsked = true
        s.absence.message = question
        Reducer.makeSeen(question, &s)
    }

    /// The session ended by itself with a note written: the form stays, to
    /// copy the note, and says why (nothing is sent: the session that would
    /// send it has ended); Esc goes to the login.
    static func keepWhenSessionEnds(_ message: String, _ s: inout AppState) -> Bool {
        if s.absence.sessionEnded != nil { return true }
        guard s.unlocked, !s.absence.note.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return false
        }
        s.absence.sessionEnded = message
        s.absence.message =
            message.hasSuffix(Reducer.keptWritingText)
            ? "\(message) \(key(.back, s)) goes to the login."
            : "\(message) Your note is still here to copy; \(key(.back, s)) goes to the login."
        s.note(message, role: .warning, seconds: 30)
        return true
    }

    static func type(_ key: Key, _ s: inout AppState) -> [Effect] {
        guard s.absence.sessionEnded == nil else { return [] }
        if s.absence.discardAsked { Reducer.withdrawQuestion(&s) }
        s.absence.discardAsked = false
        switch s.absence.focus {
        case .note:
            if s.absence.note.handle(key), !s.absence.movedFromPicker { s.absence.message = nil }
        case let field:
            // Text typed on a choice (or Backspace), a space too, is the
            // parent writing: it goes into the note, with the cursor, and
            // nothing typed is lost or changes a choice (a space after "Off
            // sick", Tab having wrapped to Child, reported the other child).
            // The arrows change a choice, as on the message form.
            let typing: Bool
            if case .char = key { typing = true } else { typing = key == .backspace }
            guard typing else { return [] }
            s.absence.focus = .note
            _ = s.absence.note.handle(key)
            s.absence.movedFromPicker = true
            let name: String
            switch field {
            case .child: name = "the child"
            case .from: name = "the first day"
            case .to: name = "the last day"
            case .part: name = "the part of the day"
            default: name = "the reason"
            }
            s.absence.message =
                "Typing goes into the note. To change \(name): \(Self.key(.previousField, s)) back to it, then \(Self.key(.previousOption, s)) \(Self.key(.nextOption, s))."
        }
        return []
    }
}
