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
        /// The More screen shows this child (by forename), set outright: a
        /// key the presenter pressed in between never puts the caption over
        /// another child (typing "cc" from wherever the selection was did).
        var moreShows: String? = nil

        static func == (a: Step, b: Step) -> Bool {
            a.caption == b.caption && a.keys == b.keys && a.schoolSends?.subject == b.schoolSends?.subject
                && a.schoolAcknowledges == b.schoolAcknowledges && a.moreShows == b.moreShows
        }
    }

    var steps: [Step]
    /// The step shown.
    var index = 0

    var step: Step { steps[min(index, steps.count - 1)] }
    var isLast: Bool { index >= steps.count - 1 }

    /// A key's name as the keymap has it, for a caption ("c filters by child").
    private static func key(_ command: Command, _ context: KeyContext) -> String {
        Reducer.keymap.label(for: command, in: [context]) ?? "?"
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

    /// The demo store's tour, as Liz Abbot: Ben and Amy at Green Abbey
    /// (Enhanced), Tom at Riverside Primary (Core). Captions name keys as
    /// the keymap has them; the keys the tour types are its script.
    static let demo = Tour(steps: [
        Step(caption: "Welcome: the Xpressions parent app on a demo school. \(key(.tourNext, .tour)): next step."),
        Step(
            caption: "A parent logs in with the email and mobile the school holds for her.",
            keys: "liz.abbot@example.com\(type(.confirm, .form))07700 100001\(type(.confirm, .form))"),
        Step(caption: "Then the last 4 digits of the mobile the school holds: proof it's her.", keys: "0001"),
        Step(
            caption: "She picks a PIN (easy ones are refused): reopening asks only for it.", keys: type(.confirm, .form)
        ),
        Step(
            caption: "Home: her children at two schools, one login, with unread counts.",
            keys: "739184\(type(.confirm, .form))739184\(type(.confirm, .form))"),
        Step(
            caption:
                "The timeline: every message, newest first; \(key(.nextChild, .timeline)) filters by child, \(key(.nextCategory, .timeline)) by type.",
            keys: section(.timeline)),
        Step(
            caption: "The school sends a message now: it arrives within seconds.",
            schoolSends: (
                "Coach delayed: pick-up at 4.30pm",
                "The coach back from the museum is running late. Pick-up is now at 4.30pm."
            )),
        Step(caption: "Attendance with the DfE's codes, each explained, and the figures.", keys: section(.attendance)),
        Step(
            caption:
                "\(key(.reportAbsence, .attendance)) reports an absence: a reason, a note, \(key(.send, .absence)). It goes like a message, offline too.",
            keys: type(.reportAbsence, .attendance) + type(.nextOption, .absence) + type(.nextField, .form)
                + "Temperature since last night" + type(.send, .absence)),
        Step(
            caption: "The school office acknowledges it; the parent sees that at the next sync.",
            schoolAcknowledges: true),
        Step(caption: "School details: phone, email, website, each an action.", keys: section(.school)),
        Step(caption: "Enhanced schools add timetable, behaviour, achievements, calendar…", keys: section(.more)),
        Step(
            caption: "…Tom's school is Core: messages and school details only.", keys: section(.more),
            moreShows: "Tom"),
        Step(caption: "\(key(.lock, .app)) locks the app; the PIN opens it again.", keys: type(.lock, .app)),
        Step(
            caption: "That's the tour. \(key(.tourLeave, .tour)) leaves it: the app is yours to try.",
            keys: "739184\(type(.confirm, .form))\(section(.home))"),
    ])
}

extension AppState {
    /// Whether the tour is on (its caption shows, Space and Esc are its keys).
    var touring: Bool { tour != nil }
}
