/// Where the parent stands when the app opens, and what is known about the
/// store then.
public struct ServiceOpening: Sendable, Equatable {
    public var status: AccountStatus
    /// The store's name, demo logins and time zone; nil when it cannot be
    /// opened now (a logged-in parent still gets in: their data is local).
    public var store: StoreSummary?
    /// Why a parent who is not logged in cannot log in now (the store is
    /// unreachable or invalid), one line per problem naming the file; empty
    /// otherwise.
    public var problems: [String]
    /// The problems are that the store cannot be reached (rather than that
    /// it is invalid).
    public var unreachable: Bool
    /// How the parent likes the app on this device.
    public var preferences: DevicePreferences

    public init(
        status: AccountStatus, store: StoreSummary?, problems: [String] = [], unreachable: Bool = false,
        preferences: DevicePreferences = DevicePreferences()
    ) {
        self.status = status
        self.store = store
        self.problems = problems
        self.unreachable = unreachable
        self.preferences = preferences
    }
}
