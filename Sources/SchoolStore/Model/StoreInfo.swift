/// `store.json`: what the directory is, its format version, and for demo
/// and generated stores the clock they are meant to be seen at.
public struct StoreInfo: Sendable, Equatable {
    public static let formatName = "xpressions-store"
    public static let currentVersion = 1
    /// The length of ``secret`` in bytes.
    public static let secretLength = 32

    public var version: Int
    public var name: String
    public var demoClock: DemoClock?
    public var demoLogins: [DemoLogin]
    /// A demo store's school offices that acknowledge absence reports by themselves.
    public var demoOffice: DemoOffice?
    /// The store's own secret (32 random bytes, `secret` in hex): the key of
    /// the digests that name login attempt records (`login-attempts/`), so
    /// those records cannot be matched against a list of addresses by
    /// anyone who does not hold `store.json`. Nil in a store made without
    /// one: such a store keeps no attempt records.
    public var secret: [UInt8]?

    public init(
        version: Int = StoreInfo.currentVersion, name: String, demoClock: DemoClock? = nil,
        demoLogins: [DemoLogin] = [], demoOffice: DemoOffice? = nil,
        secret: [UInt8]? = nil
    ) {
        self.version = version
        self.name = name
        self.demoClock = demoClock
        self.demoLogins = demoLogins
        self.demoOffice = demoOffice
        self.secret = secret
    }

    /// A fresh random secret for a new store.
    public static func randomSecret() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<secretLength).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    static let fields: Set<String> = ["format", "version", "name", "demoClock", "demoLogins", "demoOffice", "secret"]

    public static func decode(_ r: FieldReader) -> StoreInfo? {
        r.rejectUnknownFields(fields)
        let format = r.string("format")
        if let format, format != formatName { r.report("format", "expected \"\(formatName)\", found \"\(format)\"") }
        let version = r.int("version")
        if let version, version != currentVersion {
            r.report("version", "this build reads version \(currentVersion) stores, found version \(version)")
        }
        let name = r.line("name", maxLength: 200)
        var clock: DemoClock? = nil
        if let c = r.object("demoClock") { clock = DemoClock.decode(c) }
        let logins = (r.objects("demoLogins") ?? []).compactMap(DemoLogin.decode)
        let office = r.object("demoOffice").flatMap(DemoOffice.decode)
        var secret: [UInt8]? = nil
        if let text = r.string("secret", required: false) {
            if let bytes = Hex.decode(text), bytes.count == secretLength {
                secret = bytes
            } else {
                // Never echoed: it is (meant to be) a secret.
                r.report(
                    "secret",
                    "expected \(secretLength * 2) hexadecimal digits (\(secretLength) random bytes), found \(text.count) characters"
                )
            }
        }
        guard format == formatName, let version, version == currentVersion, let name else { return nil }
        return StoreInfo(
            version: version, name: name, demoClock: clock, demoLogins: logins, demoOffice: office, secret: secret)
    }

    public var json: JSONValue {
        var o = JSONObjectBuilder()
        o.set("format", StoreInfo.formatName)
        o.set("version", version)
        o.set("name", name)
        if let demoClock { o.set("demoClock", demoClock.json) }
        if !demoLogins.isEmpty { o.set("demoLogins", .array(demoLogins.map(\.json))) }
        if let demoOffice { o.set("demoOffice", demoOffice.json) }
        if let secret { o.set("secret", Hex.encode(secret)) }
        return o.value
    }
}
