import Foundation
import Glibc

/// Everything that writes into a store after it exists: parents' apps
/// (inbox items, read receipts, notification registrations) and the school
/// side (sending a message). All writes go through a `FileLayer`, so tests
/// can fail or crash any one of them.
///
/// Several writers at once never corrupt or lose a record: each parent-side
/// record is its own file, created atomically under its key and never
/// overwritten (a retry with the same key changes nothing); the school side
/// rewrites a message file atomically while holding an exclusive lock.
public struct StoreWriter: Sendable {
    public let layout: StoreLayout
    public let files: any FileLayer

    /// A writer into the store at `root`. Its files take their folder's
    /// mode (``FileLayer/followingFolderModes()``): the store may be shared
    /// with other accounts, and a write never narrows it.
    public init(root: String, files: any FileLayer) {
        layout = StoreLayout(root: root)
        self.files = files.followingFolderModes()
    }

    func path(_ relative: String) -> String { layout.absolute(relative) }

    /// Whether the store already holds the create-only record `relative`
    /// (an earlier attempt's that got through): a regular file, in a
    /// directory inside the store. A directory or a link in its place, or
    /// a folder leading outside the store, is not a delivery.
    public func holdsRecord(_ relative: String) -> Bool {
        let file = path(relative)
        guard isRegularFile(file) else { return false }
        guard let root = layout.confinement, let real = RawFile.realPath(file) else { return true }
        return real.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    /// The directory `relative` to write a record in, made if needed.
    /// Refused when it (or a folder above it) is a link leading outside the
    /// store: a parent's message is never written where the school does not
    /// read it (the store's readers refuse such a link too).
    /// Checked before anything is made or its mode set there: making the
    /// directory sets 0700 on it, and through a link that would change a
    /// folder outside the store (an audit's link re-permissioned one).
    func writableDirectory(_ relative: String) throws -> String {
        let dir = path(relative)
        func check() throws {
            // The deepest part of the path that exists, resolved.
            var existing = dir
            while !RawFile.exists(existing), let slash = existing.lastIndex(of: "/"), slash > existing.startIndex {
                existing = String(existing[..<slash])
            }
            guard let root = layout.confinement, let real = RawFile.realPath(existing) else { return }
            if real != root, !real.hasPrefix(root.hasSuffix("/") ? root : root + "/") {
                throw StoreProblems([
                    StoreProblem(file: relative, message: "leads outside the store (a link): nothing is written there")
                ])
            }
        }
        try check()
        try files.makeDirectory(dir)
        try check()
        return dir
    }

    /// Creates the create-only record `name` in `relative`; false when an
    /// earlier attempt's record is there. Only a regular file counts as
    /// that: a directory, a link or a FIFO in its place is a problem that
    /// names it, never a delivery.
    func create(_ bytes: [UInt8], named name: String, in relative: String) throws -> Bool {
        let dir = try writableDirectory(relative)
        if try files.createExclusively(bytes, at: "\(dir)/\(name)") { return true }
        var info = stat()
        guard lstat("\(dir)/\(name)", &info) == 0 else { return false }  // gone since: the next attempt creates it
        guard info.st_mode & S_IFMT == S_IFREG else {
            let what =
                info.st_mode & S_IFMT == S_IFDIR
                ? "is a directory" : info.st_mode & S_IFMT == S_IFLNK ? "is a link" : "is not a regular file"
            throw StoreProblems([
                StoreProblem(
                    file: "\(relative)/\(name)", message: "\(what) where this record belongs: it was not written")
            ])
        }
        return false
    }

    // MARK: - Parents' apps

    /// Files a message to the school. Returns false when the store already
    /// holds an item with this key (an earlier attempt got through).
    public func deliver(_ item: InboxItem, school: String, zone: SchoolTimeZone) throws -> Bool {
        try StoreWriter.checkName(item.key, school: school, directory: StoreLayout.inboxDirectory(school))
        return try create(
            JSONWriter().write(item.json(zone: zone)), named: "\(item.key).json", in: StoreLayout.inboxDirectory(school)
        )
    }

    /// Records that a parent opened a message; false when already recorded.
    public func record(_ receipt: ReadReceipt, school: String, zone: SchoolTimeZone) throws -> Bool {
        try StoreWriter.checkName(receipt.key, school: school, directory: StoreLayout.receiptsDirectory(school))
        return try create(
            JSONWriter().write(receipt.json(zone: zone)), named: "\(receipt.key).json",
            in: StoreLayout.receiptsDirectory(school))
    }

    public func register(_ registration: NotificationRegistration, school: String, zone: SchoolTimeZone) throws {
        try StoreWriter.checkName(
            registration.id, school: school, directory: StoreLayout.registrationsDirectory(school))
        let dir = try writableDirectory(StoreLayout.registrationsDirectory(school))
        try files.writeAtomically(
            JSONWriter().write(registration.json(zone: zone)), to: "\(dir)/\(registration.id).json")
    }

    /// Withdraws a registration. The school's folder must be there: with it
    /// away (moved, unmounted), removing a file that is not there looked
    /// like success, and the registration stayed when the folder came back
    /// (a logout said notifications had stopped); it is an error, and the
    /// caller keeps it to withdraw later.
    public func unregister(id: String, school: String) throws {
        try StoreWriter.checkName(id, school: school, directory: StoreLayout.registrationsDirectory(school))
        let folder = StoreLayout.schoolDirectory(school)
        guard files.modificationInfo(path(folder))?.isDirectory == true else {
            throw StoreProblems([StoreProblem(file: folder, message: "the school's folder is not there")])
        }
        try files.remove(path("\(StoreLayout.registrationsDirectory(school))/\(id).json"))
    }

    /// Whether the registration is there and can be read as one: a record
    /// cut short or otherwise damaged counts as missing, so the next sync
    /// writes it again (it stayed cut short, never reported).
    public func isRegistered(id: String, school: String) -> Bool {
        guard MessageScope.isValidIdentifier(id), MessageScope.isValidIdentifier(school) else { return false }
        let path = layout.resolved("\(StoreLayout.registrationsDirectory(school))/\(id).json")
        guard isRegularFile(path), let bytes = try? files.read(path), let json = try? JSONParser.parse(bytes) else {
            return false
        }
        let problems = ProblemList()
        guard let reader = FieldReader(json, file: path, record: nil, problems: problems),
            let record = NotificationRegistration.decode(reader), problems.isEmpty
        else { return false }
        return record.id == id
    }

    private func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

    /// Every record of a write-back directory. Reads are confined to the
    /// store and to regular files (a FIFO or a link leading outside the store
    /// is refused by name, never read), like every store read.
    /// `skipped`: a record that cannot be read or decoded goes there and is
    /// left out, rather than stopping the whole listing (the school side
    /// lists what parents' devices wrote: one bad file must not hide the rest).
    func readAll<T>(_ directory: String, skipped: ProblemList? = nil, _ decode: (FieldReader) -> T?) throws -> [T] {
        var out: [T] = []
        let names: [String]
        do throws(RawFile.ReadError) { names = try layout.list(directory) ?? [] } catch {
            throw StoreProblems([StoreProblem(file: directory, message: error.description)])
        }
        for name in names where name.hasSuffix(".json") && !TemporaryFileName.isTemporary(name) {
            let file = "\(directory)/\(name)"
            let bytes: [UInt8]
            do throws(RawFile.ReadError) { bytes = try layout.read(file) } catch {
                if error == .missing { continue }
                if let skipped {
                    skipped.add(StoreProblem(file: file, message: error.description))
                    continue
                }
                throw StoreProblems([StoreProblem(file: file, message: error.description)])
            }
            let problems = ProblemList()
            if let value = FileStore.decodeDocument(
                bytes, file: file, problems: problems,
                {
                    FieldReader($0, file: file, record: nil, problems: problems).flatMap(decode)
                }), problems.isEmpty
            {
                out.append(value)
            } else if let skipped {
                for p in problems.problems { skipped.add(p) }
            } else {
                throw StoreProblems(problems.problems)
            }
        }
        return out
    }

    public func registrations(school: String) throws -> [NotificationRegistration] {
        try readAll(StoreLayout.registrationsDirectory(school), NotificationRegistration.decode)
    }

    /// The school's incoming messages from parents, oldest first.
    /// `skipped`: records that cannot be read go there, left out.
    public func inbox(school: String, skipped: ProblemList? = nil) throws -> [InboxItem] {
        try readAll(StoreLayout.inboxDirectory(school), skipped: skipped, InboxItem.decode).sorted {
            ($0.createdAt, $0.key) < ($1.createdAt, $1.key)
        }
    }

    /// The school's absence reports (inbox records with an `absence`), oldest first.
    public func absenceReports(school: String, skipped: ProblemList? = nil) throws -> [InboxItem] {
        try inbox(school: school, skipped: skipped).filter { $0.absence != nil }
    }

    /// Every acknowledgement of an absence report, by the report's key.
    public func acknowledgements(school: String, skipped: ProblemList? = nil) throws -> [String:
        AbsenceAcknowledgement]
    {
        var out: [String: AbsenceAcknowledgement] = [:]
        for a in try readAll(
            StoreLayout.acknowledgementsDirectory(school), skipped: skipped, AbsenceAcknowledgement.decode)
        {
            out[a.report] = a
        }
        return out
    }

    /// One inbox record, by its key (read where the store reads it); nil
    /// when there is none. Throws when the file is there but cannot be read
    /// or decoded, or names another key.
    public func inboxRecord(_ key: String, school: String) throws -> InboxItem? {
        try record(
            key, in: StoreLayout.inboxDirectory(school), school: school, named: "key", InboxItem.decode, \.key)
    }

    /// The acknowledgement of one report, if the school wrote one (read
    /// where the store reads it, so an overlay's store below counts).
    /// Throws when the file is there but cannot be read or decoded.
    public func acknowledgement(of report: String, school: String) throws -> AbsenceAcknowledgement? {
        try record(
            report, in: StoreLayout.acknowledgementsDirectory(school), school: school, named: "report",
            AbsenceAcknowledgement.decode, \.report)
    }

    /// The record `<name>.json` in `directory`, decoded, when it names
    /// itself `name` (its `key`: the field `field`); nil when there is none.
    private func record<T>(
        _ name: String, in directory: String, school: String, named field: String, _ decode: (FieldReader) -> T?,
        _ id: KeyPath<T, String>
    ) throws -> T? {
        guard MessageScope.isValidIdentifier(name), MessageScope.isValidIdentifier(school) else { return nil }
        let file = "\(directory)/\(name).json"
        let bytes: [UInt8]
        do throws(RawFile.ReadError) { bytes = try layout.read(file) } catch {
            if error == .missing { return nil }
            throw StoreProblems([StoreProblem(file: file, message: error.description)])
        }
        let problems = ProblemList()
        if let value = FileStore.decodeDocument(
            bytes, file: file, problems: problems,
            { FieldReader($0, file: file, record: nil, problems: problems).flatMap(decode) }),
            problems.isEmpty, value[keyPath: id] == name
        {
            return value
        }
        throw StoreProblems(
            problems.isEmpty ? [StoreProblem(file: file, message: "names another \(field)")] : problems.problems)
    }

    /// The school side acknowledges an absence report: a create-only
    /// record named by the report's key. False when it was acknowledged
    /// already (the first acknowledgement stands).
    public func acknowledge(_ acknowledgement: AbsenceAcknowledgement, school: String, zone: SchoolTimeZone) throws
        -> Bool
    {
        try StoreWriter.checkName(
            acknowledgement.report, school: school, directory: StoreLayout.acknowledgementsDirectory(school))
        return try create(
            JSONWriter().write(acknowledgement.json(zone: zone)), named: "\(acknowledgement.report).json",
            in: StoreLayout.acknowledgementsDirectory(school))
    }

    public func receipts(school: String) throws -> [ReadReceipt] {
        try readAll(StoreLayout.receiptsDirectory(school), ReadReceipt.decode)
    }

    /// Ids that become file names follow the store's id rule (letters,
    /// digits, `-`, `_`): no `/`, no `..`, no spaces, so a record can never be
    /// written outside its directory.
    static func checkName(_ key: String, school: String, directory: String) throws {
        guard MessageScope.isValidIdentifier(school) else {
            throw StoreProblems([
                StoreProblem(
                    file: StoreLayout.schoolsDirectory,
                    message:
                        "school id \(Quote.value(school)): ids are 1 to 64 letters, digits, hyphens and underscores")
            ])
        }
        guard MessageScope.isValidIdentifier(key) else {
            throw StoreProblems([
                StoreProblem(
                    file: directory,
                    message:
                        "record name \(Quote.value(key)): ids are 1 to 64 letters, digits, hyphens and underscores")
            ])
        }
    }

    // MARK: - Leftovers of interrupted writers

    /// How old a temporary file must be before a sweep removes it: a younger
    /// one may belong to a writer still at work (between writing and
    /// renaming), and removing it would make that write fail.
    public static let temporaryFileGrace: TimeInterval = 60

    /// Removes the temporary files (`.tmp-*`, see ``TemporaryFileName``) that a
    /// killed writer left in every school's inbox, receipts and registrations
    /// directories, if they are at least `minimumAge` seconds old, and returns
    /// how many it removed. Never fails: a file it cannot remove stays (it is
    /// never taken for a record) and is not counted. Directories reached
    /// through links leading outside the store are left alone.
    /// `only`: these schools' folders (a parent's sync sweeps its own
    /// schools'), else every school's.
    public func sweepTemporaryFiles(
        minimumAge: TimeInterval = StoreWriter.temporaryFileGrace, only: [String]? = nil
    ) -> Int {
        let schools = only ?? ((try? layout.list(StoreLayout.schoolsDirectory)) ?? nil)
        var removed = 0
        let now = Date().timeIntervalSince1970
        for school in schools ?? [] where !school.hasPrefix(".") && MessageScope.isValidIdentifier(school) {
            for dir in [
                StoreLayout.inboxDirectory(school), StoreLayout.receiptsDirectory(school),
                StoreLayout.registrationsDirectory(school),
                StoreLayout.acknowledgementsDirectory(school),
            ] {
                guard let names = (try? layout.list(dir)) ?? nil else { continue }
                for name in names where TemporaryFileName.isTemporary(name) {
                    let full = path("\(dir)/\(name)")
                    var st = stat()
                    guard lstat(full, &st) == 0, (st.st_mode & S_IFMT) != S_IFDIR else { continue }
                    let modified = FileStamp(st).modifiedNanoseconds
                    guard now - Double(modified) / 1e9 >= minimumAge else { continue }
                    if (try? files.remove(full)) != nil { removed += 1 }
                }
            }
        }
        return removed
    }

    // MARK: - The school side

    /// Adds a message to its scope's file for the academic year it was sent
    /// in, under an exclusive lock so that two senders never lose each
    /// other's message.
    public func send(_ message: SchoolMessage, scope: MessageScope, school: String, zone: SchoolTimeZone) throws {
        let year = AcademicYear(containing: zone.civilDate(of: message.sentAt))
        let relative = StoreLayout.messagesFile(school, year, scope)
        _ = try writableDirectory(StoreLayout.messagesYearDirectory(school, year))
        try withLock(path(StoreLayout.messagesDirectory(school)) + "/.lock") {
            var values: [JSONValue] = []
            // Read where the store reads it (an overlay copies the file up).
            if let bytes = try files.read(layout.resolved(relative)) {
                do { values = try JSONParser.parseArray(bytes).values } catch {
                    throw StoreProblems([StoreProblem(file: relative, message: "malformed JSON at \(error)")])
                }
            }
            values.append(message.json(zone: zone))
            try files.writeAtomically(JSONWriter().writeRecords(values), to: path(relative))
        }
    }

    /// Runs `body` holding an exclusive `flock` on `lockPath`.
    func withLock<T>(_ lockPath: String, _ body: () throws -> T) throws -> T {
        // Made readable and writable as its folder's files are: another
        // account sending to a shared store takes the same lock.
        let fd = open(
            lockPath, O_RDWR | O_CREAT | O_CLOEXEC, PosixFileLayer.newFileMode(in: Paths.parent(of: lockPath)))
        guard fd >= 0 else {
            throw StoreProblems([StoreProblem(file: lockPath, message: "cannot open lock: \(RawFile.errnoText())")])
        }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR {
                throw StoreProblems([StoreProblem(file: lockPath, message: "cannot lock: \(RawFile.errnoText())")])
            }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
