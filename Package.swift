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
        // The app: state, actions, effects, the reducer, screens, keymap and theme.
        .target(name: "ParentApp", dependencies: ["ParentCore", "SchoolStore", "TerminalKit"]),
        .executableTarget(name: "xpressions", dependencies: ["SchoolStore", "ParentCore", "ParentApp", "TerminalKit", "NCursesTerminal"]),
        // Benchmarks: run in release mode, print tables (never timed tests).
        .executableTarget(name: "xpressions-bench", dependencies: ["SchoolStore", "ParentCore"]),
        .testTarget(name: "SchoolStoreTests", dependencies: ["SchoolStore", "TestSupport"]),
        // The system's password hashing (libxcrypt: yescrypt) for PIN hashes.
        .systemLibrary(name: "CCrypt", providers: [.apt(["libcrypt-dev"])]),
        // The headless parent side: identity, security, files, time. No terminal code.
        .target(name: "ParentCore", dependencies: ["SchoolStore", "CCrypt"]),
        .testTarget(name: "ParentCoreTests", dependencies: ["ParentCore", "TestSupport"]),

        // ncursesw through a system library target: a module map and a shim header that
        // wraps what Swift cannot import (C globals, A_* attributes, mouse masks).
        .systemLibrary(name: "CNCursesW", providers: [.apt(["libncurses-dev"])]),
        // The terminal kit: cells, styles, text width, keys, widgets, the backend protocol
        // and an in-memory backend. Pure Swift; never imports ncurses.
        .target(name: "TerminalKit", exclude: ["Text/generate-text-width-tables.pl"]),
        // The ncurses backend: the only code that imports CNCursesW.
        .target(name: "NCursesTerminal", dependencies: ["TerminalKit", "CNCursesW"]),
        // Shared test helpers (text snapshots, a tmux driver), a normal target so several
        // test targets can use them.
        .target(name: "TestSupport", dependencies: ["TerminalKit", "SchoolStore"], path: "Tests/TestSupport"),
        .testTarget(
            name: "TerminalKitTests",
            dependencies: ["TerminalKit", "TestSupport"],
            exclude: ["__Snapshots__"]
        ),
        .testTarget(name: "ParentAppTests", dependencies: ["ParentApp", "ParentCore", "SchoolStore", "TerminalKit", "TestSupport"],
                    exclude: ["__Snapshots__"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "SchoolStore", "TerminalKit"]),
        .testTarget(
            name: "NCursesTerminalTests",
            dependencies: ["NCursesTerminal", "TerminalKit", "TestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
