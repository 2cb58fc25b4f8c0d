import Foundation
import ParentCore
import TerminalKit

extension Route {
    static let absence = Route(AbsenceScreen.self)
}

extension KeyContext {
    static let absence = KeyContext("Report an absence")
}

/// Reporting a child's absence to their school: the child, the days, the
/// part of each day, a reason and a note; below, the sessions it covers (or
/// why it cannot be sent as it is), checked against the school's calendar
/// as the parent edits.
enum AbsenceScreen: WritingScreen {
    static let title = "Report an absence"
    static let showsSections = true

    static let bindings: [Binding] = [
        Binding([.ctrl("s")], .send, .absence, "Send the report", footer: true),
        // One label for every picker (the child, a day, the sessions, the reason): on a day, a day later.
        Binding([.left], .previousOption, .absence, "Previous choice"),
        Binding([.right], .nextOption, .absence, "Next choice", footer: true),
        // Enter moves on, as Tab does: the report is sent with Ctrl-S only.
        Binding([.enter], .confirm, .absence, "Next field", footer: true),
        Binding([.escape], .back, .absence, "Cancel", footer: true),
    ]

    static func chain(_ s: AppState) -> [KeyContext] { [.absence, .form, .global] }

    /// The form has the keyboard: text typed on a choice, a space too, goes
    /// into the note (``type(_:_:)``), so no letter or "?" is lost.
    static func isEditing(_ s: AppState) -> Bool { true }
    /// The cursor is in the note only (on a picker, typing goes there too).
    static func textCursor(_ s: AppState) -> TextCursor? { s.absence.focus == .note ? .line : nil }

    static func isEnabled(_ command: Command, _ s: AppState) -> Bool {
        // Frozen once the session or the child's school is gone: the kept
        // report is what was on screen (a hidden child field changed behind
        // the notice, and the report went out about another child).
        if s.absence.sessionEnded != nil || (s.snapshot != nil && calendar(s) == nil) {
            return ![.send, .nextField, .previousField, .nextOption, .previousOption, .confirm].contains(command)
        }
        switch command {
        // One child has nothing to choose (the footer offered → there).
        case .nextOption, .previousOption:
            return s.absence.focus != .note && (s.absence.focus != .child || s.absence.children.count > 1)
        // Enter on the note moves on too (back round to the child), so the
        // footer shows a way out of the last field: it did nothing there,
        // silently, with only Ctrl-S and Esc offered.
        case .send: return calendar(s) != nil && s.absence.sessionEnded == nil
        default: return true
        }
    }

    /// The child's school's calendar, while the child is on the device: nil
    /// when the school left it, or the child did (a record linking them
    /// stopped holding the parent's details) while the form was open.
    static func calendar(_ s: AppState) -> AbsenceCalendar? {
        guard let child = s.absence.child, let model = s.snapshot?.model, model.child(child) != nil else { return nil }
        return model.absenceCalendar(school: child.school)
    }

    /// Today at the child's school.
    /// In an as-of view, the reports filed by its date only (nothing from
    /// after it shows).
    static func filedBy(_ s: AppState) -> Date? { s.settings.asOfView ? s.now : nil }

    static func today(_ s: AppState) -> CivilDate {
        (calendar(s)?.school.zone ?? s.displayZone).civilDate(of: s.now)
    }

    static func render(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        let form = s.absence
        // On a short terminal the fields come first (the title bar names the form).
        let compact = area.height < 16
        var y = compact ? area.y : area.y + 1
        let w = area.width
        let labelWidth = 11
        if !compact {
            c.text("Report an absence", x: area.x, y: y, role: .header, width: w)
            y += 2
        }
        guard let calendar = calendar(s), let child = form.child else {
            // The child's school left this device while the form was open.
            y += c.wrapped(schoolGone(s), x: area.x, y: y, width: w, maxRows: 4, role: .error) + 1
            if !form.note.text.isEmpty { c.wrapped(form.note.text, x: area.x, y: y, width: w, maxRows: area.maxY - y) }
            return
        }
        func row(_ label: String, _ value: String, field: AbsenceState.Field?, role: Role = .text, choices: Bool = true)
        {
            let focused = field != nil && form.focus == field
            c.text(
                TextWidth.pad(label, toWidth: labelWidth), x: area.x, y: y, role: focused ? .accent : .text,
                width: labelWidth)
            let arrows = choices && field != nil ? "  \(c.theme.glyphs.moreLeft) \(c.theme.glyphs.moreRight)" : ""
            c.text(
                value + arrows, x: area.x + labelWidth, y: y, role: focused ? .fieldFocused : role,
                width: w - labelWidth)
            y += 1
        }
        let name = s.snapshot?.model.child(child)?.name ?? child.student
        row("Child", name, field: .child, choices: form.children.count > 1)
        if !compact { row("School", calendar.school.name, field: nil, role: .dim) }
        row("First day", form.from.longText, field: .from)
        row("Last day", form.to.longText, field: .to)
        row("Sessions", form.part.label(multiDay: form.from != form.to), field: .part)
        row("Reason", form.reason?.label ?? "Choose a reason", field: .reason, role: form.reason == nil ? .dim : .text)
        c.field(
            TextWidth.pad("Note", toWidth: labelWidth), form.note, x: area.x, y: y, labelWidth: labelWidth, width: w,
            focused: form.focus == .note)
        y += compact ? 1 : 2
        guard y < area.maxY else { return }
        var refused: String?
        // A leaver's days after the leaving day are said at once (only
        // Ctrl-S said so, under "Covers: Tue 24 Mar…").
        let summary = s.snapshot?.model.child(child)
        let afterLeaving: Result<AbsencePlan, AbsenceRefusal>? = summary.flatMap { kid in
            guard kid.isLeaver, let left = kid.leftOn, form.to > left else { return nil }
            return .failure(.afterLeaving(forename: kid.forename, schoolName: kid.schoolName, leftOn: left))
        }
        switch afterLeaving
            ?? AbsencePlan.sessions(
                from: form.from, to: form.to, part: form.part, calendar: calendar, today: today(s),
                startedToday: AbsencePlan.started(at: s.now, zone: calendar.school.zone))
        {
        case .success(let plan):
            y += c.wrapped("Covers: \(plan.summary)", x: area.x, y: y, width: w, maxRows: 2, role: .text)
            if plan.late, y < area.maxY {
                // Wrapped on a narrow terminal ("… The scho…" at 60 columns).
                y += c.wrapped(
                    "Late report: some sessions have begun or passed. The school will see that.", x: area.x, y: y,
                    width: w, maxRows: min(2, area.maxY - y), role: .warning)
            }
            // Sessions already reported (the audit sent one twice unawares):
            // said, so a second report is a choice.
            // In the rows there are, leaving three for a message: as many
            // reports as fit, then how many more, and always what sending
            // does ("Sending files another report" was cut at 80x24 by a
            // fourth report, and at 100x30 over six empty rows).
            let rows = max(2, area.maxY - y - 3)
            if let earlier = alreadyReported(plan.sessions, child: child, s, width: w, maxRows: rows), y < area.maxY {
                y += c.wrapped(earlier, x: area.x, y: y, width: w, maxRows: rows, role: .warning)
            }
        case .failure(let refusal):
            refused = refusal.description
            y += c.wrapped(refusal.description, x: area.x, y: y, width: w, maxRows: 2, role: .error)
        }
        y += 1
        guard y < area.maxY else { return }
        if let message = form.message, message != refused {
            c.wrapped(message, x: area.x, y: y, width: w, maxRows: area.maxY - y, role: .error)
        } else if form.message != nil {
            return  // said above
        } else if s.settings.asOfView {
            // An as-of view (--now) is a sandbox: said before sending seems to work.
            c.wrapped(
                ComposeScreen.asOfText(s, what: "this report"),
                x: area.x, y: y, width: w, maxRows: area.maxY - y, role: .warning)
        } else if form.focus != .note {
            c.wrapped(
                "\(key(.previousOption, s)) \(key(.nextOption, s)) to choose (days move a school day at a time), \(key(.nextField, s)) for the next field, \(key(.send, s)) sends.",
                x: area.x, y: y, width: w, maxRows: area.maxY - y, role: .dim)
        } else {
            c.wrapped(
                "\(key(.send, s)) sends. Your report is kept safely and sent at the next sync, even if you're offline.",
                x: area.x, y: y, width: w, maxRows: area.maxY - y, role: .dim)
        }
    }

    /// The name of the key for `command` here ("Ctrl-S").

    /// "Already reported: Thu 19 Mar AM and PM (Illness, Reported — waiting
    /// for the school); Fri 20 Mar AM (Other, …). Sending files another
    /// report." when reports of the child, not failed, cover any of
    /// `sessions`: every one that does, as the child's reports are listed
    /// (it named the first only, and a day another report covered went
    /// unsaid).
    /// Fitted to `maxRows` of `width`: the reports that fit, then "and 2
    /// more reports", then what sending does, which is never cut.
    static func alreadyReported(
        _ sessions: [AbsenceSession], child: ChildRef, _ s: AppState, width: Int, maxRows: Int
    ) -> String? {
        guard let said = reportsCovering(sessions, child: child, s) else { return nil }
        let fits = { (text: String) in Paragraph(text).lineCount(width: max(1, width)) <= maxRows }
        for shown in stride(from: said.count, through: 1, by: -1) {
            let rest = said.count - shown
            let more = rest == 0 ? "" : "; and \(rest) more report\(rest == 1 ? "" : "s")"
            let text = "Already reported: \(said.prefix(shown).joined(separator: "; "))\(more). \(sendingAgain)"
            if fits(text) { return text }
        }
        let n = said.count
        return "Already reported: \(n == 1 ? "a report covers" : "\(n) reports cover") these days. \(sendingAgain)"
    }

    static let sendingAgain = "Sending files another report."

    /// Each report of the child, not failed, that covers any of `sessions`:
    /// "Thu 19 Mar AM and PM: 2 sessions (Illness, Reported — waiting for
    /// the school)".
    static func reportsCovering(_ sessions: [AbsenceSession], child: ChildRef, _ s: AppState) -> [String]? {
        guard let model = s.snapshot?.model else { return nil }
        let wanted = Set(sessions)
        let zone = model.school(child.school)?.zone ?? s.displayZone
        var said: [String] = []
        for item in model.absenceReports(for: child, filedBy: filedBy(s)) where !item.isFailed {
            guard let report = item.absence else { continue }
            let overlap = report.sessions.filter(wanted.contains)
            guard !overlap.isEmpty else { continue }
            let status = AbsenceStatus(item, at: s.now).text(now: s.now, zone: zone)
            said.append("\(AbsenceReport.summary(overlap)) (\(report.reason.label), \(status))")
        }
        return said.isEmpty ? nil : said
    }

    /// Why the report cannot be sent now: the child's school left the
    /// device, or the child did while their school stayed.
    static func schoolGone(_ s: AppState) -> String {
        if let child = s.absence.child, let school = s.snapshot?.model.school(child.school) {
            let name = s.absence.childName ?? "This child"
            return
                "\(name) is no longer shown on this device (\(school.name)'s records no longer link you to \(name)), so this report cannot be sent now: please phone the school. What you filled in is kept on this device when you leave."
        }
        return
            "This child's school is no longer on this device (its records no longer hold your login details), so this report cannot be sent now: please phone the school. What you filled in is kept on this device when you leave."
    }
}
