import Foundation
import SchoolStore

/// Finds the built-in demo store (`Assets/demo-store` in the package),
/// whatever the current directory: from the environment, next to the
/// binary's package, or from where this source file was compiled.
enum DemoStoreLocator {
    static func path(environment: [String: String] = ProcessEnvironment.current()) -> String? {
        var candidates: [String] = []
        if let env = environment["XPRESSIONS_DEMO_STORE"], !env.isEmpty { candidates.append(env) }
        // <package>/.build/<triple>/<config>/xpressions
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = executable.deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(dir.appendingPathComponent("Assets/demo-store").path)
            dir = dir.deletingLastPathComponent()
        }
        // <package>/Sources/xpressions/DemoStoreLocator.swift
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(source.appendingPathComponent("Assets/demo-store").path)
        return candidates.first { RawFile.exists("\($0)/\(StoreLayout.storeFile)") }
    }
}
