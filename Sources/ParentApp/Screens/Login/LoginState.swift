import TerminalKit

/// The login screen's state: email and mobile first, then the last 4
/// digits of the mobile. Nothing is checked until all three are in, so the
/// first step reveals nothing.
struct LoginState: ScreenState {
    enum Stage: Sendable, Equatable { case credentials, lastFour }

    var stage: Stage = .credentials
    var email = TextField(placeholder: "e.g. you@example.com")
    var mobile = TextField(maxLength: 24, placeholder: "e.g. 07700 900123")
    var lastFour = TextField(maxLength: 4, placeholder: "____")
    /// 0 = email, 1 = mobile, 2 and on = the demo store's logins, in order
    /// (credentials stage).
    var focus = 0
    var message: String?
    /// The field `message` is about, while it says what that field lacks
    /// ("Please enter your mobile number", "That is not a phone number"):
    /// it goes once the field is mended (0 email, 1 mobile, 2 the last 4).
    /// Kept with the text it was said with, so another message set since
    /// is never taken for it.
    var fieldMessage: FieldMessage?

    struct FieldMessage: Sendable, Equatable {
        var field: Int
        var text: String
    }
    /// A short note about what was just typed ("digits only"): not an
    /// error, gone with the next key.
    var hint: String?
    var isBusy = false
    /// A note shown above the form (why the parent must log in again).
    var reason: String?
    /// Reached from the lock screen ("Forgot your PIN?"): Esc goes back to it.
    var returnsToLock = false
    /// Reached by a session's end (a logout, ten wrong PINs, a school's
    /// change): the store is looked at once, at the next tick, so a parent
    /// who cannot log in now (the school data away) is told so at once,
    /// not after typing their details and the last 4.
    var checksStore = false

    /// The demo login picked with the arrows, if one is.
    var demoIndex: Int? { stage == .credentials && focus >= 2 ? focus - 2 : nil }

    /// The field keys go to.
    var focusedField: WritableKeyPath<LoginState, TextField> {
        switch stage {
        case .credentials: return focus == 0 ? \.email : focus == 1 ? \.mobile : \.email
        case .lastFour: return \.lastFour
        }
    }
}

extension AppState {
    var login: LoginState {
        get { screens[LoginState.self] }
        set { screens[LoginState.self] = newValue }
    }
}
