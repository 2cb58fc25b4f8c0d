import Foundation
import SchoolStore

/// Reads the local model in `<data>/model` without opening a ``LocalModel``
/// (which creates the directory, takes its lock and sweeps files): the
/// manifest, then the parts it names, decoded on all cores. A sync that
/// commits meanwhile removes the files of the generation the manifest first
/// named; the reader then meets a missing part, sees that the manifest
/// changed, and reads again (a few times at most).
enum ModelReader {
    /// How much of the model to decode.
    enum Depth {
        /// Every part, in full (the exports).
        case everything
        /// What the status line needs: no sync cursors, of each child only
        /// the student record (not attendance, timetables...), and of the
        /// timeline only each message's id and children
        /// (``TimelineScanner``).
        case status
    }

    /// What was read.
    struct Reading {
        /// The parts decoded (at `.status`, no cursors or timelines, and
        /// children with their student record only).
        var state: ModelState
        /// At `.status`: each school's messages (ids and children).
        var messages: [String: [TimelineScanner.Entry]] = [:]
        /// `messages` are the manifest's list of unread messages (no
        /// timeline or read part was read): the answer as of the last commit.
        var unreadListed = false
        /// Why the model is empty: one of an earlier login.
        var note: String?
    }

    /// How many times a model that changed under the reader is read again.
    static let attempts = 5

    /// The size of model (bytes read) from which parts are decoded on all cores.
    static let parallelFrom = 1 << 20

    /// The model (empty before the first sync, or when the model is an
    /// earlier login's: `note` says so).
    static func read(dataDirectory: String, session: String, files: any FileLayer, depth: Depth) throws(ExportError)
        -> Reading
    {
        let directory = Paths.join(dataDirectory, "model")
        let manifestPath = Paths.join(directory, ModelManifest.fileName)
        var lastDamage: ModelDamage?
        attempt: for _ in 0..<attempts {
            let before: [UInt8]?
            let outcome: Result<Reading, ModelDamage>
            do {
                before = try files.read(manifestPath)
                outcome = try load(before, directory: directory, session: session, files: files, depth: depth)
            } catch {
                throw .unreadable(file: directory, reason: "\(error)")
            }
            switch outcome {
            case .success(let reading): return reading
            case .failure(let damage) where damage.isForeign:
                return Reading(
                    state: ModelState(session: session),
                    note: "the local data belongs to an earlier login; the next sync replaces it")
            case .failure(let damage):
                lastDamage = damage
                // A commit meanwhile (its old parts gone): read again.
                let after = try? files.read(manifestPath)
                if after == before { break attempt }
            }
        }
        let damage = lastDamage ?? ModelDamage(file: ModelManifest.fileName, reason: "changed while it was read")
        throw .unreadable(file: Paths.join(directory, damage.file), reason: damage.reason)
    }

    /// A part as read at some depth.
    enum Decoded: Sendable {
        case part(ModelPart)
        case scanned(TimelineScanner.Scan)
    }

    /// One reading of the model the manifest `bytes` describes (nil: no model yet).
    static func load(
        _ bytes: [UInt8]?, directory: String, session: String, files: any FileLayer,
        depth: Depth
    ) throws -> Result<Reading, ModelDamage> {
        var reading = Reading(state: ModelState(session: session))
        guard let bytes else { return .success(reading) }
        let manifest: ModelManifest
        switch ModelManifest.decode(bytes) {
        case .failure(let damage): return .failure(damage)
        case .success(let m): manifest = m
        }
        guard manifest.session == session else {
            return .failure(
                ModelDamage(file: ModelManifest.fileName, reason: "belongs to an earlier session", isForeign: true))
        }
        reading.state.generation = manifest.generation
        reading.state.syncedAt = manifest.syncedAt
        reading.state.troubles = manifest.troubles
        // At `.status`, a manifest that lists the unread messages is all the
        // timeline and read state status needs: those parts are not read
        // (a few lines instead of megabytes at 10,000 messages).
        let listed = depth == .status ? manifest.unread : nil
        if let listed {
            reading.messages = listed
            reading.unreadListed = true
        }
        let names = manifest.parts.keys.sorted().filter { name in
            if depth != .everything && name.hasPrefix("cursors.") { return false }
            if listed != nil && (name.hasPrefix("timeline.") || name == PartName.read) { return false }
            return true
        }
        var contents: [[UInt8]] = []
        for name in names {
            let file = manifest.parts[name]!
            guard let partBytes = try files.read(Paths.join(directory, file)) else {
                return .failure(ModelDamage(file: file, reason: "missing"))
            }
            contents.append(partBytes)
        }
        // On all cores when there is much to decode; a small model is
        // quicker on this thread than waking the thread pool.
        let total = contents.reduce(0) { $0 + $1.count }
        let one = { @Sendable [contents] (i: Int) -> Result<Decoded, ModelDamage> in
            decode(contents[i], name: names[i], file: manifest.parts[names[i]]!, depth: depth)
        }
        let decoded = total >= parallelFrom ? Parallel.map(names.count, one) : (0..<names.count).map(one)
        for (i, result) in decoded.enumerated() {
            let file = manifest.parts[names[i]]!
            switch result {
            case .failure(let damage): return .failure(damage)
            case .success(.part(let part)):
                guard part.name == names[i] else {
                    return .failure(ModelDamage(file: file, reason: "holds part \(part.name), expected \(names[i])"))
                }
                if depth == .status, case .timeline(let t) = part {
                    reading.messages[t.school, default: []] += t.messages.map {
                        TimelineScanner.Entry(id: $0.message.id, children: $0.children)
                    }
                } else {
                    reading.state.put(part)
                }
            case .success(.scanned(let scan)):
                guard scan.partName == names[i] else {
                    return .failure(
                        ModelDamage(file: file, reason: "holds part \(scan.partName), expected \(names[i])"))
                }
                reading.messages[scan.school, default: []] += scan.entries
            }
        }
        reading.state.files = manifest.parts
        return .success(reading)
    }

    /// One part: in full, or at `.status` the least the status line needs
    /// (a part the scanner does not recognise is decoded in full, which says
    /// what is wrong with it).
    static func decode(_ bytes: [UInt8], name: String, file: String, depth: Depth) -> Result<Decoded, ModelDamage> {
        if depth == .status {
            if name.hasPrefix("timeline."), let scan = TimelineScanner.scan(bytes) { return .success(.scanned(scan)) }
            if name.hasPrefix("child.") { return studentOnly(bytes, file: file).map(Decoded.part) }
        }
        return ModelPart.decode(bytes, file: file).map(Decoded.part)
    }

    /// A child part with its student record only.
    static func studentOnly(_ bytes: [UInt8], file: String) -> Result<ModelPart, ModelDamage> {
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch {
            return .failure(ModelDamage(file: file, reason: "malformed JSON at \(error)"))
        }
        let problems = ProblemList()
        guard let r = FieldReader(value, file: file, record: nil, problems: problems), r.string("part") == "child",
            let school = r.string("school"), let timezone = r.string("timezone"),
            let student = r.object("student", required: true).flatMap(Student.decode), problems.isEmpty
        else {
            return .failure(ModelDamage(file: file, reason: problems.problems.first?.description ?? "not a child part"))
        }
        return .success(.child(ChildPart(school: school, timezone: timezone, student: student)))
    }
}
