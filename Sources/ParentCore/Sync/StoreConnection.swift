import Foundation
import SchoolStore

/// The school data store as the parent side reaches it: opened when first
/// needed (a login, a sync, a registration), and tried again at the next
/// need when it could not be opened, so a parent whose store is away still
/// opens the app on the local model. Reads go to the opened ``FileStore``;
/// while the store cannot be opened they fail with the reason, naming the
/// file.
///
/// Thread-safe.
public final class StoreConnection: SchoolDataSource, Sendable {
    /// The store's root directory.
    public let root: String
    /// Where the store's paths are read from (an overlay reads through).
    let layout: StoreLayout
    /// The opened store, with `store.json` as it was when it was opened: a
    /// change is read again (an edit that breaks it makes the store invalid
    /// while the app runs, as at start).
    private let opened: Locked<(store: FileStore, stamp: FileStamp?)?>

    /// A store that is opened when first needed.
    public init(root: String) {
        layout = StoreLayout(root: root)
        self.root = layout.root
        opened = Locked(nil)
    }

    /// A store already opened (tests, benchmarks).
    public init(store: FileStore) {
        layout = store.layout
        root = store.layout.root
        opened = Locked((store, store.layout.stamp(StoreLayout.storeFile)))
    }

    /// The store, opened now if it is not yet.
    public func open() throws(StoreUnavailable) -> FileStore {
        if let store = opened.withLock({ $0?.store }) { return store }
        guard RawFile.isDirectory(root) else { throw StoreUnavailable.missing(root: root) }
        do throws(StoreProblems) {
            let stamp = layout.stamp(StoreLayout.storeFile)
            let store = try FileStore(root: root)
            return opened.withLock { current in
                if let current { return current.store }
                current = (store, stamp)
                return store
            }
        } catch {
            throw StoreUnavailable.from(error, root: root)
        }
    }

    /// Why the store cannot be used now (nil: it can). An opened store stays
    /// usable while its `store.json` is there unchanged; a changed one is
    /// read again, and the store is invalid while it cannot be.
    public func unavailability() -> StoreUnavailable? {
        if let openedStamp = opened.withLock({ $0.map { $0.stamp } }) {
            let stamp = layout.stamp(StoreLayout.storeFile)
            if let stamp, stamp != openedStamp {
                // Opened again on the next need (a sync, a send).
                opened.withLock { $0 = nil }
                do { _ = try open() } catch { return error }
                return nil
            }
            guard stamp != nil else {
                return RawFile.isDirectory(root)
                    ? StoreUnavailable(
                        kind: .unreachable, root: root,
                        problems: [
                            StoreProblem(file: StoreLayout.storeFile, message: "missing: the store is no longer there")
                        ]) : .missing(root: root)
            }
            return nil
        }
        do { _ = try open() } catch { return error }
        return nil
    }

    private func store() throws(StoreProblems) -> FileStore {
        do { return try open() } catch { throw StoreProblems(error.problems) }
    }

    // MARK: - SchoolDataSource

    public func stamp(_ relative: String) -> FileStamp? { layout.stamp(relative) }
    public func resolved(_ relative: String) -> String { layout.resolved(relative) }
    public func school(_ id: String) throws(StoreProblems) -> School { try store().school(id) }
    public func contact(_ id: String, school: String) throws(StoreProblems) -> Fetched<Contact>? {
        try store().contact(id, school: school)
    }
    public func student(_ id: String, school: String) throws(StoreProblems) -> Fetched<Student>? {
        try store().student(id, school: school)
    }
    public func attendance(student: String, school: String, year: AcademicYear) throws(StoreProblems) -> Fetched<
        StudentAttendance
    >? {
        try store().attendance(student: student, school: school, year: year)
    }
    public func timetable(student: String, school: String, year: AcademicYear) throws(StoreProblems) -> Fetched<
        StudentTimetable
    >? {
        try store().timetable(student: student, school: school, year: year)
    }
    public func behaviour(student: String, school: String, year: AcademicYear) throws(StoreProblems) -> Fetched<
        StudentEvents
    >? {
        try store().behaviour(student: student, school: school, year: year)
    }
    public func achievements(student: String, school: String, year: AcademicYear) throws(StoreProblems) -> Fetched<
        StudentEvents
    >? {
        try store().achievements(student: student, school: school, year: year)
    }
    public func assessments(student: String, school: String, year: AcademicYear) throws(StoreProblems) -> Fetched<
        StudentAssessments
    >? {
        try store().assessments(student: student, school: school, year: year)
    }
    public func calendar(school: String, year: AcademicYear) throws(StoreProblems) -> Fetched<[CalendarEvent]> {
        try store().calendar(school: school, year: year)
    }
    public func messages(school: String, year: AcademicYear, scope: MessageScope) throws(StoreProblems) -> Fetched<
        [SchoolMessage]
    > {
        try store().messages(school: school, year: year, scope: scope)
    }
    public func listedMessageYears(school: String) throws(StoreProblems) -> [AcademicYear] {
        try store().listedMessageYears(school: school)
    }
    public func schoolIDs() -> [String] { (try? open())?.schoolIDs() ?? [] }
    public func contacts(school: String) throws(StoreProblems) -> [Contact] { try store().allContacts(school: school) }
    public func students(school: String) throws(StoreProblems) -> [Student] { try store().allStudents(school: school) }
    public func recordFileProblems(school: String, kind: StoreLayout.YearlyKind, year: AcademicYear)
        -> [StoreProblem]
    {
        do throws(StoreProblems) {
            return try store().recordFileProblems(school: school, kind: kind, year: year)
        } catch {
            return error.problems
        }
    }
    public func loginLookup(email: String?, phone: String?) -> FileStore.LoginLookup {
        do throws(StoreProblems) {
            return try store().loginLookup(email: email, phone: phone)
        } catch {
            return FileStore.LoginLookup(hits: [], problems: error.problems)
        }
    }
}
