import Foundation

/// Finds what `swift build` produced, for end-to-end tests that run the real binary.
public enum BuildProducts {
    /// The environment variable that names the products directory explicitly.
    public static let directoryVariable = "XPRESSIONS_PRODUCTS_DIR"

    /// Candidate products directories, most likely first: `XPRESSIONS_PRODUCTS_DIR`; the
    /// directory of the running test bundle (under `swift test` that is
    /// `.build/<triple>/debug`); then `.build/debug` and `.build/release` of the package
    /// that contains `filePath`.
    public static func candidateDirectories(filePath: String = #filePath) -> [URL] {
        var candidates: [URL] = []
        if let explicit = ProcessInfo.processInfo.environment[directoryVariable], !explicit.isEmpty {
            candidates.append(URL(fileURLWithPath: explicit))
        }
        if let executable = Bundle.main.executableURL {
            candidates.append(executable.resolvingSymlinksInPath().deletingLastPathComponent())
        }
        candidates.append(Bundle.main.bundleURL.resolvingSymlinksInPath().deletingLastPathComponent())
        if let root = packageRoot(filePath: filePath) {
            let build = root.appendingPathComponent(".build")
            candidates.append(build.appendingPathComponent("debug"))
            candidates.append(build.appendingPathComponent("release"))
        }
        return candidates
    }

    /// The package root: the nearest directory above `filePath` holding `Package.swift`.
    public static func packageRoot(filePath: String = #filePath) -> URL? {
        var directory = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory
            }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    /// The built executable `name` (e.g. "xpressions").
    /// - Throws: `BuildProductsError` listing where it looked.
    public static func executable(named name: String, filePath: String = #filePath) throws -> URL {
        let candidates = candidateDirectories(filePath: filePath)
        for directory in candidates {
            let url = directory.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                FileManager.default.isExecutableFile(atPath: url.path)
            {
                return url
            }
        }
        throw BuildProductsError(name: name, searched: candidates.map(\.path))
    }
}
