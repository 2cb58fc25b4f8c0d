import Foundation
@testable import SchoolStore

/// The real `xpressions` executable, for tests that run it in a child
/// process. `swift test` builds every product of the package, the
/// executable included, next to the test bundle; if it is not there (a
/// test run that built only the tests) it is built once with
/// `swift build --product xpressions`.
enum XpressionsBinary {
    /// The package root (this file is Tests/ParentCoreTests/XpressionsBinary.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// The directory holding the test bundle and the products built with it.
    static var productsDirectory: String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        // On some platforms the runner sits inside a `.xctest` bundle.
        while dir.path.contains(".xctest") { dir = dir.deletingLastPathComponent() }
        return dir.path
    }

    static let path: Result<String, BuildFailure> = {
        let beside = Paths.join(productsDirectory, "xpressions")
        if FileManager.default.isExecutableFile(atPath: beside) { return .success(beside) }
        let build = Process()
        build.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        build.arguments = ["swift", "build", "--product", "xpressions", "--package-path", packageRoot]
        do { try build.run() } catch { return .failure(BuildFailure(description: "could not run swift build: \(error)")) }
        build.waitUntilExit()
        let built = Paths.join(packageRoot, ".build/debug/xpressions")
        guard build.terminationStatus == 0, FileManager.default.isExecutableFile(atPath: built) else {
            return .failure(BuildFailure(description: "swift build --product xpressions failed"))
        }
        return .success(built)
    }()

    struct BuildFailure: Error, CustomStringConvertible {
        let description: String
    }

    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    /// Runs the binary with arguments and extra environment; waits for it.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try path.get())
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("XPRESSIONS_") { env[key] = nil }
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self),
                   errors: String(decoding: errData, as: UTF8.self))
    }
}
