import Foundation
import Glibc
import SchoolStore

/// What the sync engine reads from the school data store. ``FileStore``
/// is the real one; tests wrap it to count or fail reads, and a network
/// source could stand in one day.
///
/// Reads are per record or per message scope, so a sync costs the
/// parent's data, not the school's; ``stamp(_:)`` is the cheap change
/// check that lets an unchanged resource be skipped without reading it.
public protocol SchoolDataSource: Sendable {
    /// The store's root directory (where parents' write-backs go).
    var root: String { get }
    /// The stamp of a store file (relative path), nil when it is missing.
    func stamp(_ relative: String) -> FileStamp?
    /// Where a store path (relative) is read from: under `root`, or in the
    /// store below when `root` is an overlay (see ``StoreOverlay``).
    func resolved(_ relative: String) -> String
    func school(_ id: String) throws(StoreProblems) -> School
    func contact(_ id: String, school: String) throws(StoreProblems) -> Fetched<Contact>?
    func student(_ id: String, school: String) throws(StoreProblems) -> Fetched<Student>?
    func attendance(student: String, school: String, year: AcademicYear) throws(StoreProblems) -> Fetched<
        StudentAttendance
    >?
    func timetable(student: String, school: String, year: AcademicYear) throws(StoreProblems) -> Fetched<
        StudentTimetable
    >?
    func behaviour(student: String, school: String, year: AcademicYear) throws(StoreProblems) -> Fetched<StudentEvents>?
    func achievements(student: String, school: String, year: AcademicYear) throws(StoreProblems) -> Fetched<
        StudentEvents
    >?
    func assessments(student: String, school: String, year: AcademicYear) throws(StoreProblems) -> Fetched<
        StudentAssessments
    >?
    func calendar(school: String, year: AcademicYear) throws(StoreProblems) -> Fetched<[CalendarEvent]>
    func messages(school: String, year: AcademicYear, scope: MessageScope) throws(StoreProblems) -> Fetched<
        [SchoolMessage]
    >
    /// The academic years with a message directory (one directory listing);
    /// a listing that fails is a problem, never "no years".
    func listedMessageYears(school: String) throws(StoreProblems) -> [AcademicYear]
    /// The ids of the store's schools (one directory listing).
    func schoolIDs() -> [String]
    /// How many contact records a school's file holds (read only when a
    /// session's record has gone: a file emptied by a fault is told apart
    /// from one record deleted by the school).
    func contactCount(school: String) throws(StoreProblems) -> Int
    /// The login lookup (``FileStore/loginLookup(email:phone:)``): every
    /// contact at every school holding the email or the number, going on
    /// past a school that cannot be read. A sync's identity re-check makes
    /// at most one.
    func loginLookup(email: String?, phone: String?) -> FileStore.LoginLookup
    /// Why the store cannot be used now, or nil when it can: checked at the
    /// start of every sync. By default: unreachable when `store.json` is not
    /// there.
    func unavailability() -> StoreUnavailable?
    /// One year's per-student file checked by validate's rules
    /// (``FileStore/recordFileProblems(school:kind:year:)``): read only when
    /// a child's record shown before is no longer in it.
    func recordFileProblems(school: String, kind: StoreLayout.YearlyKind, year: AcademicYear) -> [StoreProblem]
    /// Every contact record of a school: read only when none of a session's
    /// records holds the parent's details any more, to find one the school
    /// renumbered (the session keeps digests, not the details to look up).
    func contacts(school: String) throws(StoreProblems) -> [Contact]
    /// Every student record of a school, decoded by validate's rules: read
    /// only when a linked student is not found, to name what is wrong with
    /// the file (a record whose id is a number is not "unknown student").
    func students(school: String) throws(StoreProblems) -> [Student]
}

extension SchoolDataSource {
    public func resolved(_ relative: String) -> String { Paths.join(root, relative) }

    /// By default, through a ``FileStore`` opened on `root`.
    public func schoolIDs() -> [String] { (try? FileStore(root: root))?.schoolIDs() ?? [] }

    /// By default, through a ``FileStore`` opened on `root`.
    public func contacts(school: String) throws(StoreProblems) -> [Contact] {
        let store: FileStore
        do { store = try FileStore(root: root) } catch { throw StoreProblems(error.problems) }
        return try store.allContacts(school: school)
    }

    /// By default, through a ``FileStore`` opened on `root`.
    public func students(school: String) throws(StoreProblems) -> [Student] {
        let store: FileStore
        do { store = try FileStore(root: root) } catch { throw StoreProblems(error.problems) }
        return try store.allStudents(school: school)
    }

    /// By default, through a ``FileStore`` opened on `root`.
    public func recordFileProblems(school: String, kind: StoreLayout.YearlyKind, year: AcademicYear)
        -> [StoreProblem]
    {
        do { return try FileStore(root: root).recordFileProblems(school: school, kind: kind, year: year) } catch {
            return error.problems
        }
    }

    /// By default, through a ``FileStore`` opened on `root`.
    public func contactCount(school: String) throws(StoreProblems) -> Int {
        try FileStore(root: root).allContacts(school: school).count
    }

    /// By default, through a ``FileStore`` opened on `root`.
    public func loginLookup(email: String?, phone: String?) -> FileStore.LoginLookup {
        do throws(StoreProblems) {
            return try FileStore(root: root).loginLookup(email: email, phone: phone)
        } catch {
            return FileStore.LoginLookup(hits: [], problems: error.problems)
        }
    }

    public func unavailability() -> StoreUnavailable? {
        guard stamp(StoreLayout.storeFile) == nil else { return nil }
        return StoreUnavailable(
            kind: .unreachable, root: root,
            problems: [StoreProblem(file: StoreLayout.storeFile, message: "missing: the store is not there")])
    }

    /// What is at a store path (relative), following symbolic links: told
    /// apart so that a file replaced by a directory reads as unreadable, not
    /// as data removed.
    /// Nothing at a path is `missing` only when the folder it would be in
    /// is a folder that can be read (or is itself missing): a folder
    /// replaced by a file, or one without permission, hides what is under
    /// it, and that is `blocked` (naming the folder), never "removed".
    func entry(_ relative: String) -> StoreEntry {
        var st = stat()
        let path = resolved(relative)
        guard stat(path, &st) == 0 else {
            let error = errno
            // What stat said, if the folder above is a readable folder.
            // In words, as validate says it ("Too many levels of symbolic
            // links" was strerror's own capitals).
            let said = String(cString: strerror(error))
            let words = said.prefix(1).lowercased() + said.dropFirst() + (error == ELOOP ? " (a link loop)" : "")
            let here: StoreEntry =
                error == ENOENT ? .missing : .blocked(path: relative, reason: "unreadable: \(words)")
            let parent = Paths.parent(of: relative)
            guard parent != ".", parent != "/", parent != relative else { return here }
            switch entry(parent) {
            case .directory: return here
            case .missing: return .missing
            case .blocked(let p, let r): return .blocked(path: p, reason: r)
            case .file, .other:
                // What it is, as validate says it (a FIFO was "a regular file").
                var up = stat()
                let kind = stat(resolved(parent), &up) == 0 ? RawFile.kindName(up.st_mode) : "a regular file"
                return .blocked(path: parent, reason: "is \(kind), not a folder: refused")
            }
        }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR:
            // A folder that cannot be listed or searched (chmod 000) hides its files.
            return access(path, R_OK | X_OK) == 0
                ? .directory : .blocked(path: relative, reason: "unreadable: permission denied")
        default: return .other(kind: RawFile.kindName(st.st_mode))
        }
    }
}

extension FileStore: SchoolDataSource {
    public var root: String { layout.root }
    public func resolved(_ relative: String) -> String { layout.resolved(relative) }
    public func contactCount(school: String) throws(StoreProblems) -> Int { try allContacts(school: school).count }
}
