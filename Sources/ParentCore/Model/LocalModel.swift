import Foundation
import SchoolStore

/// The logged-in parent's world on disk, in `<data>/model/`, kept by
/// shadow paging so that after a crash at any point it is the old state or
/// the new one: never a mix across files, never empty.
///
/// The model is a set of part files (one per school, per school's sync
/// cursors, per child, per school and academic year of messages, and one
/// for read state), each named with the generation that wrote it
/// (`child.green-abbey.GA-BEN.g17.json`), and `manifest.json`, which names
/// the current file of every part. A commit writes the changed parts under
/// a new generation (each atomically and durably), then the manifest
/// (atomically: the commit point), then deletes the files the old manifest
/// named. A crash before the manifest lands leaves the old manifest naming
/// old files that are all still there; leftovers are swept on open. Only
/// changed parts are rewritten.
///
/// Thread-safe. Commits from two processes are serialised by a lock file
/// and rebased on whatever the other one committed.
public final class LocalModel: Sendable {
    /// `<data>/model`.
    public let directory: String
    let files: any FileLayer
    let session: String
    /// The session's ``Session/writer``, written into each manifest.
    let writer: String?

    struct Contents: Sendable {
        var state: ModelState
        /// Part name → file, as the manifest of `state.generation` says.
        var fileNames: [String: String]
        /// Why the model on disk could not be used (it then started empty).
        var damage: ModelDamage?
        /// Temporary files of killed writers removed when it was opened.
        var swept = 0
        /// The manifest's list of unread messages for `status` (nil: not
        /// known, worked out at the next commit).
        var unread: [String: [TimelineScanner.Entry]]? = nil
        /// Part file → what `stat` said when this instance read or wrote
        /// it. A part file is never rewritten under its name (each commit
        /// names a new generation), so a change means it was damaged under
        /// the open app: the next commit writes it again from memory.
        var stamps: [String: FileInfo] = [:]
    }
    private let contents: Locked<Contents>

    /// Opens the model of `session` in `<dataDirectory>/model`, creating the
    /// directory (0700) if needed, and sweeps files no manifest names. A
    /// model of another session, or one that cannot be read back, starts
    /// empty (the next sync fills it); I/O errors are thrown.
    public init(dataDirectory: String, session: String, writer: String? = nil, files: any FileLayer) throws {
        directory = Paths.join(dataDirectory, "model")
        self.files = files
        self.session = session
        self.writer = writer
        try files.makeDirectory(directory)
        let directory = self.directory
        let loaded = try DirectoryLock.withLock(directory) { () throws -> Contents in
            var loaded = try LocalModel.load(directory: directory, session: session, files: files)
            // A damaged or earlier session's model is left alone until this
            // one's first commit replaces it.
            if loaded.damage == nil {
                loaded.swept = try LocalModel.sweep(
                    directory: directory, keeping: Set(loaded.fileNames.values), files: files)
            }
            return loaded
        }
        contents = Locked(loaded)
    }

    /// The current state.
    var state: ModelState { contents.withLock { $0.state } }

    /// Why the model on disk could not be used when opened, if it could not
    /// (for a support log; the model then started empty).
    public var damage: String? { contents.withLock { $0.damage?.description } }

    /// The damage found when opened, if any (the model of an earlier session
    /// included).
    var damageFound: ModelDamage? { contents.withLock { $0.damage } }

    /// Temporary files of killed writers removed when the model was opened.
    var temporaryFilesSweptOnOpen: Int { contents.withLock { $0.swept } }

    /// Whether the model's directory is unusable as such, so that it cannot
    /// even be opened: `model` is not a directory, or its `manifest.json` or
    /// `.lock` is a directory. nil when it is fine (or not there).
    static func structuralDamage(dataDirectory: String, files: any FileLayer) -> String? {
        let directory = Paths.join(dataDirectory, "model")
        guard files.exists(directory) else { return nil }
        guard let info = files.modificationInfo(directory), info.isDirectory else { return "model is not a directory" }
        for name in [ModelManifest.fileName, DirectoryLock.fileName] {
            if let inner = files.modificationInfo(Paths.join(directory, name)) {
                if inner.isDirectory { return "model/\(name) is a directory" }
                if inner.isSpecial { return "model/\(name) is not a regular file" }
            }
        }
        return nil
    }

    /// Removes temporary files a killed writer left (under the model's lock,
    /// so never a file another instance is writing); returns how many.
    func sweepTemporaryFiles() throws -> Int {
        try DirectoryLock.withLockIfPresent(directory) { try files.sweepTemporaryFiles(in: directory).count }
    }

    /// The generation on disk (0 before the first commit).
    public var generation: Int { contents.withLock { $0.state.generation } }

    // MARK: - Reading

    static func manifestPath(_ directory: String) -> String { Paths.join(directory, ModelManifest.fileName) }

    /// Takes up a model left by another session of the same parent: one
    /// whose manifest names another session but `writer` (the same login
    /// details, keyed by this install) is re-stamped as `session`'s, so the
    /// parent's last good copy of each school and what they read carry over
    /// a login made again because the session file could not be read (it
    /// started again, and a school whose data was broken then had nothing
    /// left to show). Returns whether it did. Another parent's model, or one
    /// of an earlier build (no writer), is left to start again.
    /// A model relabelled by its session's contact records (the device's
    /// key replaced) is taken up by a login matching exactly those records
    /// (`records`, ``Session/recordsWriter``).
    static func adopt(
        dataDirectory: String, session: String, writer: String?, records: String? = nil, files: any FileLayer
    ) throws -> Bool {
        let accepted = [writer, records].compactMap { $0 }
        guard !accepted.isEmpty else { return false }
        let directory = Paths.join(dataDirectory, "model")
        guard files.exists(directory) else { return false }
        return try DirectoryLock.withLock(directory) { () throws -> Bool in
            guard let bytes = try? files.read(manifestPath(directory)),
                case .success(var manifest) = ModelManifest.decode(bytes), manifest.session != session,
                let found = manifest.writer, accepted.contains(found)
            else { return false }
            // Its parts written again as they are, so they are this session's
            // by their time too: a manifest lost later is read back by the
            // parts' names and times (older ones taken for another
            // session's), and the parent's read state and history went with
            // them (an audit). Once, at the login that takes it up.
            for file in Set(manifest.parts.values).sorted() {
                let path = Paths.join(directory, file)
                guard let bytes = try files.read(path) else { continue }
                try files.writeAtomically(bytes, to: path)
            }
            manifest.session = session
            manifest.writer = writer
            try files.writeAtomically(manifest.encode(), to: manifestPath(directory))
            return true
        }
    }

    /// Names the model on disk as `writer`'s (a session's
    /// ``Session/recordsWriter``) for a later login to take up: the session
    /// is ending because the device's key was replaced, which makes its
    /// keyed writer unmatchable, and what the parent read and each school's
    /// last good copy are theirs, not the damaged key's. Nothing when there
    /// is no model.
    static func relabel(dataDirectory: String, writer: String, files: any FileLayer) throws {
        let directory = Paths.join(dataDirectory, "model")
        guard files.exists(Paths.join(directory, ModelManifest.fileName)) else { return }
        try DirectoryLock.withLock(directory) {
            guard let bytes = try files.read(manifestPath(directory)),
                case .success(var manifest) = ModelManifest.decode(bytes)
            else { return }
            manifest.writer = writer
            try files.writeAtomically(manifest.encode(), to: manifestPath(directory))
        }
    }

    /// Reads the manifest and every part it names. Missing manifest: an
    /// empty model. Damaged manifest or part, or another session's model:
    /// an empty model with the damage noted.
    static func load(directory: String, session: String, files: any FileLayer) throws -> Contents {
        let empty = Contents(state: ModelState(session: session), fileNames: [:], damage: nil)
        // A file that cannot be read (no permission: left by `sudo`) is
        // damage like one that does not decode: set aside, never a model
        // that cannot open at all (the app stayed on "Loading…").
        func unreadable(_ file: String, _ error: any Error) -> Contents {
            Contents(
                state: ModelState(session: session), fileNames: [:],
                damage: ModelDamage(file: file, reason: "cannot be read (\(error))"))
        }
        let read: [UInt8]?
        do { read = try files.read(manifestPath(directory)) } catch let e as FileLayerError
            where e.code == EACCES || e.code == EPERM || e.code == EFBIG
        {
            return unreadable(ModelManifest.fileName, e)
        }
        guard let bytes = read else {
            // No manifest, but parts: it went (deleted by hand, a disk
            // error), they did not. Damage, set aside and read back by name;
            // as an empty model the open swept every part away.
            let parts = ((try? files.list(directory)) ?? []).filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
            guard parts.isEmpty else {
                return Contents(
                    state: ModelState(session: session), fileNames: [:],
                    damage: ModelDamage(
                        file: ModelManifest.fileName,
                        reason: "missing, while \(parts.count) part file\(parts.count == 1 ? " is" : "s are") there"))
            }
            return empty
        }
        let manifest: ModelManifest
        switch ModelManifest.decode(bytes) {
        case .failure(let damage): return Contents(state: ModelState(session: session), fileNames: [:], damage: damage)
        case .success(let m): manifest = m
        }
        guard manifest.session == session else {  // an earlier session's model: start again
            return Contents(
                state: ModelState(session: session), fileNames: [:],
                damage: ModelDamage(
                    file: ModelManifest.fileName, reason: "belongs to an earlier session; starting again",
                    isForeign: true))
        }
        var state = ModelState(session: session)
        state.generation = manifest.generation
        state.syncedAt = manifest.syncedAt
        state.troubles = manifest.troubles
        // Read every part, then decode them on all cores (a big model is
        // mostly its monthly timeline parts).
        let names = manifest.parts.keys.sorted()
        var contents: [[UInt8]] = []
        var stamps: [String: FileInfo] = [:]
        for name in names {
            let file = manifest.parts[name]!
            let info = files.modificationInfo(Paths.join(directory, file))
            stamps[file] = info
            if let info, info.isDirectory || info.isSpecial {
                return Contents(
                    state: ModelState(session: session), fileNames: [:],
                    damage: ModelDamage(
                        file: file, reason: info.isDirectory ? "is a directory" : "is not a regular file"))
            }
            let partRead: [UInt8]?
            do { partRead = try files.read(Paths.join(directory, file)) } catch let e as FileLayerError
                where e.code == EACCES || e.code == EPERM || e.code == EFBIG
            {
                return unreadable(file, e)
            }
            guard let partBytes = partRead else {
                return Contents(
                    state: ModelState(session: session), fileNames: [:],
                    damage: ModelDamage(file: file, reason: "missing"))
            }
            contents.append(partBytes)
        }
        let decoded = Parallel.map(names.count) { [contents] i in
            ModelPart.decode(contents[i], file: manifest.parts[names[i]]!)
        }
        for (i, result) in decoded.enumerated() {
            let file = manifest.parts[names[i]]!
            switch result {
            case .failure(let damage):
                return Contents(state: ModelState(session: session), fileNames: [:], damage: damage)
            case .success(let part):
                guard part.name == names[i] else {
                    return Contents(
                        state: ModelState(session: session), fileNames: [:],
                        damage: ModelDamage(file: file, reason: "holds part \(part.name), expected \(names[i])"))
                }
                state.put(part)
            }
        }
        state.files = manifest.parts
        return Contents(
            state: state, fileNames: manifest.parts, damage: nil, unread: manifest.unread, stamps: stamps)
    }

    /// Removes files no manifest names (a crashed commit's parts, the old
    /// generation a crash kept from being deleted) and temporary files.
    /// Failures only leave litter for the next sweep; a simulated crash
    /// still stops everything.
    @discardableResult
    static func sweep(directory: String, keeping: Set<String>, files: any FileLayer) throws -> Int {
        var swept = 0
        do {
            swept = try files.sweepTemporaryFiles(in: directory).count
            for name in try files.list(directory)
            where name != ModelManifest.fileName && !name.hasPrefix(".") && !keeping.contains(name) {
                try files.remove(Paths.join(directory, name))
            }
        } catch let crash as SimulatedCrash {
            throw crash
        } catch {
            return swept
        }
        return swept
    }

    // MARK: - Committing

    /// Whether a part file this instance read or wrote was changed under it
    /// (the next commit writes it again).
    var partChangedUnder: Bool { contents.withLock { changedUnder($0) } }

    /// Whether a part file this instance read or wrote is not what it was:
    /// changed, cut short, gone (one `stat` per part).
    private func changedUnder(_ mine: Contents) -> Bool {
        mine.fileNames.values.contains { file in
            guard let was = mine.stamps[file] else { return false }  // not known: nothing to compare
            guard let now = files.modificationInfo(Paths.join(directory, file)) else { return true }
            return now.size != was.size || now.modificationNanoseconds != was.modificationNanoseconds
                || now.inode != was.inode || now.isDirectory || now.isSpecial
        }
    }

    /// The highest generation in part file names (`name.g17.json`).
    static func highestGeneration(in names: [String]) -> Int {
        names.compactMap { PartName.parse($0)?.generation }.max() ?? 0
    }

    /// Writes an update as a new generation and returns the new state.
    /// Throws (changing nothing visible) when a write fails, or
    /// ``LocalModelError`` when the session's model is gone (logged out).
    @discardableResult
    func commit(_ update: ModelUpdate) throws -> ModelState {
        try contents.withLock { contents in
            try DirectoryLock.withLock(directory) {
                contents = try commitLocked(update, contents)
            }
            return contents.state
        }
    }

    private func commitLocked(_ update: ModelUpdate, _ mine: Contents) throws -> Contents {
        // Rebase on what is on disk: another instance may have committed.
        var base = mine
        // Damaged on disk under an instance that holds the last good state
        // in memory (the app, open while a file was cut short): that state
        // is written again whole, under a new generation. (It threw, and
        // the open app never rebuilt: every sync said "the next sync
        // rebuilds it", and what arrived was never saved.)
        var fromMemory = false
        if let bytes = try files.read(LocalModel.manifestPath(directory)) {
            switch ModelManifest.decode(bytes) {
            case .failure(let damage):
                if mine.damage == nil {
                    guard mine.state.generation > 0 else { throw LocalModelError.damaged(damage.description) }
                    fromMemory = true
                } else {
                    base = Contents(state: ModelState(session: session), fileNames: [:], damage: nil)  // rebuilding
                }
            case .success(let onDisk) where onDisk.session != session:
                // Another session's model: this one started again over it when
                // it opened; otherwise the parent logged out (and in) under us.
                guard mine.damage != nil, mine.state.generation == 0 else { throw LocalModelError.sessionEnded }
                base = Contents(state: ModelState(session: session), fileNames: [:], damage: nil)
            case .success(let onDisk):
                if onDisk.generation == mine.state.generation, mine.damage == nil, mine.state.generation > 0,
                    changedUnder(mine)
                {
                    // A part file cut short, emptied or removed under the
                    // open app, the manifest intact: written again from
                    // memory, or the next start finds it damaged and the
                    // read state (the parent's) is gone.
                    fromMemory = true
                } else if onDisk.generation != mine.state.generation {
                    base = try LocalModel.load(directory: directory, session: session, files: files)
                    if let damage = base.damage {
                        if mine.damage == nil {
                            guard mine.state.generation > 0 else { throw LocalModelError.damaged(damage.description) }
                            fromMemory = true
                            base = mine
                        } else {
                            // Rebuilding over a damaged model is what this instance is doing already.
                            base = Contents(state: ModelState(session: session), fileNames: [:], damage: nil)
                        }
                    }
                }
            }
        } else if mine.state.generation > 0 {
            throw LocalModelError.sessionEnded  // the model was wiped (logout) under us
        } else {
            base = Contents(state: ModelState(session: session), fileNames: [:], damage: nil)
        }

        var state = base.state
        var writes = update.upserts
        if fromMemory {
            // Every part again, from memory, with this update's on top.
            writes = state.parts.filter { !update.removals.contains($0.key) }.merging(update.upserts) { $1 }
            base.fileNames = [:]
        }
        for name in update.removals { state.remove(name) }
        for part in writes.values { state.put(part) }
        if !update.readAdditions.isEmpty || !update.unreadAdditions.isEmpty || !update.unreadRemovals.isEmpty
            || writes[PartName.read] != nil
        {
            // Read state only grows: merge with what the other instance saved;
            // marks of unread are merged too, then this update's changes.
            let unread = base.state.read.unread.union(state.read.unread).union(update.unreadAdditions).subtracting(
                update.unreadRemovals)
            let merged = ReadPart(
                read: base.state.read.read.union(state.read.read).union(update.readAdditions), unread: unread)
            state.read = merged
            writes[PartName.read] = .read(merged)
        }
        state.syncedAt.merge(update.syncedAt) { $1 }
        for school in update.clearedSyncedAt { state.syncedAt[school] = nil }
        state.troubles.merge(update.troubles) { $1 }
        for school in update.clearedTroubles { state.troubles[school] = nil }
        var generation = base.state.generation + 1
        if mine.damage != nil || fromMemory {
            // Starting again over files of another generation numbering:
            // number past them, so no new file takes an old one's name.
            generation = max(generation, LocalModel.highestGeneration(in: try files.list(directory)) + 1)
        }
        state.generation = generation

        var fileNames = base.fileNames
        var stamps = base.stamps
        for (name, part) in writes.sorted(by: { $0.key < $1.key }) {
            let file = PartName.file(name, generation: generation)
            try files.writeAtomically(part.encode(), to: Paths.join(directory, file))
            fileNames[name] = file
            stamps[file] = files.modificationInfo(Paths.join(directory, file))
        }
        for name in update.removals { fileNames[name] = nil }
        let named = Set(fileNames.values)
        stamps = stamps.filter { named.contains($0.key) }
        // The unread list changes only with the messages or the read state:
        // a commit of sync times or cursors alone keeps it as it was.
        let touchesUnread =
            writes.keys.contains { $0 == PartName.read || $0.hasPrefix("timeline.") }
            || update.removals.contains { $0.hasPrefix("timeline.") }
        let unread = touchesUnread ? state.unreadEntries() : base.unread ?? state.unreadEntries()
        let manifest = ModelManifest(
            session: session, writer: writer, generation: generation, parts: fileNames, syncedAt: state.syncedAt,
            troubles: state.troubles, unread: unread)
        try files.writeAtomically(manifest.encode(), to: LocalModel.manifestPath(directory))  // the commit point

        state.files = fileNames

        if mine.damage != nil || fromMemory {
            // Started again over a damaged or earlier model: its files go now.
            try LocalModel.sweep(directory: directory, keeping: Set(fileNames.values), files: files)
            return Contents(state: state, fileNames: fileNames, damage: nil, unread: unread, stamps: stamps)
        }

        // The old generation's files are garbage now; a failure or crash
        // here leaves them for the sweep on the next open.
        let kept = Set(fileNames.values)
        for (_, old) in base.fileNames where !kept.contains(old) {
            do { try files.remove(Paths.join(directory, old)) } catch let crash as SimulatedCrash {
                throw crash
            } catch {
                continue
            }
        }
        return Contents(state: state, fileNames: fileNames, damage: nil, unread: unread, stamps: stamps)
    }
}
