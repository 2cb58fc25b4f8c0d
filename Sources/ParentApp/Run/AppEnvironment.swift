import Foundation
import ParentCore
import SchoolStore

/// What the app runs against: the store, the data directory, the clock, the
/// file layer and the settings. The executable builds one from its options;
/// tests build their own.
public struct AppEnvironment: Sendable {
    public var storeRoot: String
    public var dataDirectory: String
    public var clock: any WallClock
    public var files: any FileLayer
    public var settings: CoreSettings
    /// The process environment (for `$EDITOR`, `PATH`).
    public var processEnvironment: [String: String]

    public init(storeRoot: String, dataDirectory: String, clock: any WallClock, files: any FileLayer = PosixFileLayer(),
                settings: CoreSettings = CoreSettings(), processEnvironment: [String: String] = ProcessInfo.processInfo.environment) {
        self.storeRoot = storeRoot
        self.dataDirectory = dataDirectory
        self.clock = clock
        self.files = files
        self.settings = settings
        self.processEnvironment = processEnvironment
    }
}
