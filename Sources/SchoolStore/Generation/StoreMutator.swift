import Foundation
import Glibc

/// Deterministic damage to a copy of a store, for fuzzing everything that
/// reads one (`store validate`, `doctor`, sync, the app): the same seed and
/// mutation number always do the same thing to the same file. Used by the
/// fuzz test in the suite and the long run in `xpressions-bench fuzz`.
public enum StoreMutator {
    public enum Kind: String, Sendable, CaseIterable {
        case truncate, empty, emptyArray, emptyObject, wrongType, hugeString, deepNesting, invalidUTF8
        case directory, fifo, linkToDevZero, linkOutside, delete, unreadable, duplicateID, outOfRange
    }

    /// What one mutation did.
    public struct Mutation: Sendable, CustomStringConvertible {
        public var number: Int
        public var kind: Kind
        /// The file it damaged, relative to the store.
        public var file: String
        public var description: String { "#\(number) \(kind.rawValue) \(file)" }
    }

    /// The data files of a store (JSON and PPM, relative paths, sorted),
    /// leaving out derived indexes.
    public static func dataFiles(root: String) -> [String] {
        var out: [String] = []
        func walk(_ relative: String) {
            let full = relative.isEmpty ? root : "\(root)/\(relative)"
            for name in RawFile.list(full) ?? [] where !name.hasPrefix(".") {
                let path = relative.isEmpty ? name : "\(relative)/\(name)"
                if RawFile.isDirectory("\(root)/\(path)") {
                    walk(path)
                } else if name.hasSuffix(".json") || name.hasSuffix(".ppm") || isAttachmentFile(path) {
                    out.append(path)
                }
            }
        }
        walk("")
        return out.sorted()
    }

    /// `schools/<school>/messages/<year>/files/<message>/<name>`.
    static func isAttachmentFile(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        return parts.count == 7 && parts[0] == "schools" && parts[2] == "messages"
            && parts[4] == Substring(StoreLayout.attachmentsDirectoryName)
    }

    /// Keeps the first `keep` records of every per-academic-year and message
    /// file, so a store keeps its shape (every kind of file, every reference
    /// valid) at a fraction of the size: the in-suite fuzzer's base. The
    /// attachment files of the messages dropped go too.
    public static func thin(root: String, keep: Int) throws {
        defer { removeOrphanedAttachments(root: root) }
        for file in dataFiles(root: root) where file.hasSuffix(".json") {
            let parts = file.split(separator: "/")
            guard parts.count >= 4, parts[0] == "schools",
                !["school.json", "students.json", "contacts.json"].contains(String(parts[2]))
            else { continue }
            let path = "\(root)/\(file)"
            let values = try JSONParser.parseArray(try RawFile.read(path)).values
            guard values.count > keep else { continue }
            try Data(JSONWriter().writeRecords(Array(values.prefix(keep)))).write(to: URL(fileURLWithPath: path))
        }
    }

    /// Removes the attachment directories of messages no longer in their year's files.
    static func removeOrphanedAttachments(root: String) {
        for school in RawFile.list("\(root)/\(StoreLayout.schoolsDirectory)") ?? [] {
            let messages = "\(root)/\(StoreLayout.messagesDirectory(school))"
            for year in RawFile.list(messages) ?? [] {
                let files = "\(messages)/\(year)/\(StoreLayout.attachmentsDirectoryName)"
                guard let directories = RawFile.list(files) else { continue }
                var kept = Set<String>()
                for name in RawFile.list("\(messages)/\(year)") ?? [] where name.hasSuffix(".json") {
                    let values = (try? JSONParser.parseArray(RawFile.read("\(messages)/\(year)/\(name)")).values) ?? []
                    for v in values { if case .string(let id)? = v["id"] { kept.insert(id) } }
                }
                for id in directories where !kept.contains(id) {
                    try? FileManager.default.removeItem(atPath: "\(files)/\(id)")
                }
            }
        }
    }

    /// Applies mutation `number` of the run `seed` to the store at `root`.
    /// `outside` is a file outside the store for links to point at.
    /// `allowUnreadable` is false when running as root (root reads anyway).
    public static func apply(
        _ number: Int, seed: UInt64, root: String, files: [String], outside: String,
        allowUnreadable: Bool
    ) throws -> Mutation {
        var rng = SplitMix64(seed: seed, stream: UInt64(number))
        var kinds = Kind.allCases
        if !allowUnreadable { kinds.removeAll { $0 == .unreadable } }
        let kind = kinds[number % kinds.count]
        let file = rng.pick(files)
        let path = "\(root)/\(file)"
        let bytes = (try? RawFile.read(path)) ?? []
        func write(_ data: [UInt8]) throws { try Data(data).write(to: URL(fileURLWithPath: path)) }
        switch kind {
        case .truncate: try write(Array(bytes.prefix(bytes.isEmpty ? 0 : rng.below(bytes.count))))
        case .empty: try write([])
        case .emptyArray: try write(Array("[]".utf8))
        case .emptyObject: try write(Array("{}".utf8))
        case .invalidUTF8:
            var b = bytes
            let quotes = b.indices.filter { b[$0] == UInt8(ascii: "\"") }
            let at = quotes.isEmpty ? (b.isEmpty ? 0 : rng.below(b.count)) : rng.pick(quotes) + 1
            b.insert(contentsOf: [0xC3, 0x28, 0xFF, 0xFE], at: min(at, b.count))
            try write(b)
        case .deepNesting:
            let depth = rng.pick([200, 511, 600, 100_000])
            let nest = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            try write(Array(replacingValue(in: bytes, with: nest, rng: &rng).utf8))
        case .hugeString:
            try write(
                Array(
                    replacingValue(
                        in: bytes,
                        with: "\"" + String(repeating: rng.pick(["x", "é", "\\n"]), count: 1_000_000) + "\"", rng: &rng
                    ).utf8))
        case .wrongType:
            try write(
                Array(
                    replacingValue(
                        in: bytes, with: rng.pick(["42", "true", "null", "\"text\"", "{}", "[1, 2]", "-0.5"]), rng: &rng
                    ).utf8))
        case .outOfRange:
            try write(
                Array(
                    replacingValue(
                        in: bytes,
                        with: rng.pick(["1e308", "-99999999", "99999999999999999999", "2147483648", "-1", "0.000001"]),
                        rng: &rng
                    ).utf8))
        case .duplicateID:
            if var values = try? JSONParser.parseArray(bytes).values, !values.isEmpty {
                values.append(values[rng.below(values.count)])
                try write(JSONWriter().writeRecords(values))
            } else {
                try write(bytes + bytes)
            }
        case .directory:
            try FileManager.default.removeItem(atPath: path)
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        case .fifo:
            try FileManager.default.removeItem(atPath: path)
            guard mkfifo(path, 0o644) == 0 else {
                throw StoreProblems([StoreProblem(file: file, message: "mkfifo failed")])
            }
        case .linkToDevZero:
            try FileManager.default.removeItem(atPath: path)
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/dev/zero")
        case .linkOutside:
            try FileManager.default.removeItem(atPath: path)
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: outside)
        case .delete:
            try FileManager.default.removeItem(atPath: path)
        case .unreadable:
            chmod(path, 0)
        }
        return Mutation(number: number, kind: kind, file: file)
    }

    /// `bytes` with one value replaced by `replacement`: a random member of a
    /// random record when the file parses, else a random spot.
    static func replacingValue(in bytes: [UInt8], with replacement: String, rng: inout SplitMix64) -> String {
        guard let top = try? JSONParser.parse(bytes) else {
            let text = String(decoding: bytes, as: UTF8.self)
            let cut = text.isEmpty ? text.startIndex : text.index(text.startIndex, offsetBy: rng.below(text.count))
            return String(text[..<cut]) + replacement + String(text[cut...])
        }
        func edit(_ value: JSONValue) -> String {
            guard case .object(let members) = value, !members.isEmpty else { return replacement }
            let target = rng.below(members.count)
            let parts = members.enumerated().map { i, m in
                JSONWriter().string(.string(m.0)).trimmingCharacters(in: .whitespacesAndNewlines) + ": "
                    + (i == target ? replacement : JSONWriter().string(m.1))
            }
            return "{" + parts.joined(separator: ", ") + "}"
        }
        if case .array(let records) = top, !records.isEmpty {
            let target = rng.below(records.count)
            return "["
                + records.enumerated().map { $0.offset == target ? edit($0.element) : JSONWriter().string($0.element) }
                .joined(separator: ",\n") + "]"
        }
        return edit(top)
    }

    /// The lines of a command's output that break the rule "every problem
    /// line names a file": a line that names no path in the store
    /// (`schools/<id>...`, `store.json`, `.index/...`, `login-attempts/...`)
    /// and not the store's own path. (Any ".json" or the word "schools"
    /// passed: "3 schools could not be read" named nothing.)
    public static func linesNamingNoFile(_ output: String, storeRoot: String) -> [String] {
        let paths = [
            "\(StoreLayout.schoolsDirectory)/", StoreLayout.storeFile, ".index/", "login-attempts/", storeRoot,
        ]
        return output.split(separator: "\n", omittingEmptySubsequences: true).map(String.init).filter { line in
            !paths.contains { line.contains($0) }
        }
    }

    /// The lines that show Swift's own text instead of words ("reasons in
    /// words, never Swift enum text"): `Optional(`, an NSError's
    /// `Error Domain=`, a module-qualified name, or an enum case with a
    /// string payload such as `failed("Permission denied")`.
    public static func linesWithSwiftText(_ output: String) -> [String] {
        output.split(separator: "\n", omittingEmptySubsequences: true).map(String.init).filter { line in
            ["Optional(", "Error Domain=", "SchoolStore.", "ParentCore.", "Swift."].contains { line.contains($0) }
                || line.range(of: #"(^|[^A-Za-z])[a-z][A-Za-z]*\(""#, options: .regularExpression) != nil
        }
    }

    /// The exit statuses the commands may end with (0 fine, 1 doctor's "cannot
    /// log in", 64 usage, 65 invalid store, 73/74 files or terminal).
    public static let allowedStatuses: Set<Int32> = [0, 1, 64, 65, 73, 74]
}
