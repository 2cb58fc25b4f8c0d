import Foundation
import ParentCore

/// What the app runs against: the store, the data directory, the clock, the
/// file layer and the settings. The executable builds one from its options;
/// tests build their own.
public struct AppEnvironment: Sendable {
    var storeRoot: String
    var dataDirectory: String
    var clock: any WallClock
    /// The clock of security decisions (the 30-day rule, unlock times, the
    /// login attempt window): the real time when `clock` is moved (`--now`,
    /// a demo clock). Defaults to `clock`.
    var securityClock: any WallClock
    var files: any FileLayer
    var settings: CoreSettings
    /// The process environment (for `$EDITOR`, `PATH`). The executable
    /// passes it (read from `environ`, without `ProcessInfo`'s cost at start);
    /// the default is for tests.
    var processEnvironment: [String: String]

    public init(
        storeRoot: String, dataDirectory: String, clock: any WallClock, securityClock: (any WallClock)? = nil,
        files: any FileLayer, settings: CoreSettings = CoreSettings(),
        processEnvironment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.storeRoot = storeRoot
        self.dataDirectory = dataDirectory
        self.clock = clock
        self.securityClock = securityClock ?? clock
        self.files = files
        self.settings = settings
        self.processEnvironment = processEnvironment
    }
}
