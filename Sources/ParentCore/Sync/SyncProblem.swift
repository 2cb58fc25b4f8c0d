import Foundation
import SchoolStore

/// Something a sync could not do, said plainly: which school, which file,
/// what was wrong. The model keeps the last good state of whatever the
/// problem touched, and the next sync tries again.
public struct SyncProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// A store file does not decode (the store's own problem text).
        case invalidStore
        /// The store, a school or a file is not there or cannot be read.
        case unreachable
        /// The local model could not be saved (disk full, read-only...).
        case localModel
        /// The notification registration could not be renewed.
        case notifications
        /// There is no session (logged out) or it ended during the sync.
        case session
        /// An outbox item could not be sent (it stays queued).
        case outbox
    }

    public var kind: Kind
    /// The school's id, when the problem is about one school.
    public var school: String?
    /// The school's name, when known.
    public var schoolName: String?
    /// The store file (relative to the store) or local file concerned.
    public var file: String?
    public var message: String

    public init(kind: Kind, school: String? = nil, schoolName: String? = nil, file: String? = nil, message: String) {
        self.kind = kind
        self.school = school
        self.schoolName = schoolName
        self.file = file
        self.message = message
    }

    /// "Green Abbey School: schools/green-abbey/messages/2025-26/school.json: message M1: subject: missing"
    public var description: String {
        var parts: [String] = []
        if let name = schoolName ?? school { parts.append(name) }
        parts.append(message)
        return parts.joined(separator: ": ")
    }

    static func from(_ problems: StoreProblems, school: String, schoolName: String?, root: String? = nil)
        -> [SyncProblem]
    {
        collapsed(problems.problems, root: root).map {
            // Something else in a file's place (a directory, a FIFO) is the
            // store's problem, not the store out of reach.
            let wrongKind =
                $0.message.hasPrefix("unreadable: is a directory") || $0.message.hasPrefix("unreadable: not a regular")
            let unreadable = !wrongKind && ($0.message.hasPrefix("unreadable") || $0.message.hasPrefix("missing"))
            return SyncProblem(
                kind: unreadable ? .unreachable : .invalidStore, school: school, schoolName: schoolName,
                file: $0.file, message: $0.description)
        }
    }

    /// Files of one folder all refused for a link leading outside the store
    /// are one problem, of the folder, as validate says it (a sync said it
    /// once for each file in it). With the store's `root`, the problem names
    /// the link itself, as validate does: a school's folder linked outside
    /// was said as its `messages` folder, the first thing a sync lists.
    static func collapsed(_ problems: [StoreProblem], root: String? = nil) -> [StoreProblem] {
        let outside = RawFile.ReadError.outsideStore.description
        var links: [String: String] = [:]
        func folder(_ p: StoreProblem) -> String? {
            guard p.message == outside, p.record == nil else { return nil }
            if let root {
                if let link = links[p.file] { return link }
                if let link = linkLeadingOutside(root: root, file: p.file) {
                    links[p.file] = link
                    return link
                }
            }
            guard let slash = p.file.lastIndex(of: "/") else { return nil }
            return String(p.file[..<slash])
        }
        var counts: [String: Int] = [:]
        for p in problems { if let f = folder(p) { counts[f, default: 0] += 1 } }
        var said = Set<String>()
        var out: [StoreProblem] = []
        for p in problems {
            guard let f = folder(p), let n = counts[f], n > 1 || f != p.file && links[p.file] != nil else {
                out.append(p)
                continue
            }
            guard said.insert(f).inserted else { continue }
            out.append(StoreProblem(file: f, message: n > 1 ? "\(outside) (\(n) files in it)" : outside))
        }
        return out
    }

    /// The first folder or file on the way to `file` (relative to `root`)
    /// that is a symbolic link leading outside the store, or nil.
    static func linkLeadingOutside(root: String, file: String) -> String? {
        var prefix = ""
        for part in file.split(separator: "/") {
            prefix = prefix.isEmpty ? String(part) : "\(prefix)/\(part)"
            let path = Paths.join(root, prefix)
            guard (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil else { continue }
            if leadsOutside(path, root: root) != false { return prefix }
        }
        return nil
    }

    /// Whether `path` really is (all links followed) outside the store at
    /// `root`, and outside the store below it when `root` is an as-of
    /// view's overlay; nil when it leads nowhere (a loop, a dangling link).
    static func leadsOutside(_ path: String, root: String) -> Bool? {
        guard let real = RawFile.realPath(path) else { return nil }
        let roots = ([root] + (StoreOverlay.lower(of: root).map { [$0] } ?? [])).compactMap(RawFile.realPath)
        return !roots.contains { real == $0 || real.hasPrefix($0 + "/") }
    }
}
