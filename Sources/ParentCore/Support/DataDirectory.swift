import Foundation
import SchoolStore

/// Where the parent side keeps its data (session, PIN hash, local model,
/// outbox, attempt counts), and keeping that place private.
///
/// Resolution, first match wins:
/// 1. the `--data-dir` override, if given and not empty (a leading `~/` is
///    expanded with the home directory, since a shell does not expand
///    `--data-dir=~/x`);
/// 2. `$XDG_DATA_HOME/xpressions`, if `XDG_DATA_HOME` is set to an absolute
///    path (the XDG Base Directory spec says relative values are invalid
///    and must be ignored);
/// 3. `<home>/.local/share/xpressions`.
public struct DataDirectory: Sendable, Equatable {
    /// Which rule chose the directory.
    public enum Source: String, Sendable, Equatable {
        /// The `--data-dir` override.
        case override
        /// `$XDG_DATA_HOME/xpressions`.
        case xdgDataHome
        /// `<home>/.local/share/xpressions`.
        case home
    }

    /// The directory's path.
    public let path: String
    /// Which rule chose it.
    public let source: Source

    /// The directory name used under `XDG_DATA_HOME` and `~/.local/share`.
    public static let applicationName = "xpressions"

    /// Resolves the directory from the override, the environment and the home
    /// directory, without touching the disk.
    public static func resolve(
        override: String?, environment: [String: String], home: String?
    ) throws(DataDirectoryError) -> DataDirectory {
        let home = home.flatMap { $0.isEmpty ? nil : trimmed($0) }
        if let override, !override.isEmpty {
            if override == "~" || override.hasPrefix("~/") {
                guard let home else { throw .noHomeDirectory }
                return DataDirectory(path: trimmed(home + override.dropFirst()), source: .override)
            }
            return DataDirectory(path: trimmed(override), source: .override)
        }
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return DataDirectory(path: Paths.join(trimmed(xdg), applicationName), source: .xdgDataHome)
        }
        guard let home else { throw .noHomeDirectory }
        return DataDirectory(path: Paths.join(Paths.join(home, ".local/share"), applicationName), source: .home)
    }

    /// The current user's home directory: `$HOME` if set and absolute,
    /// otherwise the password database's entry for the effective user.
    public static func homeDirectory(environment: [String: String] = ProcessEnvironment.current()) -> String? {
        if let home = environment["HOME"], home.hasPrefix("/") { return home }
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getpwuid_r(geteuid(), &entry, &buffer, buffer.count, &result) == 0, result != nil,
            let directory = entry.pw_dir
        else { return nil }
        return String(cString: directory)
    }

    /// `name` inside the directory.
    public func file(_ name: String) -> String { Paths.join(path, name) }

    /// Creates the directory (0700, with missing parents), repairs the
    /// permissions of everything in it that this user owns (directories 0700,
    /// files 0600) and checks the result is private. Returns the paths whose
    /// permissions were repaired, for a support log.
    ///
    /// Throws ``DataDirectoryError`` when the directory belongs to someone
    /// else or is not a directory, or the file layer's error.
    @discardableResult
    public func prepare(using files: any FileLayer) throws -> [String] {
        var repaired: [String] = []
        if let stamp = files.modificationInfo(path) {
            guard stamp.isDirectory else { throw DataDirectoryError.notADirectory(path) }
            guard stamp.ownerID == geteuid() else {
                throw DataDirectoryError.notOwnedByUser(path, ownerID: stamp.ownerID)
            }
            if stamp.permissions != 0o700 { repaired.append(path) }  // makeDirectory tightens it
        }
        try files.makeDirectory(path)
        repaired += try files.tightenPermissions(under: path).filter { $0 != path }
        guard let stamp = files.modificationInfo(path), stamp.isDirectory else {
            throw DataDirectoryError.notADirectory(path)
        }
        guard stamp.permissions == 0o700 else {
            throw DataDirectoryError.notPrivate(path, permissions: stamp.permissions)
        }
        return repaired
    }

    private static func trimmed<S: StringProtocol>(_ path: S) -> String {
        var result = String(path)
        while result.count > 1, result.hasSuffix("/") { result.removeLast() }
        return result
    }
}
