import Foundation
import SchoolStore

/// `<data>/damaged/`: where the parent side puts a file of its own that it
/// cannot use (a `session.json` that does not decode, an outbox item cut
/// short, a model whose manifest is a directory), instead of deleting it.
/// Each is moved under its own name with the time it was found, e.g.
/// `session.20260318T104200Z.json`, `outbox.x3f….20260318T104200Z.json`,
/// `model.20260318T104200Z` (a whole directory).
///
/// A move is a copy through the ``FileLayer`` (each file written atomically
/// and durably, 0600, in 0700 directories) followed by removing the
/// original, so a crash at any point leaves the original in place, the copy
/// in place, or both: never neither. A crash between the two is repaired by
/// the next move of the same original (a second copy, with its own time).
struct DamagedFiles: Sendable {
    static let directoryName = "damaged"

    /// `<data>/damaged`.
    let directory: String
    let files: any FileLayer

    init(dataDirectory: String, files: any FileLayer) {
        directory = Paths.join(dataDirectory, DamagedFiles.directoryName)
        self.files = files
    }

    /// "20260318T104200Z": the time, in UTC, as it goes into names.
    static func stamp(_ date: Date) -> String {
        Timestamp.format(date).filter { $0 != "-" && $0 != ":" }
    }

    /// The time in a name `name(for:at:)` made ("20260318T104200Z"), if any.
    static func time(in name: String) -> String? {
        name.split(separator: ".").reversed().lazy.map { part -> Substring in
            // A second one set aside at the same second: "<time>-2".
            guard let dash = part.firstIndex(of: "-"), part[part.index(after: dash)...].allSatisfy(\.isNumber) else {
                return part
            }
            return part[..<dash]
        }.first { part in
            part.count == 16 && part.hasSuffix("Z") && part.dropLast().allSatisfy { $0.isNumber || $0 == "T" }
        }.map(String.init)
    }

    /// The name `name` gets in `damaged/` at `date`: the time goes before
    /// the extension (`session.json` → `session.<time>.json`).
    static func name(for name: String, at date: Date, number: Int? = nil) -> String {
        let time = stamp(date) + (number.map { "-\($0)" } ?? "")
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            return "\(name[..<dot]).\(time)\(name[dot...])"
        }
        return "\(name).\(time)"
    }

    /// Moves the file or directory at `path` into `damaged/` as `name` (with
    /// the time added) and returns the name it got there; nil when nothing is
    /// at `path`. Throws when the original cannot be read (it is then left
    /// where it is) or the copy cannot be written.
    @discardableResult
    func setAside(_ path: String, as name: String, at date: Date) throws -> String? {
        guard files.exists(path) else { return nil }
        // Something else where the folder goes (a file named `damaged`):
        // moved beside it under its time, never deleted, and the folder made
        // (it stopped every start: "could not create the directory").
        if let info = files.modificationInfo(directory), !info.isDirectory {
            let parent = Paths.parent(of: directory)
            let aside = freeName(DamagedFiles.directoryName, in: parent, at: date)
            try files.move(directory, to: Paths.join(parent, aside))
        }
        try files.makeDirectory(directory)
        let target = freeName(name, in: directory, at: date)
        let destination = Paths.join(directory, target)
        do {
            try copy(path, to: destination, depth: 0)
        } catch let e as FileLayerError where e.code == EACCES || e.code == EPERM || e.code == EFBIG {
            // A file nobody here may read (left by `sudo xpressions`, say),
            // or too big to read: moved whole, never copied empty, so its
            // owner can still read it (the audit lost a queued message's
            // text to an empty copy).
            try? files.removeTree(destination)
            try files.move(path, to: destination)
            return target
        }
        try files.removeTree(path)
        return target
    }

    /// `name` with the time (``name(for:at:)``), and `-2`, `-3`… after the
    /// time while that is taken in `folder` (`session.<time>-2.json`: it
    /// was `session.<time>.json-2`, after the extension).
    private func freeName(_ name: String, in folder: String, at date: Date) -> String {
        var target = DamagedFiles.name(for: name, at: date)
        var n = 2
        while files.exists(Paths.join(folder, target)) {
            target = DamagedFiles.name(for: name, at: date, number: n)
            n += 1
        }
        return target
    }

    /// Copies a file, or a directory tree (at most a few levels deep: the
    /// parent side never nests deeper, and a symbolic link loop must end).
    private func copy(_ source: String, to destination: String, depth: Int) throws {
        if let info = files.modificationInfo(source), info.isDirectory {
            try files.makeDirectory(destination)
            guard depth < 4 else { return }
            for name in try files.list(source) {
                try copy(Paths.join(source, name), to: Paths.join(destination, name), depth: depth + 1)
            }
            return
        }
        // A dangling symbolic link or a special file (a FIFO, a device) is
        // never read: an empty copy marks it.
        let special = files.modificationInfo(source)?.isSpecial ?? false
        var bytes: [UInt8] = []
        bytes = special ? [] : (try files.read(source)) ?? []
        try files.writeAtomically(bytes, to: destination)
    }

    /// Removes the copies of the local model set aside here: the children's
    /// data goes with the model when a session ends (a logout "removes this
    /// device's copy of your children's data", and a damaged model's copy
    /// stayed). What the parent wrote (outbox items) and the session's own
    /// damaged files stay, for support.
    func removeModelCopies() throws {
        for name in list() where name.hasPrefix("model.") {
            try files.removeTree(Paths.join(directory, name))
        }
    }

    /// The names in `damaged/`, sorted.
    func list() -> [String] {
        (try? files.list(directory)) ?? []
    }
}
