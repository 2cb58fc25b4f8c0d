import TerminalKit

/// The guided demo (`xpressions demo tour`): steps with a caption, the keys
/// the tour types for the presenter (as a key script, each waiting for the
/// work of the one before), and what the school does meanwhile. Space moves
/// on, Esc leaves the tour into the normal app.
struct Tour: Sendable, Equatable {
    struct Step: Sendable, Equatable {
        var caption: String
        /// Typed when the step begins (key-script syntax, see `Key.parseScript`).
        var keys: String = ""
        /// The school sends a message now (subject, body), as `school send` would.
        var schoolSends: (subject: String, body: String)? = nil
        /// The school office acknowledges the absence reports it has, as
        /// `school acknowledge` would.
        var schoolAcknowledges = false
        /// A section about one child shows this child (by forename) when
        /// the step begins, set outright: a key the presenter pressed in
        /// between never puts the caption over another child (typing "cc"
        /// from wherever the selection was did), and the absence step gets
        /// a child whose school takes reports (Ben), not Tom, whom the
        /// presenter may have moved to.
        var showsChild: ShownChild? = nil
        /// Where the step's keys expect the app to be. The presenter may
        /// press anything between steps (Tab Tab on the login picked a demo
        /// login, `?` opened help, `a` a form): the step first puts the app
        /// back there, so its keys never land in the wrong place (a failed
        /// login in front of an audience, a caption over the wrong screen).
        var startsFrom: Start? = nil

        static func == (a: Step, b: Step) -> Bool {
            a.caption == b.caption && a.keys == b.keys && a.schoolSends?.subject == b.schoolSends?.subject
                && a.schoolAcknowledges == b.schoolAcknowledges && a.showsChild == b.showsChild
                && a.startsFrom == b.startsFrom
        }
    }

    /// A child a section about one child shows (through its screen's
    /// ``Screen/show(child:_:)``, as a number key pressed beside that child).
    struct ShownChild: Sendable, Equatable {
        var section: Route
        var forename: String
    }

    /// Where a step starts.
    enum Start: Sendable, Equatable {
        /// The login form as these keys leave a fresh one (the earlier
        /// steps' typing): when it is not, it is cleared and they are typed
        /// again before the step's own.
        case login(typed: String)
        /// The PIN screen it is on (choosing or unlocking), nothing typed.
        case pinEntry
        /// A section, with whatever the presenter opened over it closed.
        case section(Route)
    }

    var steps: [Step]
    /// The step shown.
    var index = 0
    /// A form the presenter opened with a key of their own during this step
    /// (`n` on the timeline), and whether they have written in it: once
    /// they have, and while its field has the keyboard, the field owns it,
    /// Space and Esc included, as everywhere else (Space moved the tour on
    /// and the rest of the typing ran as commands). A form opened and left
    /// unwritten is closed by the next step, and the tour's own forms (the
    /// login it types) keep Space.
    var presenterForm: Route?
    var presenterWrote = false

    var step: Step { steps[min(index, steps.count - 1)] }
    var isLast: Bool { index >= steps.count - 1 }

    /// A key's name as the keymap has it, for a caption ("c filters by child").
    private static func key(_ command: Command, _ context: KeyContext) -> String {
        Reducer.keymap.name(command, in: [context])
    }

    /// The keys for a command, typed: from the keymap, so the tour types
    /// what the table binds (a rebinding or a new section order changes the
    /// tour with it).
    private static func type(_ command: Command, _ chain: KeyContext...) -> String {
        Reducer.keymap.typed(command, in: chain) ?? ""
    }

    /// The number key that opens a section (``ScreenRegistry/sections``).
    private static func section(_ route: Route) -> String {
        type(.section((ScreenRegistry.sections.firstIndex(of: route) ?? 0) + 1), .app)
    }

    /// What the login steps type: Liz's email and mobile.
    private static var credentials: String {
        "liz.abbot@example.com\(type(.confirm, .form))07700 100001\(type(.confirm, .form))"
    }

    /// The demo store's tour, as Liz Abbot: Ben and Amy at Green Abbey
    /// (Enhanced), Tom at Riverside Primary (Core). Captions name keys as
    /// the keymap has them; the keys the tour types are its script.
    static let demo = Tour(steps: [
        Step(caption: "Welcome: the Xpressions parent app on a demo school. \(key(.tourNext, .tour)): next step."),
        Step(
            caption: "A parent logs in with the email and mobile the school holds for her.",
            keys: credentials, startsFrom: .login(typed: "")),
        Step(
            caption: "Then the last 4 digits of the mobile the school holds: proof it's her.", keys: "0001",
            startsFrom: .login(typed: credentials)),
        Step(
            caption: "She picks a PIN (easy ones are refused; the tour's is 739184): reopening asks only for it.",
            keys: type(.confirm, .form),
            startsFrom: .login(typed: credentials + "0001")),
        Step(
            caption: "Home: her children at two schools, one login, with unread counts.",
            keys: "739184\(type(.confirm, .form))739184\(type(.confirm, .form))", startsFrom: .pinEntry),
        Step(
            caption:
                "The timeline: every message, newest first; \(key(.nextChild, .timeline)) filters by child, \(key(.nextCategory, .timeline)) by type.",
            keys: section(.timeline), startsFrom: .section(.home)),
        Step(
            caption: "The school sends a message now: it arrives within seconds.",
            schoolSends: (
                "Coach delayed: pick-up at 4.30pm",
                "The coach back from the museum is running late. Pick-up is now at 4.30pm."
            ), startsFrom: .section(.timeline)),
        Step(
            caption: "Attendance with the DfE's codes, each explained, and the figures.", keys: section(.attendance),
            showsChild: ShownChild(section: .attendance, forename: "Ben"), startsFrom: .section(.timeline)),
        Step(
            caption:
                "\(key(.reportAbsence, .attendance)) reports an absence: a reason, a note, \(key(.send, .absence)). It goes like a message, offline too.",
            // Tomorrow, so the grid shows it as R? (today's morning is
            // marked already: a late report for a day Ben attended).
            keys: type(.reportAbsence, .attendance) + String(repeating: type(.previousField, .form), count: 3)
                + type(.nextOption, .absence) + String(repeating: type(.nextField, .form), count: 3)
                + type(.nextOption, .absence) + type(.nextField, .form)
                // The filled form stays up for the audience to read (it
                // was on screen for a third of a second), then is sent.
                + "Temperature since last night" + "<Wait 2500>" + type(.send, .absence),
            showsChild: ShownChild(section: .attendance, forename: "Ben"), startsFrom: .section(.attendance)),
        Step(
            caption: "The school office acknowledges it; the parent sees that at the next sync.",
            schoolAcknowledges: true, startsFrom: .section(.attendance)),
        Step(
            caption: "School details: phone, email, website, each an action.", keys: section(.school),
            startsFrom: .section(.attendance)),
        Step(
            caption: "Enhanced schools add timetable, behaviour, achievements, calendar…", keys: section(.more),
            showsChild: ShownChild(section: .more, forename: "Ben"), startsFrom: .section(.school)),
        Step(
            caption: "…Tom's school is Core: messages and school details only.", keys: section(.more),
            showsChild: ShownChild(section: .more, forename: "Tom"), startsFrom: .section(.more)),
        Step(
            // The PIN said where the presenter may leave the tour locked
            // (Esc here stranded them: the tour had chosen it, unsaid).
            caption: "\(key(.lock, .app)) locks the app; the PIN (739184) opens it again.", keys: type(.lock, .app),
            startsFrom: .section(.more)),
        Step(
            caption: "That's the tour. \(key(.tourLeave, .tour)) leaves it: the app is yours to try.",
            keys: "739184\(type(.confirm, .form))\(section(.home))", startsFrom: .pinEntry),
    ])
}

extension Tour {
    /// Puts the app where the step's keys expect it (``Step/startsFrom``)
    /// and returns the keys to type: the step's own, after the earlier
    /// steps' typing again when the login form had to be cleared.
    static func prepare(_ step: Step, _ s: inout AppState) -> String {
        // Help (or the codes, or any overlay) opened over the screen the step expects: closed.
        while s.route.screen.isOverlay, s.stack.count > 1 { s.pop() }
        switch step.startsFrom {
        case nil:
            return step.keys
        case .login(let typed)?:
            guard s.route == .login, !s.unlocked else { return step.keys }
            // The form as the earlier steps leave it, worked out on a copy.
            var probe = s
            probe.login = LoginState()
            probe.tour = nil
            for case .key(let key) in (try? Key.parseScript(typed)) ?? [] { _ = Reducer.reduce(&probe, .played(key)) }
            let expected = probe.login
            let now = s.login
            if now.stage == expected.stage, now.email.text == expected.email.text,
                now.mobile.text == expected.mobile.text, now.lastFour.text == expected.lastFour.text,
                now.demoIndex == nil, !now.isBusy
            {
                return step.keys
            }
            LoginScreen.prepare(reason: now.reason, &s)
            return typed + step.keys
        case .pinEntry?:
            // "Forgot your PIN?" opened from the lock: back to the lock.
            if s.route == .login, s.login.returnsToLock, s.stack.count > 1 { s.pop() }
            guard s.route == .setPIN || s.route == .unlock, !s.pin.isBusy else { return step.keys }
            UnlockScreen.prepare(message: s.pin.message, &s)
            return step.keys
        case .section(let route)?:
            // Locked by the presenter (L): the step's keys would go into the
            // PIN field; nothing is typed until they unlock.
            guard s.unlocked else { return s.route == .unlock ? "" : step.keys }
            s.show(section: route)
            if let shown = step.showsChild,
                let i = s.snapshot?.model.children.firstIndex(where: { $0.forename == shown.forename })
            {
                shown.section.screen.show(child: i, &s)
            }
            return step.keys
        }
    }
}

extension AppState {
    /// Whether the tour is on (its caption shows, Space and Esc are its keys).
    var touring: Bool { tour != nil }
}
