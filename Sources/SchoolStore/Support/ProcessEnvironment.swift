#if canImport(Glibc)
    import Glibc
#endif

/// The process's environment variables, read from the C library's `environ`.
///
/// Not `ProcessInfo.processInfo.environment`: the first use of `ProcessInfo`
/// builds Foundation's whole process record (its generic storage types are
/// looked up by mangled name, which scans every conformance record in a
/// static binary). That was about a twentieth of the app's start before the
/// login screen (a `perf` profile of 100 starts), for six variables.
public enum ProcessEnvironment {
    /// Every variable of this process.
    public static func current() -> [String: String] {
        var entries: [String] = []
        var entry = environ
        while let pointer = entry.pointee {
            entries.append(String(cString: pointer))
            entry += 1
        }
        return variables(from: entries)
    }

    /// The variables of `NAME=value` entries, as `getenv` sees them: where a
    /// name appears twice the first counts, and an entry without `=` is
    /// skipped.
    static func variables(from entries: [String]) -> [String: String] {
        var variables: [String: String] = [:]
        for text in entries {
            guard let equals = text.firstIndex(of: "=") else { continue }
            let name = String(text[..<equals])
            if variables[name] == nil { variables[name] = String(text[text.index(after: equals)...]) }
        }
        return variables
    }
}
