import Foundation
import Glibc

/// The store's login attempt records (`login-attempts/<digest>/<key>.json`,
/// see ``LoginAttempt``): filed by parents' apps, read to count, and cleaned
/// up by `store validate` after a day.
extension StoreWriter {
    /// How long attempt records are kept: `store validate` removes older ones.
    public static let loginAttemptLifetime: TimeInterval = 24 * 3600

    /// Files one attempt or success under `digest` (the keyed digest of the
    /// normalised email), created atomically and never overwritten. Returns
    /// false when a record with this key is already there.
    @discardableResult
    public func record(_ attempt: LoginAttempt, digest: String) throws -> Bool {
        try StoreWriter.checkAttemptName(digest)
        try StoreWriter.checkAttemptName(attempt.key)
        try checkAttemptsFolder()
        // The store's own folder is never made here: gone (moved away while
        // the app was open), a record would make a lone store of one
        // attempt at its path, and the real one put back landed inside it.
        guard RawFile.isDirectory(layout.root) else {
            throw StoreProblems([
                StoreProblem(file: StoreLayout.storeFile, message: "missing: the store is no longer there")
            ])
        }
        let dir = path(StoreLayout.loginAttemptsDirectory(digest))
        do { try files.makeDirectory(dir) } catch let error as FileLayerError {
            throw StoreProblems([StoreProblem(file: StoreLayout.loginAttemptsDirectory(digest), message: error.reason)])
        }
        return try files.createExclusively(
            JSONWriter().write(attempt.json), at: path(StoreLayout.loginAttemptFile(digest, attempt.key)))
    }

    /// Takes back an attempt this login filed (one past the limit, refused
    /// unchecked). A missing record is not an error.
    public func withdraw(attempt key: String, digest: String) throws {
        try StoreWriter.checkAttemptName(digest)
        try StoreWriter.checkAttemptName(key)
        try checkAttemptsFolder()
        try files.remove(path(StoreLayout.loginAttemptFile(digest, key)))
    }

    /// Every record filed under `digest`, oldest first. A record that cannot
    /// be decoded counts as an attempt at its file's modification time: the
    /// count never drops because a record is damaged. Reads are confined to
    /// the store and to regular files, like every store read.
    public func loginAttempts(digest: String) throws -> [LoginAttempt] {
        try loginAttemptsWithFileTimes(digest: digest).map(\.attempt)
    }

    /// Every record filed under `digest`, oldest first, each with its file's
    /// modification time: the store's own clock (the file system's), which
    /// no device's clock moves.
    public func loginAttemptsWithFileTimes(digest: String) throws -> [(attempt: LoginAttempt, written: Date)] {
        try StoreWriter.checkAttemptName(digest)
        try checkAttemptsFolder()
        let directory = StoreLayout.loginAttemptsDirectory(digest)
        let names: [String]
        do throws(RawFile.ReadError) { names = try layout.list(directory) ?? [] } catch {
            throw StoreProblems([StoreProblem(file: directory, message: error.description)])
        }
        var out: [(attempt: LoginAttempt, written: Date)] = []
        for name in names where name.hasSuffix(".json") && !TemporaryFileName.isTemporary(name) {
            let file = "\(directory)/\(name)"
            let opened: OpenFile
            let bytes: [UInt8]
            do throws(RawFile.ReadError) {
                guard let f = try layout.open(file) else { continue }  // gone meanwhile
                opened = f
                bytes = try f.readAll()
            } catch {
                throw StoreProblems([StoreProblem(file: file, message: error.description)])
            }
            let modified = Date(timeIntervalSince1970: Double(opened.stamp.modifiedNanoseconds) / 1e9)
            if let attempt = StoreWriter.decodeAttempt(bytes, file: file) {
                out.append((attempt, modified))
            } else {
                out.append((LoginAttempt(key: String(name.dropLast(5)), kind: .attempt, at: modified), modified))
            }
        }
        return out.sorted { ($0.attempt.at, $0.attempt.key) < ($1.attempt.at, $1.attempt.key) }
    }

    static func decodeAttempt(_ bytes: [UInt8], file: String) -> LoginAttempt? {
        let problems = ProblemList()
        let attempt = FileStore.decodeDocument(bytes, file: file, problems: problems) {
            FieldReader($0, file: file, record: nil, problems: problems).flatMap(LoginAttempt.decode)
        }
        return problems.isEmpty ? attempt : nil
    }

    /// Removes attempt records older than ``loginAttemptLifetime`` at `now`
    /// (by their `at`, or their file's modification time when they cannot
    /// be read), temporary files a killed writer left there more than a
    /// minute ago, and digest directories left empty. Returns how many
    /// records it removed. Never fails: what it cannot remove stays for the
    /// next time. Nothing reached through a link leading outside the store
    /// is touched.
    public func removeOldLoginAttempts(now: Date = Date()) -> Int {
        removeStaleLoginAttempts(now: now).old
    }

    /// As ``removeOldLoginAttempts(now:)``, also counting the temporary
    /// files removed (validate removed them without a word).
    ///
    /// A record is as old as the later of its stamp and its file's time, or
    /// its file's time alone when stamped more than a day ahead of it (as
    /// the limiter counts it). None is removed for being ahead of `now`:
    /// a clock behind the store's (validate run with the clock two days
    /// back) removed every live record, and a locked email was let in.
    public func removeStaleLoginAttempts(now: Date = Date()) -> (old: Int, temporary: Int) {
        let cutoff = now.addingTimeInterval(-StoreWriter.loginAttemptLifetime)
        guard let digests = (try? layout.list(StoreLayout.loginAttemptsDirectory)) ?? nil else { return (0, 0) }
        var removed = 0
        var temporary = 0
        for digest in digests where MessageScope.isValidIdentifier(digest) {
            let directory = StoreLayout.loginAttemptsDirectory(digest)
            guard let names = (try? layout.list(directory)) ?? nil else { continue }
            var left = 0
            for name in names {
                let file = "\(directory)/\(name)"
                var st = stat()
                guard lstat(path(file), &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
                    left += 1
                    continue
                }
                let modified = Date(timeIntervalSince1970: Double(FileStamp(st).modifiedNanoseconds) / 1e9)
                if TemporaryFileName.isTemporary(name) {
                    if now.timeIntervalSince(modified) >= StoreWriter.temporaryFileGrace,
                        (try? files.remove(path(file))) != nil
                    {
                        temporary += 1
                        continue
                    }
                    left += 1
                    continue
                }
                // Old by the later of its stamp and its file time: a device
                // set back stamped seconds-old records "older than 24 hours".
                let stamp =
                    name.hasSuffix(".json")
                    ? ((try? layout.read(file)).flatMap { StoreWriter.decodeAttempt($0, file: file) }?.at ?? modified)
                    : modified
                let at =
                    stamp > modified.addingTimeInterval(StoreWriter.loginAttemptLifetime)
                    ? modified : max(stamp, modified)
                if at < cutoff, (try? files.remove(path(file))) != nil {
                    removed += 1
                } else {
                    left += 1
                }
            }
            if left == 0 { try? files.remove(path(directory)) }
        }
        return (removed, temporary)
    }

    /// The store's own clock: the modification time the file system gives
    /// a file made now in the store (removed at once), nil when none can be
    /// made. `store validate` judges the records' age by it when the clock
    /// it runs on is more than two minutes from it (a support machine's
    /// clock days ahead removed every live record).
    public func storeClock() -> Date? {
        let name = path(TemporaryFileName.make())
        let fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        defer {
            close(fd)
            unlink(name)
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        return Date(timeIntervalSince1970: Double(FileStamp(st).modifiedNanoseconds) / 1e9)
    }

    /// `login-attempts` is a folder or nothing: anything else in its place
    /// would make every count read as none (a file hides the records) and
    /// every login fail to be filed, so it is the store's problem, named.
    func checkAttemptsFolder() throws {
        if let problem = StoreWriter.attemptsFolderProblem(root: layout.root) { throw StoreProblems([problem]) }
    }

    /// What is wrong with the store's `login-attempts` entry, if anything.
    public static func attemptsFolderProblem(root: String) -> StoreProblem? {
        var st = stat()
        // Not followed: a link would take the records (and the writes) out of the store.
        guard lstat("\(root)/\(StoreLayout.loginAttemptsDirectory)", &st) == 0 else { return nil }
        guard st.st_mode & S_IFMT != S_IFDIR else { return nil }
        return StoreProblem(
            file: StoreLayout.loginAttemptsDirectory,
            message:
                "is \(RawFile.kindName(st.st_mode)), not a folder: failed logins cannot be counted or filed, so every login fails; remove it (the folder is made again)"
        )
    }

    /// The attempt records a login would refuse: an entry under
    /// `login-attempts/<digest>/` that is a FIFO, a device, a folder or a
    /// link rather than a regular file (a login reading it is refused, so
    /// logins with that email fail; validate said the store was valid),
    /// and a digest that is not a folder. Temporary files are the sweep's.
    public static func attemptRecordProblems(root: String) -> [StoreProblem] {
        let layout = StoreLayout(root: root)
        guard attemptsFolderProblem(root: root) == nil,
            let digests = (try? layout.list(StoreLayout.loginAttemptsDirectory)) ?? nil
        else { return [] }
        var out: [StoreProblem] = []
        func kind(_ relative: String) -> mode_t? {
            var st = stat()
            return lstat("\(root)/\(relative)", &st) == 0 ? st.st_mode : nil
        }
        for digest in digests.sorted() where !digest.hasPrefix(".") {
            let directory = StoreLayout.loginAttemptsDirectory(digest)
            guard let mode = kind(directory) else { continue }
            guard mode & S_IFMT == S_IFDIR else {
                out.append(
                    StoreProblem(
                        file: directory,
                        message: "is \(RawFile.kindName(mode)), not a folder of attempt records: remove it"))
                continue
            }
            for name in ((try? layout.list(directory)) ?? nil ?? []).sorted()
            where name.hasSuffix(".json") && !TemporaryFileName.isTemporary(name) {
                let file = "\(directory)/\(name)"
                guard let mode = kind(file), mode & S_IFMT != S_IFREG else { continue }
                out.append(
                    StoreProblem(
                        file: file,
                        message:
                            "is \(RawFile.kindName(mode)), not a regular file: a login reading it is refused, so logins with that email fail; remove it"
                    ))
            }
        }
        return out
    }

    /// Digests and keys become directory and file names: the store's id rule.
    static func checkAttemptName(_ name: String) throws {
        guard MessageScope.isValidIdentifier(name) else {
            throw StoreProblems([
                StoreProblem(
                    file: StoreLayout.loginAttemptsDirectory,
                    message:
                        "record name \(Quote.value(name)): ids are 1 to 64 letters, digits, hyphens and underscores")
            ])
        }
    }
}
