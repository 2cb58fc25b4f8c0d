import Dispatch
import Foundation
import Glibc

/// Checks a whole store: every file decodes (malformed JSON reported with
/// line and column), every record has the fields the format requires, ids
/// are unique, references resolve, codes are national codes, dates are
/// possible and publication times obey the freshness rules. Files are
/// checked in parallel; the report lists problems in file order.
public struct StoreValidator {
    public let root: String
    /// Whether the big files (attendance, timetable, behaviour,
    /// achievements, assessments, messages) go through the fast path first.
    /// Off, every file is checked by the full decoders only: the same report,
    /// several times slower (for tests and benchmarks that compare the two).
    public var usesFastPath = true

    public init(root: String) { self.root = root }

    /// What a validation found, and how much it looked at.
    public struct Report: Sendable {
        public var problems: [StoreProblem]
        /// Legal data that blocks or hurts parents: numbers that can't be read
        /// or are typed Mobile outside every mobile range, attendance marks
        /// after a leaver's `leftOn` or on half-term and holiday days. They do
        /// not make the store invalid (`store validate --strict` counts them).
        public var warnings: [StoreProblem] = []
        public var schools = 0
        public var students = 0
        public var contacts = 0
        public var messages = 0
        public var attendanceMarks = 0
        public var files = 0
        public var isValid: Bool { problems.isEmpty }
    }

    /// Validates the whole store. `progress` (when given) shows the school
    /// and the files checked so far, and is cleared at the end.
    public func validate(progress: ProgressReporter? = nil) -> Report {
        let store: FileStore
        do {
            store = try FileStore(root: root)
        } catch {
            return Report(problems: error.problems)
        }
        var report = Report(problems: [])
        report.files = 1
        if store.info.secret == nil {
            report.warnings.append(
                StoreProblem(
                    file: StoreLayout.storeFile, field: "secret",
                    message:
                        "missing: login attempts are then limited on each device only (deleting its data directory resets the count); `store generate` writes one, or add 64 random hex digits"
                ))
        }
        if let problem = StoreWriter.attemptsFolderProblem(root: root) { report.problems.append(problem) }
        report.problems += StoreWriter.attemptRecordProblems(root: root)
        let entries: [String]
        do throws(RawFile.ReadError) {
            guard let listed = try store.layout.list(StoreLayout.schoolsDirectory) else {
                report.problems.append(
                    StoreProblem(
                        file: StoreLayout.schoolsDirectory, message: "missing: a store needs a schools directory"))
                return report
            }
            entries = listed
        } catch {
            report.problems.append(StoreProblem(file: StoreLayout.schoolsDirectory, message: error.description))
            return report
        }
        // A demo office answering for a school the store does not have would
        // answer nobody, unseen.
        for school in store.info.demoOffice?.acknowledgesAbsences ?? [] where !entries.contains(school) {
            report.problems.append(
                StoreProblem(
                    file: StoreLayout.storeFile, field: "demoOffice.acknowledgesAbsences",
                    message: "no school \(Quote.value(school)) in schools/"))
        }
        // The schools' own problems, in directory order; the valid ones are
        // then checked in parallel (and each its files in parallel).
        enum Entry {
            case problem(StoreProblem)
            case school(String)
        }
        var list: [Entry] = []
        for entry in entries where !entry.hasPrefix(".") {
            let path = "\(StoreLayout.schoolsDirectory)/\(entry)"
            guard store.layout.isDirectory(path) else {
                list.append(
                    .problem(
                        StoreProblem(file: path, message: "unexpected file (schools/ holds one directory per school)")))
                continue
            }
            if !MessageScope.isValidIdentifier(entry) {
                list.append(
                    .problem(
                        StoreProblem(
                            file: path,
                            message: "school directory names are 1 to 64 letters, digits, hyphens and underscores")))
                continue
            }
            list.append(.school(entry))
        }
        let schools = list.compactMap { if case .school(let id) = $0 { return id } else { return nil } }
        let fast = usesFastPath
        let buffers = ReadBuffers()
        let outcomes = Parallel.map(schools.count) { i in
            let counter = progress?.counter(
                schools.count == 1
                    ? "validating \(schools[i]):" : "validating \(schools[i]) (\(i + 1)/\(schools.count)):",
                unit: " files")
            return SchoolValidation(
                store: store, id: schools[i], usesFastPath: fast, progress: counter, buffers: buffers
            ).run()
        }
        progress?.finish()
        var next = 0
        for entry in list {
            switch entry {
            case .problem(let p):
                report.problems.append(p)
            case .school:
                let school = outcomes[next]
                next += 1
                report.problems.append(contentsOf: school.problems)
                report.warnings.append(contentsOf: school.warnings)
                report.schools += 1
                report.students += school.students
                report.contacts += school.contacts
                report.messages += school.messages
                report.attendanceMarks += school.marks
                report.files += school.files
            }
        }
        if report.schools == 0 && report.problems.isEmpty {
            report.problems.append(StoreProblem(file: StoreLayout.schoolsDirectory, message: "no schools"))
        }
        return report
    }
}

extension StoreValidator {
    /// Validates unless the store's data files are exactly as they were at
    /// the last successful validation (same paths, sizes and modification
    /// times to the nanosecond), which is remembered in `.index/validated`.
    /// A copy made with `cp -a` keeps it.
    /// What parents' apps write (inbox, receipts, registrations, login
    /// attempts) is left out of that comparison: the app writes them itself,
    /// record by record.
    public func validateUsingCache(progress: ProgressReporter? = nil) -> Report {
        let marker = "\(root)/\(StoreLayout.indexDirectory)/validated"
        let fingerprint = dataFingerprint()
        if let saved = try? StoreLayout(root: root).read("\(StoreLayout.indexDirectory)/validated"),
            saved == Array(fingerprint.utf8)
        {
            return Report(problems: [])
        }
        let report = validate(progress: progress)
        if report.isValid && RawFile.isWritableDirectory(root) {
            FileStore.saveQuietly(Array(fingerprint.utf8), to: marker, under: root)
        }
        return report
    }

    /// A digest of every data file's path and stamp. Symbolic links are
    /// noted but never followed into directories (a link to `/` or to its
    /// own parent must not make this walk the disk or loop).
    func dataFingerprint() -> String {
        var lines: [String] = []
        let layout = StoreLayout(root: root)
        func walk(_ relative: String) {
            for name in (try? layout.list(relative)) ?? [] where !name.hasPrefix(".") {
                let path = relative.isEmpty ? name : "\(relative)/\(name)"
                if ["inbox", "receipts", "registrations", "acknowledgements"].contains(name)
                    && relative.hasPrefix("schools/")
                {
                    continue
                }
                // written at every login: only what it is counts (a folder, or a file in its place)
                if relative.isEmpty && name == StoreLayout.loginAttemptsDirectory {
                    var st = stat()
                    lines.append("\(name) \(stat(layout.resolved(path), &st) == 0 ? st.st_mode & S_IFMT : 0)")
                    continue
                }
                let full = layout.resolved(path)
                var link = stat()
                guard lstat(full, &link) == 0 else { continue }
                let kind = link.st_mode & S_IFMT
                if kind == S_IFDIR {
                    walk(path)
                } else if kind == S_IFLNK {
                    let target = FileStamp.of(full)
                    lines.append(
                        "\(path) -> \(FileStamp(link)) \(target.map { "\($0.size) \($0.modifiedNanoseconds)" } ?? "-")")
                } else if let s = FileStamp.of(full) {
                    lines.append("\(path) \(s.size) \(s.modifiedNanoseconds)")
                } else {
                    lines.append("\(path) \(kind)")
                }
            }
        }
        walk("")
        return "v1 " + StableHash.hex(StableHash.fnv1a64(lines.joined(separator: "\n")))
    }
}
