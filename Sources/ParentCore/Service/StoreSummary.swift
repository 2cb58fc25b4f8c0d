/// What the app shows about the store before anyone logs in: its name, the
/// demo logins a demo store offers, and the time zone its schools keep.
public struct StoreSummary: Sendable, Equatable {
    public var name: String
    public var demoLogins: [DemoLogin]
    /// The schools' time zone (an IANA name such as `Europe/London`).
    public var timezone: String

    public init(name: String, demoLogins: [DemoLogin], timezone: String = "Europe/London") {
        self.name = name
        self.demoLogins = demoLogins
        self.timezone = timezone
    }

    public var zone: SchoolTimeZone { SchoolTimeZone(identifier: timezone) ?? .utc }
}
