/// The logout confirmation's state.
public struct LogoutView: Sendable, Equatable {
    /// Messages still waiting in the outbox when the dialog opened.
    public var pending = 0
    public var isBusy = false
    public init() {}
}
