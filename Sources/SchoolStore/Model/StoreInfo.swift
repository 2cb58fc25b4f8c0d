/// `store.json`: what the directory is, its format version, and for demo
/// and generated stores the clock they are meant to be seen at.
public struct StoreInfo: Sendable, Equatable {
    public static let formatName = "xpressions-store"
    public static let currentVersion = 1

    public var version: Int
    public var name: String
    public var demoClock: DemoClock?
    public var demoLogins: [DemoLogin]

    public init(version: Int = StoreInfo.currentVersion, name: String, demoClock: DemoClock? = nil, demoLogins: [DemoLogin] = []) {
        self.version = version
        self.name = name
        self.demoClock = demoClock
        self.demoLogins = demoLogins
    }

    static let fields: Set<String> = ["format", "version", "name", "demoClock", "demoLogins"]

    public static func decode(_ r: FieldReader) -> StoreInfo? {
        r.rejectUnknownFields(fields)
        let format = r.string("format")
        if let format, format != formatName { r.report("format", "expected \"\(formatName)\", found \"\(format)\"") }
        let version = r.int("version")
        if let version, version != currentVersion {
            r.report("version", "this build reads version \(currentVersion) stores, found version \(version)")
        }
        let name = r.string("name")
        var clock: DemoClock? = nil
        if let c = r.object("demoClock") { clock = DemoClock.decode(c) }
        let logins = (r.objects("demoLogins") ?? []).compactMap(DemoLogin.decode)
        guard format == formatName, let version, version == currentVersion, let name else { return nil }
        return StoreInfo(version: version, name: name, demoClock: clock, demoLogins: logins)
    }

    public var json: JSONValue {
        var o = JSONObjectBuilder()
        o.set("format", StoreInfo.formatName)
        o.set("version", version)
        o.set("name", name)
        if let demoClock { o.set("demoClock", demoClock.json) }
        if !demoLogins.isEmpty { o.set("demoLogins", .array(demoLogins.map(\.json))) }
        return o.value
    }
}
