import Foundation
import SchoolStore

/// When the last digest was written, remembered in the data directory
/// (`digest.json`, 0600, written atomically and durably through the
/// ``FileLayer``), for `xpressions digest --since last`:
/// `{"format": "xpressions-digest-state", "version": 1, "session", "last":
/// {"all": TIME, "green-abbey/GA-BEN": TIME}}`: one time for the digest of
/// all children and one for each child's own (`--child`), so a digest of
/// one child never hides news from the family's. It belongs to one login: a
/// file of another session (the parent logged out and someone logged in)
/// counts as no earlier digest, and is replaced at the next digest. Only
/// the digest command writes it, and only once a digest has been written
/// out in full.
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

    /// What the file says for a session and scope.
    public enum Recall: Sendable, Equatable {
        /// No earlier digest of this login and scope.
        case none
        /// The end of the last digest.
        case at(Date)
        /// The file cannot be read or makes no sense (the reason): as none.
        case unreadable(String)
    }

    /// The end of the last digest of `session` for `scope`.
    public func recall(session: String, scope: String) -> Recall {
        switch load() {
        case let .failure(reason): return .unreadable(reason.description)
        case let .success(state):
            guard let state, state.session == session, let date = state.last[scope] else { return .none }
            return .at(date)
        }
    }

    /// Remembers that the digest of `session` for `scope` ending at `date`
    /// was written (keeping the session's other scopes).
    public func remember(_ date: Date, session: String, scope: String) throws {
        var last: [String: Date] = [:]
        if case let .success(state?) = load(), state.session == session { last = state.last }
        last[scope] = date
        var times = JSONObjectBuilder()
        for key in last.keys.sorted() { times.set(key, Timestamp.format(last[key]!)) }
        var o = JSONObjectBuilder()
        o.set("format", "xpressions-digest-state")
        o.set("version", 1)
        o.set("session", session)
        o.set("last", times.value)
        try files.writeAtomically(JSONWriter().write(o.value), to: path)
    }

    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    /// The file's session and times (nil: no file).
    func load() -> Result<(session: String, last: [String: Date])?, Problem> {
        let bytes: [UInt8]?
        do { bytes = try files.read(path) } catch { return .failure(Problem(description: "\(error)")) }
        guard let bytes else { return .success(nil) }
        guard let value = try? JSONParser.parse(bytes), case let .string(format)? = value["format"], format == "xpressions-digest-state",
              case let .string(session)? = value["session"], case let .object(members)? = value["last"] else {
            return .failure(Problem(description: "not a digest state file"))
        }
        var last: [String: Date] = [:]
        for (key, v) in members {
            guard case let .string(text) = v, let date = Timestamp.parse(text) else { return .failure(Problem(description: "a time that cannot be read")) }
            last[key] = date
        }
        return .success((session, last))
    }
}
