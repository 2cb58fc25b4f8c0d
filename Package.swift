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
        .executableTarget(name: "xpressions", dependencies: ["SchoolStore", "ParentCore"]),
        // Benchmarks: run in release mode, print tables (never timed tests).
        .executableTarget(name: "xpressions-bench", dependencies: ["SchoolStore", "ParentCore"]),
        .testTarget(name: "SchoolStoreTests", dependencies: ["SchoolStore"]),
        // The system's password hashing (libxcrypt: yescrypt) for PIN hashes.
        .systemLibrary(name: "CCrypt", providers: [.apt(["libcrypt-dev"])]),
        // The headless parent side: identity, security, files, time. No terminal code.
        .target(name: "ParentCore", dependencies: ["SchoolStore", "CCrypt"]),
        .testTarget(name: "ParentCoreTests", dependencies: ["ParentCore"]),
    ],
    swiftLanguageModes: [.v6]
)
