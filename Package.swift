// swift-tools-version:6.2
// xpressions: the Xpressions school-parent experience in a terminal.
// No Swift package dependencies: Foundation plus C system libraries through
// system library targets. Built and tested on Linux (Debian 12, glibc); no
// other platform is declared because none is built or tested.
import PackageDescription

// A release build puts each function in its own section, so that the link
// can place the code the start runs together (below).
//
// Not used: `-Xfrontend -disable-concrete-type-metadata-mangled-name-accessors`
// (generic metadata through each type's accessor instead of its mangled
// name, which cut the start's scans of the conformance records from six to
// two). With it, a release build whose SchoolStore read time zones from
// their TZif files corrupted memory on nine starts of ten (free(): invalid
// pointer, a crash in the runtime's metadata cache), the same code without
// it never did in 50 starts, and debug builds (with ASan too) never did: a
// hidden compiler flag is not worth a crash that depends on the code's shape.
let releaseSwiftSettings: [SwiftSetting] = [
    .unsafeFlags(["-Xfrontend", "-function-sections"], .when(configuration: .release))
]

// The functions that run from the start to the login screen and a Ctrl-C,
// written by `xpressions-bench start-order` (callgrind). lld places them
// first in the text section: the start touches about 400 pages of code
// instead of 850 spread over 20 MB, and page faults were a third of the
// start's time (`perf`). A name that is gone is skipped, so a stale list
// costs speed, never correctness.
let startOrder = Context.packageDirectory + "/Assets/start-order.txt"

let package = Package(
    name: "xpressions",
    products: [
        .executable(name: "xpressions", targets: ["xpressions"])
    ],
    targets: [
        // MARK: Libraries, lowest layer first

        // The mock school data store: format, reading, validation, write-backs, generator.
        .target(name: "SchoolStore", swiftSettings: releaseSwiftSettings),
        // The headless parent side: identity, session and PIN, the local model, sync and the
        // outbox. No terminal code.
        .target(name: "ParentCore", dependencies: ["SchoolStore", "CCrypt"], swiftSettings: releaseSwiftSettings),
        // The terminal kit: cells, styles, text width, keys, widgets, the backend protocol
        // and an in-memory backend. Pure Swift; never imports ncurses.
        .target(
            name: "TerminalKit", exclude: ["Text/generate-text-width-tables.pl"], swiftSettings: releaseSwiftSettings),
        // The ncurses backend: the only code that imports CNCursesW.
        .target(
            name: "NCursesTerminal", dependencies: ["TerminalKit", "CNCursesW"], swiftSettings: releaseSwiftSettings),
        // The app: state, actions, effects, the reducer, one folder per screen, keymap and theme.
        .target(
            name: "ParentApp", dependencies: ["ParentCore", "TerminalKit", "CSched"],
            swiftSettings: releaseSwiftSettings),

        // MARK: System libraries

        // The system's password hashing (libxcrypt: yescrypt) for PIN hashes.
        .systemLibrary(name: "CCrypt", providers: [.apt(["libcrypt-dev"])]),
        // ncursesw: a module map and a shim header that wraps what Swift cannot import
        // (C globals, A_* attributes, mouse masks).
        .systemLibrary(name: "CNCursesW", providers: [.apt(["libncurses-dev"])]),
        // The C library's CPU affinity calls (hidden from Swift behind _GNU_SOURCE), to
        // start the store's first opening on another core than the first frame's.
        .systemLibrary(name: "CSched"),

        // MARK: Executables

        // The command line: argument parsing and wiring, and the support and
        // school-side commands (doctor, store audit, school send, digest,
        // export) over ParentCore and SchoolStore.
        .executableTarget(
            name: "xpressions",
            dependencies: ["SchoolStore", "ParentCore", "ParentApp", "TerminalKit", "NCursesTerminal"],
            swiftSettings: releaseSwiftSettings,
            // A release binary starts like a C program: one statically linked, position-dependent
            // executable (the Swift runtime, Foundation, libstdc++, ncurses, libcrypt and the C
            // library), so no dynamic loader runs at all. With only the Swift runtime linked in
            // (-static-stdlib), the loader still bound about 2,300 symbols of libstdc++ and the
            // other shared libraries at every start (LD_DEBUG=statistics: 2.07 M cycles against
            // 0.21 M for the C ncurses program); `xpressions --version` went from 3.3 ms to 1.4 ms.
            // lld, not the default gold, because gold repeats a glibc warning from Foundation's
            // own archive on every link; the archives below are the ones static Foundation needs
            // that the driver does not name (SwiftPM's --static-swift-stdlib does), and ncurses's
            // terminfo library, which its archive needs and does not name.
            linkerSettings: [
                .unsafeFlags(
                    [
                        "-static-executable", "-use-ld=lld",
                        "-Xlinker", "--symbol-ordering-file=\(startOrder)", "-Xlinker", "--no-warn-symbol-ordering",
                    ], .when(configuration: .release)),
                .linkedLibrary("CoreFoundation", .when(configuration: .release)),
                .linkedLibrary("_FoundationICU", .when(configuration: .release)),
                .linkedLibrary("_FoundationCollections", .when(configuration: .release)),
                .linkedLibrary("_FoundationCShims", .when(configuration: .release)),
                .linkedLibrary("stdc++", .when(configuration: .release)),
                .linkedLibrary("tinfo", .when(configuration: .release)),
            ]),
        // Benchmarks: run in release mode, print tables (never timed tests).
        .executableTarget(name: "xpressions-bench", dependencies: ["SchoolStore", "ParentCore"]),

        // MARK: Tests

        // Shared test helpers (text snapshots, a tmux driver, the built binaries), a normal
        // target so several test targets can use them.
        .target(name: "TestSupport", dependencies: ["TerminalKit", "SchoolStore"], path: "Tests/TestSupport"),
        .testTarget(name: "SchoolStoreTests", dependencies: ["SchoolStore", "TestSupport"]),
        .testTarget(name: "ParentCoreTests", dependencies: ["ParentCore", "TestSupport"], exclude: ["__Snapshots__"]),
        .testTarget(
            name: "TerminalKitTests", dependencies: ["TerminalKit", "TestSupport"], exclude: ["__Snapshots__"]),
        .testTarget(name: "NCursesTerminalTests", dependencies: ["NCursesTerminal", "TerminalKit", "TestSupport"]),
        .testTarget(
            name: "ParentAppTests",
            dependencies: ["ParentApp", "ParentCore", "SchoolStore", "TerminalKit", "TestSupport"],
            exclude: ["__Snapshots__"]),
        // The real binaries, in tmux and headless.
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "SchoolStore", "TerminalKit"]),
    ],
    swiftLanguageModes: [.v6]
)
