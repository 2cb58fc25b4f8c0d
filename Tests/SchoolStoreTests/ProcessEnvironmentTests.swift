import Foundation
import Testing

@testable import SchoolStore

/// The environment read from `environ`, without `ProcessInfo` (which costs
/// the app's start): the same variables Foundation sees.
@Suite struct ProcessEnvironmentTests {
    @Test func currentIsWhatFoundationSees() {
        let current = ProcessEnvironment.current()
        #expect(current == ProcessInfo.processInfo.environment)
        #expect(current["PATH"] != nil)
    }

    @Test func entriesAreReadAsGetenvReadsThem() {
        let variables = ProcessEnvironment.variables(from: [
            "HOME=/home/liz", "TERM=xterm=256", "EMPTY=", "broken", "HOME=/tmp/second", "=no name", "LANG=fr_FR.UTF-8",
        ])
        #expect(
            variables == [
                "HOME": "/home/liz", "TERM": "xterm=256", "EMPTY": "", "": "no name", "LANG": "fr_FR.UTF-8",
            ])
    }
}
