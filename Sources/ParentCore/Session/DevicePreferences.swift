import SchoolStore

/// How the parent likes the app on this device, kept in
/// `<data>/preferences.json` (0600): whether the timeline's preview pane is
/// shown at 120 columns and wider. Not the parent's data: it stays when
/// they log out. A file that cannot be read gives the defaults (never an
/// error: a preference is not worth refusing to open for).
public struct DevicePreferences: Sendable, Hashable {
    public var previewPane: Bool

    public init(previewPane: Bool = true) { self.previewPane = previewPane }

    public static let fileName = "preferences.json"

    static func path(_ dataDirectory: String) -> String { Paths.join(dataDirectory, fileName) }

    /// The preferences saved in `dataDirectory`, or the defaults.
    public static func read(dataDirectory: String, files: any FileLayer) -> DevicePreferences {
        guard let bytes = try? files.read(path(dataDirectory)), let value = try? JSONParser.parse(bytes),
            case .bool(let preview)? = value["previewPane"]
        else { return DevicePreferences() }
        return DevicePreferences(previewPane: preview)
    }

    /// Saves them in `dataDirectory` (made 0700 when missing), atomically.
    public func save(dataDirectory: String, files: any FileLayer) throws {
        try files.makeDirectory(dataDirectory)
        var o = JSONObjectBuilder()
        o.set("previewPane", previewPane)
        // Under the data directory's lock: an opening engine's sweep of temporary files takes it too.
        try DirectoryLock.withLock(dataDirectory) {
            try files.writeAtomically(JSONWriter().write(o.value), to: DevicePreferences.path(dataDirectory))
        }
    }
}
