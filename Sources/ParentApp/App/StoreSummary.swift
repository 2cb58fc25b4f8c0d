import SchoolStore

/// What the app knows about the store before anyone logs in: its name and,
/// for the demo store, the logins to offer.
public struct StoreSummary: Sendable, Equatable {
    public var name: String
    public var demoLogins: [DemoLogin]
    /// The zone times are shown in (the schools').
    public var timezone: String

    public init(name: String, demoLogins: [DemoLogin], timezone: String = "Europe/London") {
        self.name = name
        self.demoLogins = demoLogins
        self.timezone = timezone
    }

    public var zone: SchoolTimeZone { SchoolTimeZone(identifier: timezone) ?? .utc }
}
