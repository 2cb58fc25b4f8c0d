import SchoolStore

/// What the app knows about the store before anyone logs in: its name and,
/// for the demo store, the logins to offer.
struct StoreSummary: Sendable, Equatable {
    var name: String
    var demoLogins: [DemoLogin]
    /// The zone times are shown in (the schools').
    var timezone: String

    init(name: String, demoLogins: [DemoLogin], timezone: String = "Europe/London") {
        self.name = name
        self.demoLogins = demoLogins
        self.timezone = timezone
    }

    var zone: SchoolTimeZone { SchoolTimeZone(identifier: timezone) ?? .utc }
}
