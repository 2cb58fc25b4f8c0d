import Foundation
import SchoolStore

/// `model/manifest.json`: the one file that says which file holds the
/// current generation of each part of the local model, and when each
/// school last synced. It is written last, atomically, so the model on
/// disk is always exactly the generation it names (shadow paging).
struct ModelManifest: Sendable, Equatable {
    static let fileName = "manifest.json"
    static let format = "xpressions-model"
    static let version = 1

    var session: String
    /// Who the model was built for: the session's ``Session/writer`` (keyed
    /// digests of the login's email and mobile). A model left by a session
    /// that could not be read is taken up by a new login with the same
    /// details (``LocalModel/adopt(dataDirectory:session:writer:records:files:)``);
    /// nil in a manifest of an earlier build, never taken up. A session
    /// ended because the device's key was replaced leaves it named by its
    /// contact records instead (``Session/recordsWriter``).
    var writer: String? = nil
    var generation: Int
    /// Part name → file name.
    var parts: [String: String]
    /// School id → the time of the last successful sync of that school.
    var syncedAt: [String: Date]
    /// School id (or `*`, the whole store) → the trouble since the last good
    /// sync. Written only when there is some.
    var troubles: [String: StoreTrouble] = [:]
    /// School id → the messages not read at this generation (each one's id
    /// and children, newest part first): what `xpressions status` counts,
    /// read from here instead of every timeline part (10,000 messages are
    /// megabytes; the unread ones a few lines). Nil in a manifest of an
    /// earlier build (status then reads the timeline).
    var unread: [String: [TimelineScanner.Entry]]? = nil

    func encode() -> [UInt8] {
        var o = JSONObjectBuilder()
        o.set("format", ModelManifest.format)
        o.set("version", ModelManifest.version)
        o.set("session", session)
        o.setIfPresent("writer", writer)
        o.set("generation", generation)
        o.set("parts", .object(parts.keys.sorted().map { ($0, .string(parts[$0]!)) }))
        o.set("syncedAt", .object(syncedAt.keys.sorted().map { ($0, .string(Timestamp.format(syncedAt[$0]!))) }))
        if !troubles.isEmpty {
            o.set(
                "troubles",
                .object(
                    troubles.keys.sorted().map { key in
                        let t = troubles[key]!
                        var x = JSONObjectBuilder()
                        x.set("kind", t.kind.rawValue)
                        x.set("since", Timestamp.format(t.since))
                        x.setIfPresent("file", t.file)
                        x.set("message", t.message)
                        x.setIfPresent("schoolName", t.schoolName)
                        if !t.otherFiles.isEmpty { x.set("otherFiles", .array(t.otherFiles.map(JSONValue.string))) }
                        return (key, x.value)
                    }))
        }
        if let unread {
            o.set(
                "unread",
                .object(
                    unread.keys.sorted().map { school in
                        (
                            school,
                            .array(
                                unread[school]!.map { e in
                                    .object([
                                        ("id", .string(e.id)), ("children", .array(e.children.map(JSONValue.string))),
                                    ])
                                })
                        )
                    }))
        }
        return JSONWriter().write(o.value)
    }

    static func decode(_ bytes: [UInt8]) -> Result<ModelManifest, ModelDamage> {
        func damaged(_ reason: String) -> Result<ModelManifest, ModelDamage> {
            .failure(ModelDamage(file: fileName, reason: reason))
        }
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch { return damaged("malformed JSON at \(error)") }
        let problems = ProblemList()
        guard let r = FieldReader(value, file: fileName, record: nil, problems: problems) else {
            return damaged("not an object")
        }
        guard r.string("format") == format, r.int("version") == version else {
            return damaged("not a manifest of model format \(version)")
        }
        guard let session = r.string("session"), let generation = r.int("generation", range: 0...Int(Int32.max)),
            case .object(let partMembers)? = r.raw("parts"), case .object(let syncMembers)? = r.raw("syncedAt")
        else {
            return damaged(problems.problems.first?.description ?? "incomplete manifest")
        }
        var parts: [String: String] = [:]
        for (name, file) in partMembers {
            guard case .string(let f) = file, !f.contains("/"), f != fileName else {
                return damaged("parts.\(name): not a file name")
            }
            parts[name] = f
        }
        var syncedAt: [String: Date] = [:]
        for (school, time) in syncMembers {
            guard case .string(let t) = time, let d = Timestamp.parse(t) else {
                return damaged("syncedAt.\(school): not a time")
            }
            syncedAt[school] = d
        }
        var troubles: [String: StoreTrouble] = [:]
        if let raw = r.raw("troubles") {
            guard case .object(let members) = raw else { return damaged("troubles: not an object") }
            for (key, value) in members {
                guard
                    let t = FieldReader(
                        value, file: fileName, record: nil, path: "troubles.\(key)", problems: problems),
                    let kind = t.choice("kind", StoreTrouble.Kind.init(rawValue:), expected: "unreachable or invalid"),
                    let since = t.timestamp("since"), let message = t.string("message", allowEmpty: true)
                else { return damaged(problems.problems.first?.description ?? "troubles.\(key): incomplete") }
                var others: [String] = []
                if case .array(let files)? = t.raw("otherFiles") {
                    others = files.compactMap { if case .string(let f) = $0 { return f } else { return nil } }
                }
                troubles[key] = StoreTrouble(
                    kind: kind, since: since, file: t.string("file", required: false), message: message,
                    schoolName: t.string("schoolName", required: false), otherFiles: others)
            }
        }
        var unread: [String: [TimelineScanner.Entry]]? = nil
        if let raw = r.raw("unread") {
            guard case .object(let members) = raw else { return damaged("unread: not an object") }
            var out: [String: [TimelineScanner.Entry]] = [:]
            for (school, list) in members {
                guard case .array(let items) = list else { return damaged("unread.\(school): not a list") }
                var entries: [TimelineScanner.Entry] = []
                entries.reserveCapacity(items.count)
                for item in items {
                    guard case .string(let id)? = item["id"], case .array(let kids)? = item["children"] else {
                        return damaged("unread.\(school): an entry without id and children")
                    }
                    var children: [String] = []
                    for k in kids {
                        guard case .string(let c) = k else { return damaged("unread.\(school): a child not a string") }
                        children.append(c)
                    }
                    entries.append(TimelineScanner.Entry(id: id, children: children))
                }
                out[school] = entries
            }
            unread = out
        }
        return .success(
            ModelManifest(
                session: session, writer: r.string("writer", required: false), generation: generation, parts: parts,
                syncedAt: syncedAt, troubles: troubles, unread: unread))
    }
}
