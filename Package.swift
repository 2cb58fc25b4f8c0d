// swift-tools-version:6.0
// xpressions: the Xpressions school-parent experience in a terminal.
// No Swift package dependencies: Foundation plus C system libraries
// through system library targets.
import PackageDescription

let package = Package(
    name: "xpressions",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "xpressions", targets: ["xpressions"]),
    ],
    targets: [
        // The mock school data store: format, reading, validation, write-backs, generator.
        .target(name: "SchoolStore"),
        // Argument parsing and wiring only.
        .executableTarget(name: "xpressions", dependencies: ["SchoolStore"]),
        // Benchmarks: run in release mode, print tables (never timed tests).
        .executableTarget(name: "xpressions-bench", dependencies: ["SchoolStore"]),
        .testTarget(name: "SchoolStoreTests", dependencies: ["SchoolStore"]),
    ],
    swiftLanguageModes: [.v6]
)
