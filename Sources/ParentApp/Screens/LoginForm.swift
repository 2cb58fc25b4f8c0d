import TerminalKit

/// The login screen's state: email and mobile first, then the last 4
/// digits of the mobile. Nothing is checked until all three are in, so the
/// first step reveals nothing.
public struct LoginForm: Sendable, Equatable {
    public enum Stage: Sendable, Equatable { case credentials, lastFour }

    public var stage: Stage = .credentials
    public var email = TextField(placeholder: "you@example.com")
    public var mobile = TextField(maxLength: 24, placeholder: "07700 900123")
    public var lastFour = TextField(maxLength: 4, placeholder: "____")
    /// 0 = email, 1 = mobile (credentials stage).
    public var focus = 0
    public var message: String?
    public var isBusy = false
    /// A note shown above the form (why the parent must log in again).
    public var reason: String?

    public init() {}

    /// The field keys go to.
    public var focusedField: WritableKeyPath<LoginForm, TextField> {
        switch stage {
        case .credentials: return focus == 0 ? \.email : \.mobile
        case .lastFour: return \.lastFour
        }
    }
}
