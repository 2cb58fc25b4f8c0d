import ParentCore
import TerminalKit

/// The absence form: which child, the first and last day (school days,
/// moved a school day at a time), morning, afternoon or both, a reason from
/// the short list (none until chosen), and a note (required for Other). The
/// cursor starts on the reason: the child and today are usually right.
struct AbsenceState: ScreenState {
    enum Field: Sendable, Equatable, CaseIterable { case child, from, to, part, reason, note }

    /// The children a report can be about: those whose school takes
    /// messages through Xpressions.
    var children: [ChildRef] = []
    var childIndex = 0
    var from = CivilDate(year: 2000, month: 1, day: 3)!
    var to = CivilDate(year: 2000, month: 1, day: 3)!
    var part: AbsencePart = .both
    /// Nil until the parent chooses one.
    var reason: AbsenceReason?
    var note = TextField(placeholder: "a note for the school (required for Other)")
    var focus: Field = .reason
    /// Why it was not sent yet ("Please choose a reason").
    var message: String?
    /// Esc was pressed once with a note written: a second Esc discards it.
    var discardAsked = false
    /// Typing on a choice moved the cursor to the note: the hint saying so
    /// stays while the parent types on.
    var movedFromPicker = false
    /// The session ended by itself while the form was open (why): the note
    /// stays in view to copy, and only Esc (to the login) acts.
    var sessionEnded: String?

    /// The fields, in Tab order.
    var fields: [Field] { Field.allCases }

    var child: ChildRef? { children.indices.contains(childIndex) ? children[childIndex] : nil }

    /// The form as it last passed the calendar's checks (while the school
    /// was on the device), to keep whole if the school leaves.
    var passedChecks: AbsenceDraft?
    /// The child's name as last seen on the device: said when they leave
    /// it while the form is open (it showed their id).
    var childName: String?

    var draft: AbsenceDraft? {
        child.map { AbsenceDraft(child: $0, from: from, to: to, part: part, reason: reason, note: note.text) }
    }
}

extension AppState {
    var absence: AbsenceState {
        get { screens[AbsenceState.self] }
        set { screens[AbsenceState.self] = newValue }
    }
}
