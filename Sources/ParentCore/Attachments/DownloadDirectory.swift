import SchoolStore

/// Where a saved attachment goes, as browsers and mail clients decide:
/// `$XDG_DOWNLOAD_DIR`, else the download directory of `user-dirs.dirs`
/// (`$XDG_CONFIG_HOME`, default `~/.config`), else `~/Downloads`, else the
/// current directory; the first that is an existing directory. None is ever
/// created (nor its permissions changed).
public enum DownloadDirectory {
    public static func resolve(environment: [String: String], currentDirectory: String) -> String {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
        func expand(_ path: String) -> String? {
            var p = path
            if p.hasPrefix("$HOME") {
                guard let home else { return nil }
                p = home + p.dropFirst(5)
            } else if p.hasPrefix("~/") || p == "~" {
                guard let home else { return nil }
                p = home + p.dropFirst(1)
            }
            return p.hasPrefix("/") ? p : nil
        }
        var candidates: [String] = []
        if let dir = environment["XDG_DOWNLOAD_DIR"], !dir.isEmpty, let p = expand(dir) { candidates.append(p) }
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home.map { "\($0)/.config" }
        if let config, let bytes = try? RawFile.read("\(config)/user-dirs.dirs"),
            let p = userDirsDownload(String(decoding: bytes, as: UTF8.self)).flatMap(expand)
        {
            candidates.append(p)
        }
        if let home { candidates.append("\(home)/Downloads") }
        return candidates.first(where: RawFile.isDirectory) ?? currentDirectory
    }

    /// The value of `XDG_DOWNLOAD_DIR="..."` in a `user-dirs.dirs` file.
    static func userDirsDownload(_ text: String) -> String? {
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard trimmed.hasPrefix("XDG_DOWNLOAD_DIR=") else { continue }
            var value = trimmed.dropFirst("XDG_DOWNLOAD_DIR=".count)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = value.dropFirst().dropLast() }
            return value.isEmpty ? nil : String(value)
        }
        return nil
    }

    /// `path` with the home directory written `~`, for saying where a file went.
    public static func display(_ path: String, environment: [String: String]) -> String {
        guard let home = environment["HOME"], !home.isEmpty, home != "/" else { return path }
        if path == home { return "~" }
        return path.hasPrefix(home + "/") ? "~" + path.dropFirst(home.count) : path
    }
}
