import Foundation
import TerminalKit
import Testing

@testable import ParentApp
@testable import ParentCore
@testable import SchoolStore

/// The absence form, key by key through the reducer, on Liz Abbot's model
/// of the demo store at 10:42 on Wednesday 18 March 2026 (Green Abbey takes
/// messages; Riverside Primary, Tom's, does not).
@Suite struct AbsenceFormTests {
    static let ben = ChildRef(school: "green-abbey", student: "GA-BEN")
    static let amy = ChildRef(school: "green-abbey", student: "GA-AMY")
    static func d(_ s: String) -> CivilDate { CivilDate(parsing: s)! }

    @discardableResult
    func press(_ keys: Key..., on s: inout AppState) -> [Effect] {
        keys.flatMap { Reducer.reduce(&s, .key($0)) }
    }

    @discardableResult
    func type(_ text: String, on s: inout AppState) -> [Effect] {
        text.flatMap { Reducer.reduce(&s, .key(.char($0))) }
    }

    func form(from route: Route = .home) -> AppState {
        var s = ScreenFixture.state(route)
        press(.char("a"), on: &s)
        return s
    }

    /// The child's school leaves the device while the parent writes a
    /// note: Esc keeps it as a message for those records (two Esc threw
    /// it away), and says where.
    @Test func aNoteForASchoolThatLeftIsKeptOnEsc() {
        func schoolLeaves(_ s: inout AppState) {
            let m = s.snapshot!.model
            var state = m.state
            state.schools["green-abbey"] = nil
            s.snapshot = ModelSnapshot(
                model: ParentModel(
                    state: state, schoolOrder: ["riverside-primary"], outbox: m.outbox, lastSynced: [:],
                    recovered: m.recovered), images: s.snapshot!.images, version: s.snapshot!.version + 1)
        }
        // A note on a report not finished (no reason): the note, as a message.
        var s = form()
        type("Dentist appointment", on: &s)
        schoolLeaves(&s)
        let effects = press(.escape, on: &s)
        #expect(s.route == .home)
        guard case .keepUnsent(let draft)? = effects.first else {
            Issue.record("\(effects)")
            return
        }
        #expect(draft.school == "green-abbey" && draft.body.hasSuffix("): Dentist appointment"), "\(draft.body)")
        #expect(draft.why == .schoolLeft, "kept because the school left, not because the app closed")
        #expect(s.note?.text.hasPrefix("Your note is kept on this device (m on Home)") == true)
        // A report filled in (it passed the calendar's checks while the
        // school was here): kept whole, its reason and days with it (it was
        // kept as a note, and a reason chosen was lost).
        var whole = form()
        type("Dentist appointment", on: &whole)
        press(.backTab, .right, .right, on: &whole)  // Medical or dental appointment
        press(.tab, on: &whole)
        let filled = whole.absence.draft
        schoolLeaves(&whole)
        // Frozen: Tab and an arrow change no hidden field (the child went
        // from Ben to Amy behind the notice).
        press(.tab, .left, .backTab, .right, on: &whole)
        #expect(whole.absence.draft == filled)
        let kept = press(.escape, on: &whole)
        guard case .keepUnsentAbsence(let report, let why)? = kept.first, let filled else {
            Issue.record("\(kept)")
            return
        }
        #expect(report == filled && report.reason == .medical && why == .schoolLeft)
        #expect(whole.note?.text.hasPrefix("Your report is kept on this device (m on Home)") == true)
        // The message form of a report, where it cannot be kept as one, keeps the reason.
        #expect(
            filled.messageText(childName: "Ben")
                == "About Ben's absence (\(filled.from.longText); reason: Medical or dental appointment): Dentist appointment"
        )
    }

    @Test func aOpensTheFormForTheSelectedChildAndToday() {
        var s = ScreenFixture.state(.home)
        press(.down, on: &s)  // Amy
        press(.char("a"), on: &s)
        #expect(s.route == .absence)
        #expect(s.absence.child == Self.amy)
        #expect(s.absence.children == [Self.ben, Self.amy])  // Tom's school takes no messages
        #expect(s.absence.from == Self.d("2026-03-18") && s.absence.to == Self.d("2026-03-18"))
        #expect(s.absence.part == .both && s.absence.reason == nil && s.absence.focus == .reason)
        let screen = ScreenFixture.render(s)
        #expect(screen.contains("Covers: Wed 18 Mar AM and PM: 2 sessions"))
        #expect(screen.contains("Choose a reason"))
    }

    @Test func theKeyWorksFromAttendanceAndTheTimeline() {
        var attendance = ScreenFixture.state(.attendance)
        press(.char("c"), on: &attendance)  // Amy
        press(.char("a"), on: &attendance)
        #expect(attendance.route == .absence && attendance.absence.child == Self.amy)
        var timeline = ScreenFixture.state(.timeline)
        timeline.timeline.query.child = Self.amy
        press(.char("a"), on: &timeline)
        #expect(timeline.route == .absence && timeline.absence.child == Self.amy)
        // No child filter: the child the selected message is about.
        let unfiltered = ScreenFixture.state(.timeline)
        let model = unfiltered.snapshot!.model
        let results = unfiltered.timeline.results!
        for (child, name) in [(Self.amy, "Amy"), (Self.ben, "Ben")] {
            let row = results.indices.first { model.message(results[$0].ref)?.children == [child] }
            guard let row else {
                Issue.record("no message about \(name) alone")
                continue
            }
            var s = unfiltered
            s.timeline.list.selected = row
            press(.char("a"), on: &s)
            #expect(s.route == .absence && s.absence.child == child, "\(name)")
        }
    }

    @Test func aSchoolThatTakesNoMessagesIsNamedWithItsPhone() {
        var s = ScreenFixture.state(.home)
        press(.down, .down, on: &s)  // Tom, at Riverside Primary
        let effects = press(.char("a"), on: &s)
        #expect(effects.isEmpty)
        #expect(s.route == .home)
        #expect(
            s.note?.text
                == "Riverside Primary School doesn't take absence reports through Xpressions, so you can't report Tom's absence here. Please phone the school on 01632 960718."
        )
        // At 80 columns the note takes the lines it needs, above the footer: the number is there to read.
        let lines = ScreenFixture.render(s).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 24)
        let bottom = lines.suffix(3).joined(separator: "\n")
        #expect(bottom.contains("Riverside Primary School doesn't take absence reports through Xpressions"))
        #expect(bottom.contains("Please phone the school on 01632 960718."))
        #expect(lines.last?.contains("? Help") == true, "the footer stays")
    }

    @Test func severalDaysCanStartAtLunchtimeAndEndAtLunchtime() {
        var s = form()
        press(.backTab, .backTab, on: &s)  // reason → sessions → last day
        #expect(s.absence.focus == .to)
        press(.right, on: &s)  // Thursday
        press(.tab, on: &s)  // sessions
        #expect(s.absence.focus == .part)
        #expect(ScreenFixture.render(s).contains("Mornings and afternoons"))
        // both → am → pm → from the first afternoon → until the last morning
        press(.right, .right, .right, .right, on: &s)
        #expect(s.absence.part == .toAM)
        let screen = ScreenFixture.render(s)
        #expect(screen.contains("Until the last morning"))
        #expect(screen.contains("Covers: Wed 18 Mar AM and PM, Thu 19 Mar AM: 3 sessions"))
        // Back to one day: the part becomes the one-day part nearest to it.
        press(.backTab, .left, on: &s)
        #expect(s.absence.to == Self.d("2026-03-18") && s.absence.part == .am)
        press(.tab, .right, .right, .right, on: &s)  // one day: morning → afternoon → both → morning
        #expect(s.absence.part == .am)
    }

    @Test func aReasonIsNeededThenItIsQueued() {
        var s = form()
        #expect(press(.ctrl("s"), on: &s).isEmpty)
        #expect(s.absence.message == "Please choose a reason.")
        #expect(s.route == .absence && s.absence.focus == .reason)
        type("x", on: &s)  // letters on a picker choose nothing: they go into the note
        #expect(s.absence.reason == nil && s.absence.focus == .note && s.absence.note.text == "x")
        press(.backspace, .backTab, on: &s)
        #expect(s.absence.focus == .reason && s.absence.note.text.isEmpty)
        press(.right, on: &s)
        #expect(s.absence.reason == .illness)
        press(.left, on: &s)
        #expect(s.absence.reason == .other)  // wraps
        press(.right, on: &s)
        #expect(s.absence.reason == .illness)
        let effects = press(.ctrl("s"), on: &s)
        #expect(
            effects == [
                .reportAbsence(
                    AbsenceDraft(
                        child: Self.ben, from: Self.d("2026-03-18"), to: Self.d("2026-03-18"),
                        reason: .illness), form: .absence), .sync(manual: true),
            ])
        #expect(s.route == .home)
        #expect(
            s.note?.text
                == "Queued: your absence report (Wed 18 Mar AM and PM: 2 sessions) will be sent to Green Abbey School at the next sync."
        )
    }

    /// The terminal closes with the form filled in: the report is kept
    /// whole (offered after the next unlock, never sent without her); with
    /// only a note on a report not finished, the note is kept as a message
    /// about the absence; with nothing written, nothing (it was lost
    /// without a word before).
    @Test func whatIsFilledInIsKeptWhenTheAppMustEnd() {
        var s = form()
        #expect(Reducer.reduce(&s, .terminating).isEmpty, "nothing chosen or written")
        type("Temperature?", on: &s)  // no reason yet: the check fails
        #expect(
            Reducer.reduce(&s, .terminating) == [
                .keepUnsent(
                    OutgoingDraft(
                        school: "green-abbey", topic: nil,
                        body: "About Ben's absence (Wed 18 Mar 2026): Temperature?", children: [Self.ben]))
            ])
        press(.backTab, .right, on: &s)  // Illness
        #expect(
            Reducer.reduce(&s, .terminating) == [
                .keepUnsentAbsence(
                    AbsenceDraft(
                        child: Self.ben, from: Self.d("2026-03-18"), to: Self.d("2026-03-18"), reason: .illness,
                        note: "Temperature?"))
            ])
        // The app locked itself over the form (the parent walked away),
        // then the terminal closed: kept all the same (it was lost).
        var locked = s
        _ = UnlockScreen.lock(&locked, reason: nil)  // as the idle lock does
        #expect(locked.route == .unlock && locked.holds(AbsenceScreen.self))
        #expect(Reducer.reduce(&locked, .terminating).count == 1)
        // Closed (Esc twice): the form is not on the stack, nothing to keep.
        press(.escape, .escape, on: &s)
        #expect(s.route == .home && Reducer.reduce(&s, .terminating).isEmpty)
    }

    /// The session ends by itself (her school changed her details) with a
    /// note written: the form stays, with the note to copy and the reason,
    /// nothing can be sent, what was written is kept for the same parent's
    /// next login, and Esc goes to the login saying why.
    @Test func aNoteStaysToCopyWhenTheSessionEnds() {
        var s = form()
        press(.right, on: &s)
        type("He has a temperature", on: &s)
        let kept = Reducer.reduce(
            &s, .sessionEnded("Your schools' details for you have changed. Please log in again."))
        #expect(kept.count == 1, "\(kept)")
        #expect(s.route == .absence && s.absence.note.text == "He has a temperature")
        let screen = ScreenFixture.render(s, color: false)
        #expect(screen.contains("is kept on this"), "\(screen)")
        #expect(press(.ctrl("s"), on: &s).isEmpty && s.route == .absence, "nothing is sent")
        type("x", on: &s)
        #expect(s.absence.note.text == "He has a temperature", "the note is not edited any more")
        #expect(Reducer.reduce(&s, .terminating).isEmpty, "kept once")
        press(.escape, on: &s)
        #expect(s.route == .login && s.login.reason?.contains("details for you have changed") == true)
        // With nothing written, straight to the login, as before.
        var empty = form()
        _ = Reducer.reduce(&empty, .sessionEnded("Please log in again."))
        #expect(empty.route == .login)
    }

    @Test func otherNeedsANoteAndTheNoteTakesEveryKey() {
        var s = form()
        press(.left, on: &s)  // Other
        #expect(s.absence.reason == .other)
        #expect(press(.ctrl("s"), on: &s).isEmpty)
        #expect(s.absence.message == "Please add a note: the reason is Other.")
        #expect(s.absence.focus == .note)
        type("a q 1 2 ? / R L X n", on: &s)
        #expect(s.absence.note.text == "a q 1 2 ? / R L X n")
        #expect(s.route == .absence)
        let effects = press(.ctrl("s"), on: &s)
        #expect(
            effects.first
                == .reportAbsence(
                    AbsenceDraft(
                        child: Self.ben, from: Self.d("2026-03-18"), to: Self.d("2026-03-18"),
                        reason: .other, note: "a q 1 2 ? / R L X n"), form: .absence))
    }

    @Test func daysMoveASchoolDayAtATimeAndTheSessionsAreCounted() {
        var s = form()
        press(.up, .up, .up, on: &s)  // part, to, from
        #expect(s.absence.focus == .from)
        press(.left, .left, on: &s)  // Tue, Mon: a late report
        #expect(s.absence.from == Self.d("2026-03-16"))
        var screen = ScreenFixture.render(s).replacingOccurrences(of: "\n ", with: " ")
        #expect(screen.contains("Covers: Mon 16 Mar AM and PM, Tue 17 Mar AM and PM, Wed 18 Mar AM and PM: 6 sessions"))
        #expect(screen.contains("Late report"))
        press(.down, on: &s)  // last day
        press(.right, .right, .right, on: &s)  // Thu, Fri, then Monday (the weekend skipped)
        #expect(s.absence.to == Self.d("2026-03-23"))
        press(.down, on: &s)  // part
        press(.right, on: &s)
        #expect(s.absence.part == .am)
        screen = ScreenFixture.render(s).replacingOccurrences(of: "\n ", with: " ")
        #expect(screen.contains("Covers: Mon 16 Mar AM, Tue 17 Mar AM, Wed 18 Mar AM, … Mon 23 Mar AM: 6 sessions"))
        // The first day moved past the last drags it along.
        press(.up, .up, on: &s)
        for _ in 0..<6 { press(.right, on: &s) }
        #expect(s.absence.from == Self.d("2026-03-24") && s.absence.to == Self.d("2026-03-24"))
    }

    @Test func weekendsHolidaysAndTheLimitAreRefusedOnTheForm() {
        var s = form()
        press(.right, on: &s)  // Illness
        s.absence.from = Self.d("2026-03-21")
        s.absence.to = Self.d("2026-03-21")
        #expect(ScreenFixture.render(s).contains("Sat 21 Mar 2026 is a Saturday: the school is closed that day."))
        #expect(press(.ctrl("s"), on: &s).isEmpty)
        #expect(s.absence.focus == .from)
        s.absence.from = Self.d("2026-04-01")
        s.absence.to = Self.d("2026-04-01")
        press(.ctrl("s"), on: &s)
        #expect(
            s.absence.message == "Wed 1 Apr 2026 is a school holiday (Easter holidays): the school is closed that day."
                || s.absence.message == "Wed 1 Apr 2026 is in the school holidays: the school is closed that day.")
        // Mon 4 May, the early May bank holiday, is no school day.
        s.absence.from = Self.d("2026-05-04")
        s.absence.to = Self.d("2026-05-04")
        press(.ctrl("s"), on: &s)
        #expect(
            s.absence.message
                == "Mon 4 May 2026 is a bank holiday (Early May bank holiday): the school is closed that day.")
        s.absence.from = Self.d("2026-05-14")
        s.absence.to = Self.d("2026-05-15")
        press(.ctrl("s"), on: &s)
        #expect(s.absence.message == "Fri 15 May 2026 is more than 30 school days ahead: report it nearer the time.")
        #expect(s.absence.focus == .to)
        // Moving the last day a school day back makes it acceptable.
        press(.left, on: &s)
        #expect(s.absence.to == Self.d("2026-05-14"))
        #expect(
            press(.ctrl("s"), on: &s).first.map { if case .reportAbsence = $0 { return true } else { return false } }
                == true)
    }

    @Test func theChildCanBeChanged() {
        var s = form()
        press(.up, .up, .up, .up, on: &s)
        #expect(s.absence.focus == .child)
        press(.right, on: &s)
        #expect(s.absence.child == Self.amy)
        press(.left, on: &s)
        #expect(s.absence.child == Self.ben)
    }

    /// A space typed on a choice is text, as on the message form: "Off
    /// sick", Tab (which wraps to Child), " today" reported the other child
    /// with "Off sicktoday".
    @Test func aSpaceTypedOnAChoiceIsTextAndChangesNoChoice() {
        var s = form()
        s.absence.focus = .note
        type("Off sick", on: &s)
        press(.tab, on: &s)
        #expect(s.absence.focus == .child)
        let child = s.absence.child
        type(" today", on: &s)
        #expect(s.absence.child == child)
        #expect(s.absence.note.text == "Off sick today")
        #expect(s.absence.focus == .note)
    }

    @Test func escapeCancelsWithoutSending() {
        var s = form()
        type(" ", on: &s)
        #expect(press(.escape, on: &s).isEmpty)
        #expect(s.route == .home)
    }

    /// A note written is never lost to one Esc: the first asks, any other
    /// key goes on, a second Esc discards (the walk lost a typed note to one Esc).
    @Test func escapeWithANoteWrittenAsksFirst() {
        var s = form()
        s.absence.focus = .note
        type("Zoë a de la fièvre?", on: &s)
        #expect(press(.escape, on: &s).isEmpty)
        #expect(s.route == .absence && s.absence.message == Reducer.discardQuestion)
        type(" Back Friday", on: &s)
        #expect(s.absence.note.text == "Zoë a de la fièvre? Back Friday" && s.absence.message == nil)
        press(.escape, on: &s)
        #expect(s.route == .absence, "the question was asked again, not answered by the first Esc")
        press(.escape, on: &s)
        #expect(s.route == .home)
    }

    @Test func queuedWhileTheStoreIsOutOfReachSaysSo() {
        var s = form()
        s.snapshot = AbsenceFixture.snapshot(s.snapshot!, items: [])
        ScreenFixture.setTroubles(
            [
                "green-abbey": StoreTrouble(
                    kind: .unreachable, since: ScreenFixture.now, file: nil,
                    message: "unreachable")
            ], on: &s)
        press(.right, .ctrl("s"), on: &s)
        #expect(s.note?.text == "Queued — will be sent when the school data is reachable.")
        // Once the note has gone, the banner says what is wrong in words that fit 80 columns, never cut.
        s.note = nil
        let status = ScreenFixture.render(s).split(separator: "\n", omittingEmptySubsequences: false)[22]
        #expect(status.contains("Green Abbey School's data can't be reached since 10:42"), "\(status)")
        #expect(status.contains("showing") && !status.contains("…"), "\(status)")
        // Narrow, the banner still fits whole, never cut ("since 11:3…").
        #expect(AppView.troubleText(s, width: 44) == "Green Abbey School: unreachable since 10:42")
        // Narrower still, the name is cut before the time goes.
        let narrow = AppView.troubleText(s, width: 40) ?? ""
        #expect(narrow.hasPrefix("Green Abbey") && narrow.hasSuffix("…: unreachable since 10:42"), "\(narrow)")
        #expect(narrow.displayWidth <= 40)
        // The whole store away: its banner keeps its time at 40 columns too
        // (it was cut at "since 23:2…").
        var away = s
        ScreenFixture.setTroubles(
            [ModelState.storeKey: StoreTrouble(kind: .unreachable, since: ScreenFixture.now, message: "missing")],
            on: &away)
        for width in [40, 30] {
            let banner = AppView.troubleText(away, width: width) ?? ""
            #expect(banner.hasSuffix("since 10:42") && banner.displayWidth <= width, "\(width): \(banner)")
        }
        // A long name at 80 columns: cut, with the time (a 62-character name
        // lost the time; a 107-character one the school as well).
        for long in [
            "Saint Thomas More Roman Catholic Academy and Sixth Form Centre",
            String(repeating: "Very Long School Name ", count: 5),
        ] {
            var named = s
            let m = s.snapshot!.model
            var state = m.state
            state.schools["green-abbey"]?.school.name = long
            let renamed = ParentModel(
                state: state, schoolOrder: m.schools.map(\.id), outbox: m.outbox, lastSynced: [:], reusing: nil,
                troubles: [
                    "green-abbey": StoreTrouble(
                        kind: .unreachable, since: ScreenFixture.now, file: nil, message: "unreachable")
                ])
            named.snapshot = ModelSnapshot(model: renamed, images: [:], version: 99)
            let text = AppView.troubleText(named, width: 78) ?? ""
            #expect(text.hasPrefix(String(long.prefix(20))) && text.hasSuffix(": unreachable since 10:42"), "\(text)")
            #expect(text.displayWidth <= 78, "\(text)")
        }
        // A school the model holds nothing of (an as-of view's first sync
        // met its files broken): named as the store names it, not left out.
        var fresh = s
        let m = s.snapshot!.model
        var state = m.state
        state.schools["green-abbey"] = nil
        let without = ParentModel(
            state: state, schoolOrder: m.schools.map(\.id).filter { $0 != "green-abbey" }, outbox: m.outbox,
            lastSynced: [:], reusing: nil,
            troubles: [
                "green-abbey": StoreTrouble(
                    kind: .unreachable, since: ScreenFixture.now, file: nil, message: "unreachable",
                    schoolName: "Green Abbey School")
            ])
        fresh.snapshot = ModelSnapshot(model: without, images: [:], version: 100)
        #expect(
            AppView.troubleText(fresh, width: 78)?.hasPrefix("Green Abbey School's data can't be reached since 10:42")
                == true, "\(AppView.troubleText(fresh, width: 78) ?? "none")")
        // Two schools away: said in words ("+1" was read as nothing).
        ScreenFixture.setTroubles(
            [
                "green-abbey": StoreTrouble(kind: .unreachable, since: ScreenFixture.now, file: nil, message: "x"),
                "riverside-primary": StoreTrouble(
                    kind: .unreachable, since: ScreenFixture.now, file: nil, message: "x"),
            ], on: &s)
        #expect(AppView.troubleText(s, width: 66) == "Green Abbey School and 1 more: unreachable since 10:42")
        #expect(AppView.troubleText(s, width: 40) == "2 schools: unreachable since 10:42")
        #expect(!(AppView.troubleText(s) ?? "").contains("+1"))
    }

    /// An as-of view from before a report was filed shows nothing of it:
    /// neither the report under the grid nor its R? marks (an audit saw a
    /// March report, and 24 empty weeks up to it, in an October view).
    @Test func anAsOfViewShowsNoReportFiledAfterIt() {
        var s = AbsenceFixture.state(.attendance, size: Size(width: 120, height: 40))
        s.settings.asOfView = true
        s.now = Timestamp.parse("2026-03-18T08:00:00Z")!  // before either was filed
        let screen = ScreenFixture.render(s)
        #expect(!screen.contains("R?") && !screen.contains("Absence report:"), "\(screen)")
        s.now = Timestamp.parse("2026-03-18T08:10:00Z")!  // Ben's filed, Amy's not yet
        let later = ScreenFixture.render(s)
        #expect(later.contains("Absence report: ") && later.contains("R?"), "\(later)")
        s.attendance.child = 1
        #expect(!ScreenFixture.render(s).contains("Absence report:"))
    }

    @Test func reportsShowOnTheAttendanceGridAndWhereTheyStand() {
        let s = AbsenceFixture.state(.attendance, size: Size(width: 120, height: 40))
        let screen = ScreenFixture.render(s)
        #expect(screen.contains("R?"))
        #expect(screen.contains("R? absence reported to the school (Illness); no register mark yet"))
        #expect(screen.contains("Absence report: Acknowledged by the school at 09:12\n"))
        #expect(screen.contains("  Wed 18 Mar PM, Thu 19 Mar AM and PM, Fri 20 Mar AM and PM: 5"))
        var amy = s
        amy.attendance.child = 1
        let amyScreen = ScreenFixture.render(amy)
        // Monday morning has its register mark: the DfE code wins; the report still says where it stands.
        #expect(!amyScreen.contains("R?"))
        #expect(amyScreen.contains("Absence report: Queued\n"))
        #expect(amyScreen.contains("  Mon 16 Mar AM: 1 session (Medical or dental appointment)"))
    }

    /// At 60 columns the figures' headings and numbers stay apart ("10 6"
    /// read as 106 under "AuthorisedU…") and the weeks' position leaves
    /// Friday's heading alone.
    @Test func attendanceAtSixtyColumnsKeepsItsColumnsApart() {
        let s = ScreenFixture.state(.attendance, size: Size(width: 60, height: 20))
        let lines = ScreenFixture.render(s, color: false).split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("Auth.") && $0.contains("Unauth.") && !$0.contains("…") })
        #expect(lines.contains { $0.contains("Week of") && $0.contains("Fri") })
        #expect(!lines.contains { $0.contains(" 10 6") })
        // Scrolled, the position still shows (it vanished once it needed ↑↓).
        var scrolled = s
        _ = Reducer.reduce(&scrolled, .key(.down))
        let header = ScreenFixture.render(scrolled, color: false).split(separator: "\n").first {
            $0.contains("Week of")
        }
        #expect(header?.contains("/") == true && header?.contains("Fri") == true, "\(header ?? "")")
    }

    /// A behaviour action wrapped under its row keeps every letter, each row
    /// within the width (rows drawn two columns further right than they were
    /// wrapped lost "ted" of "contacted").
    @Test func aWrappedBehaviourActionKeepsEveryLetter() throws {
        var s = ScreenFixture.state(.more)
        s.more.tab = try #require(MoreState.tabs.firstIndex(of: .behaviour))
        let ben = s.snapshot!.model.children[0]
        for width in [30, 36, 44] {
            let rows = MoreScreen.lines(s, child: ben, width: width).map { $0.map(\.0).joined() }
            // The action's rows (indented) fit; a row too long otherwise ends with "…" when drawn.
            #expect(rows.filter { $0.hasPrefix(" ") }.allSatisfy { TextWidth.of($0) <= width }, "\(width): \(rows)")
            let text = rows.joined(separator: " ").split(separator: " ").joined(separator: " ")
            #expect(text.contains("Phone confiscated until end of day"), "\(width): \(text)")
        }
    }

    /// A read row selected with NO_COLOR is not bold: the mark column (a
    /// space on a read row) was drawn bold, and the uniform selection kept it.
    @Test func aSelectedReadRowIsNotBoldWithoutColor() throws {
        var s = ScreenFixture.state(.timeline)
        let read = try #require(s.timeline.results?.firstIndex { !$0.isUnread })
        s.timeline.list.selected = read
        TimelineScreen.settle(&s)
        let buffer = AppView.render(s, theme: Theme(color: false))
        let body = try #require(AppView.frame(for: s)?.body)
        let area = TimelineScreen.listArea(in: body, s)
        let y = area.y + read - s.timeline.list.offset
        #expect(!(0..<area.width).contains { buffer[area.x + $0, y].style.attributes.contains(.bold) })
    }

    /// The codes screen explains R? only for a child with a report (it
    /// explained a mark that was nowhere in the grid).
    @Test func theCodesExplainRQuestionOnlyWhereThereIsOne() {
        func codes(_ s: AppState) -> [String] {
            CodesScreen.lines(s, width: 80).map { $0.map(\.0).joined() }
        }
        var without = ScreenFixture.state(.attendance)
        _ = Reducer.reduce(&without, .key(.enter))
        #expect(!codes(without).contains { $0.contains("absence reported to the school") })
        var with = AbsenceFixture.state(.attendance)
        _ = Reducer.reduce(&with, .key(.enter))
        #expect(codes(with).contains { $0.contains("R?") && $0.contains("absence reported to the school") })
    }

    /// Ben's acknowledged report, still covering days ahead, stays under the
    /// grid when two newer reports come (it went: only the two newest were
    /// shown); past ones give way to those still to come.
    @Test func aReportStillToComeStaysWhenNewerOnesArrive() {
        func later(_ key: String, _ day: String, minutes: Double) -> OutboxItem {
            let date = CivilDate(parsing: day)!
            return OutboxItem(
                key: key, kind: .absence, school: "green-abbey", contacts: ["GA-C-LIZ"], students: ["GA-BEN"],
                topic: AbsenceReport.topic, body: "Ben is absent",
                createdAt: Timestamp.parse("2026-03-18T10:00:00Z")!.addingTimeInterval(minutes * 60),
                absence: AbsenceReport(
                    student: "GA-BEN", from: date, to: date, part: .am,
                    sessions: [AbsenceSession(date: date, session: .am)], reason: .medical))
        }
        var s = ScreenFixture.state(.attendance, size: Size(width: 120, height: 50))
        s.snapshot = AbsenceFixture.snapshot(
            s.snapshot!,
            items: AbsenceFixture.items + [
                later("xben2", "2026-03-24", minutes: 1), later("xben3", "2026-03-25", minutes: 2),
            ])
        let screen = ScreenFixture.render(s)
        #expect(screen.contains("Acknowledged by the school at 09:12"))
        #expect(screen.contains("Tue 24 Mar AM: 1 session") && screen.contains("Wed 25 Mar AM: 1 session"))
    }

    /// "Your messages to school" says the day of an acknowledgement made
    /// on another day, as the attendance screen does ("Acknowledged 11:12"
    /// alone read as today's).
    @Test func anAcknowledgementOnAnotherDaySaysTheDay() {
        let zone = SchoolTimeZone(identifier: "Europe/London")!
        var item = AbsenceFixture.items[0]
        item.state = .sent(at: ScreenFixture.now.addingTimeInterval(-86_400))
        item.acknowledgedAt = ScreenFixture.now.addingTimeInterval(-86_400 + 1800)
        let status = OutboxStatus(item, now: ScreenFixture.now, zone: zone)
        #expect(SentScreen.short(item, status, zone: zone, now: ScreenFixture.now) == "Acknowledged Tue 17 Mar 11:12")
        item.acknowledgedAt = ScreenFixture.now.addingTimeInterval(-600)
        #expect(SentScreen.short(item, status, zone: zone, now: ScreenFixture.now) == "Acknowledged 10:32")
        // Stamped hours ahead of the clock (a school command given a time to
        // come): not acknowledged yet, here and on the attendance screen, as
        // the digest says (the app said "Acknowledged at 09:12" at 01:00).
        item.acknowledgedAt = ScreenFixture.now.addingTimeInterval(8 * 3600)
        let ahead = OutboxStatus(item, now: ScreenFixture.now, zone: zone)
        #expect(SentScreen.short(item, ahead, zone: zone, now: ScreenFixture.now) == "Reported")
        #expect(ahead.text == "Reported — waiting for the school")
    }

    /// Two reports for next week at 80x24: the grid opens on next week
    /// with its R? marks and this week under it, and the reports under the
    /// grid leave it its rows (an audit saw one week of grid, this one,
    /// every R? scrolled off above and the legend without it).
    @Test func reportsForNextWeekShowAt80x24() {
        func ahead(_ key: String, from: String, to: String, minutes: Double) -> OutboxItem {
            let first = CivilDate(parsing: from)!
            let last = CivilDate(parsing: to)!
            var sessions: [AbsenceSession] = []
            var day = first
            while day <= last {
                sessions += [AbsenceSession(date: day, session: .am), AbsenceSession(date: day, session: .pm)]
                day = day.adding(days: 1)
            }
            return OutboxItem(
                key: key, kind: .absence, school: "green-abbey", contacts: ["GA-C-LIZ"], students: ["GA-BEN"],
                topic: AbsenceReport.topic, body: "Ben is absent",
                createdAt: Timestamp.parse("2026-03-18T10:00:00Z")!.addingTimeInterval(minutes * 60),
                absence: AbsenceReport(
                    student: "GA-BEN", from: first, to: last, part: .both, sessions: sessions, reason: .other,
                    note: "Family wedding"))
        }
        var s = ScreenFixture.state(.attendance)
        s.snapshot = AbsenceFixture.snapshot(
            s.snapshot!,
            items: [
                ahead("xa", from: "2026-03-23", to: "2026-03-25", minutes: 1),
                ahead("xb", from: "2026-03-24", to: "2026-03-27", minutes: 2),
            ])
        let screen = ScreenFixture.render(s, color: false)
        #expect(screen.contains("23 Mar") && screen.contains("16 Mar"), "\(screen)")
        #expect(screen.contains("Q?"), "queued, not yet told: \(screen)")
        #expect(screen.contains("… and 1 more not marked yet"), "\(screen)")
        // Under a note of two lines (a tour's caption), the report's days
        // stay above it (they went under it at 80x24).
        var noted = s
        noted.note(String(repeating: "A caption two lines long at eighty columns, as the tour's are. ", count: 2))
        #expect(AppView.statusRowsOverBody(noted) == 1)
        let rows = ScreenFixture.render(noted, color: false).split(separator: "\n").map(String.init)
        let above = rows.dropLast(2 + AppView.statusRowsOverBody(noted))
        #expect(
            above.contains {
                ($0.contains("23 Mar") || $0.contains("27 Mar")) && ($0.contains("sessions") || $0.contains("Absence "))
            },
            "\(rows.joined(separator: "\n"))")
    }

    /// Five reports this week at 80x24: where the newest stands is still
    /// shown under the grid, with how many more (an audit saw the grid take
    /// a third week and not one report's status, for Liz and for David).
    @Test func fiveReportsStillSayWhereTheyStandAt80x24() {
        // As the audit sent them: Thu–Fri, Wed AM, Thu, Thu–Fri, Wed PM.
        let items = [
            AbsenceFixture.benReport("x0", from: "2026-03-19", to: "2026-03-20", minutes: 0),
            AbsenceFixture.benReport("x1", from: "2026-03-18", parts: [.am], reason: .religious, minutes: 1),
            AbsenceFixture.benReport("x2", from: "2026-03-19", reason: .medical, minutes: 2),
            AbsenceFixture.benReport("x3", from: "2026-03-19", to: "2026-03-20", reason: .religious, minutes: 3),
            AbsenceFixture.benReport("x4", from: "2026-03-18", parts: [.pm], minutes: 4),
        ]
        var s = ScreenFixture.state(.attendance)
        s.snapshot = AbsenceFixture.snapshot(s.snapshot!, items: items)
        let screen = ScreenFixture.render(s, color: false)
        #expect(screen.contains("Reported — waiting for the school"), "\(screen)")
        #expect(screen.contains("more not marked yet"), "\(screen)")
        #expect(screen.contains("R?"), "\(screen)")
    }

    /// A report of a day the school has closed since (a calendar Holiday)
    /// is not "not marked yet": no register will come (it was counted for
    /// ever in "… and N more not marked yet").
    @Test func aReportOfADayClosedSinceIsNotCountedAsAwaitingAMark() {
        var s = ScreenFixture.state(.attendance)
        s.snapshot = AbsenceFixture.snapshot(
            s.snapshot!,
            items: [
                AbsenceFixture.benReport("xa", from: "2026-03-19", minutes: 2),
                AbsenceFixture.benReport("xb", from: "2026-03-20", minutes: 1),
            ])
        func lines(_ s: AppState) -> [String] {
            AttendanceScreen.reportLines(
                s, child: AbsenceFixture.ben, zone: SchoolTimeZone(identifier: "Europe/London")!, width: 80,
                compact: true
            ).map { $0.map(\.0).joined() }
        }
        #expect(lines(s).contains("… and 1 more not marked yet"), "\(lines(s))")
        // The school closes on Friday 20 March.
        let m = s.snapshot!.model
        var state = m.state
        let year = AcademicYear(containing: CivilDate(parsing: "2026-03-20")!)
        state.schools["green-abbey"]?.calendar[year, default: []].append(
            CalendarEvent(
                id: "E-CLOSED", title: "Emergency closure", start: CivilDate(parsing: "2026-03-20")!,
                category: "Holiday", publishedAt: ScreenFixture.now))
        s.snapshot = ModelSnapshot(
            model: ParentModel(
                state: state, schoolOrder: m.schools.map(\.id), outbox: m.outbox, lastSynced: [:], reusing: m),
            images: [:], version: 99)
        #expect(!lines(s).contains { $0.contains("more not marked yet") }, "\(lines(s))")
    }

    /// A report the school refused says why, and what to do instead, in
    /// full at 80 columns (it was cut at "turned off messages from pare",
    /// the school's phone number never shown).
    @Test func aRefusedReportSaysWhyInFullAt80Columns() {
        var s = ScreenFixture.state(.attendance)
        var amy = AbsenceFixture.items[1]
        let reason =
            "Green Abbey School has turned off messages from parents. Please phone the school (01632 960344)."
        amy.state = .failed(reason: reason)
        s.snapshot = AbsenceFixture.snapshot(s.snapshot!, items: [amy])
        s.attendance.child = 1
        let said = ScreenFixture.render(s).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ")
        #expect(said.contains("Please phone the school (01632 960344)"), "\(ScreenFixture.render(s))")
    }

    @Test func theStatusLineSaysWhenAReportIsSentAndWhenItIsAcknowledged() {
        var s = ScreenFixture.state(.home)
        var sent = SyncSummary(finishedAt: ScreenFixture.now)
        sent.reportedTo = ["Green Abbey School"]
        _ = Reducer.reduce(&s, .syncFinished(sent))
        #expect(s.note?.text == "Absence report sent to Green Abbey School at 10:42: waiting for the school.")
        #expect((s.note?.text.count ?? 99) <= 78, "fits the status line at 80 columns")
        var acknowledged = SyncSummary(finishedAt: ScreenFixture.now)
        acknowledged.acknowledgedBy = [("Green Abbey School", Timestamp.parse("2026-03-18T09:12:00Z")!)]
        _ = Reducer.reduce(&s, .syncFinished(acknowledged))
        #expect(s.note?.text == "Green Abbey School acknowledged your absence report at 09:12 (see Attendance).")
        #expect((s.note?.text.count ?? 99) <= 78, "fits the status line at 80 columns")
    }

    @Test func theStatusReadsAsTheIssueSays() {
        let zone = SchoolTimeZone(identifier: "Europe/London")!
        var item = AbsenceFixture.items[0]
        #expect(OutboxStatus(item, now: ScreenFixture.now, zone: zone).text == "Acknowledged by the school at 09:12")
        #expect(
            OutboxStatus(item, now: ScreenFixture.now.addingTimeInterval(86_400), zone: zone).text
                == "Acknowledged by the school at 09:12 on 18 Mar")
        item.acknowledgedAt = nil
        #expect(OutboxStatus(item, now: ScreenFixture.now, zone: zone).text == "Reported — waiting for the school")
        item.state = .queued
        item.lastError = "store unreachable"
        #expect(
            OutboxStatus(item, now: ScreenFixture.now, zone: zone).text
                == "Queued — will be sent when the school data is reachable")
    }
}

extension AbsenceFormTests {
    /// Ben's report of Wednesday afternoon to Friday is on the device: a new
    /// report for Wednesday says so (the audit sent one twice unawares).
    @Test func sessionsAlreadyReportedAreSaid() {
        var s = AbsenceFixture.state(.home)
        press(.char("a"), on: &s)
        #expect(s.absence.child == AbsenceFixture.ben && s.absence.from == AbsenceFixture.d("2026-03-18"))
        let screen = ScreenFixture.render(s)
        #expect(
            screen.contains("Already reported: Wed 18 Mar PM: 1 session (Illness, Acknowledged by the"), "\(screen)")
        #expect(screen.contains("Sending files another report."))
        // Thursday to Friday only: the same.
        press(.char("q"), on: &s)  // typed into the note, not a quit
        #expect(s.route == .absence && s.absence.note.text == "q")
    }

    /// Two reports cover the days chosen: both are said (only the first
    /// was, and a day the second covered went unsaid).
    @Test func everyReportCoveringTheDaysIsSaid() {
        var s = ScreenFixture.state(.home)
        let other = AbsenceReport(
            student: "GA-BEN", from: AbsenceFixture.d("2026-03-17"), to: AbsenceFixture.d("2026-03-18"), part: .am,
            sessions: AbsenceFixture.sessions([("2026-03-17", .am), ("2026-03-18", .am)]), reason: .other,
            note: "Grandparent visiting")
        let created = Timestamp.parse("2026-03-17T07:00:00Z")!
        let earlier = OutboxItem(
            key: "xben-other", kind: .absence, school: "green-abbey", contacts: ["GA-C-LIZ"], students: ["GA-BEN"],
            topic: AbsenceReport.topic, body: "Ben is absent", createdAt: created,
            state: .sent(at: created.addingTimeInterval(60)), absence: other)
        s.snapshot = AbsenceFixture.snapshot(s.snapshot!, items: AbsenceFixture.items + [earlier])
        press(.char("a"), on: &s)
        let text = AbsenceScreen.alreadyReported(
            AbsenceFixture.sessions([("2026-03-18", .am), ("2026-03-18", .pm)]), child: AbsenceFixture.ben, s,
            width: 200, maxRows: 10)
        #expect(text?.hasPrefix("Already reported: ") == true, "\(text ?? "nil")")
        #expect(text?.contains("Wed 18 Mar AM: 1 session (Other, Reported — waiting for the school)") == true)
        #expect(text?.contains("Wed 18 Mar PM: 1 session (Illness, Acknowledged by the school at 09:12)") == true)
        #expect(text?.hasSuffix(". Sending files another report.") == true)
        // At 80x24 it is read to its end (it was cut before "Sending files
        // another report", over empty rows).
        let screen = ScreenFixture.render(s, color: false)
        #expect(screen.contains("Sending files another report."), "\(screen)")
    }

    /// Five reports cover the days: as many as fit are said, then how many
    /// more, and what sending does is never cut (a fourth report cut it at
    /// 80x24, and at 100x30 the note stopped at five lines over empty rows).
    @Test func manyReportsCoveringTheDaysAreCountedAndSendingIsStillSaid() {
        let reasons: [AbsenceReason] = [.illness, .medical, .religious, .familyEmergency, .other]
        let items = reasons.enumerated().map { i, reason in
            let created = Timestamp.parse("2026-03-17T07:00:00Z")!.addingTimeInterval(Double(i) * 60)
            return OutboxItem(
                key: "xben-\(i)", kind: .absence, school: "green-abbey", contacts: ["GA-C-LIZ"], students: ["GA-BEN"],
                topic: AbsenceReport.topic, body: "Ben is absent", createdAt: created,
                state: .sent(at: created.addingTimeInterval(30)),
                absence: AbsenceReport(
                    student: "GA-BEN", from: AbsenceFixture.d("2026-03-18"), to: AbsenceFixture.d("2026-03-19"),
                    part: .both,
                    sessions: AbsenceFixture.sessions([
                        ("2026-03-18", .am), ("2026-03-18", .pm), ("2026-03-19", .am), ("2026-03-19", .pm),
                    ]), reason: reason, note: reason == .other ? "Visiting" : nil))
        }
        for size in [Size(width: 80, height: 24), Size(width: 100, height: 30), Size(width: 60, height: 20)] {
            var s = ScreenFixture.state(.home, size: size)
            s.snapshot = AbsenceFixture.snapshot(s.snapshot!, items: AbsenceFixture.items + items)
            press(.char("a"), on: &s)
            let screen = ScreenFixture.render(s, color: false)
            let flat = screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(
                separator: " ")
            #expect(flat.contains("Sending files another report."), "\(size): \(screen)")
            #expect(screen.contains("Already reported: "), "\(size): \(screen)")
            #expect(!screen.contains("…"), "\(size): \(screen)")
        }
        var s = ScreenFixture.state(.home)
        s.snapshot = AbsenceFixture.snapshot(s.snapshot!, items: AbsenceFixture.items + items)
        press(.char("a"), on: &s)
        let wanted = AbsenceFixture.sessions([("2026-03-18", .am)])
        let whole = AbsenceScreen.alreadyReported(wanted, child: AbsenceFixture.ben, s, width: 78, maxRows: 20)!
        #expect(!whole.contains("more report") && whole.contains("Other, "), "\(whole)")
        let fitted = AbsenceScreen.alreadyReported(wanted, child: AbsenceFixture.ben, s, width: 78, maxRows: 3)!
        #expect(fitted.contains("more reports. Sending files another report."), "\(fitted)")
        let tight = AbsenceScreen.alreadyReported(wanted, child: AbsenceFixture.ben, s, width: 20, maxRows: 2)!
        #expect(tight.hasSuffix("Sending files another report."), "\(tight)")
    }
}

extension AbsenceFormTests {
    /// At 80x24, with one report shown for want of room, it says its days
    /// (a refusal, three lines of it, said nothing of which days it was
    /// about), and "… N more not marked yet" counts only reports with a
    /// session the register has not marked yet (a late report for days
    /// already marked "/" was counted).
    @Test func oneReportShownSaysItsDaysAndOnlyUnmarkedOnesAreStillToCome() {
        func report(_ key: String, _ days: [String], minutes: Double, refused: Bool = false) -> OutboxItem {
            let dates = days.map { CivilDate(parsing: $0)! }
            var item = OutboxItem(
                key: key, kind: .absence, school: "green-abbey", contacts: ["GA-C-LIZ"], students: ["GA-BEN"],
                topic: AbsenceReport.topic, body: "Ben is absent",
                createdAt: Timestamp.parse("2026-03-18T10:00:00Z")!.addingTimeInterval(minutes * 60),
                absence: AbsenceReport(
                    student: "GA-BEN", from: dates.first!, to: dates.last!, part: .both,
                    sessions: dates.flatMap {
                        [AbsenceSession(date: $0, session: .am), AbsenceSession(date: $0, session: .pm)]
                    },
                    reason: .illness))
            if refused {
                item.state = .failed(
                    reason:
                        "Green Abbey School has turned off messages from parents. Please phone the school (01632 960344)."
                )
            }
            return item
        }
        var s = ScreenFixture.state(.attendance)
        s.snapshot = AbsenceFixture.snapshot(
            s.snapshot!,
            items: [
                {  // this morning's, which the register has marked already
                    var late = report("late", ["2026-03-18"], minutes: 1)
                    late.absence?.sessions = [AbsenceSession(date: CivilDate(parsing: "2026-03-18")!, session: .am)]
                    late.absence?.part = .am
                    return late
                }(),
                report("refused", ["2026-03-23", "2026-03-24"], minutes: 2, refused: true),
                report("next", ["2026-03-26"], minutes: 3),
            ])
        let screen = ScreenFixture.render(s, color: false)
        // The refused one first (the parent has to phone), with its days;
        // the one for a session already marked is not among those to come.
        let refused = screen.range(of: "Absence report: Not sent")
        let queued = screen.range(of: "Absence report: Queued")
        #expect(refused != nil && queued != nil && refused!.lowerBound < queued!.lowerBound, "\(screen)")
        #expect(!screen.contains("Wed 18 Mar AM") && !screen.contains("more not marked yet"), "\(screen)")
        // Short of room (a note over the body's bottom), one is shown, its days with it.
        let lines = AttendanceScreen.reportLines(
            s, child: ChildRef(school: "green-abbey", student: "GA-BEN"), zone: s.displayZone, width: 78, compact: true)
        let first = lines.first.map { $0.map(\.0).joined() } ?? ""
        #expect(first.hasPrefix("Absence Mon 23–Tue 24 Mar: Not sent"), "\(first)")
        #expect(lines.last.map { $0.map(\.0).joined() } == "… and 1 more not marked yet")
    }
}

extension AbsenceFormTests {
    /// A report whose day is past but not marked by the register yet stays
    /// under the grid, as its R? stays in it (it went the day after, and
    /// the other parent could no longer see it had been acknowledged).
    @Test func aPastDayNotMarkedYetKeepsItsReportListed() {
        // Wednesday afternoon, read on Thursday: the demo's register stops at
        // Wednesday morning.
        func sent(_ key: String, _ day: CivilDate, _ part: AbsencePart, _ reason: AbsenceReason, at: String)
            -> OutboxItem
        {
            let session: RegisterSession = part == .pm ? .pm : .am
            return OutboxItem(
                key: key, kind: .absence, school: "green-abbey", contacts: ["GA-C-LIZ"], students: ["GA-BEN"],
                topic: AbsenceReport.topic, body: "Ben is absent", createdAt: Timestamp.parse(at)!,
                state: .sent(at: Timestamp.parse(at)!.addingTimeInterval(60)),
                absence: AbsenceReport(
                    student: "GA-BEN", from: day, to: day, part: part,
                    sessions: [AbsenceSession(date: day, session: session)], reason: reason))
        }
        let yesterday = CivilDate(parsing: "2026-03-18")!
        var item = sent("xpast", yesterday, .pm, .illness, at: "2026-03-18T08:00:00Z")
        item.acknowledgedAt = Timestamp.parse("2026-03-18T08:31:00Z")!
        // And one for a day ahead, made later (it alone was listed).
        let later = sent("xahead", CivilDate(parsing: "2026-03-26")!, .am, .medical, at: "2026-03-18T09:00:00Z")
        var s = ScreenFixture.state(.attendance, size: Size(width: 100, height: 40))
        s.snapshot = AbsenceFixture.snapshot(s.snapshot!, items: [item, later])
        s.now = Timestamp.parse("2026-03-19T10:00:00Z")!
        let marked = Set(
            AttendanceScreen.report(s)?.marks.map { AbsenceSession(date: $0.date, session: $0.session) } ?? [])
        #expect(!marked.contains(AbsenceSession(date: yesterday, session: .pm)), "the register has no mark for it")
        let lines = AttendanceScreen.reportLines(
            s, child: ChildRef(school: "green-abbey", student: "GA-BEN"), zone: s.displayZone, width: 98)
        #expect(lines.contains { $0.map(\.0).joined().contains("Acknowledged by the school at") }, "\(lines)")
        #expect(lines.contains { $0.map(\.0).joined().contains("Thu 26 Mar AM") }, "\(lines)")
    }
}

extension AbsenceFormTests {
    /// A late report says so whole at 60 columns (it was cut, "The scho…").
    @Test func theLateLineWrapsOnANarrowTerminal() {
        var s = ScreenFixture.state(.home, size: Size(width: 60, height: 20))
        press(.char("a"), on: &s)  // today, both sessions: this morning's has begun
        let flat = ScreenFixture.render(s, color: false).split(separator: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(flat.contains("Late report: some sessions have begun or passed. The school will see that."), "\(flat)")
    }
}

extension AbsenceFormTests {
    /// In a new school year last March's report neither pulls its week into
    /// the grid (without its marks, and without a year) nor is listed
    /// under it: the grid is this year's.
    @Test func lastYearsReportsStayOutOfANewYearsGrid() {
        var s = ScreenFixture.state(.attendance)
        s.snapshot = AbsenceFixture.snapshot(s.snapshot!, items: AbsenceFixture.items)
        #expect(ScreenFixture.render(s, color: false).contains("R?"), "this year, the reports show")
        s.now = Timestamp.parse("2026-09-10T09:00:00Z")!
        let screen = ScreenFixture.render(s, color: false)
        #expect(!screen.contains("R?") && !screen.contains("16 Mar"), "\(screen)")
        #expect(!screen.contains("Absence report:"), "\(screen)")
    }
}

extension AbsenceFormTests {
    /// An absence report waiting or refused is counted as one, as the list,
    /// the status line and the digest call it (Home said "1 message was not
    /// sent", and the logout "1 message is not sent to school yet").
    @Test func aReportWaitingOrRefusedIsCountedAsAReport() {
        // Amy's report queued: the logout counts it.
        var s = AbsenceFixture.state(.home)
        press(.char("X"), on: &s)
        let logout = ScreenFixture.render(s, color: false)
        #expect(logout.contains("1 absence report is not sent to school yet"), "\(logout)")
        // Refused, with a message refused too: both, each by its name.
        var refused = AbsenceFixture.items[1]
        refused.state = .failed(reason: "Green Abbey School has turned off messages from parents.")
        let message = OutboxItem(
            key: "f1", kind: .message, school: "green-abbey", contacts: ["GA-C-LIZ"], students: ["GA-BEN"],
            topic: "Absence", body: "Ben is ill today.", createdAt: ScreenFixture.now.addingTimeInterval(-600),
            state: .failed(reason: "Green Abbey School has turned off messages from parents."))
        var home = ScreenFixture.state(.home)
        home.snapshot = AbsenceFixture.snapshot(home.snapshot!, items: [refused])
        #expect(ScreenFixture.render(home, color: false).contains("1 absence report was not sent: press o"))
        home = ScreenFixture.state(.home)
        home.snapshot = AbsenceFixture.snapshot(home.snapshot!, items: [refused, message])
        let both = ScreenFixture.render(home, color: false)
        #expect(both.contains("1 message and 1 absence report were not sent"), "\(both)")
        #expect(
            LogoutOutcome.unsent([refused]).message?.hasPrefix("1 absence report could not be sent: the school") == true
        )
        #expect(WrittenCount([refused, message, refused]).description == "1 message and 2 absence reports")
        // One refused and one queued: only the queued one keeps trying ("it
        // keeps trying" was said of both).
        var mixed = ScreenFixture.state(.home)
        mixed.snapshot = FirstHourTests.withWrittenMessages(mixed.snapshot!)
        press(.char("X"), on: &mixed)
        let asked = ScreenFixture.render(mixed, color: false)
        #expect(asked.contains("stay logged in (the queued one keeps trying)"), "\(asked)")
    }
}

extension AbsenceFormTests {
    /// The fixture's model without `child`, their school staying (the
    /// record linking them stopped holding the parent's details).
    static func childLeaves(_ child: ChildRef, _ s: inout AppState) {
        let m = s.snapshot!.model
        var state = m.state
        state.children[child] = nil
        state.schools[child.school]?.children.removeAll { $0 == child.student }
        s.snapshot = ModelSnapshot(
            model: ParentModel(
                state: state, schoolOrder: m.schools.map(\.id), outbox: m.outbox, lastSynced: [:],
                recovered: m.recovered), images: s.snapshot!.images, version: s.snapshot!.version + 1)
    }

    /// A record stops holding the parent's details while they write about
    /// the child it linked, the school staying: the form says so by the
    /// child's name, refuses to send, and Esc keeps what was written (a
    /// message with its topic, a report whole) as when a school leaves. The
    /// form stayed with a blank child (or the child's id), Ctrl-S said
    /// "not one of your children", and two Esc threw it away (an audit).
    @Test func writingAboutAChildWhoLeftTheDeviceIsKept() {
        // A message.
        var s = ScreenFixture.state(.home)
        press(.char("n"), on: &s)
        #expect(s.compose.child == AbsenceFixture.ben)
        type("Is the trip form signed?", on: &s)
        press(.up, .right, on: &s)  // the first topic
        let topic = s.compose.topic
        #expect(topic != nil)
        Self.childLeaves(AbsenceFixture.ben, &s)
        let screen = ScreenFixture.render(s, color: false)
        #expect(
            screen.contains("Ben Abbot is no longer shown on this device (Green Abbey School's records"), "\(screen)")
        #expect(press(.ctrl("s"), on: &s).isEmpty && s.route == .compose)
        let kept = press(.escape, on: &s)
        #expect(s.route == .home)
        guard case .keepUnsent(let draft)? = kept.first else {
            Issue.record("\(kept)")
            return
        }
        #expect(draft.children == [AbsenceFixture.ben] && draft.topic != nil && draft.why == .childLeft)
        #expect(draft.body == "Is the trip form signed?")
        // The note says what would let it go: the school linking Ben again
        // (it said "if the school holds your details again", which it does).
        #expect(
            s.note?.text.hasSuffix("it can be sent if the school links you to Ben Abbot again.") == true,
            "\(s.note?.text ?? "")")
        var form = form()
        #expect(form.absence.child == AbsenceFixture.ben)
        type("Dentist", on: &form)
        press(.backTab, .right, .right, on: &form)  // Medical or dental appointment
        let filled = form.absence.draft
        Self.childLeaves(AbsenceFixture.ben, &form)
        let shown = ScreenFixture.render(form, color: false)
        #expect(shown.contains("Ben Abbot is no longer shown on this device"), "\(shown)")
        #expect(!shown.contains("GA-BEN"), "\(shown)")
        #expect(press(.ctrl("s"), on: &form).isEmpty)
        let report = press(.escape, on: &form)
        guard case .keepUnsentAbsence(let whole, let why)? = report.first else {
            Issue.record("\(report)")
            return
        }
        #expect(whole == filled && why == .childLeft)
        #expect(
            form.note?.text.hasSuffix("if the school links you to Ben Abbot again.") == true, "\(form.note?.text ?? "")"
        )
    }
}
