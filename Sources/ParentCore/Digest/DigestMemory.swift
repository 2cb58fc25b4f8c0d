import Foundation
import SchoolStore

/// The last digest, remembered in the data directory (`digest.json`, 0600,
/// written atomically and durably through the ``FileLayer``), for
/// `xpressions digest --since last`: `{"format": "xpressions-digest-state",
/// "version": 1, "session", "last": {"all": {"at", "seen"},
/// "green-abbey/GA-BEN": {"at", "seen"}}}`, one entry for the digest of all
/// children and one for each child's own (`--child`), so a digest of one
/// child never hides news from the family's. `at` is when the digest was
/// written (its end); `seen` the messages and events it could see
/// (``Digest/seenKeys``: ids, no text). It belongs to one login: a file of
/// another session (the parent logged out and someone logged in) counts as
/// no earlier digest, and is replaced at the next digest. Only the digest
/// command writes it, and only once a digest has been written out in full.
public struct DigestMemory: Sendable {
    public static let fileName = "digest.json"
    /// The scope of a digest of all children.
    public static let allChildren = "all"

    public let dataDirectory: String
    public let files: any FileLayer

    public init(dataDirectory: String, files: any FileLayer) {
        self.dataDirectory = dataDirectory
        self.files = files
    }

    public var path: String { Paths.join(dataDirectory, DigestMemory.fileName) }

    /// The scope of a digest: ``allChildren``, or the child's `school/student`.
    public static func scope(_ child: ChildRef?) -> String { child?.description ?? allChildren }

    /// One scope's last digest.
    public struct Entry: Sendable, Equatable {
        public var at: Date
        public var seen: Set<String>

        public init(at: Date, seen: Set<String> = []) {
            self.at = at
            self.seen = seen
        }
    }

    /// What the file says for a session and scope.
    public enum Recall: Sendable, Equatable {
        /// No earlier digest of this login and scope.
        case none
        /// The last digest.
        case last(Entry)
        /// The file cannot be read or makes no sense (the reason): as none.
        case unreadable(String)
    }

    /// The last digest of `session` for `scope`.
    public func recall(session: String, scope: String) -> Recall {
        switch load() {
        case .failure(let reason): return .unreadable(reason.description)
        case .success(let state):
            guard let state, state.session == session, let entry = state.last[scope] else { return .none }
            return .last(entry)
        }
    }

    /// Remembers that the digest of `session` for `scope` was written
    /// (keeping the session's other scopes).
    public func remember(_ entry: Entry, session: String, scope: String) throws {
        var last: [String: Entry] = [:]
        if case .success(let state?) = load(), state.session == session { last = state.last }
        last[scope] = entry
        var scopes = JSONObjectBuilder()
        for key in last.keys.sorted() {
            var e = JSONObjectBuilder()
            e.set("at", Timestamp.format(last[key]!.at))
            e.set("seen", last[key]!.seen.sorted())
            scopes.set(key, e.value)
        }
        var o = JSONObjectBuilder()
        o.set("format", "xpressions-digest-state")
        o.set("version", 1)
        o.set("session", session)
        o.set("last", scopes.value)
        // Under the data directory's lock: an opening engine's sweep of temporary files takes it too.
        try DirectoryLock.withLock(dataDirectory) { try files.writeAtomically(JSONWriter().write(o.value), to: path) }
    }

    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    /// The file's session and entries (nil: no file).
    func load() -> Result<(session: String, last: [String: Entry])?, Problem> {
        let bytes: [UInt8]?
        do { bytes = try files.read(path) } catch { return .failure(Problem(description: "\(error)")) }
        guard let bytes else { return .success(nil) }
        guard let value = try? JSONParser.parse(bytes), case .string(let format)? = value["format"],
            format == "xpressions-digest-state",
            case .string(let session)? = value["session"], case .object(let members)? = value["last"]
        else {
            return .failure(Problem(description: "not a digest state file"))
        }
        var last: [String: Entry] = [:]
        for (key, v) in members {
            guard case .string(let text)? = v["at"], let date = Timestamp.parse(text),
                case .array(let list)? = v["seen"]
            else {
                return .failure(Problem(description: "the entry \(key) cannot be read"))
            }
            var seen = Set<String>()
            for item in list {
                guard case .string(let s) = item else {
                    return .failure(Problem(description: "the entry \(key) cannot be read"))
                }
                seen.insert(s)
            }
            last[key] = Entry(at: date, seen: seen)
        }
        return .success((session, last))
    }
}
